"""What the MoU and PKS menus share: the partner inline and ``AgreementAdminBase`` (scoping, the
rules through the form, saving through ``agreements.services``, the history, the list columns).
"""

from django.contrib import admin, messages
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from agreements import access, services
from agreements.admin.exports import ReportExportMixin
from agreements.admin.filters import BodyFilter, InForceFilter, LevelFilter, OwnerProvinceFilter
from agreements.admin.forms import (
    AgreementAdminForm,
    PartnerRowsFormSet,
    note_party_changes,
    submitted_parties,
)
from agreements.models import Agreement, Party, Status
from kemitraan.admin_forms import stale_message
from kemitraan.admin_history import ReadableHistoryMixin
from kemitraan.admin_mixins import ScopedHistoryMixin, StaffAccessMixin
from kemitraan.dates import long_date
from kemitraan.versioning import StaleVersion
from kemitraan.widgets import ADMIN_DATE_FIELDS


def shortened(text, length):
    """A long title cut to ``length`` characters for a narrow column, whole in the tooltip."""
    if len(text) <= length:
        return text
    return format_html('<span title="{}">{}…</span>', text, text[:length].rsplit(" ", 1)[0])


class PartyInline(admin.TabularInline):
    model = Party
    formset = PartnerRowsFormSet
    fields = ["institution", "number", "signatory_name", "signatory_title"]
    autocomplete_fields = ["institution"]
    extra = 1
    verbose_name = _("partner (second party, third party, …)")
    verbose_name_plural = _("partners")

    # Parties are part of their agreement: whoever may change the agreement may change them.
    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser or access.profile_of(request.user) is not None

    def has_add_permission(self, request, obj=None):
        return access.can_write(request.user) if obj is None else access.can_edit(request.user, obj)

    has_change_permission = has_delete_permission = has_add_permission


class AgreementAdminBase(
    ReportExportMixin,
    ScopedHistoryMixin,
    ReadableHistoryMixin,
    StaffAccessMixin,
    SimpleHistoryAdmin,
):
    """What MoU and PKS menus share: scoping, rule validation, lists and filters."""

    kind = None
    form = AgreementAdminForm
    inlines = [PartyInline]
    list_display = [
        "document_number",
        "agreement_title",
        "owner_name",
        "partner_names",
        "period",
        "standing",
    ]
    list_display_links = ["agreement_title"]
    # Body, level and province only where the user reaches more than one (the filters say).
    list_filter = [BodyFilter, LevelFilter, OwnerProvinceFilter, "status", InForceFilter]
    search_fields = [
        "title",
        "owner_number",
        "owner__name",
        "parties__number",
        "parties__institution__name",
        "parties__institution__short_name",
    ]
    date_hierarchy = "signed_on"
    autocomplete_fields = ["owner", "parent", "renewal_of"]
    readonly_fields = ["approved_by", "signed_scan_link", "uuid"]
    list_per_page = 50
    formfield_overrides = ADMIN_DATE_FIELDS

    object_history_list_template = "admin/agreements/history_list.html"

    def get_queryset(self, request):
        queryset = (
            Agreement.objects.filter(kind=self.kind)
            .select_related("owner")
            .prefetch_related(Prefetch("parties", Party.objects.select_related("institution")))
        )
        return access.visible_agreements(request.user, queryset)

    def history_view(self, request, object_id, extra_context=None):
        """The agreement's history, with the changes to its partner parties below it."""
        agreement = self.readable_or_404(request, object_id)
        party_records = (
            Party.history.filter(agreement_id=agreement.pk)
            .select_related("history_user", "institution")
            .order_by("-history_date")
        )
        title = _("History of changes: %(title)s") % {"title": agreement}
        extra_context = {**(extra_context or {}), "party_records": party_records, "title": title}
        return super().history_view(request, object_id, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"agreement_kind": self.kind})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "owner":
            kwargs["queryset"] = access.owner_units(request.user)
        elif db_field.name == "parent":
            kwargs["queryset"] = Agreement.objects.mous()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        profile = access.profile_of(request.user)
        if profile is not None:
            initial.setdefault("owner", profile.unit_id)
        return initial

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None:
            return fieldsets
        # A new agreement has no identifier, scan fingerprint or derived PKS to show yet.
        unsaved = {"uuid", "signed_scan_link", "derived_pks", "approved_by"}
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in unsaved]})
            for name, options in fieldsets
            if any(f not in unsaved for f in options["fields"])
        ]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not access.can_approve(request.user, obj):
            fields += Agreement.APPROVAL_FIELDS
        return fields

    def has_add_permission(self, request):
        return access.can_write(request.user)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return access.can_write(request.user)
        return access.can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        # Agreements are ended, not erased: only a draft that was never signed may be deleted.
        if obj is None:
            return access.can_write(request.user)
        return (
            obj.status == Status.DRAFT
            and not obj.ever_signed
            and access.can_edit(request.user, obj)
        )

    def delete_model(self, request, obj):
        services.delete_agreement(obj, request.user)

    def delete_queryset(self, request, queryset):
        for agreement in queryset:
            services.delete_agreement(agreement, request.user)

    def save_model(self, request, obj, form, change):
        """Saved with its parties and scopes in ``save_related``, through the service."""
        obj.kind = self.kind

    def save_related(self, request, form, formsets, change):
        """Save the agreement, its partner rows and scope areas through the one write path
        (the API's), which numbers the parties in the order of the rows."""
        parties_formset = next(f for f in formsets if f.model is Party)
        scope_codes = [scope.code for scope in form.cleaned_data.get("scopes") or []]
        services.save_agreement(
            form.instance,
            submitted_parties(parties_formset),
            scope_codes,
            user=request.user,
            expected_version=form.cleaned_data.get("loaded_version"),
        )
        note_party_changes(parties_formset)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleVersion as stale:
            # Saved by someone else between the form's check and the save: nothing was saved.
            self.message_user(request, stale_message(stale.current, None), messages.ERROR)
            return HttpResponseRedirect(request.path)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # "Cetak dokumen (PDF)" among the object tools (change_form_object_tools.html).
        if str(object_id).isdigit():
            document_url = reverse("agreements:document", args=[object_id])
            extra_context = {**(extra_context or {}), "document_url": document_url}
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("number"), ordering="owner_number")
    def document_number(self, agreement):
        """The first party's number, with line breaks allowed after its slashes."""
        return format_html_join(
            mark_safe("/<wbr>"), "{}", ((part,) for part in agreement.owner_number.split("/"))
        )

    @admin.display(description=_("title"), ordering="title")
    def agreement_title(self, agreement):
        return agreement.title

    @admin.display(description=_("first party"), ordering="owner__name")
    def owner_name(self, agreement):
        return agreement.owner.short_name or agreement.owner.name

    @admin.display(description=_("valid"), ordering="effective_until")
    def period(self, agreement):
        """ "14 Juni 2024 – 13 Juni 2029" on two lines (one date column instead of two); the end
        as extended by the addenda."""
        if agreement.valid_from is None and agreement.effective_until is None:
            return "—"
        return format_html(
            "{} –<br>{}",
            long_date(agreement.valid_from, blank="…"),
            long_date(agreement.effective_until, blank="…"),
        )

    @admin.display(description=_("partners"))
    def partner_names(self, agreement):
        return ", ".join(str(party.institution) for party in agreement.parties.all())

    @admin.display(description=_("status"), ordering="status")
    def standing(self, agreement):
        """The status, and whether the agreement is in force today (one column)."""
        in_force = _("in force today") if agreement.in_force else _("not in force today")
        return format_html(
            '{}<br><span class="in-force in-force--{}">{}</span>',
            agreement.get_status_display(),
            "yes" if agreement.in_force else "no",
            in_force,
        )

    @admin.display(description=_("signed scan"))
    def signed_scan_link(self, agreement):
        if agreement.pk is None or not agreement.signed_scan_sha256:
            return "—"
        url = reverse("agreements:signed-scan", args=[agreement.pk])
        return format_html(
            '<a href="{}">{}</a><br><small>SHA-256: <code>{}</code></small>',
            url,
            _("Download the signed scan (PDF)"),
            agreement.signed_scan_sha256,
        )
