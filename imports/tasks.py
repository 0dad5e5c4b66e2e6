"""Background tasks of the import (Celery)."""

from celery import shared_task

from imports import jobs
from imports.models import ImportJob


@shared_task
def run_import_job(job_id):
    """Run a queued import job (a large file uploaded in the admin)."""
    jobs.run_job(ImportJob.objects.select_related("user").get(pk=job_id), announce=True)
