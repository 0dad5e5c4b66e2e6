"""In a real browser: someone holding a printed MoU opens its verification page (no account),
and a leader downloads this year's signed PKS of one province from the report page."""

import datetime

import pytest

from agreements.models import Kind
from tests.browser.test_pages_browser import WIDTHS, sign_in
from tests.conftest import make_agreement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
def test_anyone_checks_a_printed_copy(page, screenshot, live_server, national_mou, width):
    page.set_viewport_size(WIDTHS[width])
    page.goto(f"{live_server.url}/verifikasi/{national_mou.uuid}/")
    assert page.locator("h1").inner_text() == "Verifikasi perjanjian"
    assert page.locator(".status strong").inner_text() == "Berlaku"
    facts = page.locator(".facts").inner_text()
    assert "Kementerian Sosial — nomor B/1/2024" in facts
    assert "15 Januari 2024 sampai dengan 31 Desember 2028" in facts
    screenshot(f"verification-{width}")


def test_leader_downloads_this_years_pks_of_a_province(
    page, screenshot, live_server, world, users, national_mou
):
    today = datetime.date.today()
    make_agreement(
        world.kpu_jatim,
        [world.kanwil_kemenag_jatim],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=national_mou,
        signed_on=datetime.date(today.year, 1, 2),
        valid_until=datetime.date(today.year, 12, 31),
        title="PKS KPU Jatim dengan Kanwil Kemenag",
    )
    sign_in(page, live_server, "admin_ri")
    page.goto(f"{live_server.url}/laporan/")
    page.get_by_label("Provinsi").select_option(label="Jawa Timur")
    page.get_by_label("Jenis").select_option(value="pks")
    screenshot("report-form")
    with page.expect_download() as download:
        page.get_by_role("button", name="Unduh XLSX (Excel)").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    with page.expect_download() as download:
        page.get_by_role("button", name="Unduh PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
