"""Time the pages for regional offices: the partner lookup (/mitra/), the partner page and the
dashboard, at the size of the database given (100,000 agreements for the target).

    .venv/bin/python bench/pages_bench.py [--repeat 50] [--explain /tmp/plans.txt]
    .venv/bin/python bench/pages_bench.py --database-url postgres://…/otherdb

The database is PostgreSQL ``bench_pages_100k`` on 127.0.0.1 (created if missing) unless
``--database-url`` names another; like the other benchmarks, the script never uses the database
of your own ``DATABASE_URL``. If the database holds no agreement yet, it is filled first with
``bench/generate.py`` (``--agreements``, default 100,000; ``--institutions``, default 20,000).

Requests go in-process through Django's test client (the whole middleware stack and the
template rendering, no HTTP server), signed in with ``force_login`` as ``bench_pages_blitar``,
an editor of KPU Kota Blitar (created if missing): the regional clerk the lookup is for. Session
and user lookups are real database queries and are counted. After ``--warmup`` rounds,
``--repeat`` rounds go through the pages in turn (round robin, so that load on the machine hits
them alike); one more request per page runs under ``CaptureQueriesContext`` for the query count
and its database time.

Target (issue 5): every lookup request answers in at most 100 ms median server time, and every
lookup page runs the same number of queries whatever it finds (a search that finds nothing
runs fewer). The script exits with status 1 if a target is missed.
"""

import argparse
import os
import statistics
import sys
import time
import warnings
from pathlib import Path

from api_bench import (  # bench/ is on sys.path as the script's folder
    ensure_postgres_database,
    percentile,
)

HERE = Path(__file__).resolve().parent
LOOKUP_TARGET_MS = 100.0
BENCH_USER = "bench_pages_blitar"
DATABASE = "postgres://postgres@127.0.0.1:5432/bench_pages_100k"


def pages():
    """(key, description, path) of every measured page; partner ids are filled in later."""
    return [
        ("lookup", "lookup: q=Kemenag (many matches, full page)", "/mitra/?q=Kemenag"),
        ("lookup", "lookup: q=kanwil kemenag jawa timur", "/mitra/?q=kanwil+kemenag+jawa+timur"),
        ("lookup", "lookup: q=ansor (branches)", "/mitra/?q=ansor"),
        ("lookup", "lookup: q=universitas, province 35", "/mitra/?q=universitas&region=35"),
        ("lookup", "lookup: q=kota, national_mou=kpu", "/mitra/?q=kota&national_mou=kpu"),
        ("lookup", "lookup: q=zzzz (nothing found)", "/mitra/?q=zzzz"),
        ("partner", "partner page: Kanwil Kemenag Jawa Timur", "/mitra/{kanwil}/"),
        ("partner", "partner page: Kementerian Agama", "/mitra/{kemenag}/"),
        ("dashboard", "dashboard", "/dasbor/"),
    ]


def setup(args):
    """Configure Django on the chosen database; fill it if it is empty."""
    sys.path.insert(0, str(HERE))
    if args.database_url.startswith("postgres"):
        ensure_postgres_database(args.database_url)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ["ALLOWED_HOSTS"] = os.environ.get("ALLOWED_HOSTS", "localhost") + ",testserver"
    # WhiteNoise looks for collected static files, which only production runs collect.
    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    import generate

    generate.setup_django()
    from django.core.management import call_command
    from django.utils import timezone

    from agreements.models import Agreement

    call_command("migrate", verbosity=0, interactive=False)
    if not Agreement.objects.exists():
        generate.Generator(
            generate.parse_args(
                ["--agreements", str(args.agreements), "--institutions", str(args.institutions)]
            ),
            timezone.localdate(),
        ).run()


def bench_user():
    """A KPU Kota Blitar editor, the regional clerk the lookup is for."""
    from django.contrib.auth import get_user_model

    from partners.models import Institution, Role, StaffProfile

    user, _ = get_user_model().objects.get_or_create(
        username=BENCH_USER, defaults={"is_staff": True}
    )
    unit = Institution.objects.election_units().get(body="kpu", region_id="35.72")
    StaffProfile.objects.update_or_create(user=user, defaults={"unit": unit, "role": Role.EDITOR})
    return user


def partner_ids():
    from partners.models import Institution

    def pk(name):
        return Institution.objects.values_list("pk", flat=True).get(name=name)

    return {"kanwil": pk("Kanwil Kemenag Provinsi Jawa Timur"), "kemenag": pk("Kementerian Agama")}


def rows_of(response):
    """How many results, PKS rows or expiring agreements the page shows."""
    context = response.context
    for name in ("page", "pks_page"):
        if name in context and context[name] is not None:
            return len(context[name].object_list)
    return len(context.get("expiring", []))


def explain(queries, connection, out):
    """EXPLAIN ANALYZE of each captured query (PostgreSQL) or its plan (SQLite)."""
    with connection.cursor() as cursor:
        for number, query in enumerate(queries, start=1):
            out.write(f"-- query {number} ({float(query['time']) * 1000:.1f} ms)\n{query['sql']}\n")
            prefix = (
                "EXPLAIN (ANALYZE, BUFFERS) "
                if connection.vendor == "postgresql"
                else "EXPLAIN QUERY PLAN "
            )
            cursor.execute(prefix + query["sql"])
            out.write("\n".join(" | ".join(str(c) for c in row) for row in cursor.fetchall()))
            out.write("\n\n")


def measure(args):
    """Time every page; return one result dict per page."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    client = Client()
    client.force_login(bench_user())
    ids = partner_ids()
    measured = [(key, description, path.format(**ids)) for key, description, path in pages()]

    def get(path):
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        return response

    timings = {path: [] for _, _, path in measured}
    for _ in range(args.warmup):
        for _, _, path in measured:
            get(path)
    for _ in range(args.repeat):
        for _, _, path in measured:
            started = time.perf_counter()
            get(path)
            timings[path].append((time.perf_counter() - started) * 1000)
    # Only now, after the timings: the test environment records each response's context (for
    # the row counts), at a cost the timed requests must not pay.
    setup_test_environment()
    results = []
    out = open(args.explain, "w") if args.explain else None  # noqa: SIM115 (closed below)
    for key, description, path in measured:
        with CaptureQueriesContext(connection) as captured:
            response = get(path)
        queries = captured.captured_queries
        results.append(
            {
                "key": key,
                "description": description,
                "path": path,
                "median_ms": statistics.median(timings[path]),
                "p95_ms": percentile(timings[path], 0.95),
                "sql_ms": sum(float(q["time"]) for q in queries) * 1000,
                "queries": len(queries),
                "rows": rows_of(response),
            }
        )
        if out:
            out.write(f"\n==== {description}\n     {path}\n")
            explain(queries, connection, out)
    if out:
        out.close()
    return results


def report(results):
    """Print the table and the verdicts; return whether every target is met."""
    from django.db import connection

    from agreements.models import Agreement
    from partners.models import Institution

    width = max(len(r["description"]) for r in results)
    print(
        f"\n{Agreement.objects.count():,} agreements, "
        f"{Institution.objects.exclude(category='election_body').count():,} partner "
        f"institutions; {connection.vendor} database {connection.settings_dict['NAME']}\n"
    )
    header = f"{'page':<{width}} | {'median':>9} {'p95':>9} {'SQL':>8} {'queries':>7} {'rows':>4}"
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r['description']:<{width}} | {r['median_ms']:6.2f} ms {r['p95_ms']:6.2f} ms "
            f"{r['sql_ms']:5.1f} ms {r['queries']:7d} {r['rows']:4d}"
        )
    print(
        "(median and p95 of the server time; SQL: database time of one request; queries "
        "include the session and user lookups)"
    )
    lookups = [r for r in results if r["key"] == "lookup"]
    slowest = max(r["median_ms"] for r in lookups)
    # A search that finds nothing skips the coverage query: fewer queries, never more.
    counts = sorted({r["queries"] for r in lookups if r["rows"]})
    empty = [r["queries"] for r in lookups if not r["rows"]]
    fast = slowest <= LOOKUP_TARGET_MS
    constant = len(counts) == 1 and all(count <= counts[0] for count in empty)
    print("\nTargets")
    print(
        f"  lookup median <= {LOOKUP_TARGET_MS:.0f} ms: {'yes' if fast else 'NO'} "
        f"(slowest median {slowest:.2f} ms)"
    )
    print(
        f"  lookup queries the same for every page of results: {'yes' if constant else 'NO'} "
        f"({', '.join(map(str, counts))}; {', '.join(map(str, empty)) or '-'} when nothing "
        f"is found)"
    )
    return fast and constant


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url", default=DATABASE, help=f"database to use (default {DATABASE})"
    )
    parser.add_argument(
        "--agreements",
        type=int,
        default=100_000,
        help="agreements to generate if the database is empty",
    )
    parser.add_argument(
        "--institutions",
        type=int,
        default=20_000,
        help="partner institutions to generate if the database is empty",
    )
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument(
        "--explain", metavar="FILE", help="write each page's queries with EXPLAIN ANALYZE to FILE"
    )
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    setup(args)
    met = report(measure(args))
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
