"""The admin a clerk uses all day and the pages, in a real browser at 1366 px and 390 px: lists
that fit the screen, forms that show what applies whole, dates picked and written day/month/
year, history in words, a home that says what needs doing, a dashboard that reads on a phone,
a verification page that checks a copy in the browser, and one look across admin and pages."""

import datetime
import hashlib
import re

import pytest

from agreements.models import Agreement, Kind, Status
from agreements.reference import load_reference_data
from agreements.services import save_agreement
from tests.browser.test_admin_browser import sign_in as admin_sign_in
from tests.browser.test_pages_browser import WIDTHS
from tests.browser.test_pages_browser import sign_in as pages_sign_in
from tests.conftest import make_agreement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BY_WIDTH = pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))


def overflow(page):
    """How far the page is wider than the window (0: nothing is cut off on the right)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.fixture
def mous(world, national_mou):
    """A few more MoUs with long titles, so the list has rows to wrap."""
    for number in range(3):
        make_agreement(
            world.kpu_ri,
            [world.kemenag],
            ["sosialisasi"],
            title=f"Nota Kesepahaman antara Komisi Pemilihan Umum dan Kementerian Agama "
            f"tentang Sosialisasi, Pendidikan Pemilih, dan Peningkatan "
            f"Partisipasi Masyarakat dalam Pemilihan Umum Tahun 20{29 + number}",
            owner_number=f"0{number}/KB/KPU/TAHUN 2024",
        )
    return national_mou


@BY_WIDTH
def test_the_mou_list_fits_the_screen_whole(page, screenshot, live_server, users, mous, width):
    page.set_viewport_size(WIDTHS[width])
    admin_sign_in(page, live_server, "admin_ri")
    page.goto(f"{live_server.url}/admin/agreements/mou/")
    assert overflow(page) <= 0
    headings = page.locator("#result_list thead th").all_inner_texts()
    assert headings[0].strip() == "NO." or headings[0].strip() == "No."
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 4
    assert [rows.nth(n).locator("td.row-number").inner_text() for n in range(4)] == [
        "1",
        "2",
        "3",
        "4",
    ]
    titles = page.locator("#result_list .field-agreement_title").all_inner_texts()
    assert any(title.endswith("Tahun 2031") for title in titles)  # whole, not cut
    assert "01/KB/KPU/TAHUN 2024" in rows.nth(1).inner_text().replace("\n", "")
    screenshot(f"admin-mou-changelist-{width}")


def test_a_regency_editor_gets_only_the_filters_that_tell_its_rows_apart(
    page, live_server, users, world, national_mou
):
    make_agreement(
        world.kpu_blitar,
        [world.kemensos],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=national_mou,
        title="PKS Blitar",
    )
    admin_sign_in(page, live_server, "editor_blitar")
    page.goto(f"{live_server.url}/admin/agreements/pks/")
    filters = page.locator("#changelist-filter").inner_text()
    assert "lembaga penyelenggara" not in filters and "provinsi" not in filters
    assert "tingkat" not in filters.lower() and "status" in filters
    page.goto(f"{live_server.url}/admin/agreements/mou/")
    assert "Berdasarkan tingkat" in page.locator("#changelist-filter").inner_text()


def test_national_staff_get_the_provinces_folded(page, screenshot, live_server, users, mous):
    admin_sign_in(page, live_server, "admin_ri")
    page.goto(f"{live_server.url}/admin/agreements/mou/")
    provinces = page.locator("#changelist-filter details[data-filter-title=provinsi]")
    assert provinces.get_attribute("open") is None
    assert not provinces.get_by_role("link", name="Jawa Timur").is_visible()
    provinces.locator("summary").click()
    provinces.get_by_role("link", name="Jawa Timur").click()
    page.wait_for_url(re.compile(r"province=35"))
    # Chosen, the filter opens on its choice.
    chosen = page.locator("#changelist-filter details[data-filter-title=provinsi]")
    assert chosen.get_attribute("open") is not None
    assert chosen.locator("li.selected").inner_text() == "Jawa Timur"


@BY_WIDTH
def test_the_national_mou_form_shows_what_applies_whole(
    page, screenshot, live_server, users, national_mou, width
):
    Agreement.objects.filter(pk=national_mou.pk).update(
        owner_signatory_title="Ketua Komisi Pemilihan Umum Republik Indonesia"
    )
    page.set_viewport_size(WIDTHS[width])
    admin_sign_in(page, live_server, "admin_ri")
    page.goto(f"{live_server.url}/admin/agreements/mou/{national_mou.pk}/change/")
    assert "Persetujuan pusat" not in page.locator("#content").inner_text()
    if width == "desktop":  # a phone scrolls a long title inside its box
        title = page.locator("#id_owner_signatory_title")
        assert title.evaluate("input => input.scrollWidth <= input.clientWidth")
    for label in page.locator("#id_scopes label").all():
        assert label.evaluate(
            "label => label.getClientRects().length === 1 || "
            "label.offsetHeight < 2 * parseFloat(getComputedStyle(label)"
            ".lineHeight)"
        )
    assert page.input_value("#id_signed_on") == "15/01/2024"
    assert overflow(page) <= 0
    screenshot(f"admin-mou-form-{width}")


def test_the_admin_calendar_writes_day_month_year(page, live_server, users, national_mou):
    admin_sign_in(page, live_server, "admin_ri")
    page.goto(f"{live_server.url}/admin/agreements/mou/{national_mou.pk}/change/")
    assert page.get_attribute("#id_valid_until", "placeholder") == "hh/bb/tttt"
    page.locator("#id_valid_until").locator("xpath=..").locator(".datetimeshortcuts a").last.click()
    page.locator(".calendarbox:visible .calendar td a", has_text=re.compile(r"^14$")).click()
    assert re.fullmatch(r"14/\d\d/\d{4}", page.input_value("#id_valid_until"))


def test_the_history_reads_in_words(page, screenshot, live_server, users, national_mou):
    national_mou = Agreement.objects.get(pk=national_mou.pk)
    national_mou.valid_until = datetime.date(2029, 1, 14)
    save_agreement(
        national_mou,
        list(national_mou.parties.all()),
        ["sosialisasi", "pendidikan_pemilih", "penelitian"],
        users.national_admin,
    )
    admin_sign_in(page, live_server, "admin_ri")
    page.goto(f"{live_server.url}/admin/agreements/mou/{national_mou.pk}/history/")
    changes = page.locator("#change-history").inner_text()
    assert "Berlaku sampai: 31 Desember 2028 → 14 Januari 2029" in changes
    scopes = next(line for line in changes.splitlines() if line.startswith("Ruang lingkup:"))
    assert scopes.count("→") == 1 and "Penelitian" in scopes.split("→")[1]
    assert "[" not in changes and "2028-12-31" not in changes
    assert "admin_ri" in changes and "(sistem atau impor)" not in changes
    screenshot("admin-history")


@BY_WIDTH
def test_an_editor_is_told_what_needs_doing(
    page, screenshot, live_server, users, world, national_mou, width
):
    make_agreement(
        world.kpu_blitar,
        [world.kemensos],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=national_mou,
        status=Status.DRAFT,
        signed_on=None,
        valid_until=None,
        title="Draf PKS KPU Kota Blitar dengan Kemensos",
    )
    page.set_viewport_size(WIDTHS[width])
    pages_sign_in(page, live_server, "editor_jatim", then="/")
    home = page.locator("main").inner_text()
    assert "Draf yang perlu diselesaikan" in home and "Draf PKS KPU Kota Blitar" in home
    assert "MoU yang menunggu persetujuan Anda" not in home  # an editor does not approve
    assert overflow(page) <= 0
    screenshot(f"pages-home-{width}")
    page.goto(f"{live_server.url}/admin/")
    admin_home = page.locator("#content-main").inner_text()
    assert "Draf PKS KPU Kota Blitar" in admin_home
    assert "Kop surat KPU Provinsi Jawa Timur belum diisi" in admin_home
    assert overflow(page) <= 0
    screenshot(f"admin-home-{width}")


@BY_WIDTH
def test_the_dashboard_reads_on_a_phone(page, screenshot, live_server, users, world, width):
    load_reference_data()
    page.set_viewport_size(WIDTHS[width])
    pages_sign_in(page, live_server, "admin_ri", then="/")
    page.goto(f"{live_server.url}/dasbor/")
    rows = page.locator(".heatmap tbody tr")
    assert rows.count() == 38
    visible = [row for row in rows.all() if row.is_visible()]
    section = page.locator("section[aria-labelledby=coverage-title]").bounding_box()
    if width == "phone":
        assert visible == []  # no province holds a PKS: one sentence names them
        assert page.locator(".heatmap__none").is_visible()
        assert section["height"] < 2000
    else:
        assert len(visible) == 38 and not page.locator(".heatmap__none").is_visible()
    assert overflow(page) <= 0
    screenshot(f"pages-dashboard-{width}")


def test_a_province_of_the_map_opens_that_province(
    page, screenshot, live_server, users, world, national_mou
):
    make_agreement(
        world.kpu_blitar,
        [world.kemensos],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=national_mou,
        title="PKS Blitar",
    )
    pages_sign_in(page, live_server, "admin_ri", then="/")
    page.goto(f"{live_server.url}/dasbor/")
    with page.expect_navigation():
        page.locator('.province-map a[href="/dasbor/?province=35"]').click()
    assert page.locator("#province-title").inner_text() == "Provinsi Jawa Timur"
    assert "KPU Kota Blitar" in page.locator(".province-detail").inner_text()
    screenshot("pages-dashboard-province")


def test_the_reports_calendar_writes_day_month_year(page, screenshot, live_server, users):
    pages_sign_in(page, live_server, "admin_ri", then="/")
    page.goto(f"{live_server.url}/laporan/")
    assert page.get_attribute("#id_in_force_on", "placeholder") == "hh/bb/tttt"
    page.locator("#id_in_force_on + .datetimeshortcuts a").last.click()
    calendar = page.locator(".calendarbox:visible")
    assert "Min" in calendar.inner_text() or "M" in calendar.inner_text()
    screenshot("pages-report-calendar")
    calendar.locator(".calendar td a", has_text=re.compile(r"^14$")).click()
    assert re.fullmatch(r"14/\d\d/\d{4}", page.input_value("#id_in_force_on"))


SCAN = b"%PDF-1.4\n% the signed scan as registered\n%%EOF\n"


@BY_WIDTH
def test_a_visitor_checks_a_pdf_copy_in_the_browser(
    page, screenshot, live_server, national_mou, width
):
    Agreement.objects.filter(pk=national_mou.pk).update(
        signed_scan_sha256=hashlib.sha256(SCAN).hexdigest()
    )
    page.set_viewport_size(WIDTHS[width])
    page.goto(f"{live_server.url}/verifikasi/{national_mou.uuid}/")
    page.wait_for_load_state("networkidle")
    sent = []
    page.on("request", lambda request: sent.append(request.url))
    copy = {"name": "salinan.pdf", "mimeType": "application/pdf", "buffer": SCAN}
    page.set_input_files("#copy-file", copy)
    result = page.locator(".check-copy__result--match")
    assert result.inner_text().startswith("Cocok:")
    screenshot(f"verification-match-{width}")
    page.set_input_files("#copy-file", {**copy, "buffer": SCAN + b"changed"})
    assert page.locator(".check-copy__result--mismatch").inner_text().startswith("Tidak cocok:")
    assert sent == []  # the file never left the browser
    scope = page.locator(".verification-scope").inner_text()
    assert "bukan tanda tangan elektronik" in scope and "tte.komdigi.go.id" in scope
    assert overflow(page) <= 0


def test_an_unknown_identifier_answers_in_indonesian(page, screenshot, live_server, db):
    response = page.goto(f"{live_server.url}/verifikasi/00000000-0000-4000-8000-000000000000/")
    assert response.status == 404
    assert "tidak ada dokumen bertanda tangan" in page.locator("main").inner_text().lower()
    screenshot("verification-unknown")


def test_the_admin_and_the_pages_look_like_one_application(page, live_server, users):
    pages_sign_in(page, live_server, "admin_ri", then="/")
    look = "el => [getComputedStyle(el).backgroundColor, getComputedStyle(el).fontFamily]"
    pages_header = page.locator(".site-header").evaluate(look)
    pages_body = page.locator("body").evaluate("el => getComputedStyle(el).fontFamily")
    page.goto(f"{live_server.url}/admin/")
    assert page.locator(".site-header").evaluate(look) == pages_header
    assert page.locator("body").evaluate("el => getComputedStyle(el).fontFamily") == pages_body
    assert (
        page.get_by_role("navigation", name="Menu utama")
        .get_by_role("link", name="Entri data (admin)")
        .get_attribute("aria-current")
        == "page"
    )
