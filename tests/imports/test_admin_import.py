"""The admin import page and its jobs: upload, dry-run table, import; background jobs."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agreements.models import Agreement
from imports import jobs
from imports.models import ImportJob, JobStatus
from imports.tasks import run_import_job
from notifications.models import Notification
from tests.imports.conftest import pks_row, xlsx

pytestmark = pytest.mark.django_db
UPLOAD = reverse("admin:imports_importjob_upload")


def upload(client, content, action="check", name="arsip.xlsx"):
    return client.post(
        UPLOAD, {"kind": "agreements", "action": action, "file": SimpleUploadedFile(name, content)}
    )


def test_the_mou_and_pks_lists_lead_to_the_import_page(client, users):
    client.force_login(users.regency_editor)
    for menu in ("mou", "pks"):
        page = client.get(reverse(f"admin:agreements_{menu}_changelist")).content.decode()
        assert UPLOAD in page


def test_dry_run_table_then_import(client, users, national_mou):
    client.force_login(users.regency_editor)
    response = upload(client, xlsx([pks_row()]))
    job = ImportJob.objects.get()
    assert response.url == reverse("admin:imports_importjob_report", args=[job.pk])
    assert (job.dry_run, job.status, job.rows_total) == (True, JobStatus.DONE, 1)
    page = client.get(response.url).content.decode()
    assert "Uji coba: 1 baru, 0 diperbarui, 0 baris bergalat" in page
    assert not Agreement.objects.pks().exists()
    imported = client.post(reverse("admin:imports_importjob_import", args=[job.pk]))
    real = ImportJob.objects.exclude(pk=job.pk).get()
    assert (real.dry_run, real.saved, real.file.name) == (False, True, job.file.name)
    assert "Berhasil diimpor" in client.get(imported.url).content.decode()
    assert Agreement.objects.pks().get().owner_number == "05/PKS/KPU-Kot/2024"


def test_errors_are_shown_with_column_code_and_message_and_no_import_button(
    client, users, national_mou
):
    client.force_login(users.regency_editor)
    response = upload(client, xlsx([pks_row(**{"Mitra": "Karang Taruna"})]))
    page = client.get(response.url).content.decode()
    assert "partner_not_covered" in page and "Mitra tidak tercakup dalam MoU" in page
    assert reverse("admin:imports_importjob_import", args=[ImportJob.objects.get().pk]) not in page


def test_a_bad_file_is_an_error_on_the_form(client, users):
    client.force_login(users.regency_editor)
    response = upload(client, b"%PDF-1.4 \x00\x00", name="scan.pdf")
    assert response.status_code == 200
    assert "bukan buku kerja XLSX" in response.content.decode()
    assert ImportJob.objects.get().status == JobStatus.FAILED


def test_others_jobs_are_not_shown(client, users, national_mou):
    client.force_login(users.regency_editor)
    response = upload(client, xlsx([pks_row()]))
    client.force_login(users.other_regency_editor)
    assert client.get(response.url).status_code == 404


def test_viewers_may_not_upload(client, users):
    client.force_login(users.national_viewer)
    assert client.get(UPLOAD).status_code == 403


def test_a_large_file_is_queued_when_a_broker_exists(
    client, users, national_mou, settings, django_capture_on_commit_callbacks
):
    settings.IMPORT_BACKGROUND_ROWS = 1
    settings.CELERY_TASK_ALWAYS_EAGER = False  # as if a broker were configured
    client.force_login(users.regency_editor)
    rows = [pks_row(), pks_row(**{"Nomor Satuan Kerja": "2"})]
    with django_capture_on_commit_callbacks() as queued:
        response = upload(client, xlsx(rows), action="import")
    job = ImportJob.objects.get()
    assert job.status == JobStatus.PENDING and len(queued) == 1
    progress = client.get(reverse("admin:imports_importjob_progress", args=[job.pk])).json()
    assert progress == {"status": "pending", "rows_done": 0, "rows_total": 2, "finished": False}
    assert "import-progress" in client.get(response.url).content.decode()
    run_import_job.apply(args=[job.pk])  # what the worker does with the queued task
    job.refresh_from_db()
    assert (job.status, job.rows_done, job.saved) == (JobStatus.DONE, 2, True)
    assert job.finished_at is not None
    assert Agreement.objects.pks().count() == 2
    note = Notification.objects.get(user=users.regency_editor)
    assert note.kind == "import_done"
    assert (note.data["saved"], note.data["rows"], note.data["errors"]) == (True, 2, 0)
    assert note.data["file"] in note.message
    assert reverse("admin:imports_importjob_report", args=[job.pk]) == note.data["path"]


def test_the_task_records_a_file_refused_on_the_job(users, world, tmp_path):
    job = ImportJob.objects.create(
        user=users.regency_editor,
        file_name="x.xlsx",
        dry_run=False,
        file="imports/x.xlsx",
        rows_total=1,
    )
    (tmp_path / "media" / "imports").mkdir(parents=True)
    (tmp_path / "media" / "imports" / "x.xlsx").write_bytes(b"PK\x03\x04broken")
    run_import_job.delay(job.pk)
    job.refresh_from_db()
    assert (job.status, job.report["code"]) == (JobStatus.FAILED, "corrupt_file")
    assert Notification.objects.get(user=users.regency_editor).kind == "import_failed"
    assert jobs.start(job) is False  # a finished job is not run again


@pytest.mark.django_db(transaction=True)
def test_progress_is_visible_while_the_rows_are_imported(users, world, national_mou):
    """The rows run in one transaction; their progress is written where a poll can read it."""
    from django.db import connection, connections, transaction

    from imports.jobs import ProgressRecorder

    job = ImportJob.objects.create(user=users.regency_editor, file_name="x.xlsx", rows_total=300)
    recorder = ProgressRecorder(job)
    with transaction.atomic():
        recorder(100, 300)
        if connection.vendor == "postgresql":
            other = connections.create_connection("default")
            with other.cursor() as cursor:
                cursor.execute("SELECT rows_done FROM imports_importjob WHERE id = %s", [job.pk])
                assert cursor.fetchone() == (100,)
            other.close()
        transaction.set_rollback(True)
    recorder.close()
    job.refresh_from_db()
    assert job.rows_done == (100 if connection.vendor == "postgresql" else 0)


def test_an_unexpected_error_ends_the_job_as_failed(users, world, tmp_path):
    job = ImportJob.objects.create(
        user=users.regency_editor,
        file_name="x.xlsx",
        dry_run=True,
        file="imports/missing.xlsx",
        rows_total=1,
    )
    with pytest.raises(FileNotFoundError):
        jobs.run_job(job)
    job.refresh_from_db()
    assert (job.status, job.report["code"]) == (JobStatus.FAILED, "server_error")
    assert job.finished_at is not None
