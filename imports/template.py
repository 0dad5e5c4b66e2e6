"""The import templates: an XLSX with the header, instructions, drop-down lists and an example
row, and the same header and example as CSV. The column names are a contract (API.md) and
stay in Bahasa Indonesia; the instructions follow the active language (Indonesian first)."""

import csv
import datetime
import io
import math

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from agreements.models import ScopeArea
from imports import agreement_columns as a
from imports import institution_rows as i
from imports.cells import text

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
FORMATS = tuple(CONTENT_TYPES)
HEADER_FILL = PatternFill("solid", fgColor="8B1A1A")
EXAMPLE_FONT = Font(italic=True, color="555555")
TEMPLATE_ROWS = 1000  # rows prepared with drop-down lists
LINE_HEIGHT = 15  # points per line of wrapped text (openpyxl cannot measure rows itself)
INSTRUCTION_WIDTHS = {"A": 36, "B": 9, "C": 95}


def agreement_example():
    """A PKS of KPU Kota Blitar under KPU RI's MoU with Kemenag (as in the demo data)."""
    return {
        a.KIND: "PKS",
        a.TITLE: "Perjanjian Kerja Sama tentang Sosialisasi dan Pendidikan Pemilih Pemilu 2029",
        a.OWNER: "KPU Kota Blitar",
        a.OWNER_NUMBER: "12/PKS/KPU-Kot-014.329/2026",
        a.OWNER_SIGNATORY: "Siti Rahmawati",
        a.OWNER_SIGNATORY_TITLE: "Ketua KPU Kota Blitar",
        a.PARENT: "03/KB/KPU/TAHUN 2024",
        a.PARTNERS: "Kanwil Kemenag Provinsi Jawa Timur",
        a.PARTNER_NUMBERS: "B-1234/Kw.13.1/2026",
        a.PARTNER_SIGNATORIES: "Ahmad Sholeh",
        a.PARTNER_SIGNATORY_TITLES: "Kepala Kantor Wilayah",
        a.SCOPES: "Sosialisasi kepemiluan; Pendidikan pemilih",
        a.SIGNED_ON: datetime.date(2026, 3, 2),
        a.SIGNING_PLACE: "Blitar",
        a.VALID_FROM: datetime.date(2026, 3, 2),
        a.VALID_UNTIL: datetime.date(2028, 3, 1),
        a.STATUS: "ditandatangani",
        a.APPROVAL_REFERENCE: "",
        a.APPROVED_ON: None,
    }


def institution_example():
    return {
        i.NAME: "PC GP Ansor Kota Blitar",
        i.SHORT_NAME: "GP Ansor Blitar",
        i.CATEGORY: "organisasi kemasyarakatan",
        i.REGION: "35.72",
        i.PARENT: "PP GP Ansor",
        i.ACCREDITATION: "",
        i.ACCREDITED_UNTIL: None,
    }


def agreement_help():
    """(column, required, what it takes, example) for the instruction sheet."""
    date = _("A date: dd/mm/yyyy (30/06/2026), yyyy-mm-dd or a date cell. Never month/day.")
    return [
        (a.KIND, True, _("MoU or PKS.")),
        (a.TITLE, True, _("The title of the agreement, as on the document.")),
        (
            a.OWNER,
            True,
            _(
                "The official name of the election unit (first party), e.g. KPU Kota "
                "Blitar, Bawaslu Provinsi Jawa Timur. Only your own unit and the units "
                "under it."
            ),
        ),
        (
            a.OWNER_NUMBER,
            False,
            _(
                "The unit's own document number. The unit and this number "
                "identify the agreement: importing the row again updates it."
            ),
        ),
        (a.OWNER_SIGNATORY, False, _("Who signed for the unit.")),
        (a.OWNER_SIGNATORY_TITLE, False, _("The signatory's position.")),
        (
            a.PARENT,
            False,
            _(
                "For a PKS: the number of its parent MoU, as the national unit (KPU "
                "RI or Bawaslu RI) numbered it. The MoU may be in an earlier row of "
                "the same file. Empty for an MoU."
            ),
        ),
        (
            a.PARTNERS,
            True,
            _("The official names of the partner institutions, separated by ; (semicolon)."),
        ),
        (
            a.PARTNER_NUMBERS,
            False,
            _("Each partner's document number, separated by ; in the order of the column Mitra."),
        ),
        (
            a.PARTNER_SIGNATORIES,
            False,
            _("Who signed for each partner, separated by ; in the same order."),
        ),
        (
            a.PARTNER_SIGNATORY_TITLES,
            False,
            _("Their positions, separated by ; in the same order."),
        ),
        (
            a.SCOPES,
            False,
            _(
                "Scope areas, by name or code, separated by ;. The list offers one; "
                "type several separated by ;."
            ),
        ),
        (a.SIGNED_ON, False, date),
        (a.SIGNING_PLACE, False, _("The city where it was signed.")),
        (a.VALID_FROM, False, date),
        (a.VALID_UNTIL, False, date),
        (
            a.STATUS,
            False,
            _(
                "draf, menunggu persetujuan, disetujui, ditandatangani or diakhiri; "
                "empty means draf."
            ),
        ),
        (
            a.APPROVAL_REFERENCE,
            False,
            _(
                "For an MoU of a provincial or regency/city unit: the "
                "number of the national chair's approval letter (entered "
                "by national approvers)."
            ),
        ),
        (a.APPROVED_ON, False, date),
    ]


def institution_help():
    return [
        (
            i.NAME,
            True,
            _("The official name. A row with the name of an existing institution updates it."),
        ),
        (i.SHORT_NAME, False, _("The usual short name, e.g. Kemensos.")),
        (i.CATEGORY, True, _("One of: %(names)s.") % {"names": ", ".join(i.CATEGORY_NAMES)}),
        (
            i.REGION,
            False,
            _(
                "The Kemendagri code of its province (35) or regency/city (35.72); "
                "empty for a national institution."
            ),
        ),
        (
            i.PARENT,
            False,
            _(
                "For a vertical office, its ministry; for a branch, its national "
                "organisation: the official name, possibly in an earlier row."
            ),
        ),
        (i.ACCREDITATION, False, _("Universities: Unggul, Baik Sekali, Baik, A, B or C.")),
        (
            i.ACCREDITED_UNTIL,
            False,
            _("Universities: the last day of the accreditation (dd/mm/yyyy)."),
        ),
    ]


def general_notes():
    return [
        _(
            "Fill in one row per record, from the second row of the first sheet on; the grey "
            "row is an example: replace or delete it."
        ),
        _(
            "Lists inside a cell are separated by ; (semicolon), in the same order in every "
            "partner column."
        ),
        _("Names are matched without regard to capitals and extra spaces."),
        _(
            "Check the file first (dry run): nothing is saved, and every row shows whether it is "
            "new, an update, or what is wrong. The import saves all rows or none."
        ),
        _("Cells are read as text and values: formulas are not calculated."),
    ]


def spec(kind):
    if kind == "institutions":
        return i.COLUMNS, institution_example(), institution_help(), _("Institutions")
    return a.COLUMNS, agreement_example(), agreement_help(), _("Agreements")


def template_xlsx(kind="agreements"):
    columns, example, help_rows, title = spec(kind)
    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(columns)
    sheet.append([example[column] for column in columns])
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        header = sheet.cell(row=1, column=index)
        header.font, header.fill = Font(bold=True, color="FFFFFF"), HEADER_FILL
        header.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.cell(row=2, column=index).font = EXAMPLE_FONT
        if isinstance(example[column], datetime.date):
            sheet.cell(row=2, column=index).number_format = "DD/MM/YYYY"
        longest_word = max(len(word) for word in column.split())
        sheet.column_dimensions[letter].width = min(
            60, max(12, longest_word + 4, len(column) // 2 + 4, len(text(example[column])) + 2)
        )
    sheet.row_dimensions[1].height = 2 * LINE_HEIGHT
    sheet.freeze_panes = "A2"
    fit_to_page_width(sheet, landscape=True)
    add_lists(book, sheet, kind, columns)
    add_instructions(book, help_rows)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def add_lists(book, sheet, kind, columns):
    """Drop-down lists from a hidden sheet; scope areas allow several, typed with ;."""
    lists = book.create_sheet(_("Lists"))
    if kind == "institutions":
        choices = {
            i.CATEGORY: list(i.CATEGORY_NAMES),
            i.ACCREDITATION: ["Unggul", "Baik Sekali", "Baik", "A", "B", "C"],
        }
        free = set()
    else:
        choices = {
            a.KIND: ["MoU", "PKS"],
            a.STATUS: list(a.STATUS_NAMES),
            a.SCOPES: [scope.name for scope in ScopeArea.objects.all()],
        }
        free = {a.SCOPES}
    for position, (column, values) in enumerate(choices.items(), start=1):
        letter = get_column_letter(position)
        lists.cell(row=1, column=position, value=column).font = Font(bold=True)
        for row, value in enumerate(values, start=2):
            lists.cell(row=row, column=position, value=value)
        target = get_column_letter(columns.index(column) + 1)
        validation = DataValidation(
            type="list",
            formula1=f"='{lists.title}'!${letter}$2:${letter}${len(values) + 1}",
            allow_blank=True,
            showErrorMessage=column not in free,
            errorTitle=_("Not in the list"),
            error=_("Choose a value from the list."),
        )
        validation.add(f"{target}2:{target}{TEMPLATE_ROWS}")
        sheet.add_data_validation(validation)
    lists.sheet_state = "hidden"


def fit_to_page_width(sheet, landscape=False):
    """Printed (or exported to PDF) one page wide, as a clerk would print it."""
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def lines(value, width):
    return max(1, math.ceil(len(str(value)) / (width * 1.1)))


def add_instructions(book, help_rows):
    sheet = book.create_sheet(_("Instructions"), 1)
    sheet.append([_("How to fill in the template")])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.row_dimensions[1].height = 1.5 * LINE_HEIGHT
    full_width = sum(INSTRUCTION_WIDTHS.values())
    for note in general_notes():
        sheet.append([f"• {note}"])
        row = sheet.max_row
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
        sheet.cell(row=row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[row].height = LINE_HEIGHT * lines(note, full_width)
    sheet.append([])
    sheet.append([_("Column"), _("Required"), _("What it takes")])
    for cell in sheet[sheet.max_row]:
        cell.font, cell.fill = Font(bold=True, color="FFFFFF"), HEADER_FILL
    for column, required, explanation in help_rows:
        sheet.append([column, _("yes") if required else _("no"), explanation])
        for cell in sheet[sheet.max_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[sheet.max_row].height = LINE_HEIGHT * max(
            lines(column, INSTRUCTION_WIDTHS["A"]), lines(explanation, INSTRUCTION_WIDTHS["C"])
        )
    for letter, width in INSTRUCTION_WIDTHS.items():
        sheet.column_dimensions[letter].width = width
    fit_to_page_width(sheet)


def template_csv(kind="agreements"):
    """The header and the example row as CSV, UTF-8 with a BOM so that Excel reads it right."""
    columns, example, _help, _title = spec(kind)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    writer.writerow([text(example[column]) for column in columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def template_file(kind, file_format):
    """(content, content type, file name) of the template."""
    content = template_xlsx(kind) if file_format == "xlsx" else template_csv(kind)
    name = "templat-perjanjian" if kind == "agreements" else "templat-instansi"
    return content, CONTENT_TYPES[file_format], f"{name}.{file_format}"
