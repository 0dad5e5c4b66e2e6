"""One background report end to end through a real Celery worker on Redis: the API starts it
with ``Prefer: respond-async``, the worker builds it and e-mails its user, the client polls
the job and downloads the file.

The broker is ``KEMITRAAN_TEST_BROKER_URL`` (default ``redis://127.0.0.1:6379/0``; .ci/run sets
it). Without a reachable Redis the test is skipped, except in CI (``CI`` set), where it fails.
"""

import datetime
import logging
import os
import time
import uuid

import pytest
import redis
from celery import Celery
from celery.contrib.testing.worker import start_worker
from django.contrib.auth import get_user_model
from django.core import mail
from rest_framework.test import APIClient

from agreements.models import Kind
from kemitraan import celery_app
from tests.conftest import make_agreement

BROKER = os.environ.get("KEMITRAAN_TEST_BROKER_URL", "redis://127.0.0.1:6379/0")
pytestmark = pytest.mark.django_db(transaction=True)


def redis_reachable():
    try:
        return redis.Redis.from_url(BROKER, socket_connect_timeout=2).ping()
    except redis.exceptions.RedisError:
        return False


@pytest.fixture
def redis_worker(settings, tmp_path):
    """A Celery app on Redis (tasks are queued, not run in-process) and a worker thread
    consuming its own queue, so that no other run's worker takes its tasks."""
    if not redis_reachable():
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not reachable at {BROKER}; CI must run this test.")
        pytest.skip(f"Redis is not reachable at {BROKER}")
    settings.MEDIA_ROOT = tmp_path
    queue = f"kemitraan-test-{uuid.uuid4().hex}"
    app = Celery("kemitraan-worker-test")
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.autodiscover_tasks(force=True)
    app.conf.update(broker_url=BROKER, task_always_eager=False, task_default_queue=queue)
    root = logging.getLogger()
    root_level, root_handlers = root.level, root.handlers[:]
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            yield app
    finally:
        # The embedded worker makes its app the current and default one and sets up logging
        # (the root logger's level): put both back for the tests that follow.
        celery_app.set_current()
        celery_app.set_default()
        root.setLevel(root_level)
        root.handlers[:] = root_handlers
        redis.Redis.from_url(BROKER).delete(
            queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}"
        )


def wait_for(client, url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(url).json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.2)
    raise AssertionError(f"the job at {url} did not finish within {timeout} s: {job}")


def test_a_report_job_runs_on_a_real_worker(redis_worker, world, national_mou, django_user_model):
    for number, owner in enumerate([world.kpu_jatim, world.kpu_blitar, world.kpu_kalsel]):
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
    user = django_user_model.objects.create_user(
        "pelapor", email="pelapor@kpu.go.id", is_superuser=True, is_staff=True
    )
    client = APIClient()
    client.force_authenticate(get_user_model().objects.get(pk=user.pk))

    started = client.get(
        "/api/v1/agreements/report/", {"format": "csv"}, HTTP_PREFER="respond-async"
    )
    assert started.status_code == 202

    job = wait_for(client, started["Location"])
    assert (job["status"], job["progress"], job["row_count"]) == ("done", 100, 4)
    download = client.get(job["download"])
    rows = b"".join(download.streaming_content).decode("utf-8-sig").strip().splitlines()
    assert len(rows) == 5 and "PKS KPU Kota Blitar" in "".join(rows)

    deadline = time.monotonic() + 30
    while not mail.outbox and time.monotonic() < deadline:
        time.sleep(0.2)
    [message] = mail.outbox
    assert message.to == ["pelapor@kpu.go.id"] and message.subject == "Laporan Anda siap diunduh"
