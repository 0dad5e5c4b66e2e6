"""The MoU or PKS as a formal document (PDF): what it says, the draft watermark, the QR link,
its fonts, who may print it, and that user text can never make the renderer fetch anything."""

import datetime
import io
import re

import pytest
import qrcode
from django.urls import reverse
from pypdf import PdfReader

from agreements import documents, pdf
from agreements.legal_text import (
    counted,
    date_in_words,
    listed,
    party_label,
    subject_of,
    whole_years,
)
from agreements.models import Agreement, Kind, Party, Status
from agreements.qr import qr_svg
from partners.models import Category, Institution
from tests.conftest import make_agreement

MOU_HEADINGS = [
    "MAKSUD DAN TUJUAN",
    "RUANG LINGKUP",
    "PELAKSANAAN",
    "PEMBIAYAAN",
    "JANGKA WAKTU",
    "EVALUASI",
    "PENYELESAIAN PERSELISIHAN",
    "PENUTUP",
]


def pdf_pages(data):
    """The text of each page, whitespace collapsed (line breaks fall anywhere in a paragraph)."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


def pdf_text(data):
    return " ".join(pdf_pages(data))


def document_of(client, user, agreement):
    client.force_login(user)
    response = client.get(reverse("agreements:document", args=[agreement.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    return response.content


@pytest.fixture
def signed_mou(national_mou):
    Agreement.objects.filter(pk=national_mou.pk).update(
        signing_place="Jakarta",
        owner_signatory_name="Ahmad Fauzan Hakim",
        owner_signatory_title="Ketua Komisi Pemilihan Umum Republik Indonesia",
    )
    Party.objects.filter(agreement=national_mou, institution__name="Kementerian Sosial").update(
        signatory_name="Sri Wahyuni", signatory_title="Menteri Sosial Republik Indonesia"
    )
    national_mou.refresh_from_db()
    return national_mou


@pytest.fixture
def pks(world, national_mou):
    """KPU Provinsi Jawa Timur – Kanwil Kemenag Jawa Timur, 12 June 2024 for one year."""
    return make_agreement(
        world.kpu_jatim,
        [world.kanwil_kemenag_jatim],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=national_mou,
        signed_on=datetime.date(2024, 6, 12),
        valid_until=datetime.date(2025, 6, 11),
        signing_place="Surabaya",
        title="Perjanjian Kerja Sama antara KPU Provinsi Jawa Timur dan Kanwil Kemenag "
        "tentang Sosialisasi Pemilihan Umum 2029",
        owner_number="27/PR.07-PKS/35/Prov/VI/2024",
    )


def test_mou_reads_as_the_formal_document(client, users, signed_mou):
    data = document_of(client, users.national_admin, signed_mou)
    text = pdf_text(data)

    # KPU RI has no letterhead recorded: its name heads the document, plainly.
    assert text.startswith(
        "KOMISI PEMILIHAN UMUM REPUBLIK INDONESIA NOTA KESEPAHAMAN ANTARA "
        "KOMISI PEMILIHAN UMUM REPUBLIK INDONESIA, KEMENTERIAN SOSIAL, DAN "
        "KEMENTERIAN AGAMA"
    )
    assert "NOMOR: 01/KB/2024 NOMOR: B/1/2024 NOMOR: B/2/2024 TENTANG" in text
    # 15 January 2024 was a Monday.
    assert (
        "Pada hari ini Senin, tanggal lima belas, bulan Januari, tahun dua ribu dua puluh "
        "empat, bertempat di Jakarta"
    ) in text
    assert "Ahmad Fauzan Hakim : Ketua Komisi Pemilihan Umum Republik Indonesia" in text
    assert "Sri Wahyuni : Menteri Sosial Republik Indonesia" in text
    for label in ("PIHAK PERTAMA", "PIHAK KEDUA", "PIHAK KETIGA"):
        assert f"selanjutnya disebut {label}" in text
    for number, heading in enumerate(MOU_HEADINGS, start=1):
        assert f"Pasal {number} {heading}" in text
    assert "HAK DAN KEWAJIBAN" not in text
    assert "meliputi: sosialisasi; dan pendidikan Pemilih." in text
    assert "sejak tanggal 15 Januari 2024 sampai dengan tanggal 31 Desember 2028" in text
    assert "dibuat dalam rangkap 3 (tiga) asli" in text
    assert "DRAF" not in text
    assert f"http://testserver/verifikasi/{signed_mou.uuid}/" in text


def test_every_page_is_numbered(client, users, signed_mou):
    pages = pdf_pages(document_of(client, users.national_admin, signed_mou))
    assert len(pages) > 1
    for number, page in enumerate(pages, start=1):
        assert f"Halaman {number} dari {len(pages)}" in page


def test_signature_blocks_for_every_party(client, users, signed_mou):
    pages = pdf_pages(document_of(client, users.national_admin, signed_mou))
    signatures = " ".join(pages)[" ".join(pages).index("Pasal 8 PENUTUP") :]
    # PIHAK KEDUA signs on the left, PIHAK PERTAMA on the right, further parties below.
    assert (
        signatures.index("PIHAK KEDUA,")
        < signatures.index("PIHAK PERTAMA,")
        < signatures.index("PIHAK KETIGA,")
    )
    assert "MENTERI SOSIAL REPUBLIK INDONESIA," in signatures
    assert "Ahmad Fauzan Hakim" in signatures and "Sri Wahyuni" in signatures
    # The QR code stays with the signatures, on the last page.
    assert "PIHAK PERTAMA," in pages[-1] and "memindai kode QR" in pages[-1]


def test_pks_names_its_mou_and_the_rights_and_obligations(client, users, pks):
    text = pdf_text(document_of(client, users.provincial_editor, pks))

    assert text.startswith(
        "KPU PROVINSI JAWA TIMUR PERJANJIAN KERJA SAMA ANTARA KPU PROVINSI JAWA TIMUR DAN KANWIL "
        "KEMENAG PROVINSI JAWA TIMUR NOMOR: 27/PR.07-PKS/35/Prov/VI/2024 NOMOR: B/1/2024 "
        "TENTANG SOSIALISASI PEMILIHAN UMUM 2029"
    )
    # 12 June 2024 was a Wednesday.
    assert (
        "Pada hari ini Rabu, tanggal dua belas, bulan Juni, tahun dua ribu dua puluh empat, "
        "bertempat di Surabaya"
    ) in text
    assert (
        "bahwa Komisi Pemilihan Umum Republik Indonesia, Kementerian Sosial, dan Kementerian "
        "Agama telah menandatangani Nota Kesepahaman Nomor 01/KB/2024 tanggal 15 Januari 2024 "
        "tentang Nota Kesepahaman KPU RI dengan Kemensos dan Kemenag"
    ) in text
    headings = MOU_HEADINGS[:2] + ["HAK DAN KEWAJIBAN"] + MOU_HEADINGS[2:]
    for number, heading in enumerate(headings, start=1):
        assert f"Pasal {number} {heading}" in text
    assert "sebagaimana dimaksud dalam Pasal 2" in text
    assert "untuk jangka waktu 1 (satu) tahun terhitung sejak tanggal 12 Juni 2024" in text
    assert "dibuat dalam rangkap 2 (dua) asli" in text


def test_a_draft_carries_the_watermark_on_every_page_and_blanks_to_fill(client, users, world):
    draft = make_agreement(
        world.kpu_ri,
        [world.kemensos],
        ["sosialisasi"],
        status=Status.DRAFT,
        signed_on=None,
        valid_until=None,
        owner_number="",
    )
    pages = pdf_pages(document_of(client, users.national_admin, draft))
    assert all("DRAF" in page for page in pages)
    assert "Pada hari ini …………………, tanggal …………………, bulan …………………, tahun" in pages[0]
    assert "NOMOR: ………………… NOMOR: B/1/2024" in pages[0]


def test_the_qr_code_opens_the_verification_page(rf, settings, signed_mou):
    settings.ALLOWED_HOSTS = ["kemitraan.example.go.id"]
    request = rf.get("/", HTTP_HOST="kemitraan.example.go.id", secure=True)
    url = documents.verification_url(request, signed_mou)
    assert url == f"https://kemitraan.example.go.id/verifikasi/{signed_mou.uuid}/"
    svg = qr_svg(url)
    assert svg.startswith("<svg") and "<path" in svg
    # One rectangle per run of dark modules: together exactly the modules of the code.
    drawn = {
        (x + step, int(y))
        for x, y, length in re.findall(r"M(\d+),(\d+)h(\d+)", svg)
        for x in [int(x)]
        for step in range(int(length))
    }
    code = qrcode.QRCode(border=2)
    code.add_data(url)
    dark = {(x, y) for y, row in enumerate(code.get_matrix()) for x, on in enumerate(row) if on}
    assert drawn == dark


def test_the_shipped_fonts_are_embedded(client, users, signed_mou):
    reader = PdfReader(io.BytesIO(document_of(client, users.national_admin, signed_mou)))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = (
                font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                if "/DescendantFonts" in font
                else font["/FontDescriptor"]
            )
            fonts[str(font["/BaseFont"])] = descriptor.get_object()
    # The families of static/kemitraan/pdf-fonts.css (Liberation, shipped in static/fonts):
    # no font of the machine is used.
    assert any("Kemitraan-Serif" in name for name in fonts)
    assert all("Kemitraan-" in name for name in fonts)
    assert all("/FontFile2" in d or "/FontFile3" in d or "/FontFile" in d for d in fonts.values())


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:9/x",
        "https://example.com/logo.png",
        "data:image/svg+xml;base64,PHN2Zy8+",
        "file://otherhost/static/kemitraan/pdf-report.css",
    ],
)
def test_the_fetcher_refuses_anything_but_static_files(url):
    with pytest.raises(ValueError):
        pdf.StaticFilesFetcher().fetch(url)


def test_the_fetcher_cannot_climb_out_of_static():
    escape = pdf.static_base_url() + "../manage.py"
    with pytest.raises(ValueError):
        pdf.StaticFilesFetcher().fetch(escape)
    font = pdf.static_base_url() + "fonts/liberation/LiberationSerif-Regular.ttf"
    assert pdf.StaticFilesFetcher().fetch(font).read(4) == b"\x00\x01\x00\x00"


HOSTILE = [
    '<img src="file:///etc/passwd">',
    '<link href="http://127.0.0.1:9/x">',
    '<img src="http://127.0.0.1:9/y">',
]


def test_hostile_text_is_printed_and_fetches_nothing(client, users, world, monkeypatch):
    fetched = []
    original = pdf.StaticFilesFetcher.fetch

    def recording_fetch(self, url, headers=None):
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(pdf.StaticFilesFetcher, "fetch", recording_fetch)
    partner = Institution.objects.create(name=f"Mitra {HOSTILE[1]}", category=Category.MEDIA)
    agreement = make_agreement(
        world.kpu_ri,
        [partner],
        ["sosialisasi"],
        title=f"Nota Kesepahaman tentang Kerja Sama {HOSTILE[0]}",
        owner_signatory_name=HOSTILE[2],
        signing_place="Jakarta",
    )
    text = pdf_text(document_of(client, users.national_admin, agreement))

    for hostile in HOSTILE:
        assert hostile in text or hostile.upper() in text
    assert fetched, "the stylesheets and fonts are fetched through the fetcher"
    assert all(url.startswith(pdf.static_base_url()) for url in fetched)
    assert not any("passwd" in url or "127.0.0.1" in url for url in fetched)


def test_only_readers_of_the_agreement_may_print_it(client, users, pks):
    client.force_login(users.other_regency_editor)
    assert client.get(reverse("agreements:document", args=[pks.pk])).status_code == 404
    client.logout()
    response = client.get(reverse("agreements:document", args=[pks.pk]))
    assert response.status_code == 302


def test_api_document(client, users, pks):
    client.force_login(users.provincial_editor)
    url = f"/api/v1/agreements/{pks.pk}/document/"
    for accept in ("application/pdf", "application/json", "*/*"):
        response = client.get(url, HTTP_ACCEPT=accept)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
    client.force_login(users.other_regency_editor)
    response = client.get(url)
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_api_document_needs_a_signed_in_user(client, pks):
    response = client.get(f"/api/v1/agreements/{pks.pk}/document/")
    assert response.status_code == 401


def test_admin_change_form_links_to_the_document(client, users, signed_mou):
    client.force_login(users.national_admin)
    response = client.get(reverse("admin:agreements_mou_change", args=[signed_mou.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cetak dokumen (PDF)" in html
    assert reverse("agreements:document", args=[signed_mou.pk]) in html


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (
            datetime.date(2024, 1, 15),
            {
                "day_name": "Senin",
                "day": "lima belas",
                "month": "Januari",
                "year": "dua ribu dua puluh empat",
            },
        ),
        (
            datetime.date(2013, 11, 1),
            {
                "day_name": "Jumat",
                "day": "satu",
                "month": "November",
                "year": "dua ribu tiga belas",
            },
        ),
    ],
)
def test_dates_in_words(day, expected):
    assert date_in_words(day) == expected


def test_document_wording_helpers():
    assert party_label(1) == "PIHAK PERTAMA"
    assert party_label(4) == "PIHAK KEEMPAT"
    assert counted(30) == "30 (tiga puluh)"
    assert listed(["A", "B"]) == "A dan B"
    assert listed(["A", "B", "C"]) == "A, B, dan C"
    assert subject_of("Nota Kesepahaman antara X dan Y tentang Pendidikan Pemilih") == (
        "Pendidikan Pemilih"
    )
    assert subject_of("Kerja sama pemilu") == "Kerja sama pemilu"
    assert whole_years(datetime.date(2024, 5, 14), datetime.date(2029, 5, 13)) == 5
    assert whole_years(datetime.date(2024, 2, 29), datetime.date(2025, 2, 28)) == 1
    assert whole_years(datetime.date(2024, 1, 15), datetime.date(2028, 12, 31)) is None


def test_parts_are_joined_in_order_and_a_wrong_page_count_is_logged(caplog):
    parts = [f"<p>Bagian {number}</p>" for number in (1, 2, 3)]
    joined = pdf.render_parts(iter(parts), len(parts), expected_pages=3)
    assert [" ".join(page.split()) for page in pdf_pages(joined)] == [
        "Bagian 1",
        "Bagian 2",
        "Bagian 3",
    ]
    assert not caplog.records

    pdf.render_parts(iter(parts), len(parts), expected_pages=2)
    assert "PDF laid out for 2 pages took 3" in caplog.text


def test_renders_share_the_fonts_and_forked_renders_leave_them_alone():
    pdf.html_to_pdf(pdf.WARM_UP_HTML)
    with pdf.FONTS.config() as config:
        # WeasyPrint keeps the shipped fonts it registered in this folder (a private name).
        fonts = sorted(config._folder.iterdir())
    faces = (pdf.static_root() / "kemitraan" / "pdf-fonts.css").read_text().count("@font-face")
    assert len(fonts) == faces
    parts = [f"<p>Bagian {number}</p>" for number in (1, 2, 3)]
    pdf.render_parts(iter(parts), len(parts))
    with pdf.FONTS.config() as again:
        assert again is config
    assert all(font.is_file() for font in fonts)
