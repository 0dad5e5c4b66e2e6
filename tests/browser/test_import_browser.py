"""A clerk imports a spreadsheet in the admin, in a real browser: upload, read the dry-run
table with its errors, correct the file, import."""

import pytest

from agreements.models import Agreement
from tests.browser.test_admin_browser import sign_in
from tests.imports.conftest import pks_row, xlsx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def upload(page, path, button="Periksa berkas (uji coba)"):
    page.set_input_files("input[type=file]", str(path))
    with page.expect_navigation():
        page.click(f"button:has-text('{button}')")


def test_upload_dry_run_table_then_import(
    page, screenshot, live_server, users, national_mou, tmp_path
):
    sign_in(page, live_server, "editor_blitar")
    page.goto(f"{live_server.url}/admin/agreements/pks/")
    with page.expect_navigation():
        page.click("text=Impor dari spreadsheet")
    assert page.locator("h1").inner_text() == "Impor dari spreadsheet"
    assert page.locator("a:has-text('Templat XLSX')").count() == 2
    screenshot("import-upload")

    wrong = tmp_path / "arsip-blitar.xlsx"
    wrong.write_bytes(
        xlsx(
            [
                pks_row(),
                pks_row(**{"Nomor Satuan Kerja": "06/PKS/2024", "Mitra": "Karang Taruna"}),
                pks_row(**{"Nomor Satuan Kerja": "07/PKS/2024", "Mitra": "Kementrian Agama"}),
                pks_row(**{"Nomor Satuan Kerja": "08/PKS/2024", "Berlaku Sampai": "31/13/2024"}),
                pks_row(
                    **{
                        "Nomor Satuan Kerja": "09/PKS/2024",
                        "Satuan Kerja": "KPU Provinsi Jawa Timur",
                    }
                ),
            ]
        )
    )
    upload(page, wrong)
    outcome = page.locator(".import-outcome").inner_text()
    assert "Uji coba: 1 baru, 0 diperbarui, 4 baris bergalat" in outcome
    table = page.locator("#import-rows").inner_text()
    assert "partner_not_covered" in table and "Mitra tidak tercakup dalam MoU" in table
    assert "unknown_institution" in table and "“Kementerian Agama”" in table
    assert "invalid_date" in table and "out_of_scope" in table
    assert page.locator("button:has-text('sekarang')").count() == 0
    screenshot("import-dry-run-errors")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("import-dry-run-errors-phone")
    page.set_viewport_size({"width": 1366, "height": 900})

    right = tmp_path / "arsip-blitar-2.xlsx"
    right.write_bytes(xlsx([pks_row()]))
    page.click("text=Unggah berkas lain")
    upload(page, right)
    with page.expect_navigation():
        page.click("button:has-text('Impor 1 baris sekarang')")
    assert "Berhasil diimpor: 1 baru" in page.locator(".import-outcome").inner_text()
    screenshot("import-done")
    pks = Agreement.objects.pks().get()
    assert pks.owner_number == "05/PKS/KPU-Kot/2024"
    with page.expect_navigation():
        page.click("text=buka perjanjian")
    assert f"/admin/agreements/pks/{pks.pk}/change/" in page.url
