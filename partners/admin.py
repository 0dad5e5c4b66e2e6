"""Admin for regions, institutions and staff profiles."""

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from kemitraan.admin_filters import ProvinceFilter
from kemitraan.admin_forms import VERSION_FIELDS, VersionCheckedForm
from kemitraan.admin_history import ReadableHistoryMixin
from kemitraan.admin_mixins import ReadOnlyAdminMixin, ScopedHistoryMixin, StaffAccessMixin
from kemitraan.widgets import ADMIN_DATE_FIELDS
from partners import access, logos, services
from partners.models import Category, Institution, InstitutionContact, Region, StaffProfile


class InstitutionAdminForm(VersionCheckedForm):
    """Shows who may change what, and what a change would break elsewhere, as form errors."""

    user = None

    class Meta:
        model = Institution
        fields = [
            "name",
            "short_name",
            "category",
            "parent",
            "region",
            "body",
            "level",
            "accreditation",
            "accreditation_valid_until",
            *access.LETTERHEAD_FIELDS,
        ]
        widgets = {
            "letterhead_address": forms.Textarea(attrs={"rows": 3, "cols": 70}),
            "letterhead_logo": logos.LogoInput,
        }

    def _post_clean(self):
        super()._post_clean()
        if self.errors:
            return
        stored = Institution.objects.filter(pk=self.instance.pk).first()
        try:
            services.check_permission(self.user, self.instance, stored)
        except PermissionDenied as refused:
            self.add_error(None, ValidationError(str(refused), code="permission_denied"))
            return
        for field, errors in services.consequences(self.instance, stored).items():
            self.add_error(field if field in self.fields else None, errors)


class CategoryFilter(admin.SimpleListFilter):
    """The institution list shows the partners unless asked otherwise: the 1,106 election
    units are reference data, listed on their own (or with a body or level chosen)."""

    title = _("category")
    parameter_name = "category"
    ALL = "all"

    def __init__(self, request, params, model, model_admin):
        self.units_asked = any(name in params for name in ("body__exact", "level__exact"))
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        return [*Category.choices, (self.ALL, _("every institution"))]

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": _("partners (all but the election units)"),
        }
        for value, label in self.lookup_choices:
            yield {
                "selected": self.value() == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        if self.value() == self.ALL or (self.value() is None and self.units_asked):
            return queryset
        if self.value() is None:
            return queryset.partners()
        return queryset.filter(category=self.value())


@admin.register(Region)
class RegionAdmin(ReadOnlyAdminMixin, StaffAccessMixin, admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    ordering = ["code"]


class InstitutionContactInline(admin.TabularInline):
    """Contact persons, changed by whoever may change the institution (staff only)."""

    model = InstitutionContact
    fields = ["name", "position", "email", "telephone"]
    extra = 0

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser or access.profile_of(request.user) is not None

    def has_add_permission(self, request, obj=None):
        return (
            obj is not None
            and access.editable_institutions(request.user).filter(pk=obj.pk).exists()
        )

    has_change_permission = has_delete_permission = has_add_permission


@admin.register(Institution)
class InstitutionAdmin(
    ScopedHistoryMixin, ReadableHistoryMixin, StaffAccessMixin, SimpleHistoryAdmin
):
    form = InstitutionAdminForm
    object_history_list_template = "admin/history_records.html"
    inlines = [InstitutionContactInline]
    list_display = ["name", "category", "level", "region", "parent"]
    list_filter = [CategoryFilter, "body", "level", ProvinceFilter]
    search_fields = ["name", "short_name"]
    autocomplete_fields = ["region", "parent"]
    list_select_related = ["region", "parent"]
    formfield_overrides = ADMIN_DATE_FIELDS
    fieldsets = [
        (None, {"fields": ["name", "short_name", "category", "parent", "region", VERSION_FIELDS]}),
        (_("Election unit"), {"fields": ["body", "level"]}),
        (
            _("University accreditation (BAN-PT)"),
            {"fields": ["accreditation", "accreditation_valid_until"]},
        ),
    ]
    letterhead_fieldset = (
        _("Letterhead (kop surat) and head of the unit"),
        {
            "fields": list(access.LETTERHEAD_FIELDS),
            "description": _(
                "Printed on the unit's MoUs, PKS and reports: the logo and address at "
                "the top, the head under “Mengetahui”. Without them a document "
                "prints the unit's name as a plain heading."
            ),
        },
    )

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        # The owner autocomplete of an agreement offers only the units the user may enter for.
        if (
            request.GET.get("field_name") == "owner"
            and request.GET.get("app_label") == "agreements"
        ):
            queryset = queryset & access.owner_units(request.user)
        return queryset, may_have_duplicates

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        profile = access.profile_of(request.user)
        if profile is not None and profile.unit.region_id:
            initial.setdefault("region", profile.unit.region_id)
        return initial

    def get_fieldsets(self, request, obj=None):
        """An election unit shows its letterhead; a partner has none."""
        if obj is not None and obj.is_election_unit:
            return [*self.fieldsets[:2], self.letterhead_fieldset]
        return self.fieldsets

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.is_election_unit and not request.user.is_superuser:
            # Reference data, but for the letterhead its staff set.
            return [*fields, "name", "short_name", "category", "parent", "region", "body", "level"]
        if obj is not None and not access.may_change_protected_fields(request.user):
            fields += access.PROTECTED_INSTITUTION_FIELDS
        return fields

    def has_add_permission(self, request):
        return access.can_write(request.user)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return access.can_write(request.user)
        if obj.is_election_unit:
            return access.can_set_letterhead(request.user, obj)
        return access.editable_institutions(request.user).filter(pk=obj.pk).exists()

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def save_model(self, request, obj, form, change):
        services.save_institution(
            obj, request.user, expected_version=form.cleaned_data.get("loaded_version")
        )

    def save_formset(self, request, form, formset, change):
        contacts = formset.save(commit=False)
        for contact in formset.deleted_objects:
            services.delete_contact(contact, request.user)
        for contact in contacts:
            services.save_contact(contact, request.user)


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
