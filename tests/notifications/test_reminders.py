"""send_reminders: 90, 30 and 7 days before the end, the six-month rule, on fixed dates;
idempotent on a second run and after missed days; who receives what."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from agreements.models import Agreement, Kind, Status
from notifications.choices import EmailState, LogState, Threshold
from notifications.choices import Kind as NotificationKind
from notifications.models import EmailPreference, Notification, ReminderLog
from tests.conftest import make_agreement
from tests.notifications.conftest import evaluated, html_of, sent_to

END = datetime.date(2026, 12, 31)


@pytest.fixture
def pks(world, national_mou):
    """A PKS of KPU Provinsi Jawa Timur with Kemensos, ending on 31 December 2026 (it and its
    MoU evaluated for two years, so that no evaluation is due in these tests)."""
    agreement = make_agreement(
        world.kpu_jatim,
        [world.kemensos],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=national_mou,
        signed_on=datetime.date(2024, 3, 1),
        valid_until=END,
        title="PKS Sosialisasi Pemilu dengan Kemensos",
        owner_number="12/PKS/KPU-Prov-014/III/2024",
    )
    evaluated(national_mou, agreement)
    return agreement


def kinds_of(user):
    return [note.kind for note in Notification.objects.filter(user=user).order_by("id")]


@pytest.mark.parametrize(
    ("day", "kind", "days"),
    [
        ("2026-10-02", NotificationKind.EXPIRY_90, 90),
        ("2026-12-01", NotificationKind.EXPIRY_30, 30),
        ("2026-12-24", NotificationKind.EXPIRY_7, 7),
    ],
)
def test_each_threshold_is_sent_on_its_day(staff, pks, run, day, kind, days):
    run(day)
    note = Notification.objects.get(user=staff.provincial_editor)
    assert (note.kind, note.agreement, note.data["days"]) == (kind, pks, days)
    assert note.message == (
        f"PKS “PKS Sosialisasi Pemilu dengan Kemensos” berakhir pada "
        f"31 Desember 2026 ({days} hari lagi)."
    )


def test_nothing_before_ninety_days_and_nothing_after_the_end(staff, pks, run):
    assert run("2026-10-01").sent == 0
    assert run("2027-01-01").sent == 0
    assert not Notification.objects.exists()


def test_a_year_of_daily_runs_sends_each_reminder_once(staff, pks, run):
    day = datetime.date(2026, 9, 1)
    while day <= datetime.date(2027, 1, 10):
        run(day.isoformat())
        day += datetime.timedelta(days=1)
    assert kinds_of(staff.provincial_editor) == [
        NotificationKind.EXPIRY_90,
        NotificationKind.EXPIRY_30,
        NotificationKind.EXPIRY_7,
    ]
    assert len(sent_to("editor_jatim@kpu.go.id")) == 3


def test_running_twice_sends_nothing_twice(staff, pks, run):
    assert run("2026-12-01").sent == 3  # the unit's two editors and its approver, one each
    assert run("2026-12-01").sent == 0
    assert len(sent_to("editor_jatim@kpu.go.id")) == 1
    assert ReminderLog.objects.filter(threshold=Threshold.DAYS_30).count() == 3


def test_missed_days_send_the_tightest_reminder_only(staff, pks, run):
    summary = run("2026-12-26")  # nothing ran since September: 90, 30 and 7 have all passed
    assert kinds_of(staff.provincial_editor) == [NotificationKind.EXPIRY_7]
    assert Notification.objects.get(user=staff.provincial_editor).data["days"] == 5
    logs = dict(
        ReminderLog.objects.filter(user=staff.provincial_editor).values_list("threshold", "state")
    )
    assert logs == {"7": LogState.SENT, "30": LogState.COVERED, "90": LogState.COVERED}
    assert summary.covered == 6  # 30 and 90 for each of the three writers
    run("2026-12-27")
    run("2026-12-31")
    assert kinds_of(staff.provincial_editor) == [NotificationKind.EXPIRY_7]


def test_a_missed_day_is_caught_up_the_next_day(staff, pks, run):
    run("2026-10-02")
    run("2026-12-02")  # the run of 1 December (30 days) did not happen
    assert kinds_of(staff.provincial_editor) == [
        NotificationKind.EXPIRY_90,
        NotificationKind.EXPIRY_30,
    ]
    assert Notification.objects.filter(user=staff.provincial_editor).first().data["days"] == 29


def test_a_moved_end_date_is_reminded_again(staff, pks, run):
    run("2026-12-01")
    Agreement.objects.filter(pk=pks.pk).update(
        valid_until=datetime.date(2027, 1, 30), effective_until=datetime.date(2027, 1, 30)
    )
    run("2026-12-31")
    assert kinds_of(staff.provincial_editor) == [
        NotificationKind.EXPIRY_30,
        NotificationKind.EXPIRY_30,
    ]


def test_who_receives_the_reminder(staff, pks, run):
    """The editors and approvers of the owner unit: not its viewers, not the units above or
    below it, not another region; e-mail only to those with an address who want it."""
    EmailPreference.objects.create(user=staff.provincial_approver, by_email=False)
    run("2026-12-01")
    notified = set(Notification.objects.values_list("user__username", flat=True))
    assert notified == {"editor_jatim", "approver_jatim", "editor2_jatim"}
    assert {address for message in mail.outbox for address in message.to} == {
        "editor_jatim@kpu.go.id"
    }
    states = dict(Notification.objects.values_list("user__username", "email_state"))
    assert states == {
        "editor_jatim": EmailState.SENT,
        "approver_jatim": EmailState.NOT_SENT,
        "editor2_jatim": EmailState.NOT_SENT,
    }


def test_the_email_holds_title_numbers_date_days_and_link(staff, pks, run, settings):
    settings.SITE_URL = "https://kemitraan.kpu.go.id"
    run("2026-12-24")
    [message] = sent_to("editor_jatim@kpu.go.id")
    assert message.subject == (
        "Pengingat: PKS berakhir 7 hari lagi: PKS Sosialisasi Pemilu dengan Kemensos"
    )
    link = f"https://kemitraan.kpu.go.id/admin/agreements/pks/{pks.pk}/change/"
    for body in (message.body, html_of(message)):
        assert "Yth. editor_jatim," in body
        assert "PKS Sosialisasi Pemilu dengan Kemensos" in body
        assert "12/PKS/KPU-Prov-014/III/2024" in body and "B/1/2024" in body
        assert "31 Desember 2026" in body and "7 hari lagi" in body
        assert link in body
        assert "https://kemitraan.kpu.go.id/pemberitahuan/" in body
    assert message.from_email == "kemitraan@localhost"


def test_a_pks_whose_parent_mou_ends_first_says_so(staff, pks, national_mou, run):
    Agreement.objects.filter(pk=national_mou.pk).update(
        status=Status.TERMINATED,
        terminated_on=datetime.date(2026, 11, 30),
        termination_reason="Diakhiri atas kesepakatan para pihak.",
    )
    run("2026-10-31")  # 30 days before the MoU ends, two months before the PKS does
    note = Notification.objects.get(user=staff.provincial_editor)
    assert note.kind == NotificationKind.EXPIRY_30
    assert note.message == (
        "MoU induk “Nota Kesepahaman KPU RI dengan Kemensos dan Kemenag” dari PKS “PKS "
        "Sosialisasi Pemilu dengan Kemensos” berakhir pada 30 November 2026 (30 hari lagi), "
        "sebelum PKS itu sendiri (31 Desember 2026)."
    )
    [message] = sent_to("editor_jatim@kpu.go.id")
    assert "MoU induk berakhir: 30 November 2026" in message.body


def test_a_terminated_agreement_gets_no_expiry_reminder(staff, pks, run):
    Agreement.objects.filter(pk=pks.pk).update(
        status=Status.TERMINATED,
        terminated_on=datetime.date(2026, 12, 31),
        termination_reason="Diakhiri.",
    )
    assert run("2026-12-01").sent == 0


# The six-month rule -------------------------------------------------------------------------


@pytest.fixture
def lonely_mou(world):
    """A national MoU of KPU RI with PP GP Ansor, signed 31 August 2023, no PKS under it
    (evaluated, so that no evaluation reminder is due)."""
    mou = make_agreement(
        world.kpu_ri,
        [world.gp_ansor],
        ["sosialisasi"],
        signed_on=datetime.date(2023, 8, 31),
        title="MoU KPU RI dan GP Ansor",
        owner_number="07/KB/KPU/VIII/2023",
    )
    evaluated(mou)
    return mou


def test_an_mou_without_pks_is_reminded_six_months_after_signing(staff, lonely_mou, run):
    assert run("2024-02-28").sent == 0
    assert run("2024-02-29").sent == 2  # 31 August + 6 months: the end of February
    notified = set(Notification.objects.values_list("user__username", "kind"))
    assert notified == {("admin_ri", "no_pks"), ("editor_ri", "no_pks")}
    note = Notification.objects.get(user=staff.national_editor)
    assert note.message == (
        "MoU “MoU KPU RI dan GP Ansor”, ditandatangani pada 31 Agustus 2023, "
        "belum memiliki PKS enam bulan setelah penandatanganan."
    )
    [message] = sent_to("editor_ri@kpu.go.id")
    assert "Perbawaslu 7/2023" in message.body and "07/KB/KPU/VIII/2023" in message.body
    assert run("2024-03-01").sent == 0
    assert run("2025-06-01").sent == 0


def test_the_six_month_rule_is_caught_up_after_missed_days(staff, lonely_mou, run):
    assert run("2024-05-20").sent == 2
    assert run("2024-05-21").sent == 0


def test_an_mou_with_a_signed_pks_is_not_reminded(staff, lonely_mou, world, run):
    make_agreement(
        world.kpu_blitar,
        [world.gp_ansor_kraksaan],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=lonely_mou,
        signed_on=datetime.date(2024, 1, 10),
        valid_until=datetime.date(2025, 1, 9),
    )
    assert run("2024-03-01").sent == 0


def test_a_draft_pks_does_not_count(staff, lonely_mou, world, run):
    make_agreement(
        world.kpu_blitar,
        [world.gp_ansor_kraksaan],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=lonely_mou,
        status=Status.DRAFT,
        signed_on=None,
        valid_from=None,
        valid_until=None,
    )
    assert run("2024-03-01").sent == 2


def test_a_regional_mou_is_not_asked_for_a_pks(staff, world, run):
    make_agreement(
        world.kpu_jatim,
        [world.karang_taruna],
        ["sosialisasi"],
        signed_on=datetime.date(2024, 3, 1),
        approval_reference="100/PP/KPU/2024",
        approved_on=datetime.date(2024, 2, 20),
    )
    assert run("2024-10-01").sent == 0


# The command --------------------------------------------------------------------------------


def test_the_command_takes_today_and_reports(
    staff, pks, capsys, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--today", "2026-12-01")
    assert "Pengingat terkirim: 3" in capsys.readouterr().out
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--today", "2026-12-01")
    assert "Pengingat terkirim: 0" in capsys.readouterr().out
    assert len(sent_to("editor_jatim@kpu.go.id")) == 1


def test_the_command_refuses_a_bad_date(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_reminders", "--today", "31/12/2026")
