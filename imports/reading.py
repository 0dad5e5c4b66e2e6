"""Reading an uploaded XLSX or CSV into a header and data rows, refusing bad files.

Every refusal is a ``FileError`` with a stable code and a message that says what to do; no
file is ever half read. XLSX files are checked before openpyxl opens them: a password-protected
workbook (an OLE container, not a zip), a corrupt one, or one whose uncompressed size is absurd
(a zip bomb) is refused. CSV files are read as UTF-8 (with or without BOM) or Windows-1252,
with a comma, semicolon or tab as separator. Nothing in a cell is evaluated: formulas are read
as the text they hold.
"""

import csv
import difflib
import io
import zipfile
from dataclasses import dataclass, field

import openpyxl
from django.conf import settings
from django.utils.translation import gettext as _

from imports.cells import normalized, text

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")
MAX_ROWS = 50_000
# Columns people add for their own use; they are not data.
IGNORED_COLUMNS = {"no", "no.", "nomor urut"}


class FileError(Exception):
    """A file refused as a whole: the code, message and HTTP status of the API's answer."""

    def __init__(self, code, message, status=400, column=None):
        super().__init__(message)
        self.code, self.message, self.status, self.column = code, message, status, column


@dataclass
class Table:
    """The data of one sheet: the known columns found in its header, and its rows."""

    columns: set = field(default_factory=set)
    rows: list = field(default_factory=list)  # (row number, {column: value})


def check_size(size):
    """Refuse a file over the limit before reading it."""
    limit = settings.IMPORT_MAX_BYTES
    if size > limit:
        raise FileError(
            "file_too_large",
            _("The file is larger than %(limit)d MB: split it into several files.")
            % {"limit": limit // (1024 * 1024)},
            status=413,
        )


def read_table(data, file_name, column_names):
    """Read ``data`` (bytes) into a Table whose columns are among ``column_names``."""
    check_size(len(data))
    if not data.strip():
        raise FileError("empty_file", _("The file is empty."))
    if data.startswith(OLE_MAGIC):
        raise FileError(
            "protected_file",
            _(
                "The file is password-protected or in the old XLS format: save it in Excel as "
                "“Excel Workbook (.xlsx)” without a password, or as CSV."
            ),
        )
    if data.startswith(UTF16_MARKS):
        raise encoding_error()
    if data.startswith(ZIP_MAGIC):
        sheets = xlsx_sheets(data)
    elif file_name.lower().endswith((".xlsx", ".xlsm")) or b"\x00" in data[:4096]:
        raise FileError(
            "not_a_spreadsheet",
            _(
                "The file is not an XLSX workbook or a CSV file: download the template and fill "
                "it in."
            ),
        )
    else:
        sheets = [csv_rows(data)]
    for rows in sheets:
        table = table_from_rows(rows, column_names)
        if table is not None:
            return table
    raise FileError(
        "no_header",
        _(
            "No header row was found: the first row must hold the column names of the template "
            "(for example %(columns)s)."
        )
        % {"columns": ", ".join(list(column_names)[:3])},
    )


def xlsx_sheets(data):
    """The rows of each worksheet of an XLSX workbook, refusing corrupt files and zip bombs."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise corrupt() from error
    if unpacked > settings.IMPORT_MAX_UNCOMPRESSED_BYTES:
        raise FileError(
            "file_too_large",
            _(
                "The workbook unpacks to more than %(limit)d MB: it cannot be a register of "
                "agreements. Save only the data sheet in a new workbook."
            )
            % {"limit": settings.IMPORT_MAX_UNCOMPRESSED_BYTES // (1024 * 1024)},
            status=413,
        )
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        return [
            list(sheet.iter_rows(max_row=MAX_ROWS + 1, values_only=True))
            for sheet in workbook.worksheets
        ]
    except Exception as error:  # openpyxl raises many kinds on a broken workbook
        raise corrupt() from error


def corrupt():
    return FileError(
        "corrupt_file",
        _(
            "The workbook is damaged and cannot be read: open it in Excel or LibreOffice and save "
            "it again as .xlsx."
        ),
    )


def decoded(data):
    """CSV text: UTF-8 with or without BOM, or Windows-1252 (what Excel writes)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise encoding_error() from error


def encoding_error():
    return FileError(
        "unsupported_encoding",
        _(
            "The CSV file is in an encoding that cannot be read: save it as “CSV UTF-8” "
            "(or as an Excel workbook)."
        ),
    )


def csv_rows(data):
    content = decoded(data)
    first_line = content.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first_line.count)
    try:
        return list(csv.reader(io.StringIO(content, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise FileError(
            "corrupt_file", _("The CSV file cannot be read: %(error)s") % {"error": error}
        ) from error


def table_from_rows(rows, column_names):
    """A Table from raw rows, or None if the sheet has no header row with a known column."""
    known = {normalized(name): name for name in column_names}
    iterator = enumerate(rows, start=1)
    for _header_number, row in iterator:
        if any(text(value) for value in row):
            break
    else:
        return None
    headers = [(normalized(text(value)), text(value)) for value in row]
    if not {header for header, _shown in headers} & set(known):
        return None
    positions = header_positions(headers, known)
    table = Table(columns=set(positions.values()))
    for number, row in iterator:
        if not any(text(value) for value in row):
            continue
        if len(table.rows) == MAX_ROWS:
            raise FileError(
                "too_many_rows",
                _("The file has more than %(limit)d rows: split it into several files.")
                % {"limit": MAX_ROWS},
            )
        table.rows.append(
            (number, {name: row[index] for index, name in positions.items() if index < len(row)})
        )
    return table


def header_positions(headers, known):
    """{column index: column name}; an unknown or repeated column refuses the file."""
    positions = {}
    for index, (header, shown) in enumerate(headers):
        if not header or header in IGNORED_COLUMNS:
            continue
        if header not in known:
            close = difflib.get_close_matches(header, list(known), n=1, cutoff=0.6)
            hint = (_(" Did you mean “%(name)s”?") % {"name": known[close[0]]}) if close else ""
            raise FileError(
                "unknown_column",
                _("The column “%(column)s” is not a column of the template.%(hint)s")
                % {"column": shown, "hint": hint},
                column=shown,
            )
        if known[header] in positions.values():
            raise FileError(
                "duplicate_column",
                _("The column “%(column)s” appears twice.") % {"column": known[header]},
                column=known[header],
            )
        positions[index] = known[header]
    return positions
