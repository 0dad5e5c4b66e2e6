"""Admin for regions, institutions and staff profiles."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from kemitraan.admin_filters import ProvinceFilter
from kemitraan.admin_mixins import ReadOnlyAdminMixin, StaffAccessMixin
from partners import access
from partners.models import Institution, Region, StaffProfile


@admin.register(Region)
class RegionAdmin(ReadOnlyAdminMixin, StaffAccessMixin, admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    ordering = ["code"]


@admin.register(Institution)
class InstitutionAdmin(StaffAccessMixin, SimpleHistoryAdmin):
    list_display = ["name", "category", "level", "region", "parent"]
    list_filter = ["category", "body", "level", ProvinceFilter]
    search_fields = ["name", "short_name"]
    autocomplete_fields = ["region", "parent"]
    list_select_related = ["region", "parent"]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "category", "parent", "region"]}),
        (_("Election unit"), {"fields": ["body", "level"]}),
        (_("University accreditation (BAN-PT)"),
         {"fields": ["accreditation", "accreditation_valid_until"]}),
    ]

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        # The owner autocomplete of an agreement offers only the units the user may enter for.
        if request.GET.get("field_name") == "owner" and request.GET.get("app_label") == "agreements":
            queryset = queryset & access.owner_units(request.user)
        return queryset, may_have_duplicates

    def has_add_permission(self, request):
        return access.can_write(request.user)

    def has_change_permission(self, request, obj=None):
        # Election units are reference data: only superusers change them.
        if obj is not None and obj.is_election_unit:
            return request.user.is_superuser
        return access.can_write(request.user)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class StaffProfileInline(admin.StackedInline):
    model = StaffProfile
    can_delete = False
    autocomplete_fields = ["unit"]
    verbose_name_plural = _("election unit and role")


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class StaffUserAdmin(UserAdmin):
    """Users, with the election unit and role they work in."""

    inlines = [StaffProfileInline]
    list_display = ["username", "first_name", "last_name", "staff_unit", "staff_role", "is_active"]
    list_select_related = ["staff_profile__unit"]

    @admin.display(description=_("election unit"))
    def staff_unit(self, user):
        profile = access.profile_of(user)
        return profile.unit if profile else "—"

    @admin.display(description=_("role"))
    def staff_role(self, user):
        profile = access.profile_of(user)
        return profile.get_role_display() if profile else "—"
