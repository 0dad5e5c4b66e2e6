"""The pages of the PDF report, cut before WeasyPrint draws them.

The rows are set in columns by ``typesetting``, so WeasyPrint has two or three line boxes per
agreement to place and nothing to wrap; and since every height is known here, so are the
pages: each page is cut here, every block given exactly its height, pages numbered
"Halaman X dari Y" by the template, and any run of pages can be rendered on its own core.

All lengths are CSS pixels (0.75 pt), WeasyPrint's own unit; ``style_values()`` hands the
dimensions to the template's stylesheet so that what is drawn is what was measured. Needs no
Django.
"""

from dataclasses import dataclass, field, replace

from agreements.reports.typesetting import BOLD, REGULAR, ColumnSetter, FontMeasure, columns_of

# A4 landscape (1122.5 × 793.7 px) less the page margins (set by style_values()).
PAGE_MARGIN = 38
PAGE_WIDTH = 1122.5 - 2 * PAGE_MARGIN
PAGE_HEIGHT = 793.7 - 2 * PAGE_MARGIN
# Room kept free on every page, for the running head and the page number, and in reserve.
HEAD_HEIGHT, FOOT_HEIGHT, RESERVE = 16, 16, 8

FONT_SIZE, LINE_HEIGHT = 10, 12  # rows, unit headings and column headings
ROW_PADDING = 2  # above and below each row
ROW_INSET = 3  # left and right of each row
LINE_WIDTH = PAGE_WIDTH - 2 * ROW_INSET
PROVINCE_FONT_SIZE, PROVINCE_LINE_HEIGHT = 11, 14
META_FONT_SIZE, META_LINE_HEIGHT = 10.5, 13
TITLE_HEIGHT = 22 + 15 + 4  # heading, subtitle and the space under them (pdf-report.css)
META_LABEL_WIDTH = 96
META_VALUE_LINES_MAX = 3  # a longer value (a long search term) is cut short with "…"
TOTALS_LINE_HEIGHT = 17  # one row of a totals table, its rule included
TOTALS_FIXED_HEIGHT = 16 + 4 + 15 + 6 + 12  # heading, grand total, their margins, room above
# The issuing unit's letterhead (kop) over the title: name and address lines centred between a
# logo on the left and as much room on the right, a double rule under them.
KOP_NAME_FONT_SIZE, KOP_NAME_LINE_HEIGHT = 14, 17
KOP_ADDRESS_FONT_SIZE, KOP_ADDRESS_LINE_HEIGHT = 9.5, 12
KOP_LOGO_SIZE, KOP_LOGO_GAP = 56, 10
KOP_RULE_HEIGHT = 12  # the double rule and the space under it
KOP_PLAIN_SPACE = 6  # under the name alone (a unit without logo or address)
# The "Mengetahui" block under the totals, on the right: its lines, then room to sign, the name.
SIGN_OFF_WIDTH = 300
SIGN_OFF_LINE_HEIGHT = 14
SIGN_OFF_SIGNING_ROOM = 46
SIGN_OFF_MARGIN = 16  # above it


@dataclass
class Block:
    """One row of a page: a province or unit heading, the column headings, or an agreement
    (or the part of one that a page holds), as preformatted lines (set by ``ColumnSetter``).

    Its template gives it exactly ``content_height``: a line drawn from a fallback font with a
    taller ascent may reach a pixel into the next block, but can never push a page over."""

    kind: str
    lines: list
    line_height: int = LINE_HEIGHT
    stripe: bool = False

    @property
    def text(self):
        return "\n".join(self.lines)

    @property
    def content_height(self):
        return len(self.lines) * self.line_height

    @property
    def height(self):
        return self.content_height + 2 * ROW_PADDING


@dataclass
class Page:
    """One page of the report, with the blocks it holds."""

    number: int
    blocks: list = field(default_factory=list)
    opens_report: bool = False
    closes_report: bool = False
    free: float = 0.0

    def add(self, blocks):
        self.blocks.extend(blocks)
        self.free -= sum(block.height for block in blocks)

    @property
    def line_count(self):
        """The lines of text on the page: what the time to render it follows."""
        return sum(len(block.lines) for block in self.blocks)


class ReportLayout:
    """Cuts the report rows into pages of known height.

    Each page repeats the column headings; a page that starts inside a province or unit
    repeats its heading, marked continued; a unit heading never ends a page on its own, and an
    agreement taller than a page fills the rest of one and goes on over the next.
    """

    def __init__(self, headings, column_widths, labels):
        self.columns = columns_of(column_widths)
        self.row_setter = ColumnSetter(FontMeasure(REGULAR, FONT_SIZE), self.columns)
        # Province and unit headings are bold; measured at the larger (province) size.
        self.heading_measure = FontMeasure(BOLD, PROVINCE_FONT_SIZE)
        self.headings = Block(
            "headings", ColumnSetter(FontMeasure(BOLD, FONT_SIZE), self.columns).lines(headings)
        )
        self.labels = labels
        self.pages = []

    def paginate(self, groups, header_height, totals_height):
        """Pages for ``groups`` ((province, [(unit, [cells of each row]), …]), …), after a
        report header ``header_height`` px tall, ending with totals ``totals_height`` px tall."""
        self.new_page(header_height)
        if not groups:
            self.place([Block("empty", [self.labels["empty"]])])
        for province, units in groups:
            province_block = self.province_block(province)
            for unit_index, (unit, rows) in enumerate(units):
                unit_block = self.unit_block(unit)
                # What a page that starts inside this unit repeats first.
                continued = [
                    self.province_block(province, continued=True),
                    self.unit_block(unit, continued=True),
                ]
                for row_index, cells in enumerate(rows):
                    row = Block("row", self.row_setter.lines(cells), stripe=row_index % 2 == 1)
                    opening = [province_block] if unit_index == row_index == 0 else []
                    opening += [unit_block] if row_index == 0 else []
                    self.place([*opening, row], continued)
        if self.pages[-1].free < totals_height:
            self.new_page(with_headings=False)
        self.pages[-1].closes_report = True
        return self.pages

    def place(self, blocks, continued=()):
        """Put ``blocks`` (kept together) on the current page, or on a new one that first
        repeats the ``continued`` province and unit headings they go on from."""
        room_for_a_row = (
            self.page_room() - self.headings.height - sum(block.height for block in continued)
        )
        if blocks[-1].kind == "row" and blocks[-1].height > room_for_a_row:
            self.place_across_pages(blocks[:-1], blocks[-1], continued)
            return
        if self.pages[-1].free < sum(block.height for block in blocks):
            self.new_page()
            blocks = [*repeated_headings(blocks[0].kind, continued), *blocks]
        self.pages[-1].add(blocks)

    def place_across_pages(self, opening, row, continued):
        """A row taller than a page: its lines fill what is left of this page (after the
        ``opening`` headings) and go on over the next pages."""
        lines = row.lines
        while lines:
            spare = self.pages[-1].free - sum(block.height for block in opening)
            room = int((spare - 2 * ROW_PADDING) // row.line_height)
            if room < 1:
                self.new_page()
                first_kind = opening[0].kind if opening else "row"
                opening = [*repeated_headings(first_kind, continued), *opening]
                continue
            self.pages[-1].add([*opening, replace(row, lines=lines[:room])])
            lines, opening = lines[room:], []

    def new_page(self, header_height=0.0, with_headings=True):
        page = Page(
            len(self.pages) + 1, opens_report=not self.pages, free=self.page_room() - header_height
        )
        if with_headings:
            page.add([self.headings])
        self.pages.append(page)

    @staticmethod
    def page_room():
        """The height of a page's content, less its running head and page number."""
        return PAGE_HEIGHT - HEAD_HEIGHT - FOOT_HEIGHT - RESERVE

    def province_block(self, name, continued=False):
        return Block("province", self.full_width(name, continued), PROVINCE_LINE_HEIGHT)

    def unit_block(self, name, continued=False):
        return Block("unit", self.full_width(name, continued))

    def full_width(self, name, continued):
        text = f"{name} ({self.labels['continued']})" if continued else name
        return [line.text for line in self.heading_measure.wrap(text, LINE_WIDTH)]


def repeated_headings(kind, continued):
    """What a new page repeats, of the ``continued`` province and unit headings, before a
    block of ``kind`` that goes on from them."""
    return {"row": list(continued), "unit": list(continued[:1])}.get(kind, [])


def meta_lines(pairs):
    """The report header's "label  value" lines, values wrapped beside their labels (and cut
    short after ``META_VALUE_LINES_MAX`` lines)."""
    measure = FontMeasure(REGULAR, META_FONT_SIZE)
    columns = columns_of([META_LABEL_WIDTH, LINE_WIDTH - META_LABEL_WIDTH])
    setter = ColumnSetter(measure, columns)
    return [
        line
        for label, value in pairs
        for line in setter.lines(
            [label, measure.clip(value, columns[1].text_width, META_VALUE_LINES_MAX)]
        )
    ]


def header_height(meta):
    """The height of the report header holding the ``meta`` lines."""
    return TITLE_HEIGHT + len(meta) * META_LINE_HEIGHT + 2 * ROW_PADDING


def totals_height(rows):
    """The height of the totals, whose longest table has ``rows`` rows."""
    return TOTALS_FIXED_HEIGHT + (max(1, rows) + 1) * TOTALS_LINE_HEIGHT


@dataclass
class KopBlock:
    """The letterhead at the top of the report's first page, as lines set to their widths."""

    name_lines: list
    address_lines: list
    logo: bool

    @property
    def plain(self):
        return not self.logo and not self.address_lines

    @property
    def text_height(self):
        return (
            len(self.name_lines) * KOP_NAME_LINE_HEIGHT
            + len(self.address_lines) * KOP_ADDRESS_LINE_HEIGHT
        )

    @property
    def height(self):
        if self.plain:
            return self.text_height + KOP_PLAIN_SPACE
        return max(self.text_height, KOP_LOGO_SIZE if self.logo else 0) + KOP_RULE_HEIGHT


def kop_block(name, address_lines, logo):
    """The letterhead of ``name`` with its ``address_lines`` (and a logo or not), wrapped
    between the logo and the same room on the right."""
    width = LINE_WIDTH - 2 * (KOP_LOGO_SIZE + KOP_LOGO_GAP)
    name_measure = FontMeasure(BOLD, KOP_NAME_FONT_SIZE)
    address_measure = FontMeasure(REGULAR, KOP_ADDRESS_FONT_SIZE)
    return KopBlock(
        [line.text for line in name_measure.wrap(name, width)],
        [line.text for address in address_lines for line in address_measure.wrap(address, width)],
        logo,
    )


@dataclass
class SignOffBlock:
    """The "Mengetahui" block: its opening and title lines, the room to sign, the name."""

    lines: list
    name: str

    @property
    def height(self):
        return (
            SIGN_OFF_MARGIN + (len(self.lines) + 1) * SIGN_OFF_LINE_HEIGHT + SIGN_OFF_SIGNING_ROOM
        )


def sign_off_block(opening, title, name):
    """The block that ``opening`` ("Mengetahui,") starts, ``title`` wrapped to its width."""
    measure = FontMeasure(REGULAR, FONT_SIZE + 1)
    lines = [opening, *(line.text for line in measure.wrap(f"{title},", SIGN_OFF_WIDTH))]
    return SignOffBlock(lines, name)


def style_values():
    """The dimensions above, for the template's stylesheet."""
    return {
        "page_margin": PAGE_MARGIN,
        "page_height": PAGE_HEIGHT,
        "head_height": HEAD_HEIGHT,
        "foot_height": FOOT_HEIGHT,
        "font_size": FONT_SIZE,
        "line_height": LINE_HEIGHT,
        "row_padding": ROW_PADDING,
        "row_inset": ROW_INSET,
        "province_font_size": PROVINCE_FONT_SIZE,
        "province_line_height": PROVINCE_LINE_HEIGHT,
        "meta_font_size": META_FONT_SIZE,
        "meta_line_height": META_LINE_HEIGHT,
        "totals_line_height": TOTALS_LINE_HEIGHT,
        "kop_name_font_size": KOP_NAME_FONT_SIZE,
        "kop_name_line_height": KOP_NAME_LINE_HEIGHT,
        "kop_address_font_size": KOP_ADDRESS_FONT_SIZE,
        "kop_address_line_height": KOP_ADDRESS_LINE_HEIGHT,
        "kop_logo_size": KOP_LOGO_SIZE,
        "sign_off_width": SIGN_OFF_WIDTH,
        "sign_off_line_height": SIGN_OFF_LINE_HEIGHT,
        "sign_off_signing_room": SIGN_OFF_SIGNING_ROOM,
        "sign_off_margin": SIGN_OFF_MARGIN,
    }


def content_heights(pages):
    """The heights of the blocks on ``pages``, each given to its blocks by a class."""
    return sorted({block.content_height for page in pages for block in page.blocks})
