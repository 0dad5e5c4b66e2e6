"""Admin list filters shared by the partners and agreements apps."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from partners.models import Region, RegionKind, in_province


class ProvinceFilter(admin.SimpleListFilter):
    """Filter rows by province; a province also matches the regencies/cities in it.

    Subclasses set ``region_path``, the lookup path from the listed model to its Region. The
    38 provinces are folded away (``admin/filter_folded.html``) until the clerk opens them,
    so that the filters below stay in sight.
    """

    title = _("province")
    parameter_name = "province"
    region_path = "region"
    template = "admin/filter_folded.html"

    def lookups(self, request, model_admin):
        return Region.objects.filter(kind=RegionKind.PROVINCE).values_list("code", "name")

    def queryset(self, request, queryset):
        code = self.value()
        return queryset.filter(in_province(code, self.region_path)) if code else queryset
