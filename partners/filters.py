"""Filters for regions and institutions, shared by the API and the pages."""

import django_filters
from django import forms
from django.db.models import Q
from drf_spectacular.utils import extend_schema_field
from django.utils import timezone

from agreements.models import Agreement
from partners.models import Body, Category, Institution, Level, Region, RegionKind

# How many levels up the parent chain national MoU coverage is followed in list filters
# (ministry → vertical office → its local office).
COVERAGE_DEPTH = 3


BIGINT_MAX = 2**63 - 1


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": BIGINT_MAX})
class IdFilter(django_filters.NumberFilter):
    """A record id: a whole number that fits the database's 64-bit keys (else 400, not 500)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", BIGINT_MAX)
        super().__init__(*args, **kwargs)


def search_names(queryset, value, *fields):
    """Rows where every word of ``value`` appears in one of ``fields`` (case-insensitive)."""
    for word in value.split():
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(condition)
    return queryset


class RegionFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=RegionKind.choices)
    parent = django_filters.CharFilter(field_name="parent_id")
    q = django_filters.CharFilter(method="search", label="Search by name or code")

    class Meta:
        model = Region
        fields = ["kind", "parent", "q"]

    def search(self, queryset, name, value):
        return search_names(queryset, value, "name", "code")


class InstitutionFilter(django_filters.FilterSet):
    category = django_filters.ChoiceFilter(choices=Category.choices)
    body = django_filters.ChoiceFilter(choices=Body.choices)
    level = django_filters.ChoiceFilter(choices=Level.choices)
    region = django_filters.CharFilter(
        method="in_region", label="Region code; a province code also matches its regencies/cities"
    )
    parent = IdFilter(field_name="parent_id")
    q = django_filters.CharFilter(method="search", label="Search by name or short name")
    national_mou = django_filters.ChoiceFilter(
        choices=Body.choices,
        method="holding_national_mou",
        label="Partners covered today by a national MoU of this body (directly or via a parent)",
    )

    class Meta:
        model = Institution
        fields = ["category", "body", "level", "region", "parent", "q", "national_mou"]

    def in_region(self, queryset, name, value):
        return queryset.filter(Q(region_id=value) | Q(region__parent_id=value))

    def search(self, queryset, name, value):
        return search_names(queryset, value, "name", "short_name")

    def holding_national_mou(self, queryset, name, value):
        mous = Agreement.objects.mous().national(value).in_force_on(timezone.localdate())
        partner_ids = mous.values("parties__institution")
        covered = Q()
        for depth in range(COVERAGE_DEPTH + 1):
            covered |= Q(**{"__".join(["parent"] * depth + ["id__in"]): partner_ids})
        return queryset.filter(covered)
