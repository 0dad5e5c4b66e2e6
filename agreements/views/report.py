"""The report page (/laporan/): the form, and the report download it leads to."""

import datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from agreements import background, reports
from agreements.forms import ReportForm

DOWNLOAD_FORMATS = [("pdf", "PDF"), ("xlsx", "XLSX (Excel)"), ("csv", "CSV")]


def this_year():
    """The report page opens on the agreements signed this year."""
    today = timezone.localdate()
    return {
        "signed_from": datetime.date(today.year, 1, 1),
        "signed_until": datetime.date(today.year, 12, 31),
    }


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
            return background.report_job_response(
                request, report, file_format, request.GET
            ) or reports.report_response(report, file_format)
    return render(
        request, "agreements/report_form.html", {"form": form, "formats": DOWNLOAD_FORMATS}
    )
