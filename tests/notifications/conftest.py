"""Fixtures of the notification tests: the named users with e-mail addresses, and helpers."""

import datetime

import pytest
from django.core import mail

from agreements.models import Evaluation
from agreements.periods import add_months
from notifications.reminders import send_reminders
from partners.models import Role
from tests.conftest import make_user


@pytest.fixture
def staff(users, world, django_user_model):
    """The named users with e-mail addresses, plus a viewer and an editor without an address
    at KPU Provinsi Jawa Timur, and Bawaslu RI's approver."""
    for user in (
        users.national_admin,
        users.national_editor,
        users.national_viewer,
        users.provincial_editor,
        users.provincial_approver,
        users.regency_editor,
        users.other_regency_editor,
    ):
        user.email = f"{user.username}@kpu.go.id"
        user.save(update_fields=["email"])
    users.provincial_viewer = make_user(
        django_user_model,
        "viewer_jatim",
        world.kpu_jatim,
        Role.VIEWER,
        email="viewer_jatim@kpu.go.id",
    )
    users.provincial_editor_no_email = make_user(
        django_user_model, "editor2_jatim", world.kpu_jatim, Role.EDITOR
    )
    users.bawaslu_approver = make_user(
        django_user_model,
        "approver_bawaslu_ri",
        world.bawaslu_ri,
        Role.APPROVER,
        email="approver@bawaslu.go.id",
    )
    return users


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Send the reminders of a day (ISO text), with their e-mails (run in-process)."""

    def run_on(day):
        with django_capture_on_commit_callbacks(execute=True):
            return send_reminders(datetime.date.fromisoformat(day))

    return run_on


def sent_to(address):
    return [message for message in mail.outbox if address in message.to]


def html_of(message):
    return next(content for content, mimetype in message.alternatives if mimetype == "text/html")


def evaluated(*agreements, years=2):
    """Record the first ``years`` yearly evaluations of each agreement, so that no evaluation
    reminder is due while a test looks at the other reminders."""
    for agreement in agreements:
        start = agreement.valid_from
        for _year in range(years):
            end = add_months(start, 12) - datetime.timedelta(days=1)
            Evaluation.objects.create(
                agreement=agreement,
                period_start=start,
                period_end=end,
                findings="Berjalan baik.",
                recommendation="continue",
            )
            start = end + datetime.timedelta(days=1)
