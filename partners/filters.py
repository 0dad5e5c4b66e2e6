"""Filters for regions and institutions, shared by the API and the pages."""

import django_filters

from kemitraan.filters import IdFilter, search_names
from partners.models import Body, Category, Institution, Level, Region, RegionKind, in_province

NAME_FIELDS = ("name", "short_name")


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

    class Meta:
        model = Institution
        fields = ["category", "body", "level", "region", "parent", "q"]

    def in_region(self, queryset, name, value):
        return queryset.filter(in_province(value))

    def search(self, queryset, name, value):
        return institutions_named(queryset, value)


def institutions_named(queryset, value):
    """Institutions whose name or short name holds every word of ``value`` or (PostgreSQL) a
    word close to it: a typo in a name still finds the institution."""
    return search_names(queryset, value, *NAME_FIELDS, typos=True)
