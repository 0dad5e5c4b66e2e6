"""Load and faults against gunicorn + PostgreSQL, on the loopback only, bounded in requests.

    .venv/bin/python bench/load_fault.py [--database-url postgres://postgres@127.0.0.1:5432/bench_load]
        [--agreements 100000] [--port 8120] [--workers 3] [--clients 6] [--requests 150]

Fills the database with bench/generate.py if it does not hold ``--agreements`` agreements, then
starts gunicorn (``--workers`` sync workers on 127.0.0.1:``--port``) and sends, from
``--clients`` threads, ``--requests`` requests to each of three endpoints, interleaved:

- eligibility: ``GET institutions/{Kanwil Kemenag Jawa Timur}/eligibility/?body=kpu``
- list: ``GET agreements/`` (first page of 50)
- write: ``POST agreements/``, a draft MoU of KPU RI (deleted again at the end)

authenticated with a token of ``bench_kpu_ri`` (a national approver). Three phases:

1. steady: requests per second, p50/p99 and errors per endpoint;
2. worker killed: the same load, and one worker gets SIGKILL after a third of the requests;
   what the clients saw (errors and their kind) and when the master had replaced the worker;
3. connections exhausted: a PostgreSQL role capped at ``--role-limit`` connections (4) serves
   ``--capped-workers`` workers (8): the workers left without a connection answer 503 with
   Retry-After (they answered a bare 500 before), the others 200.

Prints one table; the gunicorn processes and the role are removed at the end.
"""

import argparse
import collections
import http.client
import json
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from api_bench import ensure_postgres_database, percentile  # bench/ is the script's folder

ROOT = Path(__file__).resolve().parent.parent
DRAFT_TITLE = "Bench load draft"
Result = collections.namedtuple("Result", "endpoint start seconds status error retry_after")


def prepare(url, agreements):
    """Fill the database if needed; the token, the paths and the write body of the load."""
    import psycopg

    with psycopg.connect(url) as connection:
        has_table = connection.execute("SELECT to_regclass('agreements_agreement')").fetchone()[0]
        count = (
            has_table
            and connection.execute("SELECT count(*) FROM agreements_agreement").fetchone()[0]
        )
    if count != agreements:
        print(f"generating {agreements} agreements into {url} …", flush=True)
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "generate.py"),
                "--agreements",
                str(agreements),
                "--reset",
            ],
            check=True,
            env={**os.environ, "DATABASE_URL": url},
        )
    os.environ["DATABASE_URL"] = url
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kemitraan.settings")
    os.environ.setdefault("KEMITRAAN_TESTING", "1")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from knox.models import AuthToken

    from partners.models import Body, Category, Institution

    user = get_user_model().objects.get(username="bench_kpu_ri")
    kanwil = Institution.objects.filter(name="Kanwil Kemenag Provinsi Jawa Timur").first()
    partner = Institution.objects.filter(category=Category.MINISTRY).order_by("id").first()
    kpu_ri = Institution.objects.national_unit(Body.KPU)
    body = json.dumps(
        {
            "kind": "mou",
            "title": DRAFT_TITLE,
            "owner": kpu_ri.pk,
            "status": "draft",
            "scopes": ["sosialisasi"],
            "partners": [{"institution": partner.pk, "number": "B/1/2026"}],
        }
    )
    return AuthToken.objects.create(user=user)[1], {
        "eligibility": ("GET", f"/api/v1/institutions/{kanwil.pk}/eligibility/?body=kpu", None),
        "list": ("GET", "/api/v1/agreements/", None),
        "write": ("POST", "/api/v1/agreements/", body),
    }


def clean_up_drafts():
    from agreements.models import Agreement

    Agreement.objects.filter(title=DRAFT_TITLE).delete()
    Agreement.history.filter(title=DRAFT_TITLE).delete()


class Server:
    """gunicorn on the loopback, started and stopped by the benchmark."""

    def __init__(self, url, port, workers, extra_env=None):
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_COOKIES": "0",
            **(extra_env or {}),
        }
        env.pop("KEMITRAAN_TESTING", None)
        self.port, self.workers = port, workers
        self.process = subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "gunicorn"),
                "kemitraan.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--timeout",
                "30",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while len(self.worker_pids()) < workers or not self.answers():
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.stop()
                raise SystemExit("gunicorn did not start")
            time.sleep(0.2)

    def answers(self):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
            connection.request("GET", "/masuk/")
            return connection.getresponse().status == 200
        except OSError:
            return False

    def worker_pids(self):
        """The master's children, read from /proc."""
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                pids.append(int(stat.parent.name))
        return sorted(pids)

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def send(port, token, endpoint, request):
    method, path, body = request
    start = time.monotonic()
    status = error = retry_after = None
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
        headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        status, retry_after = response.status, response.getheader("Retry-After")
        connection.close()
    except (OSError, http.client.HTTPException) as failure:
        error = type(failure).__name__
    return Result(endpoint, start, time.monotonic() - start, status, error, retry_after)


def run_load(port, token, requests, clients, per_endpoint, during=None):
    """Send ``per_endpoint`` requests to each endpoint from ``clients`` threads, interleaved;
    ``during(done)`` is called by a watcher thread with the count of answers so far."""
    queue = [(name, request) for _ in range(per_endpoint) for name, request in requests.items()]
    results, lock, position = [], threading.Lock(), iter(range(len(queue)))

    def client():
        while True:
            with lock:
                index = next(position, None)
            if index is None:
                return
            result = send(port, token, *queue[index])
            with lock:
                results.append(result)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    if during is not None:
        during(lambda: len(results), len(queue))
    for thread in threads:
        thread.join()
    return results, time.monotonic() - started


def killer(server, events):
    """Kill one worker after a third of the answers; note when the master replaced it."""

    def watch(done, total):
        while done() < total // 3:
            time.sleep(0.01)
        victim = server.worker_pids()[0]
        os.kill(victim, signal.SIGKILL)
        events["killed"] = time.monotonic()
        while time.monotonic() - events["killed"] < 30:
            pids = server.worker_pids()
            if len(pids) == server.workers and victim not in pids:
                events["replaced"] = time.monotonic()
                return
            time.sleep(0.02)

    return watch


def summary(phase, results, seconds):
    rows = []
    for endpoint in sorted({result.endpoint for result in results}):
        mine = [result for result in results if result.endpoint == endpoint]
        ok = [result.seconds * 1000 for result in mine if result.status and result.status < 400]
        kinds = collections.Counter(
            result.error or str(result.status)
            for result in mine
            if not (result.status and result.status < 400)
        )
        rows.append(
            (
                phase,
                endpoint,
                len(mine),
                len(ok),
                len(mine) / seconds,
                percentile(ok, 0.5) if ok else 0,
                percentile(ok, 0.99) if ok else 0,
                ", ".join(f"{kind}×{count}" for kind, count in sorted(kinds.items())) or "—",
            )
        )
    return rows


def print_table(rows):
    print(
        f"\n{'phase':<22} {'endpoint':<12} {'requests':>8} {'ok':>5} {'req/s':>7} "
        f"{'p50 ms':>8} {'p99 ms':>8}  not ok"
    )
    for phase, endpoint, count, ok, rate, p50, p99, kinds in rows:
        print(
            f"{phase:<22} {endpoint:<12} {count:>8} {ok:>5} {rate:>7.1f} {p50:>8.1f} "
            f"{p99:>8.1f}  {kinds}"
        )


def capped_role(url, name, limit):
    """A role that may hold at most ``limit`` connections, reading and writing every table."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP ROLE IF EXISTS "{name}"')
        connection.execute(f'CREATE ROLE "{name}" LOGIN CONNECTION LIMIT {int(limit)}')
        connection.execute(f'GRANT pg_read_all_data, pg_write_all_data TO "{name}"')
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=f"{name}@{parts.hostname}:{parts.port or 5432}"))


def drop_role(url, name):
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP ROLE IF EXISTS "{name}"')


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/bench_load")
    parser.add_argument("--agreements", type=int, default=100_000)
    parser.add_argument("--port", type=int, default=8120)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument("--requests", type=int, default=150, help="per endpoint and phase")
    parser.add_argument("--capped-role", default="bench_capped")
    parser.add_argument("--role-limit", type=int, default=4)
    parser.add_argument("--capped-workers", type=int, default=8)
    args = parser.parse_args(argv)

    ensure_postgres_database(args.database_url)
    token, requests = prepare(args.database_url, args.agreements)
    events = {}
    server = Server(args.database_url, args.port, args.workers)
    try:
        steady = run_load(args.port, token, requests, args.clients, args.requests)
        killed = run_load(
            args.port, token, requests, args.clients, args.requests, killer(server, events)
        )
    finally:
        server.stop()
    rows = summary("steady", *steady) + summary("worker killed", *killed)
    failed = [r for r in killed[0] if r.error or (r.status or 500) >= 500]
    after = [r for r in killed[0] if r.start > events["killed"] and not r.error]
    capped_url = capped_role(args.database_url, args.capped_role, args.role_limit)
    server = Server(capped_url, args.port + 1, args.capped_workers)
    try:
        reads = {name: requests[name] for name in ("eligibility", "list")}
        results, seconds = run_load(
            args.port + 1, token, reads, args.capped_workers * 2, args.requests
        )
        rows += summary(f"{args.role_limit} conns, {args.capped_workers} workers", results, seconds)
    finally:
        server.stop()
        drop_role(args.database_url, args.capped_role)
        clean_up_drafts()

    print_table(rows)
    print(
        f"\nworker killed: {len(failed)} requests failed "
        f"({', '.join(sorted({r.error or str(r.status) for r in failed})) or 'none'}); "
        f"the master had a new worker {events.get('replaced', 0) - events['killed']:.2f} s "
        f"after the kill; {len(after)} requests sent after the kill were answered."
    )
    unavailable = [r for r in results if r.status == 503]
    print(
        f"connections exhausted: {len(unavailable)} answers 503, all with Retry-After: "
        f"{all(r.retry_after for r in unavailable)}; "
        f"{sum(r.status == 500 for r in results)} answered 500."
    )


if __name__ == "__main__":
    main()
