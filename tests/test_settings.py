"""Configuration that protects production."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def serve(**environment):
    """Import the WSGI application in a fresh interpreter with only ``environment`` set."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("DEBUG", "SECRET_KEY", "KEMITRAAN_TESTING")}
    env.update(environment)
    return subprocess.run([sys.executable, "-c", "import kemitraan.wsgi"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)


def test_serving_without_debug_refuses_the_development_key():
    result = serve()
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_serving_with_a_secret_key_or_debug_starts():
    assert serve(SECRET_KEY="a-real-secret-for-the-test").returncode == 0
    assert serve(DEBUG="1").returncode == 0
