"""The life after signing in a real browser: an MoU's admin page with its activities,
evaluation and addendum; the partner page of a partner whose MoU was renewed, at office-PC and
phone widths. Screenshots go to screenshots/followup-*.png."""

import datetime

import pytest

from agreements import addenda
from agreements.models import Activity, Addendum, Evaluation
from tests.browser.test_pages_browser import WIDTHS, sign_in
from tests.conftest import PASSWORD, make_agreement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
D = datetime.date


@pytest.fixture
def followed_up(world, users):
    """KPU RI's MoU with Kemensos (2019–2023), renewed by one from 2024, which has an activity,
    an evaluation and an addendum."""
    old = make_agreement(
        world.kpu_ri,
        [world.kemensos],
        ["sosialisasi"],
        signed_on=D(2019, 1, 7),
        valid_until=D(2023, 12, 31),
        title="MoU KPU RI dan Kemensos 2019",
    )
    new = make_agreement(
        world.kpu_ri,
        [world.kemensos],
        ["sosialisasi", "pendidikan_pemilih"],
        signed_on=D(2024, 1, 15),
        valid_until=D(2028, 12, 31),
        renewal_of=old,
        title="MoU KPU RI dan Kemensos 2024",
    )
    Activity.objects.create(
        agreement=new,
        date=D(2024, 4, 2),
        title="Sosialisasi bagi pendamping PKH",
        place="Jakarta",
        participants=120,
    )
    Evaluation.objects.create(
        agreement=new,
        period_start=D(2024, 1, 15),
        period_end=D(2025, 1, 14),
        findings="Sosialisasi menjangkau 20 provinsi.",
        recommendation="continue",
    )
    addenda.save_addendum(
        Addendum(
            agreement=new,
            title="Adendum Pertama",
            owner_number="1/ADD/2025",
            signing_place="Jakarta",
            text="Pasal 2 diubah.",
            signed_on=D(2025, 3, 3),
        ),
        ["data_informasi"],
    )
    return old, new


def admin_sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")


def test_the_mou_admin_page_with_activities_evaluation_and_addendum(
    page, live_server, users, followed_up, screenshot
):
    _old, new = followed_up
    admin_sign_in(page, live_server, users.national_editor.username)
    page.goto(f"{live_server.url}/admin/agreements/mou/{new.pk}/change/")
    html = page.content()  # the inlines' values are in inputs and text areas
    for expected in (
        "Sosialisasi bagi pendamping PKH",
        "Sosialisasi menjangkau 20 provinsi.",
        "Adendum Pertama",
        "MoU KPU RI dan Kemensos 2019",
        "Data Informasi",
    ):
        assert expected in html, expected
    screenshot("followup-admin-mou")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_partner_page_of_a_renewed_mou(
    page, live_server, users, world, followed_up, screenshot, width
):
    page.set_viewport_size(WIDTHS[width])
    sign_in(page, live_server, users.regency_editor.username)
    page.goto(f"{live_server.url}/mitra/{world.kemensos.pk}/")
    body = page.locator("body").inner_text()
    assert "Diperpanjang dengan" in body and "Memperpanjang" in body
    assert "Sosialisasi bagi pendamping PKH" in body
    screenshot(f"followup-partner-{width}")
