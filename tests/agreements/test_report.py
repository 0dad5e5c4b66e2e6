"""The signed-agreement report: rows, grouping and totals in PDF, CSV and XLSX; its filters and
scoping; formula escaping; constant query counts; the parallel PDF pipeline; and the ways to
reach it (API, admin action and changelist button, /laporan/ page)."""

import csv
import datetime
import io
import re
from types import SimpleNamespace

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agreements import reports
from agreements.models import Kind, Status
from agreements.reports import cells, layout, pdf_file
from partners.models import Category
from tests.agreements.test_pdf_document import pdf_pages, pdf_text
from tests.conftest import make_agreement
from tests.conftest import partner as partner_institution

REPORT_URL = "/api/v1/agreements/report/"
HEADINGS = [
    "Provinsi",
    "Pihak pertama",
    "Lembaga penyelenggara",
    "Jenis",
    "Nomor pihak pertama",
    "Nomor mitra",
    "Judul",
    "Mitra",
    "Kategori mitra",
    "Tanggal ditandatangani",
    "Berlaku sampai",
    "Berlaku",
    "Kegiatan",
]
FORMULA_TITLE = '=HYPERLINK("http://evil.example/","PKS Blitar")'
ESCAPED_TITLE = "'" + FORMULA_TITLE  # as spreadsheets receive it: text, not a formula


@pytest.fixture
def signed(world, national_mou, bawaslu_national_mou):
    """Five signed agreements in three provinces (national, Jawa Timur, Kalimantan Selatan)
    and a draft that no report shows."""
    s = SimpleNamespace(national_mou=national_mou, bawaslu_mou=bawaslu_national_mou)
    s.pks_jatim = make_agreement(
        world.kpu_jatim,
        [world.kanwil_kemenag_jatim],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=national_mou,
        signed_on=datetime.date(2024, 6, 12),
        valid_until=datetime.date(2025, 6, 11),
        title="PKS KPU Jatim dengan Kanwil Kemenag",
        owner_number="27/PKS/35/2024",
    )
    s.pks_blitar = make_agreement(
        world.kpu_blitar,
        [world.kemensos],
        ["pendidikan_pemilih"],
        kind=Kind.PKS,
        parent=national_mou,
        signed_on=datetime.date(2025, 3, 3),
        valid_until=datetime.date(2026, 3, 2),
        title=FORMULA_TITLE,
        owner_number="9/PKS/3572/2025",
    )
    s.mou_kalsel = make_agreement(
        world.bawaslu_kalsel,
        [world.ulm],
        ["penelitian"],
        signed_on=datetime.date(2024, 3, 1),
        approval_reference="B/123/KA.BAWASLU/2024",
        approved_on=datetime.date(2024, 2, 20),
        title="MoU Bawaslu Kalsel dengan ULM",
        owner_number="05/NK/KS-01/2024",
    )
    s.draft = make_agreement(
        world.kpu_ri,
        [world.karang_taruna],
        ["sosialisasi"],
        status=Status.DRAFT,
        signed_on=None,
        valid_until=None,
        title="Draf MoU Karang Taruna",
    )
    return s


def get_report(client, user, **params):
    client.force_login(user)
    response = client.get(REPORT_URL, params)
    assert response.status_code == 200, response.content[:500]
    return response


def csv_rows(response):
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content)))


def report_titles(client, user, **params):
    rows = csv_rows(get_report(client, user, format="csv", **params))
    assert rows[0] == HEADINGS
    return sorted(row[6] for row in rows[1:])


def test_pdf_report_groups_by_province_then_unit_with_totals(client, users, signed):
    response = get_report(client, users.national_admin, format="pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="laporan-perjanjian-')
    text = pdf_text(response.content)

    assert "Laporan Perjanjian yang Telah Ditandatangani" in text
    assert re.search(r"Dibuat \d{1,2} \w+ \d{4}, \d{2}\.\d{2} WIB", text)
    order = [
        "Pusat (tingkat nasional)",
        "Komisi Pemilihan Umum Republik Indonesia",
        "Jawa Timur",
        "KPU Provinsi Jawa Timur",
        "KPU Kota Blitar",
        "Kalimantan Selatan",
        "Bawaslu Provinsi Kalimantan Selatan",
        "Rekapitulasi",
    ]
    positions = [text.index(marker) for marker in order]
    assert positions == sorted(positions)
    for title in (
        "PKS KPU Jatim dengan Kanwil Kemenag",
        "MoU Bawaslu Kalsel dengan ULM",
        "27/PKS/35/2024",
        "05/NK/KS-01/2024",
    ):
        assert title in text
    assert "Draf MoU Karang Taruna" not in text
    totals = text[text.index("Rekapitulasi") :]
    assert "Seluruhnya 5 perjanjian" in totals
    for label, count in [
        ("KPU", 3),
        ("Bawaslu", 2),
        ("MoU", 3),
        ("PKS", 2),
        ("kementerian atau lembaga pusat", 3),
        ("instansi vertikal", 1),
        ("perguruan tinggi", 1),
    ]:
        assert re.search(rf"{re.escape(label)} {count}\b", totals), (label, count)
    assert "Halaman 1 dari 1" in text


def test_pdf_report_header_names_the_filters(client, users, signed):
    response = get_report(
        client,
        users.national_admin,
        format="pdf",
        province="35",
        kind="pks",
        signed_from="2024-01-01",
        signed_until="2025-12-31",
    )
    text = pdf_text(response.content)
    assert (
        "Filter Jenis: PKS (perjanjian kerja sama); Provinsi: Jawa Timur; Ditandatangani "
        "sejak: 1 Januari 2024; Ditandatangani sampai: 31 Desember 2025"
    ) in text
    assert "Seluruhnya 2 perjanjian" in text


def test_csv_report(client, users, signed):
    rows = csv_rows(get_report(client, users.national_admin, format="csv"))
    assert rows[0] == HEADINGS
    assert len(rows) == 6
    blitar = next(row for row in rows if row[1] == "KPU Kota Blitar")
    assert blitar == [
        "Jawa Timur",
        "KPU Kota Blitar",
        "KPU",
        "PKS",
        "9/PKS/3572/2025",
        "B/1/2024",
        ESCAPED_TITLE,
        "Kementerian Sosial",
        "kementerian atau lembaga pusat",
        "2025-03-03",
        "2026-03-02",
        blitar[11],
        "0",
    ]


def test_xlsx_report(client, users, signed):
    response = get_report(client, users.national_admin, format="xlsx")
    assert response["Content-Type"] == reports.CONTENT_TYPES["xlsx"]
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == ["Perjanjian", "Ringkasan"]
    rows = list(workbook["Perjanjian"].values)
    assert list(rows[0]) == HEADINGS
    assert len(rows) == 6
    blitar = next(row for row in rows if row[1] == "KPU Kota Blitar")
    assert blitar[6] == ESCAPED_TITLE
    assert blitar[9] == datetime.datetime(2025, 3, 3)
    summary = {row[0]: row[1] for row in workbook["Ringkasan"].values if row and row[0]}
    assert summary["Jumlah perjanjian"] == 5
    assert summary["KPU"] == 3 and summary["PKS"] == 2
    assert summary["perguruan tinggi"] == 1


@pytest.mark.parametrize(
    ("params", "titles"),
    [
        ({"province": "35"}, ["PKS KPU Jatim dengan Kanwil Kemenag", ESCAPED_TITLE]),
        ({"level": "regency"}, [ESCAPED_TITLE]),
        ({"partner_category": "university"}, ["MoU Bawaslu Kalsel dengan ULM"]),
        (
            {"body": "bawaslu", "kind": "mou"},
            [
                "MoU Bawaslu Kalsel dengan ULM",
                "Nota Kesepahaman Bawaslu RI dengan Kemensos, Kemenag dan PP GP Ansor",
            ],
        ),
        (
            {"signed_from": "2024-03-01", "signed_until": "2024-12-31"},
            ["MoU Bawaslu Kalsel dengan ULM", "PKS KPU Jatim dengan Kanwil Kemenag"],
        ),
        ({"in_force_on": "2025-12-01", "kind": "pks"}, [ESCAPED_TITLE]),
        ({"status": "draft"}, []),
    ],
)
def test_report_filters(client, users, signed, params, titles):
    assert report_titles(client, users.national_admin, **params) == sorted(titles)


def test_xlsx_leaves_out_control_characters(client, users, signed):
    response = get_report(client, users.national_admin, format="xlsx", q="Blitar\x0f")
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    summary = {row[0]: row[1] for row in workbook["Ringkasan"].values if row and row[0]}
    assert summary["Kata pencarian"] == "Blitar"


def test_report_shows_only_what_the_user_may_read(client, users, signed):
    assert report_titles(client, users.regency_editor) == sorted(
        [ESCAPED_TITLE, signed.national_mou.title, signed.bawaslu_mou.title]
    )


def test_in_force_column_follows_the_in_force_on_date(client, users, signed):
    rows = csv_rows(
        get_report(client, users.national_admin, format="csv", in_force_on="2024-07-01")
    )
    assert {row[11] for row in rows[1:]} == {"ya"}


def test_report_query_count_does_not_grow_with_rows(client, users, world, signed):
    client.force_login(users.national_admin)

    def queries(file_format):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(REPORT_URL, {"format": file_format})
            b"".join(response.streaming_content) if response.streaming else response.content
        return len(captured)

    before = {file_format: queries(file_format) for file_format in reports.FORMATS}
    for number in range(6):
        make_agreement(
            world.kpu_banjarmasin,
            [world.kemenag, world.kemensos],
            ["sosialisasi"],
            kind=Kind.PKS,
            parent=signed.national_mou,
            signed_on=datetime.date(2024, 7, number + 1),
            valid_until=datetime.date(2025, 7, 1),
            title=f"PKS Banjarmasin {number}",
        )
    assert {file_format: queries(file_format) for file_format in reports.FORMATS} == before


def test_pdf_pages_rendered_in_parallel_are_numbered_as_one(
    client, users, world, signed, settings, monkeypatch
):
    settings.PDF_RENDER_PROCESSES = 2
    monkeypatch.setattr(layout, "PAGE_HEIGHT", 260)  # a few rows to a page
    for number in range(4):
        make_agreement(
            world.kpu_blitar,
            [world.kemenag],
            ["sosialisasi"],
            kind=Kind.PKS,
            parent=signed.national_mou,
            signed_on=datetime.date(2025, 4, number + 1),
            valid_until=datetime.date(2026, 3, 2),
            title=f"PKS Blitar {number}",
        )
    pages = pdf_pages(get_report(client, users.national_admin, format="pdf").content)

    assert len(pages) >= 4
    for number, page in enumerate(pages, start=1):
        assert f"Halaman {number} dari {len(pages)}" in page
        assert "Laporan Perjanjian yang Telah Ditandatangani · KPU dan Bawaslu" in page
    text = " ".join(pages)
    assert "Jawa Timur (lanjutan) KPU Kota Blitar (lanjutan)" in text
    for number in range(4):
        assert f"PKS · PKS Blitar {number}" in text
    assert "Seluruhnya 9 perjanjian" in pages[-1]


def test_an_agreement_taller_than_a_page_goes_on_over_the_next(
    client, users, world, signed, monkeypatch
):
    monkeypatch.setattr(layout, "PAGE_HEIGHT", 300)
    organisations = [
        partner_institution(
            f"Pimpinan Cabang Organisasi Kepemudaan Nomor {n}", Category.CIVIL_SOCIETY
        )
        for n in range(30)
    ]
    make_agreement(
        world.kpu_ri,
        organisations,
        ["sosialisasi"],
        title="MoU dengan 30 organisasi",
        signed_on=datetime.date(2024, 2, 1),
    )
    pages = pdf_pages(get_report(client, users.national_admin, format="pdf").content)

    for number, page in enumerate(pages, start=1):
        assert f"Halaman {number} dari {len(pages)}" in page
    text = " ".join(pages)
    assert sorted(map(int, re.findall(r"Nomor (\d+)", text))) == list(range(30))
    assert "Komisi Pemilihan Umum Republik Indonesia (lanjutan)" in text


def test_page_runs_share_the_lines_out_evenly(monkeypatch):
    pages = [SimpleNamespace(line_count=count) for count in [60, 10, 10, 10, 10, 10, 10, 10]]
    runs = pdf_file.page_runs(pages, 2)
    assert [[page.line_count for page in run] for run in runs] == [[60], [10] * 7]
    assert pdf_file.page_runs(pages[:1], 2) == [pages[:1]]

    monkeypatch.setattr(pdf_file, "RUN_LINES_MAX", 50)  # a memory bound: two runs a process
    runs = pdf_file.page_runs(pages, 2)
    assert [[page.line_count for page in run] for run in runs] == [[60], [10] * 4, [10] * 3]
    assert [page for run in runs for page in run] == pages


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ("=1+1", "'=1+1"),
        ("+62 812", "'+62 812"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("B-1/2024", "B-1/2024"),
        ("", ""),
        (None, None),
        (5, 5),
    ],
)
def test_escape_formula(value, escaped):
    assert cells.escape_formula(value) == escaped


def test_report_rejects_unknown_format_and_invalid_filters(client, users, signed):
    client.force_login(users.national_admin)
    response = client.get(REPORT_URL, {"format": "docx"})
    assert response.status_code == 400
    assert response.json()["errors"]["format"][0]["code"] == "invalid_choice"
    response = client.get(REPORT_URL, {"format": "csv", "kind": "treaty"})
    assert response.status_code == 400
    assert "kind" in response.json()["errors"]


def test_report_answers_whatever_the_accept_header(client, users, signed):
    client.force_login(users.national_admin)
    response = client.get(REPORT_URL, {"format": "pdf"}, HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert client.get(REPORT_URL).content.startswith(b"%PDF")  # PDF when no format is given


def test_report_needs_a_signed_in_user(client, signed):
    assert client.get(REPORT_URL, {"format": "csv"}).status_code == 401


def xlsx_titles(response):
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return sorted(row[6] for row in list(workbook["Perjanjian"].values)[1:])


def test_admin_action_exports_the_selection(client, users, signed):
    client.force_login(users.national_admin)
    selected = [signed.national_mou.pk, signed.mou_kalsel.pk, signed.draft.pk]
    response = client.post(
        reverse("admin:agreements_mou_changelist"),
        {
            "action": "export_xlsx_report",
            "_selected_action": selected,
        },
    )
    assert response.status_code == 200
    assert xlsx_titles(response) == sorted([signed.national_mou.title, signed.mou_kalsel.title])
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == [
        "1 perjanjian terpilih belum ditandatangani dan tidak dimasukkan ke dalam laporan."
    ]

    response = client.post(
        reverse("admin:agreements_mou_changelist"),
        {
            "action": "export_pdf_report",
            "_selected_action": [signed.mou_kalsel.pk],
        },
    )
    assert response["Content-Type"] == "application/pdf"
    assert "MoU Bawaslu Kalsel dengan ULM" in pdf_text(response.content)


def test_admin_changelist_exports_what_it_shows(client, users, signed):
    client.force_login(users.national_admin)
    changelist = client.get(reverse("admin:agreements_pks_changelist"), {"level": "regency"})
    html = changelist.content.decode()
    export_url = reverse("admin:agreements_pks_report", args=["xlsx"])
    assert f'href="{export_url}?level=regency"' in html
    assert "Laporan PDF" in html

    assert xlsx_titles(client.get(export_url, {"level": "regency"})) == [ESCAPED_TITLE]
    response = client.get(reverse("admin:agreements_mou_report", args=["pdf"]), {"body": "bawaslu"})
    text = pdf_text(response.content)
    assert "Filter Jenis: MoU (nota kesepahaman); Lembaga penyelenggara: Bawaslu" in text
    assert "Seluruhnya 2 perjanjian" in text
    assert client.get(reverse("admin:agreements_mou_report", args=["docx"])).status_code == 404


def test_report_page(client, users, signed):
    url = reverse("agreements:report")
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(users.national_admin)
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Unduh PDF" in html and "Unduh XLSX (Excel)" in html
    assert f'value="01/01/{datetime.date.today().year}"' in html  # this year by default

    response = client.get(
        url,
        {
            "format": "xlsx",
            "province": "35",
            "kind": "pks",
            "signed_from": "01/01/2024",
            "signed_until": "31/12/2025",
        },
    )
    assert xlsx_titles(response) == sorted(["PKS KPU Jatim dengan Kanwil Kemenag", ESCAPED_TITLE])

    response = client.get(
        url, {"format": "pdf", "signed_from": "2025-01-01", "signed_until": "2024-01-01"}
    )
    assert response.status_code == 200
    assert "jatuh setelah" in response.content.decode()
