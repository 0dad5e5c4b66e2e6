"""A regional clerk on the pages, in a real browser, at office-PC and phone widths: sign in,
search a partner, open it, read the answer for their own unit, open the dashboard."""

import pytest

from agreements.models import Kind
from tests.conftest import PASSWORD, make_agreement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def pks_jatim(world, national_mou):
    """A PKS of KPU Jatim with the Kanwil under KPU RI's MoU with Kemenag."""
    return make_agreement(
        world.kpu_jatim,
        [world.kanwil_kemenag_jatim],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=national_mou,
        title="PKS Sosialisasi Pemilu KPU Jatim dengan Kanwil Kemenag Jatim",
    )


def sign_in(page, live_server, username, screenshot=None, then="/mitra/"):
    """Open the site as a newcomer would: the root address leads to the sign-in form, and
    from it to the user's home; then go on to ``then`` (the lookup) by the menu."""
    page.goto(f"{live_server.url}/")
    assert page.locator("h1").inner_text() == "Masuk"
    if screenshot:
        screenshot()
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("h1").inner_text() == "Yang perlu dikerjakan"
    if then == "/mitra/":
        with page.expect_navigation():
            page.get_by_role("navigation", name="Menu utama").get_by_role(
                "link", name="Cari mitra"
            ).click()
        page.wait_for_url(f"{live_server.url}/mitra/")


def search(page, words):
    page.get_by_label("Nama atau singkatan mitra").fill(words)
    with page.expect_navigation():
        page.get_by_label("Nama atau singkatan mitra").press("Enter")


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
def test_regency_clerk_finds_a_partner_and_reads_the_answer(
    page, screenshot, live_server, users, pks_jatim, bawaslu_national_mou, width
):
    page.set_viewport_size(WIDTHS[width])
    sign_in(page, live_server, "editor_blitar", lambda: screenshot(f"pages-sign-in-{width}"))
    screenshot(f"pages-lookup-start-{width}")

    search(page, "kanwil jawa")
    result = page.locator(".result").first
    assert result.locator("h3").inner_text() == "Kanwil Kemenag Provinsi Jawa Timur"
    assert "MoU KPU RI berlaku s.d. 31 Desember 2028" in result.inner_text()
    assert "(melalui Kementerian Agama)" in result.inner_text()
    assert "1 PKS telah ditandatangani di bawahnya" in result.inner_text()
    screenshot(f"pages-lookup-results-{width}")

    with page.expect_navigation():
        result.get_by_role("link", name="Kanwil Kemenag Provinsi Jawa Timur").click()
    answer = page.locator(".answer")
    assert (
        answer.locator("h2")
        .inner_text()
        .endswith("Unit Anda dapat menandatangani PKS dengan mitra ini")
    )
    assert "Untuk KPU Kota Blitar" in answer.inner_text()
    assert "paling lambat sampai 31 Desember 2028" in answer.inner_text()
    table = page.locator("table").inner_text()
    assert "Jawa Timur" in table and "KPU Provinsi Jawa Timur" in table
    screenshot(f"pages-partner-eligible-{width}")

    with page.expect_navigation():
        page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Dasbor").click()
    assert page.locator("h1").inner_text() == "Keadaan kerja sama"
    assert page.get_by_role("row", name="Jawa Timur").first.is_visible()
    screenshot(f"pages-dashboard-{width}")


def test_clerk_of_another_unit_learns_what_is_missing(
    page, screenshot, live_server, users, national_mou
):
    sign_in(page, live_server, "editor_banjarmasin")
    search(page, "karang")
    assert "Belum ada MoU KPU RI yang berlaku" in page.locator(".result").first.inner_text()
    with page.expect_navigation():
        page.get_by_role("link", name="Karang Taruna").click()
    answer = page.locator(".answer")
    assert (
        answer.locator("h2")
        .inner_text()
        .endswith("Unit Anda belum dapat menandatangani PKS dengan mitra ini")
    )
    assert "Untuk KPU Kota Banjarmasin" in answer.inner_text()
    assert "Yang belum terpenuhi" in answer.inner_text()
    assert "MoU yang berlaku antara KPU RI dan Karang Taruna." in answer.inner_text()
    screenshot("pages-partner-not-eligible-desktop")


def test_keyboard_reaches_the_skip_link_and_the_search(page, live_server, users, national_mou):
    sign_in(page, live_server, "editor_blitar")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("link => link === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.get_by_label("Nama atau singkatan mitra").focus()
    page.keyboard.type("kemensos")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".result h3").first.inner_text().startswith("Kementerian Sosial")
