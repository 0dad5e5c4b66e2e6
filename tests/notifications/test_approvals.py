"""Approval requests and answers: the signals of agreements, sent with real agreements, become
notifications and e-mails for the right people, both ways."""

import datetime

import pytest
from django.core import mail
from django.db import transaction

from agreements import signals
from agreements.models import Agreement, Status
from notifications.choices import Kind
from notifications.models import Notification
from tests.conftest import make_agreement
from tests.notifications.conftest import html_of, sent_to


@pytest.fixture
def regional_mou(world):
    """An MoU of KPU Provinsi Jawa Timur with Karang Taruna, awaiting the chair's approval.

    Put in that status behind the service's back, so that these tests send the signals
    themselves (tests/agreements/test_refusal.py sends them through the service)."""
    mou = make_agreement(
        world.kpu_jatim,
        [world.karang_taruna],
        ["sosialisasi"],
        status=Status.DRAFT,
        signed_on=None,
        valid_from=datetime.date(2026, 1, 1),
        valid_until=datetime.date(2030, 12, 31),
        title="MoU KPU Provinsi Jawa Timur dan Karang Taruna",
        owner_number="05/KB/KPU-Prov-014/2026",
    )
    Agreement.objects.filter(pk=mou.pk).update(status=Status.AWAITING_APPROVAL)
    return Agreement.objects.get(pk=mou.pk)


def send(signal, django_capture_on_commit_callbacks, **arguments):
    with django_capture_on_commit_callbacks(execute=True):
        signal.send(sender=Agreement, **arguments)


def notified(kind):
    return set(Notification.objects.filter(kind=kind).values_list("user__username", flat=True))


def test_a_request_tells_the_approvers_of_the_bodys_national_unit(
    staff, regional_mou, django_capture_on_commit_callbacks
):
    send(
        signals.approval_requested,
        django_capture_on_commit_callbacks,
        agreement=regional_mou,
        user=staff.provincial_editor,
    )
    # Not KPU RI's editor or viewer, not Bawaslu RI's approver, not the unit itself.
    assert notified(Kind.APPROVAL_REQUESTED) == {"admin_ri"}
    note = Notification.objects.get()
    assert note.agreement == regional_mou
    assert note.message == (
        "KPU Provinsi Jawa Timur memohon persetujuan atas MoU “MoU KPU "
        "Provinsi Jawa Timur dan Karang Taruna”."
    )
    [message] = mail.outbox
    assert message.to == ["admin_ri@kpu.go.id"]
    assert message.subject == (
        "Permohonan persetujuan MoU: MoU KPU Provinsi Jawa Timur dan Karang Taruna"
    )
    assert "05/KB/KPU-Prov-014/2026" in message.body
    assert f"/admin/agreements/mou/{regional_mou.pk}/change/" in html_of(message)


def test_a_bawaslu_request_goes_to_bawaslu_ri(staff, world, django_capture_on_commit_callbacks):
    mou = make_agreement(
        world.bawaslu_kalsel,
        [world.ulm],
        ["penelitian"],
        status=Status.AWAITING_APPROVAL,
        signed_on=None,
        valid_from=datetime.date(2026, 1, 1),
        valid_until=datetime.date(2028, 12, 31),
    )
    send(signals.approval_requested, django_capture_on_commit_callbacks, agreement=mou, user=None)
    assert notified(Kind.APPROVAL_REQUESTED) == {"approver_bawaslu_ri"}
    assert [message.to for message in mail.outbox] == [["approver@bawaslu.go.id"]]


def test_a_recorded_approval_tells_the_units_editors(
    staff, regional_mou, django_capture_on_commit_callbacks
):
    Agreement.objects.filter(pk=regional_mou.pk).update(
        status=Status.APPROVED,
        approval_reference="123/PY.01-SD/01/2026",
        approved_on=datetime.date(2026, 2, 3),
    )
    regional_mou.refresh_from_db()
    send(
        signals.approval_recorded,
        django_capture_on_commit_callbacks,
        agreement=regional_mou,
        user=staff.national_admin,
    )
    # The unit's editors and approver; not its viewer, not the regency units, not KPU RI.
    assert notified(Kind.APPROVAL_RECORDED) == {"editor_jatim", "approver_jatim", "editor2_jatim"}
    note = Notification.objects.get(user=staff.provincial_editor)
    assert note.message == (
        "MoU “MoU KPU Provinsi Jawa Timur dan Karang Taruna” telah disetujui "
        "(surat 123/PY.01-SD/01/2026 tanggal 3 Februari 2026)."
    )
    assert sorted(address for message in mail.outbox for address in message.to) == [
        "approver_jatim@kpu.go.id",
        "editor_jatim@kpu.go.id",
    ]
    assert "MoU kini dapat ditandatangani" in sent_to("editor_jatim@kpu.go.id")[0].body


def test_a_refusal_tells_the_units_editors_why(
    staff, regional_mou, django_capture_on_commit_callbacks
):
    reason = "Ruang lingkup netralitas ASN perlu dijabarkan dalam pasal tersendiri."
    send(
        signals.approval_refused,
        django_capture_on_commit_callbacks,
        agreement=regional_mou,
        user=staff.national_admin,
        reason=reason,
    )
    assert notified(Kind.APPROVAL_REFUSED) == {"editor_jatim", "approver_jatim", "editor2_jatim"}
    note = Notification.objects.get(user=staff.provincial_approver)
    assert note.message.endswith(f"ditolak: {reason}")
    [message] = sent_to("editor_jatim@kpu.go.id")
    assert message.subject.startswith("Persetujuan MoU ditolak")
    assert reason in message.body and reason in html_of(message)


def test_the_one_who_acted_is_not_told(staff, regional_mou, django_capture_on_commit_callbacks):
    send(
        signals.approval_refused,
        django_capture_on_commit_callbacks,
        agreement=regional_mou,
        user=staff.provincial_approver,
        reason="Belum lengkap.",
    )
    assert "approver_jatim" not in notified(Kind.APPROVAL_REFUSED)


def test_notifications_roll_back_with_the_change(staff, regional_mou):
    with pytest.raises(RuntimeError), transaction.atomic():
        signals.approval_requested.send(
            sender=Agreement, agreement=regional_mou, user=staff.provincial_editor
        )
        raise RuntimeError("the approval service failed after sending the signal")
    assert not Notification.objects.exists()
    assert mail.outbox == []
