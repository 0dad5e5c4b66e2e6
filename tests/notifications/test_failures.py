"""A task that fails (SMTP down, a broken template) is retried, logged with its traceback, and
never sends a reminder twice; e-mails given up are sent by a later daily run."""

import datetime
import logging

import pytest
from django.core import mail
from django.template import TemplateSyntaxError
from django.utils import timezone

from agreements.models import Kind
from notifications import emails
from notifications.choices import EmailState
from notifications.models import Notification
from notifications.reminders import daily
from tests.conftest import make_agreement
from tests.notifications.backends import FlakySmtpBackend
from tests.notifications.conftest import evaluated

DAY = datetime.date(2026, 12, 1)


@pytest.fixture
def pks(world, national_mou):
    """Ending on 31 December 2026; it and its MoU evaluated (no evaluation reminder due)."""
    agreement = make_agreement(
        world.kpu_jatim,
        [world.kemensos],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=national_mou,
        signed_on=datetime.date(2024, 3, 1),
        valid_until=datetime.date(2026, 12, 31),
        title="PKS Kemensos",
    )
    evaluated(national_mou, agreement)
    return agreement


@pytest.fixture
def flaky_smtp(settings):
    settings.EMAIL_BACKEND = "tests.notifications.backends.FlakySmtpBackend"
    FlakySmtpBackend.calls, FlakySmtpBackend.down_for = 0, set()
    return FlakySmtpBackend


def addresses():
    return sorted(address for message in mail.outbox for address in message.to)


def run_daily(day, callbacks):
    with callbacks(execute=True):
        return daily(day)


def failures_logged(caplog):
    return [
        record
        for record in caplog.records
        if record.name == "notifications.delivery"
        and record.levelno == logging.ERROR
        and record.exc_info is not None
    ]


def test_smtp_down_once_is_retried_and_sends_each_email_once(
    staff, pks, flaky_smtp, caplog, django_capture_on_commit_callbacks
):
    flaky_smtp.down_for = {2}  # the second e-mail fails; the retry sends it, not the first
    run_daily(DAY, django_capture_on_commit_callbacks)
    assert addresses() == ["approver_jatim@kpu.go.id", "editor_jatim@kpu.go.id"]
    assert flaky_smtp.calls == 3
    assert len(failures_logged(caplog)) == 1
    assert "SMTPServerDisconnected" in caplog.text and "Traceback" in caplog.text
    assert not Notification.objects.filter(email_state=EmailState.PENDING).exists()


def test_emails_given_up_are_sent_once_by_a_later_run(
    staff, pks, flaky_smtp, django_capture_on_commit_callbacks
):
    flaky_smtp.down_for = set(range(1, 100))  # down for longer than all the retries
    run_daily(DAY, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert Notification.objects.filter(email_state=EmailState.PENDING).count() == 2
    flaky_smtp.down_for = set()
    Notification.objects.update(created_at=timezone.now() - datetime.timedelta(hours=2))
    summary = run_daily(DAY + datetime.timedelta(days=1), django_capture_on_commit_callbacks)
    assert (summary.sent, summary.requeued) == (0, 2)
    assert addresses() == ["approver_jatim@kpu.go.id", "editor_jatim@kpu.go.id"]
    run_daily(DAY + datetime.timedelta(days=2), django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2


def test_a_broken_template_is_retried_logged_and_sent_once_fixed(
    staff, pks, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def broken(notification):
        raise TemplateSyntaxError("Invalid block tag on line 3: 'endfor'")

    with monkeypatch.context() as patch:
        patch.setattr(emails, "compose", broken)
        patch.setattr("notifications.delivery.compose", broken)
        run_daily(DAY, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert len(failures_logged(caplog)) == 9  # the first attempt and its eight retries
    assert "Invalid block tag" in caplog.text
    assert Notification.objects.filter(user=staff.provincial_editor).count() == 1
    Notification.objects.update(created_at=timezone.now() - datetime.timedelta(hours=2))
    run_daily(DAY, django_capture_on_commit_callbacks)
    run_daily(DAY, django_capture_on_commit_callbacks)
    assert addresses() == ["approver_jatim@kpu.go.id", "editor_jatim@kpu.go.id"]
    assert Notification.objects.filter(user=staff.provincial_editor).count() == 1
