"""national_mous_covering: "may we sign a PKS with this partner?" as a regional office asks it."""

import datetime

import pytest

from agreements.models import Status
from agreements.selectors.eligibility import national_mous_covering
from partners.models import Body, Category, Institution
from tests.conftest import make_agreement

IN_FORCE = datetime.date(2025, 6, 1)
ONE_DAY = datetime.timedelta(days=1)


def covering(institutions, body, day=IN_FORCE):
    return list(national_mous_covering(institutions, body, day))


def test_kpu_ri_mou_covers_vertical_office_through_its_ministry(world, national_mou):
    assert covering([world.kanwil_kemenag_jatim], Body.KPU) == [national_mou]


def test_kpu_ri_mou_does_not_count_for_bawaslu(world, national_mou):
    assert covering([world.kanwil_kemenag_jatim], Body.BAWASLU) == []


def test_each_body_finds_its_own_national_mou(body_world, world):
    assert covering([world.kanwil_kemenag_jatim], body_world.body) == [body_world.mou]


def test_branch_is_covered_through_its_organisation_for_bawaslu_only(
    world, national_mou, bawaslu_national_mou
):
    assert covering([world.gp_ansor_kraksaan], Body.BAWASLU) == [bawaslu_national_mou]
    assert covering([world.gp_ansor_kraksaan], Body.KPU) == []


def test_grandchild_is_covered(body_world, world):
    kankemenag_blitar = Institution.objects.create(
        name="Kantor Kemenag Kota Blitar",
        category=Category.VERTICAL_OFFICE,
        parent=world.kanwil_kemenag_jatim,
        region=world.blitar,
    )
    assert covering([kankemenag_blitar], body_world.body) == [body_world.mou]


def test_unrelated_partner_is_not_covered(body_world, world):
    assert covering([world.karang_taruna], body_world.body) == []


def test_ministry_is_not_covered_by_an_mou_with_its_vertical_office(world):
    make_agreement(world.kpu_ri, [world.kanwil_kemenag_jatim], ["sosialisasi"])
    assert covering([world.kemenag], Body.KPU) == []


@pytest.mark.parametrize(
    ("day", "found"),
    [
        (datetime.date(2024, 1, 14), False),
        (datetime.date(2024, 1, 15), True),
        (datetime.date(2028, 12, 31), True),
        (datetime.date(2029, 1, 1), False),
    ],
    ids=["day-before-validity", "first-day", "last-day", "day-after-validity"],
)
def test_only_on_a_day_within_validity(body_world, world, day, found):
    expected = [body_world.mou] if found else []
    assert covering([world.kanwil_kemenag_jatim], body_world.body, day) == expected


def test_every_institution_must_be_covered(body_world, world):
    assert covering([world.kanwil_kemenag_jatim, world.kemensos], body_world.body) == [
        body_world.mou
    ]
    assert covering([world.kanwil_kemenag_jatim, world.karang_taruna], body_world.body) == []


def test_regional_mou_does_not_count(body_world, world):
    make_agreement(
        body_world.province,
        [world.karang_taruna],
        ["sosialisasi"],
        approval_reference="1/PY.01/2024",
        approved_on=datetime.date(2024, 1, 10),
    )
    assert covering([world.karang_taruna], body_world.body) == []


def test_draft_national_mou_does_not_count(body_world, world):
    make_agreement(
        body_world.national,
        [world.karang_taruna],
        ["sosialisasi"],
        status=Status.DRAFT,
        signed_on=None,
        valid_until=None,
    )
    assert covering([world.karang_taruna], body_world.body) == []


def test_mou_terminated_before_the_day_does_not_count(body_world, world):
    mou = make_agreement(
        body_world.national,
        [world.karang_taruna],
        ["sosialisasi"],
        status=Status.TERMINATED,
        terminated_on=IN_FORCE - ONE_DAY,
        termination_reason="Diakhiri atas kesepakatan para pihak.",
    )
    assert covering([world.karang_taruna], body_world.body) == []
    assert covering([world.karang_taruna], body_world.body, IN_FORCE - ONE_DAY) == [mou]


def test_soonest_ending_first(body_world, world):
    shorter = make_agreement(
        body_world.national,
        [world.kemenag],
        ["sosialisasi"],
        valid_until=datetime.date(2026, 12, 31),
    )
    found = list(national_mous_covering([world.kanwil_kemenag_jatim], body_world.body, IN_FORCE))
    assert found == [shorter, body_world.mou]
