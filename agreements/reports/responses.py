"""The report as an HTTP download in the format asked for (PDF, CSV or XLSX)."""

from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from agreements import pdf
from agreements.reports.csv_file import csv_chunks
from agreements.reports.pdf_file import report_pdf
from agreements.reports.xlsx_file import xlsx_file

FORMATS = ("pdf", "csv", "xlsx")
CONTENT_TYPES = {
    "pdf": pdf.PDF_CONTENT_TYPE,
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def csv_response(report):
    response = StreamingHttpResponse(csv_chunks(report), content_type=CONTENT_TYPES["csv"])
    response["Content-Disposition"] = f'attachment; filename="{report.filename}.csv"'
    return response


def xlsx_response(report):
    return FileResponse(
        xlsx_file(report),
        as_attachment=True,
        filename=f"{report.filename}.xlsx",
        content_type=CONTENT_TYPES["xlsx"],
    )


def pdf_response(report):
    response = HttpResponse(report_pdf(report), content_type=CONTENT_TYPES["pdf"])
    response["Content-Disposition"] = f'attachment; filename="{report.filename}.pdf"'
    return response


RESPONSES = {"pdf": pdf_response, "csv": csv_response, "xlsx": xlsx_response}


def report_response(report, file_format):
    """The report as a download in ``file_format`` (pdf, csv or xlsx)."""
    return RESPONSES[file_format](report)


def requested_format(params, default="pdf"):
    """The ``format`` parameter, checked; ValidationError names the formats on offer."""
    file_format = params.get("format") or default
    if file_format not in FORMATS:
        raise ValidationError(
            {
                "format": ValidationError(
                    _("Choose one of: %(formats)s.") % {"formats": ", ".join(FORMATS)},
                    code="invalid_choice",
                )
            }
        )
    return file_format
