"""Import jobs: run at once, or as a background task for a large file when a queue exists.

The rows are imported inside one transaction, so progress written through the same database
connection would stay invisible until the end; on PostgreSQL it is written through a
connection of its own, which commits at once, for the page that polls it.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection, connections, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from imports.models import ImportJob, JobStatus
from imports.reading import FileError
from imports.runner import read_file, run_import
from notifications.choices import Kind
from notifications.delivery import notify
from notifications.recipients import user_recipient


def create_job(user, upload, kind, dry_run):
    """Store the upload and check it can be read at all; returns the job (failed if not)."""
    job = ImportJob(user=user, kind=kind, dry_run=dry_run, file_name=upload.name[:255])
    job.file.save(upload.name, upload, save=False)
    try:
        job.rows_total = len(read_file(stored_bytes(job), job.file_name, kind).rows)
    except FileError as error:
        job.report = file_error_report(error)
        job.status = JobStatus.FAILED
    job.save()
    return job


def copy_for_import(job):
    """A real import of a checked job's file (after its dry run), as a new job."""
    return ImportJob.objects.create(
        user=job.user,
        kind=job.kind,
        file=job.file.name,
        file_name=job.file_name,
        dry_run=False,
        rows_total=job.rows_total,
    )


def stored_bytes(job):
    job.file.open("rb")
    try:
        return job.file.read()
    finally:
        job.file.close()


def file_error_report(error):
    return {"detail": error.message, "code": error.code, "column": error.column}


def runs_in_background(job):
    """A large file goes to the task queue, when there is one (a broker is configured)."""
    has_queue = not settings.CELERY_TASK_ALWAYS_EAGER
    return has_queue and job.rows_total > settings.IMPORT_BACKGROUND_ROWS


def start(job):
    """Run the job now, or queue it; returns whether it was queued."""
    if job.finished:
        return False
    if runs_in_background(job):
        from imports.tasks import run_import_job

        transaction.on_commit(lambda: run_import_job.delay(job.pk))
        return True
    run_job(job)
    return False


def run_job(job, announce=False):
    """Import the job's file and record the outcome on the job (``announce``: and tell its
    user, for a job run in the background)."""
    job.status = JobStatus.RUNNING
    job.save(update_fields=["status"])
    recorder = ProgressRecorder(job)
    try:
        job.report = run_import(
            stored_bytes(job),
            job.file_name,
            job.user,
            kind=job.kind,
            dry_run=job.dry_run,
            progress=recorder,
        )
        job.status = JobStatus.DONE
    except FileError as error:
        job.report, job.status = file_error_report(error), JobStatus.FAILED
    except PermissionDenied as error:
        job.report = {"detail": str(error), "code": "permission_denied", "column": None}
        job.status = JobStatus.FAILED
    except Exception:
        # The transaction was rolled back: say so on the job instead of leaving it "running".
        job.report = {
            "detail": _(
                "The import stopped on an unexpected error; nothing was "
                "saved. Please tell the administrator."
            ),
            "code": "server_error",
            "column": None,
        }
        job.status = JobStatus.FAILED
        job_finished(job, announce)
        raise
    finally:
        recorder.close()
    job.rows_done = job.rows_total if job.status == JobStatus.DONE else job.rows_done
    job_finished(job, announce)
    return job


def job_finished(job, announce=False):
    """The end of a job: records its outcome and, for a job that ran in the background
    (``announce``), tells its user with a link to the report."""
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "report", "rows_done", "finished_at"])
    if announce:
        notify([user_recipient(job.user)], *outcome(job))


def outcome(job):
    """The notification's kind and facts for a finished job."""
    path = reverse("admin:imports_importjob_report", args=[job.pk])
    facts = {"file": job.file_name, "path": path}
    if job.status != JobStatus.DONE:
        return Kind.IMPORT_FAILED, {**facts, "detail": (job.report or {}).get("detail", "")}
    rows = (job.report or {}).get("rows", [])
    return Kind.IMPORT_DONE, {
        **facts,
        "saved": bool(job.report.get("saved")),
        "rows": len(rows),
        "errors": sum(row["status"] == "error" for row in rows),
    }


class ProgressRecorder:
    """Writes a job's rows done where a polling page can see them during the transaction."""

    def __init__(self, job):
        self.job = job
        self.side = None

    def __call__(self, done, total):
        self.job.rows_done = done
        if connection.vendor != "postgresql" or not connection.in_atomic_block:
            ImportJob.objects.filter(pk=self.job.pk).update(rows_done=done)
            return
        if self.side is None:
            self.side = connections.create_connection("default")
        with self.side.cursor() as cursor:
            cursor.execute(
                f"UPDATE {ImportJob._meta.db_table} SET rows_done = %s WHERE id = %s",
                [done, self.job.pk],
            )

    def close(self):
        if self.side is not None:
            self.side.close()
