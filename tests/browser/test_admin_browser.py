"""A clerk in the admin, in a real browser: sign in, read the MoU list, meet a rule error."""

import pytest

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")


def choose_in_autocomplete(page, field_selector, text):
    """Pick an option in a Django admin autocomplete (select2) by typing part of its name."""
    page.click(f"{field_selector} + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", text)
    page.click(f".select2-results__option:has-text('{text}')")


def test_mou_changelist_reads_in_indonesian(page, screenshot, live_server, users, national_mou):
    sign_in(page, live_server, "admin_ri")
    page.goto(f"{live_server.url}/admin/agreements/mou/")
    assert page.locator("h1").inner_text() == "Daftar MoU (nota kesepahaman)"
    row = page.locator("#result_list tbody tr").first
    assert national_mou.title in row.inner_text()
    assert "15 Januari 2024 –\n31 Desember 2028" in row.inner_text()
    assert "Kementerian Sosial" in row.inner_text()
    filters = page.locator("#changelist-filter").inner_text()
    assert "berlaku hari ini" in filters and "berakhir dalam 90 hari" in filters
    screenshot("admin-mou-changelist")


def test_pks_form_shows_the_broken_rule(page, screenshot, live_server, world, users, national_mou):
    sign_in(page, live_server, "editor_jatim")
    page.goto(f"{live_server.url}/admin/agreements/pks/add/")
    page.fill("#id_title", "PKS Sosialisasi Pemilu dengan Karang Taruna")
    choose_in_autocomplete(page, "#id_parent", "Nota Kesepahaman KPU RI")
    page.check("input[name=scopes][value=sosialisasi]")
    page.fill("#id_signed_on", "01/03/2024")
    page.fill("#id_valid_from", "01/03/2024")
    page.fill("#id_valid_until", "01/03/2025")
    page.select_option("#id_status", "signed")
    choose_in_autocomplete(page, "#id_parties-0-institution", "Karang Taruna")
    with page.expect_navigation():
        page.click("input[name=_save]")
    # The rule is named on the partner's row, not only at the top of the form.
    errors = page.locator("#parties-group .errorlist").all_inner_texts()
    assert any("Mitra tidak tercakup dalam MoU: Karang Taruna" in error for error in errors)
    screenshot("admin-pks-rule-error")
