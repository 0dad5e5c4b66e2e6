"""A minimal XLSX (Office Open XML) writer that streams its sheets' rows into the zip as they
come: memory stays flat, and a cell costs a few string operations (no Django).

openpyxl's write-only mode builds a cell object and an XML element per cell, which made the
100,000-row report four times slower than its CSV; XlsxWriter is not much faster per cell. The
report needs little of the format: text as inline strings, whole numbers, dates as dates, a
bold and a date style, a frozen heading row. Excel, LibreOffice and openpyxl read it.
"""

import datetime
import zipfile
from contextlib import contextmanager
from xml.sax.saxutils import escape, quoteattr

from openpyxl.utils import get_column_letter

# Styles, as cellXfs indices of STYLES.
NORMAL, BOLD, DATE = 0, 1, 2
EPOCH = datetime.date(1899, 12, 30)  # day 0 of the spreadsheet date serial numbers
MAX_COLUMNS = 64

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "{sheets}</Types>"
)
SHEET_TYPE = (
    '<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
)
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    "<sheets>{sheets}</sheets></workbook>"
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '{sheets}<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>'
)
SHEET_REL = (
    '<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/'
    '2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>'
)
STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="DD/MM/YYYY"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
    "</cellStyles></styleSheet>"
)
SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    "{views}<sheetData>"
)
FROZEN_FIRST_ROW = (
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" '
    'topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
    "</sheetView></sheetViews>"
)
SHEET_END = "</sheetData></worksheet>"
LETTERS = [get_column_letter(n) for n in range(1, MAX_COLUMNS + 1)]


def cell(reference, value, style):
    """One ``<c>`` element; None gives nothing (an empty cell)."""
    if value is None:
        return ""
    styled = f' s="{style}"' if style else ""
    if isinstance(value, str):
        space = ' xml:space="preserve"' if value != value.strip() else ""
        return (
            f'<c r="{reference}"{styled} t="inlineStr"><is><t{space}>{escape(value)}</t></is></c>'
        )
    if isinstance(value, bool):
        return f'<c r="{reference}"{styled} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, datetime.date):
        return f'<c r="{reference}" s="{DATE}"><v>{(value - EPOCH).days}</v></c>'
    return f'<c r="{reference}"{styled}><v>{value}</v></c>'


class Sheet:
    """Rows written, in order, into one worksheet part of the zip."""

    def __init__(self, stream):
        self.stream, self.number = stream, 0

    def append(self, values, style=NORMAL):
        """The next row: text, whole numbers, booleans and dates (styled as dates)."""
        self.number += 1
        row = self.number
        cells = "".join(
            cell(f"{LETTERS[index]}{row}", value, style) for index, value in enumerate(values)
        )
        self.stream.write(f'<row r="{row}">{cells}</row>'.encode())


class Workbook:
    """An XLSX file written into ``output`` (a binary file), one sheet after the other."""

    def __init__(self, output):
        self.zip = zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED, compresslevel=1)
        self.names = []

    @contextmanager
    def sheet(self, name, freeze_first_row=False):
        """A new sheet called ``name``, open for rows until the ``with`` block ends."""
        self.names.append(name)
        path = f"xl/worksheets/sheet{len(self.names)}.xml"
        with self.zip.open(path, "w", force_zip64=True) as stream:
            views = FROZEN_FIRST_ROW if freeze_first_row else ""
            stream.write(SHEET_START.format(views=views).encode())
            yield Sheet(stream)
            stream.write(SHEET_END.encode())

    def close(self):
        """Write the parts that name the sheets, then the zip's directory."""
        numbers = range(1, len(self.names) + 1)
        sheets = "".join(
            f'<sheet name={quoteattr(name)} sheetId="{n}" r:id="rId{n}"/>'
            for n, name in zip(numbers, self.names, strict=True)
        )
        self.zip.writestr(
            "[Content_Types].xml",
            CONTENT_TYPES.format(sheets="".join(SHEET_TYPE.format(n=n) for n in numbers)),
        )
        self.zip.writestr("_rels/.rels", PACKAGE_RELS)
        self.zip.writestr("xl/workbook.xml", WORKBOOK.format(sheets=sheets))
        self.zip.writestr(
            "xl/_rels/workbook.xml.rels",
            WORKBOOK_RELS.format(sheets="".join(SHEET_REL.format(n=n) for n in numbers)),
        )
        self.zip.writestr("xl/styles.xml", STYLES)
        self.zip.close()
