"""Filter pieces shared by the FilterSets of every app."""

import django_filters
from django import forms
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema_field

from kemitraan.search import search_words

BIGINT_MAX = 2**63 - 1


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": BIGINT_MAX})
class IdFilter(django_filters.NumberFilter):
    """A record id: a whole number that fits the database's 64-bit keys (else 400, not 500)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", BIGINT_MAX)
        super().__init__(*args, **kwargs)


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend for the API, which leaves the queryset as it is when no query
    parameter names a filter: a FilterSet given no values filters nothing, and building its
    form cost more than the queries of a page (an unfiltered page is the commonest request)."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None and not any(
            # A filter of several fields takes parameters named after it (name_min, …).
            parameter.startswith(name)
            for parameter in request.query_params
            for name in filterset_class.base_filters
        ):
            return queryset
        return super().filter_queryset(request, queryset, view)


def search_names(queryset, value, *fields, typos=False):
    """Rows where every word of ``value`` appears in one of ``fields`` (case-insensitive); with
    ``typos``, also rows close to ``value`` on PostgreSQL (``kemitraan.search``)."""
    return search_words(queryset, value, fields, typos=typos)
