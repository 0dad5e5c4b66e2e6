"""Background tasks (Celery; in-process when no broker is configured).

A task that fails (SMTP down, a broken template, the database away) is retried with an
exponential backoff and logged with its traceback; what it already did is recorded, so a
retry never sends anything twice.
"""

import dataclasses
import datetime
import logging

from celery import shared_task
from django.utils import timezone

from notifications import delivery, reminders, report_jobs
from notifications.models import ReportJob

logger = logging.getLogger(__name__)

RETRIED = {
    "autoretry_for": (Exception,),
    "retry_backoff": 30,
    "retry_backoff_max": 3600,
    "retry_jitter": True,
    "max_retries": 8,
}
REPORT_RETRIES = 2


@shared_task(**RETRIED)
def send_emails(notification_ids):
    """E-mail the notifications still pending among ``notification_ids``."""
    return delivery.send_pending(notification_ids)


@shared_task(**RETRIED)
def send_reminders(today=None):
    """The daily reminders for ``today`` (ISO date; default: today in Asia/Jakarta)."""
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    return dataclasses.asdict(reminders.daily(day))


@shared_task(bind=True, max_retries=REPORT_RETRIES)
def build_report(self, job_id):
    """Build a background report; after its last attempt fails, tell its user."""
    job = ReportJob.objects.select_related("user").filter(pk=job_id).first()
    if job is None or job.is_finished:
        return
    try:
        report_jobs.build(job)
    except Exception as error:
        logger.exception(
            "Report job %s failed (attempt %d of %d).",
            job_id,
            self.request.retries + 1,
            REPORT_RETRIES + 1,
        )
        if self.request.retries < REPORT_RETRIES:
            raise self.retry(exc=error, countdown=30 * 2**self.request.retries) from error
        report_jobs.fail(job, error)


@shared_task(**RETRIED)
def delete_expired_reports():
    """Delete the files of background reports past their lifetime."""
    deleted = report_jobs.delete_expired()
    logger.info("Deleted %d expired report files.", deleted)
    return deleted
