"""Large signed-agreement reports built in the background: the one adapter to the report code
(``agreements.reports``) and a job's life: queued, built with its progress, ready or failed,
its file deleted after ``REPORT_FILE_DAYS`` days.

The report page and the admin hand a report over when it has more than ``REPORT_JOB_ROWS``
rows; the API only when the client sends ``Prefer: respond-async`` (RFC 7240). Smaller reports
and other API requests are built in the request, as before.
"""

import datetime
import tempfile

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.http import QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from agreements import reports
from agreements.access import visible_agreements
from agreements.models import Agreement
from agreements.reports.csv_file import csv_chunks
from agreements.reports.pdf_file import report_pdf
from agreements.reports.xlsx_file import xlsx_file
from notifications.choices import JobStatus, Kind
from notifications.delivery import notify
from notifications.models import ReportJob
from notifications.recipients import user_recipient

# Share of the progress bar reading the rows takes; the PDF's layout and drawing take the rest.
ROWS_SHARE = {"pdf": 40, "csv": 95, "xlsx": 90}
PROGRESS_STEPS = 20


def prefers_async(request):
    """Whether the request's ``Prefer`` header (RFC 7240) asks for ``respond-async``."""
    preferences = request.headers.get("Prefer", "").split(",")
    return any(
        item.split(";")[0].split("=")[0].strip().lower() == "respond-async" for item in preferences
    )


def start_if_large(request, report, file_format, params=None):
    """``settings.REPORT_JOB_HANDLER``: the response that starts a job for ``report``, or None
    to build it in the request (see ``agreements.background``)."""
    if isinstance(request, Request):
        if not prefers_async(request):
            return None
    elif report.queryset.count() <= settings.REPORT_JOB_ROWS:
        return None
    job = start_job(request.user, report, file_format, params)
    if isinstance(request, Request):
        return accepted(request, job)
    return redirect(job)


def accepted(request, job):
    """202 Accepted with the job's URL, where the client follows its progress."""
    from notifications.serializers import ReportJobSerializer

    url = request.build_absolute_uri(reverse("report-job-detail", args=[job.pk]))
    body = ReportJobSerializer(job, context={"request": request}).data
    return Response(
        body,
        status=status.HTTP_202_ACCEPTED,
        headers={"Location": url, "Preference-Applied": "respond-async"},
    )


@transaction.atomic
def start_job(user, report, file_format, params=None):
    """Queue the job of ``report`` (built once the transaction commits).

    With ``params`` the job builds the report from them again, for the user's rights at that
    time; without (the admin), it keeps the report's agreements as they are now.
    """
    job = ReportJob.objects.create(
        user=user,
        file_format=file_format,
        params=[[name, value] for name, values in params.lists() for value in values]
        if params is not None
        else None,
        filters=[[label, value] for label, value in report.filters],
    )
    if params is None:
        keep_agreements(job, report.queryset)
    from notifications.tasks import build_report

    transaction.on_commit(lambda: build_report.delay(str(job.pk)))
    return job


def keep_agreements(job, queryset, batch=5000):
    """Store the ids of ``queryset`` with the job, in batches (any number of them)."""
    link = ReportJob.agreements.through
    ids = queryset.order_by().values_list("pk", flat=True).iterator(chunk_size=batch)
    rows = [link(reportjob_id=job.pk, agreement_id=pk) for pk in ids]
    link.objects.bulk_create(rows, batch_size=batch)


def report_for(job):
    """The report the job builds, for what its user may read now."""
    if job.params is not None:
        params = QueryDict(mutable=True)
        for name, value in job.params:
            params.appendlist(name, value)
        return reports.report_from_params(job.user, params)
    kept = ReportJob.agreements.through.objects.filter(reportjob_id=job.pk).values("agreement_id")
    selected = visible_agreements(job.user, Agreement.objects.filter(pk__in=kept))
    return reports.report_from_queryset(selected, job.filters, job.user)


class TrackedReport:
    """A report whose rows advance the job's progress as they are read."""

    def __init__(self, report, job):
        self._report, self._job = report, job

    def __getattr__(self, name):
        return getattr(self._report, name)

    def rows(self):
        job, share = self._job, ROWS_SHARE[self._job.file_format]
        step = max(1, job.row_count // PROGRESS_STEPS)
        for number, row in enumerate(self._report.rows(), start=1):
            if number % step == 0:
                set_progress(job, share * number // max(job.row_count, 1))
            yield row
        set_progress(job, share)


def set_progress(job, percent):
    job.progress = min(percent, 99)
    ReportJob.objects.filter(pk=job.pk).update(progress=job.progress)


def content_type(file_format):
    return reports.CONTENT_TYPES[file_format]


def build_report_file(report, file_format):
    """The report as a temporary file in ``file_format`` (pdf, csv or xlsx), with the writers
    of ``agreements.reports``."""
    if file_format == "xlsx":
        return xlsx_file(report)
    output = tempfile.TemporaryFile()  # noqa: SIM115 (closed by the caller, build())
    if file_format == "pdf":
        output.write(report_pdf(report))
    else:
        for chunk in csv_chunks(report):
            output.write(chunk.encode("utf-8"))
    output.seek(0)
    return output


def build(job):
    """Build the job's file, mark it ready and tell its user."""
    ReportJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, progress=0)
    report = report_for(job)
    job.row_count = report.queryset.count()
    ReportJob.objects.filter(pk=job.pk).update(row_count=job.row_count)
    filename = f"{report.filename}.{job.file_format}"
    with build_report_file(TrackedReport(report, job), job.file_format) as output:
        job.file.save(filename, File(output), save=False)
    now = timezone.now()
    job.filename, job.status, job.progress = filename, JobStatus.DONE, 100
    job.finished_at = now
    job.expires_at = now + datetime.timedelta(days=settings.REPORT_FILE_DAYS)
    job.save(
        update_fields=[
            "file",
            "filename",
            "status",
            "progress",
            "row_count",
            "finished_at",
            "expires_at",
        ]
    )
    job.agreements.clear()
    expires_on = timezone.localdate(job.expires_at)
    notify(
        [user_recipient(job.user)],
        Kind.REPORT_READY,
        {"format": job.file_format, "rows": job.row_count, "expires_on": expires_on.isoformat()},
        report_job=job,
    )


def fail(job, error):
    """Mark the job failed and tell its user (the traceback goes to the log only)."""
    job.status, job.error, job.finished_at = JobStatus.FAILED, str(error)[:1000], timezone.now()
    job.save(update_fields=["status", "error", "finished_at"])
    job.agreements.clear()
    notify(
        [user_recipient(job.user)], Kind.REPORT_FAILED, {"format": job.file_format}, report_job=job
    )


def delete_expired(now=None):
    """Delete the files of the jobs past their ``expires_at``; returns how many."""
    now = now or timezone.now()
    expired = list(ReportJob.objects.filter(status=JobStatus.DONE, expires_at__lte=now))
    for job in expired:
        job.file.delete(save=False)
        job.status = JobStatus.EXPIRED
        job.save(update_fields=["file", "status"])
    return len(expired)
