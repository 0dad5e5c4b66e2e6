"""Server errors as invariants (issue 7): every 500 is logged with its traceback; the API answers
its own JSON format for 400/404/413/500/503; oversized and deeply nested bodies get a clear
client error; a database out of reach answers 503 with Retry-After instead of a bare 500."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from rest_framework.test import APIClient

from tests.conftest import PASSWORD
from tests.failing_urls import FAILURE

ROOT = Path(__file__).resolve().parents[1]
AGREEMENTS = "/api/v1/agreements/"


@pytest.fixture
def failing_urls(settings):
    settings.ROOT_URLCONF = "tests.failing_urls"


def quiet_client(cls=Client, **defaults):
    """A client that gets the error answer instead of the exception re-raised in the test."""
    return cls(raise_request_exception=False, **defaults)


def assert_api_error(response, status, code):
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["code"] == code and body["detail"]
    return body


# Pages and the API answer in their own form ------------------------------------------------------


def test_a_server_error_answers_the_api_format_under_the_api(failing_urls, db):
    response = quiet_client(APIClient).get("/api/v1/uji/gagal/")
    assert_api_error(response, 500, "server_error")
    assert FAILURE not in response.content.decode()


def test_a_server_error_page_is_indonesian_and_reveals_nothing(failing_urls, db):
    response = quiet_client().get("/uji/gagal/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Terjadi kesalahan pada server" in page and "telah dicatat" in page
    assert FAILURE not in page and "Traceback" not in page


def test_a_refusal_page_is_indonesian(failing_urls, db):
    response = Client().get("/uji/ditolak/")
    assert response.status_code == 403
    assert "Akses ditolak" in response.content.decode()


def test_a_form_without_its_csrf_token_is_refused_with_an_indonesian_page(db):
    response = Client(enforce_csrf_checks=True).post("/masuk/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    assert "Formulir sudah kedaluwarsa" in response.content.decode()


def test_an_unknown_page_is_indonesian_and_an_unknown_api_path_json(client, db):
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()
    assert_api_error(client.get("/api/v1/tidak-ada/"), 404, "not_found")


# Bodies: too deep, too large ----------------------------------------------------------------------


def nested(depth):
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("depth", [21, 5000, 100_000])
def test_deeply_nested_json_is_a_client_error(api_admin, depth):
    """Issue 7: depth 5,000 in POST agreements/ answered 500 (RecursionError)."""
    body = '{"kind": "mou", "title": "MoU", "partners": ' + nested(depth) + "}"
    response = api_admin.post(AGREEMENTS, body, content_type="application/json")
    assert_api_error(response, 400, "too_deep")
    assert "20" in response.json()["detail"]


def test_json_within_the_depth_limit_is_read(api_admin):
    body = {"kind": "mou", "title": "MoU", "scopes": [], "partners": [[[[[[]]]]]]}
    response = api_admin.post(AGREEMENTS, body, format="json")
    assert response.status_code == 400
    assert "partners.0" in response.json()["errors"]  # read, then refused as not a partner


def test_a_json_body_over_the_limit_answers_413(api_admin, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024
    body = json.dumps({"kind": "mou", "title": "x" * (65 * 1024)})
    response = api_admin.post(AGREEMENTS, body, content_type="application/json")
    body = assert_api_error(response, 413, "payload_too_large")
    assert "0.1 MB" in body["detail"]


def test_a_form_over_the_limit_answers_an_indonesian_413_page(client, db, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024
    response = client.post("/masuk/", {"username": "x" * (65 * 1024), "password": "p"})
    assert response.status_code == 413
    assert "Terlalu banyak data yang dikirim sekaligus" in response.content.decode()


@pytest.fixture
def api_admin(users):
    client = APIClient()
    client.force_authenticate(users.national_admin)
    return client


# A database out of reach --------------------------------------------------------------------------


@pytest.fixture
def database_out_of_connections(transactional_db, users):
    """The app's connection as a PostgreSQL role whose connection cap is used up (CONNECTION
    LIMIT 0: PostgreSQL answers "too many connections for role", as when workers outnumber the
    cap). Users and their session or token are made before; the role is dropped after."""
    if connection.vendor != "postgresql":
        pytest.skip("connection limits per role are PostgreSQL's")
    role = f"{connection.settings_dict['NAME']}_capped"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP ROLE IF EXISTS "{role}"')
        cursor.execute(f'CREATE ROLE "{role}" LOGIN CONNECTION LIMIT 0')
    session = Client()
    session.force_login(users.regency_editor)
    token = (
        APIClient()
        .post(
            "/api/v1/auth/token/",
            {"username": "editor_blitar", "password": PASSWORD},
            format="json",
        )
        .data["token"]
    )
    own_user = connection.settings_dict["USER"]
    connection.close()
    connection.settings_dict["USER"] = role
    yield session, token
    connection.close()
    connection.settings_dict["USER"] = own_user
    with connection.cursor() as cursor:
        cursor.execute(f'DROP ROLE "{role}"')


def test_an_api_request_without_a_database_answers_503_with_retry_after(
    database_out_of_connections,
):
    _session, token = database_out_of_connections
    client = quiet_client(APIClient, HTTP_AUTHORIZATION=f"Token {token}")
    for url in ("/api/v1/institutions/", "/api/v1/agreements/"):
        response = client.get(url)
        assert_api_error(response, 503, "service_unavailable")
        assert response["Retry-After"] == "10"


def test_a_page_without_a_database_answers_an_indonesian_503(database_out_of_connections):
    session, _token = database_out_of_connections
    session.raise_request_exception = False
    response = session.get("/mitra/")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "Register sedang tidak tersedia sebentar" in response.content.decode()


def test_a_cache_out_of_reach_answers_503_too(settings, users):
    """Throttle counts and failed sign-ins live in Redis in production: Redis down is a 503."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    response = quiet_client(APIClient).post(
        "/api/v1/auth/token/", {"username": "editor_blitar", "password": PASSWORD}, format="json"
    )
    assert_api_error(response, 503, "service_unavailable")
    assert response["Retry-After"] == "10"


# Logging ------------------------------------------------------------------------------------------


def test_a_server_error_with_debug_off_logs_its_traceback_to_stderr(tmp_path):
    """Issue 7: with DEBUG off, 500s left no traceback anywhere. What gunicorn and systemd
    collect is the process's stderr: serve one failing request in a fresh process."""
    env = {
        key: value for key, value in os.environ.items() if key not in ("DEBUG", "KEMITRAAN_TESTING")
    }
    env.update(
        SECRET_KEY="a-real-secret-for-the-test",
        ALLOWED_HOSTS="testserver",
        DATABASE_URL=f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        DJANGO_SETTINGS_MODULE="kemitraan.settings",
    )
    script = (
        "import django; django.setup()\n"
        "from django.conf import settings; from django.test import Client\n"
        "settings.ROOT_URLCONF = 'tests.failing_urls'\n"
        "print(Client(raise_request_exception=False).get('/uji/gagal/').status_code)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "500", result.stderr
    assert "ERROR django.request" in result.stderr
    assert "Internal Server Error: /uji/gagal/" in result.stderr
    assert "Traceback (most recent call last)" in result.stderr
    assert f"RuntimeError: {FAILURE}" in result.stderr
