"""The signed-agreement report: which agreements were signed, grouped by province and owner
unit, with totals by body, kind and partner category; as PDF, CSV or XLSX.

One module a job: ``query`` (the agreements and their rows), ``labels`` (the header's filter
labels), ``cells`` (columns and formula-safe text), ``csv_file``, ``xlsx_file``, ``pdf_file``
(with ``layout``, the typesetting that needs no Django) and ``responses`` (HTTP downloads).
The names below are what the API, the admin and the pages use.
"""

from agreements.reports.query import ReportFilter, report_from_params, report_from_queryset
from agreements.reports.responses import (
    CONTENT_TYPES,
    FORMATS,
    report_response,
    requested_format,
)

__all__ = [
    "CONTENT_TYPES",
    "FORMATS",
    "ReportFilter",
    "report_from_params",
    "report_from_queryset",
    "report_response",
    "requested_format",
]
