"""The report as an XLSX workbook: the agreements sheet and a summary sheet."""

import tempfile

from django.utils.translation import gettext as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from agreements.reports.cells import column_headings, escape_formula
from agreements.reports.query import Totals
from agreements.reports.xlsx_package import BOLD, Workbook


def xlsx_file(report):
    """The report as an XLSX workbook in a temporary file (deleted when closed).

    The rows are streamed into the file as they are read (inline strings, no shared string
    table), so memory does not grow with the number of rows.
    """
    output = tempfile.TemporaryFile()  # noqa: SIM115 (closed by the response that sends it)
    workbook = Workbook(output)
    totals = Totals()
    with workbook.sheet(_("Agreements"), freeze_first_row=True) as sheet:
        sheet.append(column_headings(), BOLD)
        for row in report.rows():
            totals.add(row)
            sheet.append([xlsx_value(cell) for cell in row.cells()])
    with workbook.sheet(_("Summary")) as sheet:
        write_summary(sheet, report, totals)
    workbook.close()
    output.seek(0)
    return output


def xlsx_value(value):
    """A value as an XLSX cell holds it: formulas made inert, control characters (which the
    format cannot hold) left out."""
    value = escape_formula(value)
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def write_summary(sheet, report, totals):
    """The summary sheet: what was asked for, when, and the totals."""
    sheet.append([_("Signed-agreement report")], BOLD)
    sheet.append([_("Generated"), report.generated_label])
    for label, value in report.filters:
        sheet.append([label, xlsx_value(value)])
    sheet.append([_("Total agreements"), totals.count])
    for heading, counts in totals.tables():
        sheet.append([])
        sheet.append([heading], BOLD)
        for label, count in counts:
            sheet.append([label, count])
