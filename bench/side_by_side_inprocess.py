"""The in-process half of ``side_by_side.py``, run in a child process per database: the data
checked (or generated), the requests timed through Django's test client, their queries
explained, the reports written; the figures go back as JSON.

Not meant to be run by hand: ``side_by_side.py`` starts it with ``--worker``.
"""

import os
import re
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REGIONAL_USER = "bench_blitar"
NATIONAL_USER = "bench_kpu_ri"
TYPO, TYPO_FINDS = "Kementrian Agama", "Kementerian Agama"
# (key, user, path): the requests measured in process and over HTTP.
REQUESTS = [
    ("raw", NATIONAL_USER, "/raw/agreements/?page_size=50"),
    ("list", NATIONAL_USER, "/api/v1/agreements/?page_size=50"),
    ("search", NATIONAL_USER, "/api/v1/agreements/?q=Ansor"),
    ("institutions_typo", NATIONAL_USER, "/api/v1/institutions/?q=Kementrian%20Agama"),
    ("lookup", REGIONAL_USER, "/mitra/?q=kemenag"),
    ("lookup_typo", REGIONAL_USER, "/mitra/?q=Kementrian+Agama"),
    ("dashboard", REGIONAL_USER, "/dasbor/"),
]
WATCHED_TABLES = ("agreements_agreement", "agreements_party", "partners_institution")
SEQ_SCAN = re.compile(r"Seq Scan on (\w+)")


def percentile(values, fraction):
    ordered = sorted(values)
    index = fraction * (len(ordered) - 1)
    low = int(index)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (index - low)


def setup(url, size, institutions):
    """Django on ``url``, migrated, holding ``size`` agreements (generated if not)."""
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "rawview.settings"
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1,testserver"
    sys.path.insert(0, str(HERE))
    import generate

    generate.setup_django()
    from django.core.management import call_command
    from django.utils import timezone

    from agreements.models import Agreement
    from partners.models import Institution

    call_command("migrate", verbosity=0, interactive=False)
    partners = Institution.objects.partners().count()
    if Agreement.objects.count() != size or partners != institutions:
        print(f"  generating {size:,} agreements", flush=True)
        generate.Generator(
            generate.parse_args(
                ["--agreements", str(size), "--institutions", str(institutions), "--reset"]
            ),
            timezone.localdate(),
        ).run()


def users():
    """The national approver of the generator and a KPU Kota Blitar editor, by username."""
    from django.contrib.auth import get_user_model

    from partners.models import Institution, Role, StaffProfile

    regional, _ = get_user_model().objects.get_or_create(username=REGIONAL_USER)
    unit = Institution.objects.election_units().get(body="kpu", region_id="35.72")
    StaffProfile.objects.update_or_create(
        user=regional, defaults={"unit": unit, "role": Role.EDITOR}
    )
    return {
        user.username: user
        for user in get_user_model().objects.filter(username__in=[REGIONAL_USER, NATIONAL_USER])
    }


def clients(people):
    from django.test import Client

    signed_in = {}
    for name, user in people.items():
        signed_in[name] = Client()
        signed_in[name].force_login(user)
    return signed_in


def get(client, path):
    response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}: {response.content[:300]}")
    return response


def timings(signed_in, warmup, repeat):
    """Median and p95 (ms) per request, taken round robin so that load hits all alike."""
    times = {key: [] for key, _, _ in REQUESTS}
    for turn in range(warmup + repeat):
        for key, user, path in REQUESTS:
            started = time.perf_counter()
            get(signed_in[user], path)
            if turn >= warmup:
                times[key].append((time.perf_counter() - started) * 1000)
    return {
        key: {"median_ms": statistics.median(values), "p95_ms": percentile(values, 0.95)}
        for key, values in times.items()
    }


def explain(queries, connection):
    """Each query with its EXPLAIN (ANALYZE, BUFFERS), and the watched tables scanned in full."""
    text, scanned = [], set()
    with connection.cursor() as cursor:
        for number, query in enumerate(queries, start=1):
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
            plan = "\n".join(row[0] for row in cursor.fetchall())
            scanned.update(t for t in SEQ_SCAN.findall(plan) if t in WATCHED_TABLES)
            text.append(
                f"-- query {number} ({float(query['time']) * 1000:.1f} ms)\n"
                f"{query['sql']}\n{plan}\n"
            )
    return "\n".join(text), sorted(scanned)


def queries_and_plans(signed_in, plans_dir):
    """Per request: its queries, SQL time and full scans; the plans written to ``plans_dir``."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    plans_dir.mkdir(parents=True, exist_ok=True)
    found = {}
    for key, user, path in REQUESTS:
        with CaptureQueriesContext(connection) as captured:
            get(signed_in[user], path)
        plans, scanned = explain(captured.captured_queries, connection)
        (plans_dir / f"{key}.txt").write_text(f"GET {path} as {user}\n\n{plans}")
        found[key] = {
            "queries": len(captured.captured_queries),
            "seq_scans": scanned,
            "sql_ms": sum(float(q["time"]) for q in captured.captured_queries) * 1000,
        }
    return found


def checks(signed_in):
    """The raw view answers the API's rows; the typo finds the ministry first."""
    from django.test.utils import setup_test_environment

    setup_test_environment()  # responses carry their context from here on
    national = signed_in[NATIONAL_USER]
    same = (
        get(national, "/raw/agreements/?page_size=50").json()["results"]
        == get(national, "/api/v1/agreements/?page_size=50").json()["results"]
    )
    api = [row["name"] for row in get(national, REQUESTS[3][2]).json()["results"]]
    page = get(signed_in[REGIONAL_USER], REQUESTS[5][2]).context["page"]
    lookup = [result.institution.name for result in page.object_list] if page else []
    return {
        "raw_equals_api": same,
        "typo_api_finds": TYPO_FINDS in api,
        "typo_lookup_first": lookup[:1] == [TYPO_FINDS],
        "typo_lookup_top": lookup[:3],
    }


def server_facts():
    """What the HTTP half needs: a session per user (cookies) and a national MoU's id."""
    from django.contrib.sessions.backends.db import SessionStore

    from agreements.models import Agreement, Status

    sessions = {}
    for name, user in users().items():
        store = SessionStore()
        store["_auth_user_id"] = str(user.pk)
        store["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
        store["_auth_user_hash"] = user.get_session_auth_hash()
        store.create()
        sessions[name] = store.session_key
    mou = (
        Agreement.objects.mous()
        .national()
        .filter(status=Status.SIGNED)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    return {"sessions": sessions, "document": f"/dokumen/{mou}/cetak/"}


def measure(args):
    setup(args.database_url, args.size, args.institutions)
    from agreements.models import Agreement

    signed_in = clients(users())
    result = {
        "size": args.size,
        "agreements": Agreement.objects.count(),
        "paths": {key: path for key, _, path in REQUESTS},
        "times": timings(signed_in, args.warmup, args.repeat),
        "queries": queries_and_plans(signed_in, Path(args.plans)),
        **checks(signed_in),
        **server_facts(),
    }
    return result


def reports(args):
    """CSV and XLSX of every signed agreement: rows, seconds, and the resident memory of the
    process at the start and at its peak (sampled every 20 ms)."""
    setup(args.database_url, args.size, args.institutions)
    from pdf_bench import PeakMemory, tree_rss_kb

    from agreements import reports as report_package
    from agreements.reports.csv_file import csv_chunks
    from agreements.reports.xlsx_file import xlsx_file

    user = users()[NATIONAL_USER]
    rows = report_package.report_from_params(user, {}).queryset.count()
    out = {}
    for name, build in (
        ("csv", lambda report: sum(len(chunk) for chunk in csv_chunks(report))),
        ("xlsx", lambda report: xlsx_file(report).close()),
    ):
        report = report_package.report_from_params(user, {})
        before = tree_rss_kb(os.getpid()) / 1024
        with PeakMemory() as peak:
            started = time.perf_counter()
            build(report)
            seconds = time.perf_counter() - started
        out[name] = {"seconds": seconds, "start_mb": before, "peak_mb": peak.peak_mb, "rows": rows}
    return out
