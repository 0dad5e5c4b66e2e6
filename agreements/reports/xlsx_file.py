"""The report as an XLSX workbook: the agreements sheet and a summary sheet."""

import datetime
import tempfile

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from agreements.reports.cells import column_headings, escape_formula
from agreements.reports.query import Totals


def xlsx_file(report):
    """The report as an XLSX workbook in a temporary file (deleted when closed).

    openpyxl's write-only mode streams the rows to disk as it goes (inline strings, no shared
    string table), so memory does not grow with the number of rows.
    """
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    sheet = workbook.create_sheet(_("Agreements"))
    sheet.freeze_panes = "A2"
    sheet.append([styled(sheet, heading, bold) for heading in column_headings()])
    totals = Totals()
    for row in report.rows():
        totals.add(row)
        sheet.append([xlsx_cell(sheet, cell) for cell in row.cells()])
    write_summary(workbook.create_sheet(_("Summary")), report, totals, bold)
    output = tempfile.TemporaryFile()  # noqa: SIM115 (closed by the response that sends it)
    workbook.save(output)
    output.seek(0)
    return output


def styled(sheet, value, font):
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = font
    return cell


def xlsx_value(value):
    """A value as an XLSX cell holds it: formulas made inert, control characters (which the
    format cannot hold) left out."""
    value = escape_formula(value)
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def xlsx_cell(sheet, value):
    cell = WriteOnlyCell(sheet, value=xlsx_value(value))
    if isinstance(value, datetime.date):
        cell.number_format = "DD/MM/YYYY"
    return cell


def write_summary(sheet, report, totals, bold):
    """The summary sheet: what was asked for, when, and the totals."""
    sheet.append([styled(sheet, _("Signed-agreement report"), bold)])
    sheet.append([_("Generated"), report.generated_label])
    for label, value in report.filters:
        sheet.append([label, xlsx_value(value)])
    sheet.append([_("Total agreements"), totals.count])
    for heading, counts in totals.tables():
        sheet.append([])
        sheet.append([styled(sheet, heading, bold)])
        for label, count in counts:
            sheet.append([label, count])
