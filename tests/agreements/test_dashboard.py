"""The dashboard: counts by kind, status and body; agreements ending soon; coverage by province;
partners by category."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from agreements.models import Kind, Status
from agreements.selectors.dashboard import (
    agreement_counts,
    coverage_by_province,
    partners_by_category,
)
from partners.models import Body, Category, Level, Region, RegionKind
from tests.conftest import make_agreement, unit

DASHBOARD = reverse("agreements:dashboard")


def text(response):
    return " ".join(response.content.decode().split())


def ending_in(days):
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def agreements(world, national_mou, bawaslu_national_mou):
    """National MoUs of both bodies; PKS of KPU Blitar (in force) and KPU Banjarmasin (ending in
    30 days); a draft PKS of KPU Jatim."""
    blitar = make_agreement(
        world.kpu_blitar,
        [world.kemensos],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=national_mou,
        title="PKS KPU Blitar dengan Kemensos",
    )
    banjarmasin = make_agreement(
        world.kpu_banjarmasin,
        [world.kemenag],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=national_mou,
        valid_until=ending_in(30),
        title="PKS KPU Banjarmasin dengan Kemenag",
    )
    draft = make_agreement(
        world.kpu_jatim,
        [world.kemenag],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=national_mou,
        status=Status.DRAFT,
        signed_on=None,
        valid_until=None,
        title="PKS draf KPU Jatim",
    )
    return blitar, banjarmasin, draft


def test_counts_by_body_kind_and_status(agreements):
    rows = {(row.body, row.kind): row for row in agreement_counts(timezone.localdate())}
    statuses = Status.values
    kpu_pks = rows["kpu", "pks"]
    assert kpu_pks.by_status[statuses.index("signed")] == 2
    assert kpu_pks.by_status[statuses.index("draft")] == 1
    assert (kpu_pks.total, kpu_pks.in_force) == (3, 2)
    assert (rows["kpu", "mou"].total, rows["bawaslu", "mou"].total) == (1, 1)
    assert rows["bawaslu", "pks"].total == 0


def test_coverage_counts_units_holding_a_pks_in_force(agreements, world):
    provinces, total = coverage_by_province(timezone.localdate())
    by_code = {province.code: province for province in provinces}
    kpu, bawaslu = 0, 1
    jatim, kalsel = by_code["35"], by_code["63"]
    assert jatim.name == "Jawa Timur"
    # KPU Jatim (draft only) and KPU Blitar (in force): one of two units.
    assert (jatim.cells[kpu].covered, jatim.cells[kpu].total) == (1, 2)
    assert (jatim.cells[bawaslu].covered, jatim.cells[bawaslu].total) == (0, 2)
    assert (kalsel.cells[kpu].covered, kalsel.cells[kpu].total) == (1, 2)
    assert (total.cells[kpu].covered, total.cells[kpu].total) == (2, 4)
    assert (jatim.cells[kpu].percent, jatim.cells[kpu].shade) == (50, 3)
    assert jatim.cells[bawaslu].shade == 0


def test_partners_by_category(world):
    bars = {bar.label: bar for bar in partners_by_category()}
    assert bars[Category.MINISTRY.label].value == 2
    assert bars[Category.CIVIL_SOCIETY.label].value == 3
    assert bars[Category.CIVIL_SOCIETY.label].percent == 100
    assert bars[Category.MEDIA.label].value == 0
    assert Category.ELECTION_BODY.label not in bars


def test_dashboard_page_in_indonesian(client, users, agreements):
    client.force_login(users.national_viewer)
    page = text(client.get(DASHBOARD))
    assert "Keadaan kerja sama" in page
    assert "Perjanjian menurut jenis, status, dan lembaga" in page
    assert "Cakupan PKS per provinsi" in page
    assert '<strong>50%</strong> <span class="heat__detail">1 dari 2</span>' in page
    assert "Mitra menurut jenis" in page
    assert f'href="{reverse("agreements:report")}"' in page


def test_national_staff_see_every_agreement_ending_soon(client, users, agreements):
    client.force_login(users.national_viewer)
    response = client.get(DASHBOARD)
    assert [a.title for a in response.context["expiring"]] == ["PKS KPU Banjarmasin dengan Kemenag"]
    page = text(response)
    assert f"{ending_in(30).day} " in page and "30 hari lagi" in page


def test_regional_staff_see_only_what_they_may_read_ending_soon(client, users, agreements):
    client.force_login(users.regency_editor)
    response = client.get(DASHBOARD)
    assert response.context["expiring"] == []
    assert response.context["expiring_total"] == 0
    assert "milik unit Anda dan unit di bawahnya" in text(response)


def test_dashboard_needs_sign_in(client):
    assert client.get(DASHBOARD).url.startswith(reverse("login"))


# Session, user, staff profile; expiring agreements, their parties and their count; MoUs without
# a PKS and their count (with their parties, here some); MoUs awaiting approval and their count;
# Session, user, staff profile; expiring agreements, their parties and their count; MoUs without
# a PKS and their count (with their parties, here some); MoUs awaiting approval and their count;
# counts by status and in force (one query: the tally); coverage; partners by category; the
# header's unread notifications; evaluations overdue and agreements signed but not used, each
# with their parties and their count (agreements.selectors.followup).
DASHBOARD_QUERIES = 21


def test_dashboard_runs_a_constant_number_of_queries(
    client, users, world, agreements, django_assert_num_queries
):
    client.force_login(users.national_viewer)
    with django_assert_num_queries(DASHBOARD_QUERIES):
        client.get(DASHBOARD)
    mou = agreements[0].parent
    for offset in range(10):
        make_agreement(
            world.kpu_blitar,
            [world.kemensos],
            ["sosialisasi"],
            kind=Kind.PKS,
            parent=mou,
            valid_until=ending_in(10 + offset),
            title=f"PKS {offset}",
        )
    with django_assert_num_queries(DASHBOARD_QUERIES):
        response = client.get(DASHBOARD)
    assert len(response.context["expiring"]) == 11


def test_mous_without_a_pks_and_those_awaiting_approval_are_listed_in_scope(client, users, world):
    today = timezone.localdate()
    lonely = make_agreement(
        world.kpu_ri,
        [world.karang_taruna],
        ["sosialisasi"],
        title="MoU KPU RI – Karang Taruna tanpa PKS",
        signed_on=today - datetime.timedelta(days=200),
        valid_until=today + datetime.timedelta(days=1000),
    )
    waiting = make_agreement(
        world.kpu_jatim,
        [world.kemensos],
        ["sosialisasi"],
        title="MoU KPU Jatim menunggu",
        status=Status.AWAITING_APPROVAL,
        signed_on=None,
        valid_until=None,
    )
    client.force_login(users.provincial_editor)
    response = client.get(DASHBOARD)
    assert [mou.pk for mou in response.context["without_pks"]] == [lonely.pk]
    assert [mou.pk for mou in response.context["waiting"]] == [waiting.pk]
    assert "MoU tanpa PKS lebih dari 6 bulan" in text(response)
    client.force_login(users.other_regency_editor)
    response = client.get(DASHBOARD)
    assert response.context["waiting"] == [] and response.context["waiting_total"] == 0


# ---- one province (where the map's tiles lead) ------------------------------------------------


def test_every_province_of_the_map_leads_to_that_province(client, users, agreements):
    client.force_login(users.national_viewer)
    dashboard = client.get(DASHBOARD)
    links = re.findall(
        r'href="(/dasbor/\?province=[\d.]+)"', str(dashboard.context["province_map"])
    )
    provinces = {row.code: row.name for row in dashboard.context["provinces"]}
    assert len(links) == len(provinces) > 0
    for link in links:
        response = client.get(link)
        code = link.rsplit("=", 1)[1]
        assert response.status_code == 200
        assert response.context["selected_province"].code == code
        assert f'<h2 id="province-title">Provinsi {provinces[code]}</h2>' in text(response)


def test_a_province_shows_its_units_with_a_pks_in_force(client, users, agreements):
    client.force_login(users.national_viewer)
    page = text(client.get(DASHBOARD, {"province": "35"}))
    detail = page[
        page.index('id="provinsi"') : page.index("</section>", page.index('id="provinsi"'))
    ]
    assert "Provinsi Jawa Timur" in detail
    assert "KPU Kota Blitar" in detail and "KPU Kota Banjarmasin" not in detail
    assert "1 / 2" in detail  # KPU: Kota Blitar of KPU Jatim and KPU Kota Blitar
    assert "PKS draf KPU Jatim" not in detail
    assert 'href="/laporan/?province=35"' in detail


def test_an_unknown_province_is_not_found(client, users, agreements):
    client.force_login(users.national_viewer)
    assert client.get(DASHBOARD, {"province": "99"}).status_code == 404


def test_a_province_costs_one_query_more(client, users, agreements, django_assert_num_queries):
    client.force_login(users.national_viewer)
    with django_assert_num_queries(DASHBOARD_QUERIES + 1):
        client.get(DASHBOARD, {"province": "35"})


def test_provinces_without_a_pks_fold_into_one_sentence_on_a_phone(
    client, users, world, agreements
):
    aceh = Region.objects.create(code="11", name="Aceh", kind=RegionKind.PROVINCE)
    unit(Body.KPU, Level.PROVINCE, "KIP Aceh", aceh, world.kpu_ri)
    client.force_login(users.national_viewer)
    page = text(client.get(DASHBOARD))
    # The row without coverage is marked (site.css hides it on a phone), the others are not,
    # and the sentence that stands for the hidden rows names it.
    assert '<tr class="heatmap__row--none"> <th scope="row"><a href="?province=11">Aceh' in page
    assert '<tr> <th scope="row"><a href="?province=35">' in page
    assert (
        '<p class="heatmap__none">Belum ada satuan kerja yang memiliki PKS berlaku di 1 '
        "provinsi: Aceh.</p>"
    ) in page
