"""List filters of the MoU and PKS changelists."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kemitraan.admin_filters import ProvinceFilter
from partners.models import Body, Level


class OwnerProvinceFilter(ProvinceFilter):
    region_path = "owner__region"


class BodyFilter(admin.SimpleListFilter):
    title = _("election body")
    parameter_name = "body"

    def lookups(self, request, model_admin):
        return Body.choices

    def queryset(self, request, queryset):
        return queryset.filter(owner__body=self.value()) if self.value() else queryset


class LevelFilter(admin.SimpleListFilter):
    title = _("level")
    parameter_name = "level"

    def lookups(self, request, model_admin):
        return Level.choices

    def queryset(self, request, queryset):
        return queryset.filter(owner__level=self.value()) if self.value() else queryset


class InForceFilter(admin.SimpleListFilter):
    title = _("in force")
    parameter_name = "in_force"

    def lookups(self, request, model_admin):
        return [
            ("today", _("in force today")),
            ("expiring", _("ending within 90 days")),
            ("no", _("not in force today")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "today":
            return queryset.in_force_on(today)
        if self.value() == "expiring":
            return queryset.expiring(today)
        if self.value() == "no":
            return queryset.exclude(pk__in=queryset.in_force_on(today).values("pk"))
        return queryset
