"""Admin list filters shared by the partners and agreements apps."""

from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from partners.models import Region, RegionKind


class ProvinceFilter(admin.SimpleListFilter):
    """Filter rows by province; a province also matches the regencies/cities in it.

    Subclasses set ``region_path``, the lookup path from the listed model to its Region.
    """

    title = _("province")
    parameter_name = "province"
    region_path = "region"

    def lookups(self, request, model_admin):
        return Region.objects.filter(kind=RegionKind.PROVINCE).values_list("code", "name")

    def queryset(self, request, queryset):
        code = self.value()
        if not code:
            return queryset
        return queryset.filter(
            Q(**{self.region_path: code}) | Q(**{f"{self.region_path}__parent": code})
        )
