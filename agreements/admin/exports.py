"""The signed-agreement report from the admin: buttons exporting the changelist as filtered,
and actions exporting the selected agreements."""

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from agreements import background, reports
from agreements.models import SIGNED_STATUSES, Kind

# The report formats the changelist's export buttons offer.
EXPORT_FORMATS = [("pdf", "PDF"), ("xlsx", "XLSX")]


class ReportExportMixin:
    """Adds the report buttons (``report/<format>/``) and the export actions to a changelist
    of agreements of one ``kind``."""

    actions = ["export_pdf_report", "export_xlsx_report"]

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_report"
        export = path(
            "report/<str:file_format>/",
            self.admin_site.admin_view(self.export_changelist),
            name=name,
        )
        return [export, *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "report_formats": EXPORT_FORMATS}
        return super().changelist_view(request, extra_context)

    def export_changelist(self, request, file_format):
        """The signed-agreement report of the changelist as filtered and searched right now."""
        if file_format not in dict(EXPORT_FORMATS):
            raise Http404("Unknown report format")
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return HttpResponseRedirect(
                reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist") + "?e=1"
            )
        filters = [
            (capfirst(_("kind")), str(Kind(self.kind).label)),
            *changelist_filters(changelist),
        ]
        report = reports.report_from_queryset(
            changelist.get_queryset(request), filters, request.user
        )
        return report_or_job(request, report, file_format)

    def export_selection(self, request, queryset, file_format):
        """The signed-agreement report of the selected agreements (drafts are left out)."""
        unsigned = queryset.exclude(status__in=SIGNED_STATUSES).count()
        if unsigned:
            self.message_user(
                request,
                ngettext(
                    "%(count)d selected agreement is not signed and was left out of the report.",
                    "%(count)d selected agreements are not signed and were left out of the report.",
                    unsigned,
                )
                % {"count": unsigned},
                messages.WARNING,
            )
        count = queryset.count()
        selected = ngettext("%(count)d agreement", "%(count)d agreements", count) % {"count": count}
        filters = [(capfirst(_("selected")), selected)]
        return report_or_job(
            request, reports.report_from_queryset(queryset, filters, request.user), file_format
        )

    @admin.action(description=_("Export the selected agreements as a PDF report"))
    def export_pdf_report(self, request, queryset):
        return self.export_selection(request, queryset, "pdf")

    @admin.action(description=_("Export the selected agreements as an XLSX report"))
    def export_xlsx_report(self, request, queryset):
        return self.export_selection(request, queryset, "xlsx")


def report_or_job(request, report, file_format):
    """The report as a download, or the page of its background job when it is large."""
    return background.report_job_response(request, report, file_format) or reports.report_response(
        report, file_format
    )


def changelist_filters(changelist):
    """The changelist's filters, search and date drill-down as (label, value) for a report."""
    described = []
    for spec in changelist.filter_specs:
        if not set(spec.expected_parameters()) & set(changelist.params):
            continue
        chosen = [
            str(choice["display"]) for choice in spec.choices(changelist) if choice["selected"]
        ]
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
