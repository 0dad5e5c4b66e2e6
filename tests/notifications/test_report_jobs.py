"""Large reports in the background (in-process here): above REPORT_JOB_ROWS the report page and
the admin start a job, the API only with ``Prefer: respond-async``; progress, a notification
with the link, files private to their owner and deleted after REPORT_FILE_DAYS."""

import datetime
import io
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader
from rest_framework.test import APIClient

from agreements.models import Kind
from notifications import report_jobs
from notifications.choices import JobStatus
from notifications.choices import Kind as NotificationKind
from notifications.models import Notification, ReportJob
from tests.conftest import make_agreement

REPORT = "/laporan/"
API_REPORT = "/api/v1/agreements/report/"


@pytest.fixture(autouse=True)
def small_threshold(settings, tmp_path):
    settings.REPORT_JOB_ROWS = 3
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def signed(world, national_mou, staff):
    """The national MoU and four PKS under it: five signed agreements."""
    owners = [world.kpu_jatim, world.kpu_blitar, world.kpu_kalsel, world.kpu_banjarmasin]
    return [national_mou] + [
        make_agreement(
            owner,
            [world.kemensos],
            ["sosialisasi"],
            kind=Kind.PKS,
            parent=national_mou,
            signed_on=datetime.date(2024, 3, number + 1),
            valid_until=datetime.date(2026, 12, 31),
            title=f"PKS {owner}",
        )
        for number, owner in enumerate(owners)
    ]


def page_client(client, user):
    client.force_login(user)
    return client


def api_client(user):
    client = APIClient()
    client.force_authenticate(get_user_model().objects.get(pk=user.pk))
    return client


def csv_rows(content):
    return content.decode("utf-8-sig").strip().splitlines()[1:]


def test_a_small_report_stays_immediate(client, staff, signed, settings):
    settings.REPORT_JOB_ROWS = 5
    response = page_client(client, staff.national_admin).get(REPORT, {"format": "csv"})
    assert response.status_code == 200
    assert len(csv_rows(b"".join(response.streaming_content))) == 5
    assert not ReportJob.objects.exists()


def test_a_large_report_becomes_a_job_with_a_notification_and_a_download(
    client, staff, signed, django_capture_on_commit_callbacks
):
    client = page_client(client, staff.national_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(REPORT, {"format": "csv", "body": "kpu"})
    job = ReportJob.objects.get()
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    job.refresh_from_db()
    assert (job.status, job.row_count, job.progress, job.user) == (
        JobStatus.DONE,
        5,
        100,
        staff.national_admin,
    )
    assert job.expires_at.date() == (timezone.now() + datetime.timedelta(days=7)).date()
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Laporan sudah siap" in page and job.get_download_url() in page
    download = client.get(job.get_download_url())
    assert download["Content-Disposition"].startswith('attachment; filename="laporan-perjanjian-')
    assert len(csv_rows(b"".join(download.streaming_content))) == 5
    note = Notification.objects.get(user=staff.national_admin)
    assert note.kind == NotificationKind.REPORT_READY and note.report_job == job
    assert note.message.startswith("Laporan CSV Anda (5 perjanjian) sudah siap; unduh sebelum")


def test_the_job_page_shows_progress_and_refreshes_while_it_runs(client, staff, signed):
    job = ReportJob.objects.create(
        user=staff.national_admin,
        file_format="pdf",
        params=[],
        status=JobStatus.RUNNING,
        row_count=1200,
        progress=35,
    )
    page = page_client(client, staff.national_admin).get(job.get_absolute_url()).content.decode()
    assert '<progress id="progress" max="100" value="35">' in page
    assert 'http-equiv="refresh"' in page and "1200 perjanjian" in page


def test_a_job_is_private_to_its_owner(client, staff, signed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page_client(client, staff.national_admin).get(REPORT, {"format": "csv"})
    job = ReportJob.objects.get()
    client.force_login(staff.national_editor)
    assert client.get(job.get_absolute_url()).status_code == 404
    assert client.get(job.get_download_url()).status_code == 404
    other = api_client(staff.national_editor)
    assert other.get(f"/api/v1/report-jobs/{job.pk}/").status_code == 404
    assert other.get(f"/api/v1/report-jobs/{job.pk}/download/").status_code == 404


def test_the_job_reports_what_its_user_may_read(
    client, staff, signed, django_capture_on_commit_callbacks
):
    """A regional editor's job holds the national MoU and the unit's own PKS only."""
    with django_capture_on_commit_callbacks(execute=True):
        response = page_client(client, staff.provincial_editor).get(REPORT, {"format": "csv"})
    assert response.status_code == 200  # three rows: below the threshold, built at once
    assert len(csv_rows(b"".join(response.streaming_content))) == 3


def test_files_are_deleted_when_their_time_is_up(
    client, staff, signed, settings, django_capture_on_commit_callbacks
):
    settings.REPORT_FILE_DAYS = 2
    with django_capture_on_commit_callbacks(execute=True):
        page_client(client, staff.national_admin).get(REPORT, {"format": "xlsx"})
    job = ReportJob.objects.get()
    path = Path(job.file.path)
    assert load_workbook(path).sheetnames == ["Perjanjian", "Ringkasan"]
    assert report_jobs.delete_expired(timezone.now() + datetime.timedelta(days=1)) == 0
    assert report_jobs.delete_expired(timezone.now() + datetime.timedelta(days=2, minutes=1)) == 1
    job.refresh_from_db()
    assert job.status == JobStatus.EXPIRED and not job.file and not path.exists()
    assert client.get(job.get_download_url()).status_code == 404
    assert "sudah dihapus" in client.get(job.get_absolute_url()).content.decode()


def test_a_failed_job_tells_its_user(
    client, staff, signed, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(report, file_format):
        raise OSError("No space left on device")

    monkeypatch.setattr(report_jobs, "build_report_file", broken)
    with django_capture_on_commit_callbacks(execute=True):
        page_client(client, staff.national_admin).get(REPORT, {"format": "csv"})
    job = ReportJob.objects.get()
    assert job.status == JobStatus.FAILED and "No space left" in job.error
    note = Notification.objects.get(user=staff.national_admin)
    assert note.kind == NotificationKind.REPORT_FAILED
    assert note.message.startswith("Laporan CSV Anda gagal dibuat.")
    assert "Laporan gagal dibuat" in client.get(job.get_absolute_url()).content.decode()


# The API -----------------------------------------------------------------------------------


def test_the_api_stays_synchronous_without_prefer(staff, signed):
    response = api_client(staff.national_admin).get(API_REPORT, {"format": "csv"})
    assert response.status_code == 200
    assert len(csv_rows(b"".join(response.streaming_content))) == 5
    assert not ReportJob.objects.exists()


def test_prefer_respond_async_answers_202_with_the_jobs_url(
    staff, signed, django_capture_on_commit_callbacks
):
    client = api_client(staff.national_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(
            API_REPORT, {"format": "xlsx", "kind": "pks"}, HTTP_PREFER="wait=5, respond-async"
        )
    job = ReportJob.objects.get()
    assert response.status_code == 202
    assert response["Location"] == f"http://testserver/api/v1/report-jobs/{job.pk}/"
    assert response["Preference-Applied"] == "respond-async"
    assert response.json()["status"] == "queued"
    status = client.get(response["Location"]).json()
    assert status["status"] == "done" and status["progress"] == 100 and status["row_count"] == 4
    assert status["download"] == f"http://testserver/api/v1/report-jobs/{job.pk}/download/"
    download = client.get(status["download"])
    assert download.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert workbook["Perjanjian"].max_row == 5  # the heading and the four PKS


def test_invalid_parameters_are_refused_before_any_job(staff, signed):
    response = api_client(staff.national_admin).get(
        API_REPORT, {"format": "csv", "signed_from": "31/12/2024x"}, HTTP_PREFER="respond-async"
    )
    assert response.status_code == 400
    assert not ReportJob.objects.exists()


# The admin ---------------------------------------------------------------------------------


def test_an_admin_export_above_the_threshold_becomes_a_job(
    client, staff, signed, django_capture_on_commit_callbacks
):
    client = page_client(client, staff.national_admin)
    url = reverse("admin:agreements_pks_report", args=["xlsx"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url, {"body": "kpu"})
    job = ReportJob.objects.get()
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    job.refresh_from_db()
    assert (job.status, job.row_count, job.params) == (JobStatus.DONE, 4, None)
    assert job.agreements.count() == 0  # the kept list is dropped once the file is built
    assert ["Jenis", "PKS (perjanjian kerja sama)"] in [
        [cell.value for cell in row][:2] for row in load_workbook(job.file.path)["Ringkasan"]
    ]


def test_an_admin_selection_above_the_threshold_becomes_a_job(
    client, staff, signed, django_capture_on_commit_callbacks
):
    client = page_client(client, staff.national_admin)
    chosen = [str(pks.pk) for pks in signed[1:]]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:agreements_pks_changelist"),
            {"action": "export_xlsx_report", "_selected_action": chosen},
        )
    job = ReportJob.objects.get()
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    job.refresh_from_db()
    assert (job.status, job.row_count) == (JobStatus.DONE, 4)


def test_a_pdf_report_job(client, staff, signed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page_client(client, staff.national_admin).get(REPORT, {"format": "pdf"})
    job = ReportJob.objects.get()
    assert (job.status, job.row_count, job.filename[-4:]) == (JobStatus.DONE, 5, ".pdf")
    content = b"".join(client.get(job.get_download_url()).streaming_content)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert content.startswith(b"%PDF") and "PKS KPU Kota Blitar" in text
