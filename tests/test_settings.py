"""Configuration that protects production."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def serve(**environment):
    """Import the WSGI application in a fresh interpreter with only ``environment`` set."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DEBUG", "SECRET_KEY", "KEMITRAAN_TESTING")
    }
    env.update(environment)
    return subprocess.run(
        [sys.executable, "-c", "import kemitraan.wsgi"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_serving_without_debug_refuses_the_development_key():
    result = serve()
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_serving_with_a_secret_key_or_debug_starts():
    assert serve(SECRET_KEY="a-real-secret-for-the-test").returncode == 0
    assert serve(DEBUG="1").returncode == 0


def readme_production_environment():
    """The ``export`` lines of the README's production block, as the shell would run them."""
    readme = (ROOT / "README.md").read_text()
    block = readme.split("## Running in production", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    return "\n".join(line for line in block.splitlines() if line.startswith("export "))


def test_check_deploy_reports_nothing_with_the_readme_production_environment():
    """Issue 8: check --deploy warned about HSTS and the SSL redirect, with no setting to turn
    them on. The README's production environment now satisfies every deployment check."""
    # Only what a server's shell has: nothing the test run itself set (DEBUG, test flags).
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    exports = readme_production_environment()
    assert "SECURE_HSTS_SECONDS=31536000" in exports and "SECURE_SSL_REDIRECT=1" in exports
    result = subprocess.run(
        ["bash", "-c", f"set -e\n{exports}\nexec {sys.executable} manage.py check --deploy"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr


def test_https_settings_come_from_the_environment():
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "s.SECURE_SSL_REDIRECT, s.SECURE_PROXY_SSL_HEADER)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kemitraan.settings"}

    def settings_with(**variables):
        run = subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            env={**env, **variables},
        )
        return run.stdout.strip() or run.stderr

    assert settings_with() == "0 False False None"
    assert (
        settings_with(
            SECURE_HSTS_SECONDS="31536000",
            SECURE_SSL_REDIRECT="1",
            SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https",
        )
        == "31536000 True True ('HTTP_X_FORWARDED_PROTO', 'https')"
    )
    assert "SECURE_PROXY_SSL_HEADER is a header and a value" in settings_with(
        SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO"
    )


def test_behind_the_proxy_plain_http_is_redirected_and_https_gets_hsts(client, settings, db):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    plain = client.get("/masuk/", HTTP_X_FORWARDED_PROTO="http")
    assert plain.status_code == 301 and plain["Location"] == "https://testserver/masuk/"
    secure = client.get("/masuk/", HTTP_X_FORWARDED_PROTO="https")
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
