"""The HTTP half of ``side_by_side.py``: gunicorn (sync workers, loopback only) serving the
project with the benchmark's raw view, and ``wrk`` (bounded by duration) against it."""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
READY_TIMEOUT_S = 90
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


class Server:
    """gunicorn on 127.0.0.1:``port`` over the database of ``url``, stopped (its whole
    process group) on leaving the ``with`` block."""

    def __init__(self, port, url, workers, secret_key):
        self.base = f"http://127.0.0.1:{port}"
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        command = [
            gunicorn,
            "kemitraan.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--pythonpath",
            str(HERE),
        ]
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "rawview.settings",
            "DEBUG": "0",
            "SECRET_KEY": secret_key,
            "SECURE_COOKIES": "0",
            "ALLOWED_HOSTS": "127.0.0.1",
        }
        env.pop("KEMITRAAN_TESTING", None)
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (closed when the server stops)
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def __enter__(self):
        deadline = time.monotonic() + READY_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.log.seek(0)
                raise SystemExit(f"gunicorn stopped at start:\n{self.log.read()[-3000:]!r}")
            try:
                urllib.request.urlopen(self.base + "/masuk/", timeout=READY_TIMEOUT_S).read()
                return self
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        self.__exit__()
        raise SystemExit(f"gunicorn did not answer within {READY_TIMEOUT_S} s")

    def __exit__(self, *exc):
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.log.close()


def wrk_path():
    path = shutil.which("wrk")
    if path is None:
        raise SystemExit("wrk is missing: apt-get install wrk (or run with --skip-http)")
    return path


def milliseconds(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * UNITS[unit]


def wrk(url, session, seconds, connections):
    """Requests per second and latency percentiles (ms) of ``connections`` connections (one
    thread) sending requests to ``url`` for ``seconds``; any error or non-2xx answer stops."""
    output = subprocess.run(
        [
            wrk_path(),
            "-t1",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "--timeout",
            "10s",
            "-H",
            f"Cookie: sessionid={session}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 30,
    ).stdout
    if "Non-2xx" in output or "Socket errors" in output:
        raise SystemExit(f"wrk {url}: errors\n{output}")
    latency = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)$", output, re.MULTILINE))
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        **{f"p{key}_ms": milliseconds(value) for key, value in latency.items()},
    }
