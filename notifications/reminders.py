"""The daily reminders: agreements ending in 90, 30 and 7 days, national MoUs still without a
PKS six months after signing, and agreements whose yearly evaluation is overdue, for the
editors and approvers of the owner unit.

Idempotent: each reminder is written to ``ReminderLog`` (unique per agreement, reminder, user
and the date it is about) in the transaction that creates its notification, and a reminder
with a log row is never sent again. When a run was missed and several thresholds have passed,
only the tightest is sent and the looser ones are logged as covered. A constant number of
queries, whatever the number of agreements: the candidates, their recipients, the log rows
that exist, then bulk inserts.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from agreements import periods
from agreements.models import Agreement
from agreements.selectors import duties as queries
from notifications.choices import EmailState, Kind, LogState, Threshold
from notifications.delivery import new_notification, queue_emails, save_and_send
from notifications.models import Notification, ReminderLog
from notifications.recipients import writers_by_unit

logger = logging.getLogger(__name__)

# Tightest first: (threshold, days before the end, notification kind).
EXPIRY_THRESHOLDS = [
    (Threshold.DAYS_7, 7, Kind.EXPIRY_7),
    (Threshold.DAYS_30, 30, Kind.EXPIRY_30),
    (Threshold.DAYS_90, 90, Kind.EXPIRY_90),
]
LONGEST = EXPIRY_THRESHOLDS[-1][1]
EXPIRY_CODES = [code for code, _days, _kind in EXPIRY_THRESHOLDS]
# E-mails still pending this long after their notification were given up by their task (or
# their worker died): the daily run queues them again.
STALE_EMAIL = datetime.timedelta(hours=1)
CANDIDATE_FIELDS = (
    "id",
    "kind",
    "title",
    "owner_id",
    "effective_until",
    "ends_on",
    "parent__title",
    "parent_ends_on",
)


@dataclass
class Run:
    """What one run does: notifications and log rows to write."""

    notifications: list = field(default_factory=list)
    logs: list = field(default_factory=list)
    covered: int = 0

    def send(self, agreement_id, recipient, threshold, deadline, kind, data):
        self.notifications.append(new_notification(recipient, kind, data, agreement_id))
        self.logs.append(
            ReminderLog(
                agreement_id=agreement_id,
                threshold=threshold,
                user_id=recipient.user_id,
                deadline=deadline,
                state=LogState.SENT,
            )
        )

    def cover(self, agreement_id, recipient, threshold, deadline):
        self.covered += 1
        self.logs.append(
            ReminderLog(
                agreement_id=agreement_id,
                threshold=threshold,
                user_id=recipient.user_id,
                deadline=deadline,
                state=LogState.COVERED,
            )
        )

    def save(self):
        """Write the notifications, then the log rows pointing at them (two bulk inserts)."""
        saved = iter(save_and_send(self.notifications))
        for log in self.logs:
            if log.state == LogState.SENT:
                log.notification = next(saved)
        ReminderLog.objects.bulk_create(self.logs, batch_size=1000)


def expiry_data(candidate, days):
    """What an expiry notification says; ``parent_first`` when the parent MoU ends first."""
    data = {
        "kind": candidate.kind,
        "title": candidate.title,
        "days": days,
        "ends_on": candidate.ends_on.isoformat(),
        "valid_until": candidate.effective_until.isoformat(),
    }
    if candidate.parent_ends_on and candidate.parent_ends_on < candidate.effective_until:
        data.update(parent_first=True, parent_title=candidate.parent__title)
    return data


def due_thresholds(days):
    """The expiry thresholds passed ``days`` before the end, tightest first."""
    return [(code, kind) for code, limit, kind in EXPIRY_THRESHOLDS if days <= limit]


def plan_expiry(run, day, agreements):
    """Add the expiry reminders due on ``day`` to ``run``."""
    candidates = list(
        queries.ending_within(agreements, day, LONGEST).values_list(*CANDIDATE_FIELDS, named=True)
    )
    if not candidates:
        return
    logged = set(
        ReminderLog.objects.filter(threshold__in=EXPIRY_CODES, deadline__gte=day).values_list(
            "agreement_id", "user_id", "threshold", "deadline"
        )
    )
    recipients = writers_by_unit({candidate.owner_id for candidate in candidates})
    for candidate in candidates:
        days = (candidate.ends_on - day).days
        (tightest, kind), *looser = due_thresholds(days)
        data = expiry_data(candidate, days)
        for recipient in recipients.get(candidate.owner_id, []):
            key = (candidate.id, recipient.user_id)
            if (*key, tightest, candidate.ends_on) in logged:
                continue
            run.send(candidate.id, recipient, tightest, candidate.ends_on, kind, data)
            for code, _kind in looser:
                if (*key, code, candidate.ends_on) not in logged:
                    run.cover(candidate.id, recipient, code, candidate.ends_on)


def plan_no_pks(run, day, agreements):
    """Add the reminders about national MoUs still without a PKS to ``run``."""
    mous = queries.mous_without_pks(agreements, day)
    candidates = [
        mou
        for mou in mous.values_list("id", "title", "owner_id", "signed_on", named=True)
        if queries.pks_due_on(mou.signed_on) <= day
    ]
    if not candidates:
        return
    logged = set(
        ReminderLog.objects.filter(threshold=Threshold.NO_PKS, agreement__in=mous).values_list(
            "agreement_id", "user_id"
        )
    )
    recipients = writers_by_unit({mou.owner_id for mou in candidates})
    for mou in candidates:
        due_on = queries.pks_due_on(mou.signed_on)
        data = {
            "title": mou.title,
            "signed_on": mou.signed_on.isoformat(),
            "due_on": due_on.isoformat(),
        }
        for recipient in recipients.get(mou.owner_id, []):
            if (mou.id, recipient.user_id) not in logged:
                run.send(mou.id, recipient, Threshold.NO_PKS, due_on, Kind.NO_PKS, data)


def plan_evaluations(run, day, agreements):
    """Add the reminders of overdue evaluations to ``run``: once per user and due date, so the
    next year's evaluation, once overdue, is reminded again."""
    candidates = list(
        queries.evaluation_overdue(agreements, day).values_list(
            "id",
            "kind",
            "title",
            "owner_id",
            "valid_from",
            "last_evaluated",
            "effective_until",
            "terminated_on",
            named=True,
        )
    )
    if not candidates:
        return
    logged = set(
        ReminderLog.objects.filter(
            threshold=Threshold.EVALUATION,
            agreement_id__in=[candidate.id for candidate in candidates],
        ).values_list("agreement_id", "user_id", "deadline")
    )
    recipients = writers_by_unit({candidate.owner_id for candidate in candidates})
    for candidate in candidates:
        due_on = periods.due_on(
            candidate.valid_from,
            candidate.last_evaluated,
            candidate.terminated_on or candidate.effective_until,
        )
        data = {"kind": candidate.kind, "title": candidate.title, "due_on": due_on.isoformat()}
        for recipient in recipients.get(candidate.owner_id, []):
            if (candidate.id, recipient.user_id, due_on) not in logged:
                run.send(
                    candidate.id, recipient, Threshold.EVALUATION, due_on, Kind.EVALUATION_DUE, data
                )


@dataclass(frozen=True)
class Summary:
    """What a day's run did: reminders sent (one per user and agreement), thresholds covered
    by a tighter one, and e-mails of earlier days queued again."""

    sent: int
    covered: int
    requeued: int = 0


def send_reminders(day):
    """Send the reminders due on ``day``; their e-mails go once the transaction commits."""
    run = Run()
    agreements = Agreement.objects.all()
    with transaction.atomic():
        plan_expiry(run, day, agreements)
        plan_no_pks(run, day, agreements)
        plan_evaluations(run, day, agreements)
        run.save()
    return Summary(sent=len(run.notifications), covered=run.covered)


def daily(day):
    """The daily run (task and command): the reminders due on ``day``, and the e-mails whose
    task gave up (or whose worker died) queued again."""
    summary = send_reminders(day)
    stale = list(
        Notification.objects.filter(
            email_state=EmailState.PENDING,
            created_at__lt=timezone.now() - STALE_EMAIL,
        ).values_list("pk", flat=True)
    )
    queue_emails(stale)
    logger.info(
        "Reminders for %s: %d sent, %d thresholds covered, %d e-mails queued again.",
        day,
        summary.sent,
        summary.covered,
        len(stale),
    )
    return Summary(summary.sent, summary.covered, len(stale))
