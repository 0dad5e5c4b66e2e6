"""Admin for MoUs and PKS (two menus over one table), with partner parties inline."""

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from agreements import access, background, reports, services
from agreements.admin_forms import AgreementAdminForm
from agreements.models import SIGNED_STATUSES, Agreement, Kind, Mou, Party, Pks, ScopeArea, Status
from kemitraan.admin_filters import ProvinceFilter
from partners.admin import ReadOnlyAdminMixin, StaffAccessMixin
from partners.models import Body, Level

APPROVAL_FIELDS = ("approval_reference", "approved_on")
TITLE_LENGTH = 120
# The report formats the changelist's export buttons offer.
EXPORT_FORMATS = [("pdf", "PDF"), ("xlsx", "XLSX")]


def shortened(text, length=TITLE_LENGTH):
    """Long agreement titles cut to fit a list column, whole in the tooltip."""
    if len(text) <= length:
        return text
    return format_html('<span title="{}">{}…</span>', text, text[:length].rsplit(" ", 1)[0])


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


class PartyInline(admin.TabularInline):
    model = Party
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


class AgreementAdminBase(StaffAccessMixin, SimpleHistoryAdmin):
    """What MoU and PKS menus share: scoping, rule validation, lists and filters."""

    kind = None
    form = AgreementAdminForm
    inlines = [PartyInline]
    list_display = ["short_title", "owner_name", "partner_names", "signed_date", "end_date",
                    "status", "in_force_today"]
    list_filter = [BodyFilter, LevelFilter, OwnerProvinceFilter, "status", InForceFilter]
    search_fields = ["title", "owner_number", "owner__name", "parties__number",
                     "parties__institution__name", "parties__institution__short_name"]
    date_hierarchy = "signed_on"
    autocomplete_fields = ["owner", "parent", "renewal_of"]
    readonly_fields = ["approved_by", "signed_scan_link", "uuid"]
    list_per_page = 50

    object_history_list_template = "admin/agreements/history_list.html"
    actions = ["export_pdf_report", "export_xlsx_report"]

    def get_queryset(self, request):
        queryset = Agreement.objects.filter(kind=self.kind).select_related("owner").prefetch_related(
            Prefetch("parties", Party.objects.select_related("institution"))
        )
        return access.visible_agreements(request.user, queryset)

    def history_view(self, request, object_id, extra_context=None):
        """The agreement's history, with the changes to its partner parties below it."""
        party_records = Party.history.filter(agreement_id=object_id).select_related(
            "history_user", "institution"
        ).order_by("-history_date")
        agreement = self.get_object(request, object_id)
        extra_context = {
            **(extra_context or {}),
            "party_records": party_records,
            "title": _("History of changes: %(title)s") % {"title": agreement} if agreement else None,
        }
        return super().history_view(request, object_id, extra_context)

    def get_historical_record_context_helper(self, request, historical_record):
        # Titles and scope lists are long; the history shows them whole.
        return HistoricalRecordContextHelper(
            self.model, historical_record, max_displayed_delta_change_chars=1000
        )

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
        return [(name, {**options, "fields": [f for f in options["fields"] if f not in unsaved]})
                for name, options in fieldsets
                if any(f not in unsaved for f in options["fields"])]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not access.can_approve(request.user, obj):
            fields += APPROVAL_FIELDS
        return fields

    def has_add_permission(self, request):
        return access.can_write(request.user)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return access.can_write(request.user)
        return access.can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        # Agreements are ended, not erased: only an unsigned draft may be deleted.
        if obj is None:
            return access.can_write(request.user)
        return obj.status == "draft" and access.can_edit(request.user, obj)

    def save_model(self, request, obj, form, change):
        obj.kind = self.kind
        if any(field in form.changed_data for field in APPROVAL_FIELDS):
            obj.approved_by = request.user
        super().save_model(request, obj, form, change)

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_report"
        export = path("report/<str:file_format>/",
                      self.admin_site.admin_view(self.export_changelist), name=name)
        return [export, *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "report_formats": EXPORT_FORMATS}
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # "Cetak dokumen (PDF)" among the object tools (change_form_object_tools.html).
        document_url = reverse("agreements:document", args=[object_id])
        extra_context = {**(extra_context or {}), "document_url": document_url}
        return super().change_view(request, object_id, form_url, extra_context)

    def export_changelist(self, request, file_format):
        """The signed-agreement report of the changelist as filtered and searched right now."""
        if file_format not in dict(EXPORT_FORMATS):
            raise Http404("Unknown report format")
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return HttpResponseRedirect(reverse(f"admin:{self.opts.app_label}_"
                                                f"{self.opts.model_name}_changelist") + "?e=1")
        filters = [(capfirst(_("kind")), str(Kind(self.kind).label)),
                   *changelist_filters(changelist)]
        report = reports.report_from_queryset(changelist.get_queryset(request), filters)
        return report_or_job(request, report, file_format)

    def export_selection(self, request, queryset, file_format):
        """The signed-agreement report of the selected agreements (drafts are left out)."""
        unsigned = queryset.exclude(status__in=SIGNED_STATUSES).count()
        if unsigned:
            self.message_user(request, ngettext(
                "%(count)d selected agreement is not signed and was left out of the report.",
                "%(count)d selected agreements are not signed and were left out of the report.",
                unsigned) % {"count": unsigned}, messages.WARNING)
        count = queryset.count()
        selected = ngettext("%(count)d agreement", "%(count)d agreements", count) % {"count": count}
        filters = [(capfirst(_("selected")), selected)]
        return report_or_job(request, reports.report_from_queryset(queryset, filters), file_format)

    @admin.action(description=_("Export the selected agreements as a PDF report"))
    def export_pdf_report(self, request, queryset):
        return self.export_selection(request, queryset, "pdf")

    @admin.action(description=_("Export the selected agreements as an XLSX report"))
    def export_xlsx_report(self, request, queryset):
        return self.export_selection(request, queryset, "xlsx")

    @admin.display(description=_("title"), ordering="title")
    def short_title(self, agreement):
        return shortened(agreement.title)

    @admin.display(description=_("first party"), ordering="owner__name")
    def owner_name(self, agreement):
        return agreement.owner.short_name or agreement.owner.name

    @admin.display(description=_("signed"), ordering="signed_on")
    def signed_date(self, agreement):
        return agreement.signed_on

    @admin.display(description=_("valid until"), ordering="valid_until")
    def end_date(self, agreement):
        return agreement.valid_until

    @admin.display(description=_("partners"))
    def partner_names(self, agreement):
        return ", ".join(str(party.institution) for party in agreement.parties.all())

    @admin.display(description=_("in force today"), boolean=True)
    def in_force_today(self, agreement):
        return agreement.in_force

    @admin.display(description=_("signed scan"))
    def signed_scan_link(self, agreement):
        if agreement.pk is None or not agreement.signed_scan_sha256:
            return "—"
        url = reverse("agreements:signed-scan", args=[agreement.pk])
        return format_html(
            '<a href="{}">{}</a><br><small>SHA-256: <code>{}</code></small>',
            url, _("Download the signed scan (PDF)"), agreement.signed_scan_sha256,
        )


def report_or_job(request, report, file_format):
    """The report as a download, or the page of its background job when it is large."""
    return (background.report_job_response(request, report, file_format)
            or reports.report_response(report, file_format))


def changelist_filters(changelist):
    """The changelist's filters, search and date drill-down as (label, value) for a report."""
    described = []
    for spec in changelist.filter_specs:
        if not set(spec.expected_parameters()) & set(changelist.params):
            continue
        chosen = [str(choice["display"])
                  for choice in spec.choices(changelist) if choice["selected"]]
        described.append((capfirst(spec.title), ", ".join(chosen)))
    hierarchy = changelist.date_hierarchy
    if hierarchy:
        parts = [changelist.params.get(f"{hierarchy}__{part}") for part in ("day", "month", "year")]
        chosen = [value for value in parts if value]
        if chosen:
            described.append((capfirst(_("signed")), "/".join(chosen)))
    if changelist.query:
        described.append((str(_("Search term")), changelist.query))
    return described


SIGNING_FIELDSET = (_("Signing and validity"), {
    "fields": ["signed_on", "signing_place", ("valid_from", "valid_until"), "status"],
})
DOCUMENT_FIELDSET = (_("Document"), {
    "fields": ["signed_scan", "signed_scan_link", "renewal_of", "uuid"],
})
TERMINATION_FIELDSET = (_("Early termination"), {
    "classes": ["collapse"],
    "fields": ["terminated_on", "termination_reason"],
})


def owner_fieldset(extra=()):
    return (_("First party (election unit)"), {
        "fields": ["title", "owner", *extra, "owner_number",
                   ("owner_signatory_name", "owner_signatory_title")],
    })


@admin.register(Mou)
class MouAdmin(AgreementAdminBase):
    kind = Kind.MOU
    readonly_fields = AgreementAdminBase.readonly_fields + ["derived_pks"]
    fieldsets = [
        owner_fieldset(),
        (_("Scope"), {"fields": ["scopes"]}),
        SIGNING_FIELDSET,
        (_("National approval (MoU of a regional unit)"), {
            "fields": ["approval_reference", "approved_on", "approved_by"],
        }),
        TERMINATION_FIELDSET,
        DOCUMENT_FIELDSET,
        (_("PKS derived from this MoU"), {"fields": ["derived_pks"]}),
    ]

    @admin.display(description=_("PKS under this MoU"))
    def derived_pks(self, mou):
        if mou.pk is None:
            return "—"
        children = mou.children.select_related("owner").order_by("owner__name")
        if not children:
            return _("No PKS has been derived from this MoU yet.")
        affected = set(services.affected_by_termination(mou).values_list("pk", flat=True))
        return format_html("<ul>{}</ul>", format_html_join(
            "", '<li><a href="{}">{}</a> — {} ({}){}</li>',
            ((reverse("admin:agreements_pks_change", args=[pks.pk]), pks.title, pks.owner,
              pks.get_status_display(),
              _(" — affected by the termination") if pks.pk in affected else "")
             for pks in children),
        ))


@admin.register(Pks)
class PksAdmin(AgreementAdminBase):
    kind = Kind.PKS
    list_display = ["short_title", "owner_name", "partner_names", "parent_short", "signed_date",
                    "end_date", "status", "in_force_today"]
    fieldsets = [
        owner_fieldset(extra=["parent"]),
        (_("Scope"), {"fields": ["scopes"], "description": _(
            "Only scope areas of the parent MoU may be chosen.")}),
        SIGNING_FIELDSET,
        TERMINATION_FIELDSET,
        DOCUMENT_FIELDSET,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("parent")

    @admin.display(description=_("parent MoU"), ordering="parent__owner_number")
    def parent_short(self, pks):
        return format_html('<span title="{}">{}</span>', pks.parent.title,
                           pks.parent.owner_number or shortened(pks.parent.title, 40))

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status":
            # Only a regional MoU waits for approval; a PKS goes from draft to signed.
            kwargs["choices"] = [choice for choice in db_field.get_choices(include_blank=False)
                                 if choice[0] not in (Status.AWAITING_APPROVAL, Status.APPROVED)]
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
