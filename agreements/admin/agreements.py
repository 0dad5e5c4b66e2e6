"""The MoU and PKS menus (one table, two ModelAdmins), the autocomplete helper and the scope
areas. Agreements are saved with their parties through ``agreements.services``."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from agreements import access, services
from agreements.admin.approval import RefusalMixin
from agreements.admin.base import AgreementAdminBase, shortened
from agreements.admin.fieldsets import (
    APPROVAL_FIELDS,
    APPROVAL_FIELDSET,
    APPROVAL_OF_ANY_UNIT,
    DOCUMENT_FIELDSET,
    SIGNING_FIELDSET,
    TERMINATION_FIELDSET,
    fields_of,
    owner_fieldset,
)
from agreements.admin.followup import FollowupAdminMixin
from agreements.models import SIGNED_STATUSES, Agreement, Kind, Mou, Pks, ScopeArea, Status
from kemitraan.admin_mixins import ReadOnlyAdminMixin, StaffAccessMixin
from partners.models import Level


@admin.register(Mou)
class MouAdmin(FollowupAdminMixin, RefusalMixin, AgreementAdminBase):
    kind = Kind.MOU
    readonly_fields = AgreementAdminBase.readonly_fields + ["derived_pks"]
    fieldsets = [
        owner_fieldset(),
        (_("Scope"), {"fields": ["scopes"]}),
        SIGNING_FIELDSET,
        APPROVAL_FIELDSET,
        TERMINATION_FIELDSET,
        DOCUMENT_FIELDSET,
        (_("PKS derived from this MoU"), {"fields": ["derived_pks"]}),
    ]

    def get_fieldsets(self, request, obj=None):
        """Only what applies to the MoU: the national approval to an MoU of a regional unit,
        the PKS under it to a national MoU. A new MoU of national staff may be for either."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None and access.is_national(request.user):
            return [
                (name, {**options, **APPROVAL_OF_ANY_UNIT})
                if fields_of((name, options)) & APPROVAL_FIELDS
                else (name, options)
                for name, options in fieldsets
            ]
        national = obj is not None and obj.owner.level == Level.NATIONAL
        not_applying = APPROVAL_FIELDS if national else {"derived_pks"}
        return [fieldset for fieldset in fieldsets if not fields_of(fieldset) & not_applying]

    @admin.display(description=_("PKS under this MoU"))
    def derived_pks(self, mou):
        if mou.pk is None:
            return "—"
        children = mou.children.select_related("owner").order_by("owner__name")
        if not children:
            return _("No PKS has been derived from this MoU yet.")
        affected = set(services.affected_by_termination(mou).values_list("pk", flat=True))
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a> — {} ({}){}</li>',
                (
                    (
                        reverse("admin:agreements_pks_change", args=[pks.pk]),
                        pks.title,
                        pks.owner,
                        pks.get_status_display(),
                        _(" — affected by the termination") if pks.pk in affected else "",
                    )
                    for pks in children
                ),
            ),
        )


@admin.register(Pks)
class PksAdmin(FollowupAdminMixin, AgreementAdminBase):
    kind = Kind.PKS
    list_display = [
        "document_number",
        "agreement_title",
        "owner_name",
        "partner_names",
        "parent_short",
        "period",
        "standing",
    ]
    fieldsets = [
        owner_fieldset(extra=["parent"]),
        (
            _("Scope"),
            {
                "fields": ["scopes"],
                "description": _("Only scope areas of the parent MoU may be chosen."),
            },
        ),
        SIGNING_FIELDSET,
        TERMINATION_FIELDSET,
        DOCUMENT_FIELDSET,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("parent")

    @admin.display(description=_("parent MoU"), ordering="parent__owner_number")
    def parent_short(self, pks):
        return format_html(
            '<span title="{}">{}</span>',
            pks.parent.title,
            pks.parent.owner_number or shortened(pks.parent.title, 40),
        )

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status":
            # Only a regional MoU waits for approval; a PKS goes from draft to signed.
            kwargs["choices"] = [
                choice
                for choice in db_field.get_choices(include_blank=False)
                if choice[0] not in (Status.AWAITING_APPROVAL, Status.APPROVED)
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyAdminMixin, StaffAccessMixin, admin.ModelAdmin):
    """Not in the menu: serves the autocomplete of the "parent" and "renewal of" fields."""

    search_fields = ["title", "owner_number", "parties__institution__name"]

    def get_queryset(self, request):
        return access.visible_agreements(request.user, super().get_queryset(request))

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.GET.get("field_name") == "parent":
            queryset = self.parent_candidates(request, queryset)
        return queryset, may_have_duplicates

    @staticmethod
    def parent_candidates(request, queryset):
        """A PKS derives from a signed national MoU; regional staff see their own body's."""
        candidates = queryset.mous().filter(owner__level=Level.NATIONAL, status__in=SIGNED_STATUSES)
        if access.is_national(request.user):
            return candidates
        return candidates.filter(owner__body=access.profile_of(request.user).unit.body)

    def get_model_perms(self, request):
        return {}


@admin.register(ScopeArea)
class ScopeAreaAdmin(StaffAccessMixin, admin.ModelAdmin):
    list_display = ["code", "name", "order"]

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return False
