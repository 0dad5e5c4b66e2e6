"""Views of the agreements app outside the admin: the signed scan, the printable document, the
public verification page and the report page."""

import datetime

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from agreements import background, documents, reports
from agreements.access import visible_agreements
from agreements.models import Agreement, Kind
from partners.models import Body, Category, Level, Region, RegionKind
from partners.views import page_context


@login_required
def download_signed_scan(request, pk):
    """The signed scan, to signed-in users who may read the agreement, always as an attachment."""
    agreement = get_object_or_404(visible_agreements(request.user), pk=pk)
    if not agreement.signed_scan:
        raise Http404("No signed scan")
    return FileResponse(
        agreement.signed_scan.open("rb"),
        as_attachment=True,
        filename=f"pindaian-{agreement.kind}-{agreement.pk}.pdf",
        content_type="application/pdf",
    )


@login_required
@require_GET
def agreement_document(request, pk):
    """The MoU or PKS as a formal document (PDF), to signed-in users who may read it."""
    agreement = get_object_or_404(
        visible_agreements(request.user, documents.document_queryset()), pk=pk
    )
    return documents.document_response(request, agreement)


@require_GET
def verification(request, uuid):
    """Public: whether the agreement a printed copy names exists and is in force.

    Shows only what the copy itself states (title, parties and their numbers, dates) and the
    status today, plus the fingerprint of the signed scan; no signatories, approvals or notes.
    """
    agreement = get_object_or_404(
        Agreement.objects.select_related("owner").prefetch_related("parties__institution"),
        uuid=uuid,
    )
    response = render(request, "agreements/verification.html", {
        **page_context(request, "verification"),
        "agreement": agreement,
        "document_name": documents.DOCUMENT_NAMES[agreement.kind],
        "today": timezone.localdate(),
    })
    response["X-Robots-Tag"] = "noindex"
    return response


def blank_choice(choices):
    return [("", _("all")), *choices]


class DateInput(forms.DateInput):
    """Day/month/year in a text box: a browser's own date picker may show month/day."""

    def __init__(self):
        super().__init__(format="%d/%m/%Y", attrs={"placeholder": _("dd/mm/yyyy")})


class ReportForm(forms.Form):
    """The report page's form; its field names are the API's report parameters."""

    body = forms.ChoiceField(label=_("Election body"), required=False,
                             choices=blank_choice(Body.choices))
    level = forms.ChoiceField(label=_("Level of the first party"), required=False,
                              choices=blank_choice(Level.choices))
    province = forms.ChoiceField(label=_("Province"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False,
                             choices=blank_choice([(Kind.MOU, "MoU"), (Kind.PKS, "PKS")]))
    partner_category = forms.ChoiceField(label=_("Partner category"), required=False,
                                         choices=blank_choice(Category.choices))
    signed_from = forms.DateField(label=_("Signed from"), required=False, widget=DateInput())
    signed_until = forms.DateField(label=_("Signed until"), required=False, widget=DateInput())
    in_force_on = forms.DateField(
        label=_("In force on"), required=False, widget=DateInput(),
        help_text=_("Only agreements in force on this date; the report's “in force” column "
                    "is also as of this date (today if empty)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        provinces = Region.objects.filter(kind=RegionKind.PROVINCE).order_by("name")
        self.fields["province"].choices = blank_choice(
            [(region.code, region.name) for region in provinces])

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("signed_from"), cleaned.get("signed_until")
        if start and end and start > end:
            raise ValidationError(_("“Signed from” is after “Signed until”."))
        return cleaned


def this_year():
    """The report page opens on the agreements signed this year."""
    today = timezone.localdate()
    return {"signed_from": datetime.date(today.year, 1, 1),
            "signed_until": datetime.date(today.year, 12, 31)}


@login_required
@require_GET
def report_page(request):
    """The report form; with ``format`` (pdf, xlsx, csv) it downloads the report."""
    form = ReportForm(request.GET or None, initial=this_year())
    file_format = request.GET.get("format")
    if file_format in reports.FORMATS and form.is_valid():
        try:
            report = reports.report_from_params(request.user, request.GET)
        except ValidationError as error:
            form.add_error(None, "; ".join(error.messages))
        else:
            return (background.report_job_response(request, report, file_format, request.GET)
                    or reports.report_response(report, file_format))
    return render(request, "agreements/report_form.html", {
        **page_context(request, "report"),
        "form": form, "formats": [("pdf", "PDF"), ("xlsx", "XLSX (Excel)"), ("csv", "CSV")],
    })
