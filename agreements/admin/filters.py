"""List filters of the MoU and PKS changelists.

Body, level and province are offered only where they can tell rows apart for the user: a
regional editor sees its own unit's agreements (and the units' under a province) and the
national MoUs, so a body or province filter would offer choices that all show the same rows.
"""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.access import is_national, profile_of
from agreements.models import Kind
from kemitraan.admin_filters import ProvinceFilter
from partners.models import Body, Level


class NationalOnlyFilter(admin.SimpleListFilter):
    """A filter shown only to national staff, who reach every unit."""

    def lookups(self, request, model_admin):
        return self.national_lookups() if is_national(request.user) else []


class OwnerProvinceFilter(NationalOnlyFilter, ProvinceFilter):
    region_path = "owner__region"

    def national_lookups(self):
        return ProvinceFilter.lookups(self, None, None)


class BodyFilter(NationalOnlyFilter):
    title = _("election body")
    parameter_name = "body"

    def national_lookups(self):
        return Body.choices

    def queryset(self, request, queryset):
        return queryset.filter(owner__body=self.value()) if self.value() else queryset


def reachable_levels(user, kind):
    """The levels of the first parties whose agreements of ``kind`` the user reads."""
    if is_national(user):
        return Level.values
    levels = {Level.NATIONAL} if kind == Kind.MOU else set()
    unit = profile_of(user).unit
    levels |= {Level.PROVINCE, Level.REGENCY} if unit.level == Level.PROVINCE else {unit.level}
    return [level for level in Level.values if level in levels]


class LevelFilter(admin.SimpleListFilter):
    title = _("level")
    parameter_name = "level"

    def lookups(self, request, model_admin):
        levels = reachable_levels(request.user, model_admin.kind)
        # One level is no choice.
        return [(level, Level(level).label) for level in levels] if len(levels) > 1 else []

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
