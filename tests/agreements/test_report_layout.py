"""The PDF report's own typesetting and layout (agreements.reports.typesetting and .layout, which
need no Django): text measured as WeasyPrint sets it, wrapped within its column, columns
starting where they should, and pages that never overflow."""

import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from weasyprint import HTML

from agreements import pdf
from agreements.reports.layout import FONT_SIZE, ReportLayout
from agreements.reports.typesetting import BOLD, REGULAR, ColumnSetter, FontMeasure, columns_of

LABELS = {"continued": "lanjutan", "empty": "Tidak ada"}
SAMPLES = [
    "NK-001/HK.01/K1/02/2015; B/329/II/2015",
    "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
    "Pimpinan Pusat 'Aisyiyah; Kepolisian Negara Republik Indonesia",
    "\u2003\u2003\u2002\u2005\u2006\u200a",  # the spacing between columns
    "ÀÉÎõü — “kutipan” 31/12/2028",
]


def weasyprint_width(text, weight):
    """The width WeasyPrint gives ``text`` on a line of the report's rows."""
    document = HTML(
        string=(
            '<link rel="stylesheet" href="kemitraan/pdf-fonts.css">'
            f"<p style=\"font: {weight} {FONT_SIZE}px 'Kemitraan Sans'; white-space: pre; "
            f'font-kerning: none; font-variant-ligatures: none; margin: 0">{text}</p>'
        ),
        base_url=pdf.static_base_url(),
        url_fetcher=pdf.StaticFilesFetcher(),
    ).render()
    box = document.pages[0]._page_box
    while not hasattr(box, "text"):
        box = box.children[0]
    return box.width


@pytest.mark.parametrize("text", SAMPLES)
@pytest.mark.parametrize(("font_file", "weight"), [(REGULAR, "normal"), (BOLD, "bold")])
def test_text_is_measured_as_weasyprint_sets_it(text, font_file, weight):
    measured = FontMeasure(font_file, FONT_SIZE).width(text)
    assert measured == pytest.approx(weasyprint_width(text, weight), abs=0.05)


def test_wrap_keeps_lines_within_the_width_and_words_whole():
    measure = FontMeasure(REGULAR, FONT_SIZE)
    text = "Pengawasan partisipatif serta Peningkatan partisipasi masyarakat di daerah"
    lines = measure.wrap(text, 150)
    assert len(lines) > 1
    assert " ".join(line.text for line in lines) == text
    for line in lines:
        assert line.width <= 150
        assert line.width == pytest.approx(measure.width(line.text))


def test_wrap_cuts_a_word_wider_than_the_column():
    measure = FontMeasure(REGULAR, FONT_SIZE)
    lines = measure.wrap("NK-001/HK.01/K1/02/2015/TAMBAHAN/PANJANG", 60)
    assert "".join(line.text for line in lines) == "NK-001/HK.01/K1/02/2015/TAMBAHAN/PANJANG"
    assert all(0 < line.width <= 60 for line in lines)


def test_wrap_collapses_whitespace_and_leaves_out_control_characters():
    measure = FontMeasure(REGULAR, FONT_SIZE)
    assert [line.text for line in measure.wrap(" Kerja\tsama\n\x0bpemilu\x7f ", 500)] == [
        "Kerja sama pemilu"
    ]
    assert [line.text for line in measure.wrap("", 500)] == [""]


def test_bidirectional_controls_are_left_out_and_text_composed():
    measure = FontMeasure(REGULAR, FONT_SIZE)
    [line] = measure.wrap("\u202eKPU\u2066 Kota\u200f Blitar e\u0301", 500)
    assert line.text == "KPU Kota Blitar \u00e9"


def test_a_long_word_is_never_cut_from_its_combining_mark():
    measure = FontMeasure(REGULAR, FONT_SIZE)
    word = "Pe\u0301\u0300" * 20  # marks the font may lack stay with their letter
    for line in measure.wrap(word, 40):
        assert not unicodedata.combining(line.text[0])


def test_a_long_header_value_is_cut_short():
    measure = FontMeasure(REGULAR, FONT_SIZE)
    value = "Kata pencarian yang sangat panjang " * 40
    clipped = measure.clip(value, 300, 3)
    assert clipped.endswith(" …")
    assert len(measure.wrap(clipped, 300)) == 3
    assert measure.clip("pendek", 300, 3) == "pendek"


def test_columns_end_with_a_left_to_right_mark():
    setter = ColumnSetter(FontMeasure(REGULAR, FONT_SIZE), columns_of([120, 200]))
    [line] = setter.lines(["\u05e9\u05dc\u05d5\u05dd", "\u05e2\u05d5\u05dc\u05dd"])
    assert line.count("\u200e") == 2 and line.endswith("\u200e")


def test_each_column_starts_where_it_is_set():
    measure = FontMeasure(REGULAR, FONT_SIZE)
    columns = columns_of([120, 200, 90, 60])
    setter = ColumnSetter(measure, columns)
    texts = [
        "B/12/2024; NK-3/2024",
        "Sosialisasi dan pendidikan pemilih bagi pemilih pemula",
        "",
        "ya",
    ]
    lines = setter.lines(texts)
    assert len(lines) == 2  # the second column wraps once
    first = lines[0]
    for column, text in [(columns[1], "Sosialisasi"), (columns[3], "ya")]:
        start = measure.width(first[: first.index(text)])
        assert start == pytest.approx(column.x, abs=measure.width("\u200a") / 2)
    second = lines[1]
    assert measure.width(second[: len(second) - len(second.lstrip())]) == pytest.approx(
        columns[1].x, abs=measure.width("\u200a") / 2
    )


def rows_of(line_counts):
    """Fake row cells whose first column wraps to the given number of lines."""
    return [
        ["kata " * (8 * lines), "x", "y", "z", "1/1/2024", "1/1/2025", "ya"]
        for lines in line_counts
    ]


def paginate(groups, header_height=80.0, totals_height=120.0):
    report_layout = ReportLayout(
        ["Nomor", "Perihal", "Mitra", "Kategori", "Tanggal", "Sampai", "Berlaku"],
        (210, 288, 200, 154, 80, 64, 44),
        LABELS,
    )
    return report_layout.paginate(groups, header_height, totals_height)


@pytest.fixture
def long_report():
    return [
        (
            "Jawa Timur",
            [
                ("KPU Provinsi Jawa Timur", rows_of([1, 3, 2] * 12)),
                ("KPU Kota Blitar", rows_of([2] * 20)),
            ],
        ),
        ("Kalimantan Selatan", [("Bawaslu Provinsi Kalimantan Selatan", rows_of([4, 1] * 15))]),
    ]


def test_pages_never_overflow(long_report):
    pages = paginate(long_report)
    assert len(pages) > 3
    assert [page.number for page in pages] == list(range(1, len(pages) + 1))
    for page in pages:
        assert page.free >= 0
        assert page.blocks[-1].kind not in ("province", "unit")
    assert pages[0].opens_report and not any(page.opens_report for page in pages[1:])
    assert pages[-1].closes_report and not any(page.closes_report for page in pages[:-1])
    rows = sum(block.kind == "row" for page in pages for block in page.blocks)
    assert rows == 36 + 20 + 30


def test_a_page_that_starts_inside_a_unit_repeats_its_headings(long_report):
    continued = 0
    for page in paginate(long_report)[1:]:
        kinds = [block.kind for block in page.blocks[:3]]
        assert kinds[:2] == ["headings", "province"], page.number
        if page.blocks[1].text.endswith("(lanjutan)"):
            continued += 1
            assert kinds[2] == "unit"
            assert page.blocks[2].text.endswith("(lanjutan)") or page.blocks[3].kind == "row"
    assert continued >= 2


def test_a_row_taller_than_a_page_goes_on_over_the_next_pages():
    partners = "; ".join(f"Pimpinan Cabang Organisasi Kepemudaan Nomor {n}" for n in range(150))
    tall = [
        "B/1/2024",
        "Sosialisasi",
        partners,
        "organisasi kemasyarakatan",
        "1/1/2024",
        "1/1/2025",
        "ya",
    ]
    pages = paginate([("Jawa Timur", [("KPU Kota Blitar", [*rows_of([1]), tall, *rows_of([1])])])])
    assert len(pages) >= 3
    for page in pages:
        assert page.free >= 0
    pieces = [
        block
        for page in pages
        for block in page.blocks
        if block.kind == "row" and "Pimpinan" in block.text
    ]
    assert len(pieces) >= 2
    assert sum(len(piece.lines) for piece in pieces) == len(
        ColumnSetter(
            FontMeasure(REGULAR, FONT_SIZE), columns_of((210, 288, 200, 154, 80, 64, 44))
        ).lines(tall)
    )
    second = pages[1].blocks
    assert [block.kind for block in second[:4]] == ["headings", "province", "unit", "row"]
    assert second[2].text == "KPU Kota Blitar (lanjutan)"


def test_totals_get_a_page_of_their_own_when_the_last_one_is_full():
    rows = rows_of([1])
    one_page = paginate([("Aceh", [("KPU Aceh", rows)])])
    assert len(one_page) == 1
    free = one_page[0].free
    crowded = paginate([("Aceh", [("KPU Aceh", rows)])], header_height=80.0 + free - 20)
    assert len(crowded) == 2
    assert crowded[1].closes_report and crowded[1].blocks == []


def test_an_empty_report_says_so():
    [page] = paginate([])
    assert [block.kind for block in page.blocks] == ["headings", "empty"]
    assert page.closes_report


# Loads the two modules by path, as a program without Django would (importing the package would
# run agreements/reports/__init__.py, which is Django code), and sets a word with the shipped font.
BARE_PROGRAM = """
import importlib.util, sys
for name in ("typesetting", "layout"):
    spec = importlib.util.spec_from_file_location(
        f"agreements.reports.{name}", f"{sys.argv[1]}/agreements/reports/{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
assert not [name for name in sys.modules if name.split(".")[0] == "django"]
typesetting = sys.modules["agreements.reports.typesetting"]
measure = typesetting.FontMeasure("LiberationSans-Regular.ttf", 10)
assert measure.width("Kemitraan") > 0
"""


def test_typesetting_and_layout_need_no_django():
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", BARE_PROGRAM, str(root)],
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
