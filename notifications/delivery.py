"""Creating notifications and e-mailing them, so that a retry never e-mails one twice.

A notification to be e-mailed is written with ``email_state`` pending, in the same transaction
as what it is about; once committed, a task sends the pending ones. Each is locked, sent and
marked sent in its own transaction: a notification already sent (or being sent by another
worker) is skipped, so a task that failed half-way and is retried sends only the rest.
"""

import logging

from django.core import mail
from django.db import transaction
from django.utils import timezone

from notifications.choices import EmailState
from notifications.emails import compose
from notifications.models import Notification

logger = logging.getLogger(__name__)

# Notifications e-mailed by one task: a failure retries at most this many.
EMAIL_BATCH = 200


def new_notification(recipient, kind, data, agreement_id=None, report_job=None):
    """An unsaved notification for ``recipient`` (a ``recipients.Recipient``)."""
    return Notification(
        user_id=recipient.user_id,
        kind=kind,
        data=data,
        agreement_id=agreement_id,
        report_job=report_job,
        email_state=EmailState.PENDING if recipient.email else EmailState.NOT_SENT,
    )


def save_and_send(notifications):
    """Save ``notifications`` and, once the transaction commits, e-mail those pending."""
    saved = Notification.objects.bulk_create(notifications, batch_size=1000)
    pending = [
        notification.pk for notification in saved if notification.email_state == EmailState.PENDING
    ]
    if pending:
        transaction.on_commit(lambda: queue_emails(pending))
    return saved


def notify(recipients, kind, data, agreement=None, report_job=None):
    """Tell each of ``recipients`` about ``kind`` (one notification each)."""
    agreement_id = agreement.pk if agreement is not None else None
    return save_and_send(
        [
            new_notification(recipient, kind, data, agreement_id, report_job)
            for recipient in recipients
        ]
    )


def queue_emails(notification_ids):
    """Hand the e-mails to the task queue in batches (run in-process without a broker)."""
    from notifications.tasks import send_emails

    for start in range(0, len(notification_ids), EMAIL_BATCH):
        send_emails.delay(notification_ids[start : start + EMAIL_BATCH])


def send_pending(notification_ids):
    """E-mail those of ``notification_ids`` still pending; returns how many were sent.

    An error (SMTP down, a broken template) is logged with its traceback and raised, for the
    task to retry; what was sent before it stays marked sent.
    """
    sent = 0
    connection = mail.get_connection()
    try:
        for pk in notification_ids:
            sent += send_one(pk, connection)
    except Exception:
        logger.exception(
            "E-mailing notifications failed after %d sent; the task will retry the rest.", sent
        )
        raise
    finally:
        connection.close()
    return sent


def send_one(pk, connection):
    """Lock, send and mark one notification; 0 if it is no longer pending."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related(
                "user",
                "user__email_preference",
                "agreement",
                "agreement__owner",
                "agreement__parent",
                "report_job",
            )
            .filter(pk=pk, email_state=EmailState.PENDING)
            .first()
        )
        if notification is None:
            return 0
        message = compose(notification)
        if message is None:
            notification.email_state = EmailState.NOT_SENT
        else:
            connection.open()  # a no-op once open: one connection serves the whole batch
            connection.send_messages([message])
            notification.email_state = EmailState.SENT
            notification.emailed_at = timezone.now()
        notification.save(update_fields=["email_state", "emailed_at"])
    return 1 if message is not None else 0
