"""Documents that look official: the unit's letterhead (kop) on its MoUs, PKS and reports, the
"Mengetahui" block of a report, the initials (paraf) boxes, signatures that line up, the DRAF
mark until signed and no blanks on a signed copy; and the renderer still fetching nothing but
the static files and the logos."""

import datetime
import io
import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from agreements import pdf
from agreements.models import Agreement, Kind, Party, Status
from agreements.reports import layout
from partners import services
from tests.agreements.test_pdf_document import document_of, pdf_pages, pdf_text
from tests.conftest import make_agreement

ADDRESS = "Jalan Contoh Nomor 1, Surabaya 60292\nTelepon (031) 000000"


def png(size=(120, 120), name="logo.png"):
    """A small PNG picture as an upload."""
    output = io.BytesIO()
    Image.new("RGB", size, (180, 20, 30)).save(output, "PNG")
    return SimpleUploadedFile(name, output.getvalue(), content_type="image/png")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def jatim_letterhead(world, users, media):
    """KPU Provinsi Jawa Timur's letterhead and head, set by its own editor."""
    unit = world.kpu_jatim
    unit.letterhead_logo = png()
    unit.letterhead_address = ADDRESS
    unit.head_name = "Dr. Aang Kunaifi, S.H."
    unit.head_title = "Ketua KPU Provinsi Jawa Timur"
    return services.save_institution(unit, users.provincial_editor)


@pytest.fixture
def pks(world, national_mou):
    return make_agreement(
        world.kpu_jatim,
        [world.kanwil_kemenag_jatim],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=national_mou,
        signed_on=datetime.date(2024, 6, 12),
        valid_until=datetime.date(2025, 6, 11),
        signing_place="Surabaya",
        owner_signatory_title="Ketua Komisi Pemilihan Umum Provinsi Jawa Timur",
        title="Perjanjian Kerja Sama tentang Sosialisasi Pemilihan Umum 2029",
    )


def images_on(data, page_number):
    """The pictures a page draws (its resources may list those of other pages too)."""
    page = PdfReader(io.BytesIO(data)).pages[page_number]
    drawn = page.get_contents().get_data()
    return [
        name
        for name, item in page["/Resources"].get("/XObject", {}).items()
        if item.get_object()["/Subtype"] == "/Image" and f"{name} Do".encode() in drawn
    ]


# The letterhead on documents -------------------------------------------------------------------


def test_the_owners_letterhead_heads_its_documents(client, users, jatim_letterhead, pks):
    data = document_of(client, users.provincial_editor, pks)
    assert pdf_text(data).startswith(
        "KPU PROVINSI JAWA TIMUR Jalan Contoh Nomor 1, Surabaya "
        "60292 Telepon (031) 000000 PERJANJIAN KERJA SAMA"
    )
    assert len(images_on(data, 0)) == 1  # the logo, on the first page only
    assert images_on(data, 1) == []


def test_a_unit_without_letterhead_is_named_plainly(client, users, pks):
    data = document_of(client, users.provincial_editor, pks)
    assert pdf_text(data).startswith("KPU PROVINSI JAWA TIMUR PERJANJIAN KERJA SAMA")
    assert images_on(data, 0) == []


@pytest.mark.parametrize(
    "owner_title",
    [
        "Ketua KPU",
        # Three signature blocks with long titles: they move whole to a page of their own.
        "Ketua Komisi Pemilihan Umum Republik Indonesia yang menandatangani atas nama lembaga",
    ],
)
def test_initials_boxes_on_every_page_but_the_signatures(client, users, national_mou, owner_title):
    Agreement.objects.filter(pk=national_mou.pk).update(owner_signatory_title=owner_title)
    pages = pdf_pages(document_of(client, users.national_admin, national_mou))
    assert len(pages) > 2
    for page in pages[:-1]:
        assert "Paraf PERTAMA KEDUA KETIGA" in page
    assert "PIHAK PERTAMA," in pages[-1] and "Paraf" not in pages[-1]


def text_heights(data, page_number):
    """Each text run of a page with the height it is drawn at (points from the bottom)."""
    runs = []
    PdfReader(io.BytesIO(data)).pages[page_number].extract_text(
        visitor_text=lambda text, cm, tm, font, size: runs.append(
            (text.strip(), tm[5] * cm[3] + cm[5])
        )
    )
    return runs


def test_signatories_names_line_up_when_a_title_wraps(client, users, pks):
    data = document_of(client, users.provincial_editor, pks)
    last = len(PdfReader(io.BytesIO(data)).pages) - 1
    runs = text_heights(data, last)
    names = {text: height for text, height in runs if text in ("Ahmad Fauzan", "Penanda Tangan 1")}
    title_lines = [text for text, _height in runs if "PROVINSI JAWA TIMUR" in text]
    assert len(names) == 2
    assert abs(names["Ahmad Fauzan"] - names["Penanda Tangan 1"]) < 0.5
    assert title_lines  # the owner's long title wrapped, the partner's did not


# Drafts and blanks -----------------------------------------------------------------------------


@pytest.mark.parametrize("status", [Status.DRAFT, Status.AWAITING_APPROVAL, Status.APPROVED])
def test_anything_not_signed_carries_the_draft_mark_on_every_page(client, users, world, status):
    approval = {"approval_reference": "B/1/KPU/2024", "approved_on": datetime.date(2024, 1, 2)}
    mou = make_agreement(
        world.kpu_jatim,
        [world.kemensos],
        ["sosialisasi"],
        status=status,
        signed_on=None,
        **(approval if status == Status.APPROVED else {}),
    )
    pages = pdf_pages(document_of(client, users.national_admin, mou))
    assert pages and all("DRAF" in page for page in pages)


def test_a_signed_document_prints_no_blanks(client, users, pks):
    text = pdf_text(document_of(client, users.provincial_editor, pks))
    assert "DRAF" not in text and "…" not in text


def test_a_signed_agreement_with_missing_details_is_not_printed(client, users, pks):
    # An agreement signed before the rule signature_details_required, without its partner's
    # number and its place of signing.
    Agreement.objects.filter(pk=pks.pk).update(signing_place="")
    Party.objects.filter(agreement=pks).update(number="")
    client.force_login(users.provincial_editor)
    response = client.get(reverse("agreements:document", args=[pks.pk]))
    assert response.status_code == 409
    page = response.content.decode()
    assert "Dokumen belum dapat dicetak" in page
    assert "tempat penandatanganan" in page and "Kanwil Kemenag Provinsi Jawa Timur" in page
    assert reverse("admin:agreements_pks_change", args=[pks.pk]) in page
    api = client.get(f"/api/v1/agreements/{pks.pk}/document/")
    assert api.status_code == 409
    assert api.json()["code"] == "document_incomplete"


# The renderer's fetcher ------------------------------------------------------------------------


def test_the_fetcher_reads_the_logos_and_no_other_media(media, jatim_letterhead):
    logo = pdf.logo_url(jatim_letterhead)
    assert pdf.StaticFilesFetcher().fetch(logo).read(4) == b"\x89PNG"
    (media / "scans").mkdir()
    (media / "scans" / "scan.pdf").write_bytes(b"%PDF-1.4")
    (media / "logos" / "note.txt").write_text("not a picture")
    (media / "logos" / "scan.pdf").write_bytes(b"%PDF-1.4")
    for refused in [
        media / "scans" / "scan.pdf",
        media / "logos" / "note.txt",
        media / "logos" / "scan.pdf",
    ]:
        with pytest.raises(ValueError):
            pdf.StaticFilesFetcher().fetch(refused.as_uri())
    with pytest.raises(ValueError):
        pdf.StaticFilesFetcher().fetch(logo.rsplit("/", 1)[0] + "/../scans/scan.pdf")


# The report ------------------------------------------------------------------------------------


def report_of(client, user, **params):
    client.force_login(user)
    response = client.get("/api/v1/agreements/report/", {"format": "pdf", **params})
    assert response.status_code == 200
    return response.content


def test_the_report_has_the_users_letterhead_and_is_acknowledged_by_its_head(
    client, users, jatim_letterhead, pks
):
    data = report_of(client, users.provincial_editor)
    pages = pdf_pages(data)
    assert pages[0].startswith("Laporan Perjanjian yang Telah Ditandatangani · KPU dan Bawaslu")
    assert "KPU PROVINSI JAWA TIMUR Jalan Contoh Nomor 1" in pages[0]
    assert len(images_on(data, 0)) == 1
    closing = pages[-1][pages[-1].index("Rekapitulasi") :]
    assert "Mengetahui, Ketua KPU Provinsi Jawa Timur, Dr. Aang Kunaifi, S.H." in closing


def test_a_report_without_a_head_leaves_the_name_to_write(client, users, world, pks):
    closing = pdf_text(report_of(client, users.provincial_editor))
    assert "Mengetahui, Ketua KPU Provinsi Jawa Timur, (…" in closing


@pytest.mark.parametrize("page_height", range(300, 480, 30))
def test_letterhead_and_acknowledgement_are_counted_in_the_pages(
    client, users, world, jatim_letterhead, pks, monkeypatch, caplog, page_height
):
    """Whatever the room left on the last page, the pages come out as they were laid out."""
    monkeypatch.setattr(layout, "PAGE_HEIGHT", page_height)
    for number in range(3):
        make_agreement(
            world.kpu_blitar,
            [world.kemenag],
            ["sosialisasi"],
            kind=Kind.PKS,
            parent=pks.parent,
            signed_on=datetime.date(2025, 4, number + 1),
            valid_until=datetime.date(2026, 3, 2),
            title=f"PKS Blitar {number}",
        )
    with caplog.at_level(logging.WARNING, logger="agreements.pdf"):
        pages = pdf_pages(report_of(client, users.provincial_editor))
    assert not caplog.records
    assert "Mengetahui," in pages[-1]
    for number, page in enumerate(pages, start=1):
        assert f"Halaman {number} dari {len(pages)}" in page
