"""Lifecycle (DESIGN.md "Lifecycle"): the national approval of a regional MoU, and "in force" /
"expiring" on the edges of the validity period, of a termination and of the 90-day window."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from agreements.models import Agreement, Party, Status
from agreements.services import record_approval, save_agreement
from partners.models import Role
from tests.conftest import make_agreement, make_user

VALID_FROM = datetime.date(2024, 2, 1)
VALID_UNTIL = datetime.date(2028, 12, 31)
ONE_DAY = datetime.timedelta(days=1)
LETTER = "12/PY.01-SD/01/KPU/2024"


def codes(exc):
    return {
        (field, error.code) for field, errors in exc.value.error_dict.items() for error in errors
    }


@pytest.fixture
def regional_draft(world):
    """A draft MoU of KPU Provinsi Jawa Timur with Kemenag, not yet signed nor approved."""
    return make_agreement(
        world.kpu_jatim,
        [world.kemenag],
        ["sosialisasi"],
        status=Status.DRAFT,
        signed_on=None,
        valid_until=None,
    )


@pytest.fixture
def bawaslu_approver(world, django_user_model):
    return make_user(django_user_model, "approver_bawaslu_ri", world.bawaslu_ri, Role.APPROVER)


# record_approval


@pytest.mark.parametrize("status", [Status.DRAFT, Status.AWAITING_APPROVAL])
def test_national_approver_approves_regional_mou(users, regional_draft, status):
    Agreement.objects.filter(pk=regional_draft.pk).update(status=status)
    regional_draft.refresh_from_db()
    record_approval(regional_draft, LETTER, datetime.date(2024, 3, 4), users.national_admin)
    regional_draft.refresh_from_db()
    assert regional_draft.status == Status.APPROVED
    assert regional_draft.approved_by == users.national_admin
    assert (regional_draft.approval_reference, regional_draft.approved_on) == (
        LETTER,
        datetime.date(2024, 3, 4),
    )


def test_bawaslu_national_approver_approves_bawaslu_regional_mou(world, bawaslu_approver):
    mou = make_agreement(
        world.bawaslu_blitar,
        [world.gp_ansor_kraksaan],
        ["pengawasan_partisipatif"],
        status=Status.AWAITING_APPROVAL,
        signed_on=None,
        valid_until=None,
    )
    record_approval(mou, "7/HK.03/K1/2024", datetime.date(2024, 3, 4), bawaslu_approver)
    mou.refresh_from_db()
    assert (mou.status, mou.approved_by) == (Status.APPROVED, bawaslu_approver)


def test_approved_regional_mou_may_then_be_signed(users, world, regional_draft):
    record_approval(regional_draft, LETTER, datetime.date(2024, 3, 4), users.national_admin)
    regional_draft.refresh_from_db()
    regional_draft.status = Status.SIGNED
    regional_draft.signed_on = regional_draft.valid_from = datetime.date(2024, 3, 4)
    regional_draft.valid_until = VALID_UNTIL
    save_agreement(
        regional_draft,
        [
            Party(
                institution=world.kemenag,
                number="B/9/2024",
                signatory_name="Nasaruddin Umar",
                signatory_title="Menteri Agama",
            )
        ],
        ["sosialisasi"],
    )
    regional_draft.refresh_from_db()
    assert regional_draft.status == Status.SIGNED
    assert regional_draft.approved_by == users.national_admin


@pytest.mark.parametrize(
    "who", ["provincial_approver", "national_editor", "national_viewer", "provincial_editor"]
)
def test_only_a_national_approver_records_an_approval(users, regional_draft, who):
    with pytest.raises(PermissionDenied):
        record_approval(regional_draft, LETTER, datetime.date(2024, 3, 4), getattr(users, who))
    regional_draft.refresh_from_db()
    assert regional_draft.status == Status.DRAFT
    assert (regional_draft.approval_reference, regional_draft.approved_by) == ("", None)


def test_approver_of_the_other_body_may_not_approve(users, world):
    mou = make_agreement(
        world.bawaslu_jatim,
        [world.kemenag],
        ["pengawasan_partisipatif"],
        status=Status.AWAITING_APPROVAL,
        signed_on=None,
        valid_until=None,
    )
    with pytest.raises(PermissionDenied):
        record_approval(mou, LETTER, datetime.date(2024, 3, 4), users.national_admin)


def test_approval_of_a_national_mou_is_rejected(users, world):
    mou = make_agreement(
        world.kpu_ri,
        [world.kemensos],
        ["sosialisasi"],
        status=Status.DRAFT,
        signed_on=None,
        valid_until=None,
    )
    with pytest.raises(ValidationError) as exc:
        record_approval(mou, LETTER, datetime.date(2024, 3, 4), users.national_admin)
    assert codes(exc) == {("status", "status_not_applicable")}
    mou.refresh_from_db()
    assert (mou.status, mou.approved_by) == (Status.DRAFT, None)


def test_approval_dated_after_signing_is_rejected(users, world):
    """Back-filling an approval letter dated after the signing does not make the MoU valid."""
    mou = make_agreement(
        world.kpu_jatim,
        [world.kemenag],
        ["sosialisasi"],
        approval_reference=LETTER,
        approved_on=datetime.date(2024, 1, 10),
    )
    with pytest.raises(ValidationError) as exc:
        record_approval(mou, LETTER, mou.signed_on + ONE_DAY, users.national_admin)
    assert codes(exc) == {("approved_on", "approval_required")}
    mou.refresh_from_db()
    assert mou.approved_on == datetime.date(2024, 1, 10)


# in force on a day


@pytest.fixture
def mou(world):
    """KPU RI – Kemensos, signed 15 January 2024, valid 1 February 2024 to 31 December 2028."""
    return make_agreement(
        world.kpu_ri,
        [world.kemensos],
        ["sosialisasi"],
        signed_on=datetime.date(2024, 1, 15),
        valid_from=VALID_FROM,
        valid_until=VALID_UNTIL,
    )


def in_force(agreement, day):
    """Whether the queryset and the instance agree that ``agreement`` is in force on ``day``."""
    in_queryset = Agreement.objects.in_force_on(day).filter(pk=agreement.pk).exists()
    assert agreement.in_force_on(day) == in_queryset
    return in_queryset


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2024, 1, 15), False),
        (VALID_FROM - ONE_DAY, False),
        (VALID_FROM, True),
        (VALID_UNTIL, True),
        (VALID_UNTIL + ONE_DAY, False),
    ],
    ids=[
        "signing-day",
        "day-before-valid-from",
        "valid-from",
        "valid-until",
        "day-after-valid-until",
    ],
)
def test_in_force_on_validity_edges(mou, day, expected):
    assert in_force(mou, day) is expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2026, 6, 29), True),
        (datetime.date(2026, 6, 30), True),
        (datetime.date(2026, 7, 1), False),
    ],
    ids=["day-before-termination", "termination-day", "day-after-termination"],
)
def test_in_force_on_termination_edges(mou, day, expected):
    mou.status = Status.TERMINATED
    mou.terminated_on = datetime.date(2026, 6, 30)
    mou.termination_reason = "Mitra dibubarkan."
    mou.save()
    assert in_force(mou, day) is expected


@pytest.mark.parametrize("status", [Status.DRAFT, Status.AWAITING_APPROVAL, Status.APPROVED])
def test_unsigned_agreement_is_never_in_force(world, status):
    agreement = make_agreement(
        world.kpu_jatim,
        [world.kemenag],
        ["sosialisasi"],
        status=status,
        approval_reference=LETTER if status == Status.APPROVED else "",
        approved_on=datetime.date(2024, 1, 10) if status == Status.APPROVED else None,
    )
    assert in_force(agreement, datetime.date(2025, 1, 1)) is False


# expiring


def expiring(agreement, today):
    return Agreement.objects.expiring(today=today).filter(pk=agreement.pk).exists()


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (VALID_UNTIL - datetime.timedelta(days=91), False),
        (VALID_UNTIL - datetime.timedelta(days=90), True),
        (VALID_UNTIL, True),
        (VALID_UNTIL + ONE_DAY, False),
    ],
    ids=["91-days-left", "90-days-left", "last-day", "ended"],
)
def test_expiring_on_the_90_day_edges(mou, today, expected):
    assert expiring(mou, today) is expected


def test_terminated_mou_is_not_expiring(mou):
    mou.status = Status.TERMINATED
    mou.terminated_on = VALID_UNTIL - datetime.timedelta(days=60)
    mou.termination_reason = "Mitra dibubarkan."
    mou.save()
    assert expiring(mou, VALID_UNTIL - datetime.timedelta(days=61)) is True
    assert expiring(mou, VALID_UNTIL - datetime.timedelta(days=59)) is False


def test_expiring_and_in_force_default_to_today(world):
    today = timezone.localdate()
    ending_soon = make_agreement(
        world.kpu_ri,
        [world.kemensos],
        ["sosialisasi"],
        signed_on=today - datetime.timedelta(days=365),
        valid_until=today + datetime.timedelta(days=30),
    )
    ending_later = make_agreement(
        world.kpu_ri,
        [world.kemenag],
        ["sosialisasi"],
        signed_on=today - datetime.timedelta(days=365),
        valid_until=today + datetime.timedelta(days=91),
    )
    assert ending_soon.in_force and ending_later.in_force
    assert list(Agreement.objects.expiring()) == [ending_soon]
