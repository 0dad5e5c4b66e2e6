"""Filter pieces shared by the FilterSets of every app."""

import django_filters
from django import forms
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


def search_names(queryset, value, *fields, typos=False):
    """Rows where every word of ``value`` appears in one of ``fields`` (case-insensitive); with
    ``typos``, also rows close to ``value`` on PostgreSQL (``kemitraan.search``)."""
    return search_words(queryset, value, fields, typos=typos)
