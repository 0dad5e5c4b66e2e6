"""Time the main API reads at 10,000 and 100,000 agreements and check the targets.

    .venv/bin/python bench/api_bench.py                      # PostgreSQL, bench_10k and bench_100k
    .venv/bin/python bench/api_bench.py --engine sqlite      # SQLite files in the temp directory
    .venv/bin/python bench/api_bench.py --sizes 100000 --database-url postgres://…/mydb

For each size the script uses a database of its own (PostgreSQL: ``bench_10k``, ``bench_100k``
on ``--postgres``, created if missing; SQLite: one file per size). If the database does not
hold exactly that many agreements and ``--institutions`` partner institutions, it is
regenerated with ``bench/generate.py`` (``--reset``). Each size runs in a child process (the
database is chosen when Django starts) that requests every endpoint in-process through DRF's
``APIClient``, authenticated with ``force_authenticate`` as a national KPU RI user; a few
warm-up requests, then ``--repeat`` timed ones; the query count is taken with
``CaptureQueriesContext`` on one more request. The table shows the median and p95 (ms) and the
query count per size, the 100k/10k ratio of the medians, and whether each target is met.

Query counts include the user's staff-profile lookup that every API request makes (the cached
profile is dropped before each request), not the token or session lookup (one more query in
production, the same for every endpoint and size).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

POSTGRES = "postgres://postgres@127.0.0.1:5432"
SMALL, LARGE = 10_000, 100_000

# Targets (from the issue): at the large size, eligibility in at most 3 queries and 10 ms
# (median), an agreement list page in at most 6 queries and 60 ms; from the small size to the
# large one, no endpoint more than 1.5 times slower.
TARGETS = {
    "eligibility": {"queries": 3, "median_ms": 10.0},
    "list": {"queries": 6, "median_ms": 60.0},
}
MAX_GROWTH = 1.5

AGREEMENT_WORD = "Ansor"
INSTITUTION_WORD = "Kemenag"
FILTER_PROVINCE = "35"
COVERED_OFFICE = "Kanwil Kemenag Provinsi Jawa Timur"
COVERED_LOCAL_OFFICE = "Kantor Kemenag Kota Blitar"


def label(size):
    return f"{size // 1000}k" if size % 1000 == 0 else str(size)


# ---- the child: one database, one size -------------------------------------------------------


def endpoints(today):
    """(key, target group, description, path) of every measured request; ids filled in later."""
    return [
        (
            "eligibility",
            "eligibility",
            "eligibility: Kanwil (vertical office), body=kpu",
            "/api/v1/institutions/{office}/eligibility/?body=kpu",
        ),
        (
            "eligibility_local",
            "eligibility",
            "eligibility: Kantor (2 levels below the partner)",
            "/api/v1/institutions/{local_office}/eligibility/?body=kpu",
        ),
        ("list", "list", "agreements: page of 50, no filter", "/api/v1/agreements/"),
        (
            "list_filtered",
            "list",
            f"agreements: body=kpu&province={FILTER_PROVINCE}&in_force_on=today",
            f"/api/v1/agreements/?body=kpu&province={FILTER_PROVINCE}&in_force_on={today}",
        ),
        (
            "list_search",
            "list",
            f"agreements: q={AGREEMENT_WORD}",
            f"/api/v1/agreements/?q={AGREEMENT_WORD}",
        ),
        (
            "institutions_search",
            None,
            f"institutions: q={INSTITUTION_WORD}",
            f"/api/v1/institutions/?q={INSTITUTION_WORD}",
        ),
    ]


def covered_office(name, parent_category, body, today):
    """The institution called ``name`` if a national MoU of ``body`` covers it today, else the
    first covered vertical office whose parent is of ``parent_category`` (so the benchmark
    always asks about a covered office at the intended depth)."""
    from agreements.selectors.eligibility import national_mous_covering
    from partners.models import Institution

    queryset = Institution.objects.select_related("parent__parent__parent")
    office = queryset.filter(name=name).first()
    if office is not None and national_mous_covering([office], body, today).exists():
        return office
    candidates = queryset.filter(category="vertical_office", parent__category=parent_category)
    for office in candidates.order_by("id")[:1000]:
        if national_mous_covering([office], body, today).exists():
            return office
    raise SystemExit("No vertical office is covered by a national MoU: regenerate the data.")


def percentile(values, fraction):
    ordered = sorted(values)
    index = fraction * (len(ordered) - 1)
    low = int(index)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (index - low)


def explain(queries, connection, out):
    """EXPLAIN ANALYZE of each captured query (PostgreSQL) or its plan (SQLite)."""
    with connection.cursor() as cursor:
        for number, query in enumerate(queries, start=1):
            sql = query["sql"]
            out.write(f"-- query {number} ({float(query['time']) * 1000:.1f} ms)\n{sql}\n")
            if connection.vendor == "postgresql":
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            else:
                cursor.execute("EXPLAIN QUERY PLAN " + sql)
            out.write("\n".join(" | ".join(str(c) for c in row) for row in cursor.fetchall()))
            out.write("\n\n")


def measure(args):
    """Child process: make sure the data is there, then time every endpoint."""
    os.environ["DATABASE_URL"] = args.database_url
    hosts = os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1")
    os.environ["ALLOWED_HOSTS"] = hosts + ",testserver"
    sys.path.insert(0, str(HERE))
    # WhiteNoise looks for collected static files, which only production runs collect.
    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    import generate

    generate.setup_django()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone
    from rest_framework.test import APIClient

    from agreements.models import Agreement
    from partners.models import Institution

    call_command("migrate", verbosity=0, interactive=False)
    generated = None
    partners = Institution.objects.exclude(category="election_body").count()
    if args.regenerate or Agreement.objects.count() != args.size or partners != args.institutions:
        gen_args = generate.parse_args(
            [
                "--agreements",
                str(args.size),
                "--institutions",
                str(args.institutions),
                "--reset",
                "--seed",
                str(args.seed),
            ]
        )
        generated = generate.Generator(gen_args, timezone.localdate()).run()
    today = timezone.localdate()
    user = get_user_model().objects.get(username="bench_kpu_ri")
    ids = {
        "office": covered_office(COVERED_OFFICE, "ministry", "kpu", today).pk,
        "local_office": covered_office(COVERED_LOCAL_OFFICE, "vertical_office", "kpu", today).pk,
    }
    client = APIClient()

    def getter(url):
        def get():
            user.__dict__.pop("_staff_profile", None)  # a real request looks the profile up
            client.force_authenticate(user=user)
            response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}: {response.content[:300]}")
            return response

        return get

    measured = [
        (key, group, description, path.format(**ids))
        for key, group, description, path in endpoints(today)
    ]
    gets = {key: getter(url) for key, _, _, url in measured}
    timings = {key: [] for key in gets}
    for _ in range(args.warmup):
        for get in gets.values():
            get()
    # Round robin over the endpoints, so that a burst of load on the machine hits them alike.
    for _ in range(args.repeat):
        for key, get in gets.items():
            started = time.perf_counter()
            get()
            timings[key].append((time.perf_counter() - started) * 1000)
    results = {}
    explain_out = open(args.explain, "a") if args.explain else None  # noqa: SIM115 (closed below)
    for key, group, description, url in measured:
        with CaptureQueriesContext(connection) as captured:
            response = gets[key]()
        data = response.json()
        if key.startswith("eligibility") and not data["eligible"]:
            raise SystemExit(f"{url}: the office is not eligible; regenerate the data.")
        rows = len(data["mous"]) if key.startswith("eligibility") else len(data["results"])
        results[key] = {
            "description": description,
            "group": group,
            "url": url,
            "median_ms": statistics.median(timings[key]),
            "p95_ms": percentile(timings[key], 0.95),
            "queries": len(captured.captured_queries),
            "sql_ms": sum(float(q["time"]) for q in captured.captured_queries) * 1000,
            "rows": rows,
        }
        print(
            f"  {description:<52} {results[key]['median_ms']:7.2f} ms  "
            f"{results[key]['queries']} queries  {rows} rows",
            flush=True,
        )
        if explain_out:
            explain_out.write(f"\n==== {label(args.size)}: {description}\n     {url}\n")
            explain(captured.captured_queries, connection, explain_out)
    if explain_out:
        explain_out.close()
    with open(args.result_file, "w") as handle:
        json.dump(
            {
                "size": args.size,
                "institutions": args.institutions,
                "vendor": connection.vendor,
                "database": connection.settings_dict["NAME"],
                "generation_seconds": generated,
                "today": str(today),
                "results": results,
            },
            handle,
        )


# ---- the parent: one child per size, then the table ----------------------------------------


def database_url(args, size):
    if args.database_url:
        return args.database_url
    if args.engine == "sqlite":
        return f"sqlite:///{Path(tempfile.gettempdir()) / f'kemitraan_bench_{label(size)}.sqlite3'}"
    base = urlsplit(args.postgres)
    return urlunsplit(base._replace(path="/" + args.db_name.format(size=label(size))))


def ensure_postgres_database(url):
    """Create the PostgreSQL database of ``url`` if it does not exist."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")


def run_size(args, size):
    url = database_url(args, size)
    if url.startswith("postgres"):
        ensure_postgres_database(url)
    print(f"\n== {label(size)} agreements: {url}", flush=True)
    with tempfile.NamedTemporaryFile("r", suffix=".json") as result:
        command = [
            sys.executable,
            __file__,
            "--worker",
            "--database-url",
            url,
            "--sizes",
            str(size),
            "--institutions",
            str(args.institutions),
            "--repeat",
            str(args.repeat),
            "--warmup",
            str(args.warmup),
            "--seed",
            str(args.seed),
            "--result-file",
            result.name,
        ]
        if args.regenerate:
            command.append("--regenerate")
        if args.explain:
            command += ["--explain", args.explain]
        subprocess.run(command, check=True)
        return json.load(result)


def verdict(ok):
    return "yes" if ok else "NO"


def report(runs):
    sizes = sorted(runs)
    keys = list(runs[sizes[0]]["results"])
    describe = {k: runs[sizes[0]]["results"][k]["description"] for k in keys}
    width = max(len(d) for d in describe.values())
    header = f"{'endpoint':<{width}}"
    for size in sizes:
        header += (
            f" | {label(size) + ' median':>12} {'p95':>7} {'SQL':>6} {'queries':>7} {'rows':>4}"
        )
    if len(sizes) > 1:
        header += f" | {label(sizes[-1]) + '/' + label(sizes[0]):>9}"
    print("\n" + header)
    print("-" * len(header))
    for key in keys:
        line = f"{describe[key]:<{width}}"
        for size in sizes:
            r = runs[size]["results"][key]
            line += (
                f" | {r['median_ms']:9.2f} ms {r['p95_ms']:7.2f} {r['sql_ms']:6.1f} "
                f"{r['queries']:7d} {r['rows']:4d}"
            )
        if len(sizes) > 1:
            ratio = (
                runs[sizes[-1]]["results"][key]["median_ms"]
                / runs[sizes[0]]["results"][key]["median_ms"]
            )
            line += f" | {ratio:8.2f}x"
        print(line)
    print(
        "(milliseconds; SQL: database time of one request, from CaptureQueriesContext; "
        "rows: MoUs or page rows returned)"
    )
    for size in sizes:
        run = runs[size]
        made = (
            f"generated in {run['generation_seconds']:.1f} s"
            if run["generation_seconds"]
            else "existing data"
        )
        print(
            f"{label(size)}: {run['vendor']} database {run['database']}, "
            f"{run['institutions']:,} partner institutions, {made}"
        )

    print("\nTargets")
    large = runs[sizes[-1]]
    all_met = True
    for key in keys:
        r = large["results"][key]
        target = TARGETS.get(r["group"])
        if target is None:
            continue
        ok_q = r["queries"] <= target["queries"]
        ok_t = r["median_ms"] <= target["median_ms"]
        all_met &= ok_q and ok_t
        print(
            f"  {describe[key]:<{width}}  at {label(sizes[-1])}: "
            f"<= {target['queries']} queries: {verdict(ok_q)} ({r['queries']}); "
            f"median <= {target['median_ms']:.0f} ms: {verdict(ok_t)} ({r['median_ms']:.2f} ms)"
        )
    if len(sizes) > 1:
        for key in keys:
            ratio = large["results"][key]["median_ms"] / runs[sizes[0]]["results"][key]["median_ms"]
            ok = ratio <= MAX_GROWTH
            all_met &= ok
            print(
                f"  {describe[key]:<{width}}  {label(sizes[0])} -> {label(sizes[-1])} "
                f"<= {MAX_GROWTH}x: {verdict(ok)} ({ratio:.2f}x)"
            )
    print("\nAll targets met." if all_met else "\nSome targets are NOT met.")
    return all_met


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=["postgresql", "sqlite"], default="postgresql")
    parser.add_argument(
        "--postgres",
        default=POSTGRES,
        help=f"PostgreSQL server URL without database (default {POSTGRES})",
    )
    parser.add_argument(
        "--db-name",
        default="bench_{size}",
        help="PostgreSQL database name per size (default bench_{size}: bench_10k, bench_100k)",
    )
    parser.add_argument("--database-url", help="use this database (with a single --sizes)")
    parser.add_argument(
        "--sizes",
        default=f"{SMALL},{LARGE}",
        help="comma-separated agreement counts (default 10000,100000)",
    )
    parser.add_argument(
        "--institutions",
        type=int,
        default=20_000,
        help="partner institutions at every size (default 20000)",
    )
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="measure every size this many times, alternating, and keep each "
        "endpoint's best median (steadier on a busy machine)",
    )
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument(
        "--regenerate", action="store_true", help="regenerate the data even if the counts match"
    )
    parser.add_argument(
        "--explain",
        metavar="FILE",
        help="append each endpoint's queries with EXPLAIN ANALYZE to FILE",
    )
    parser.add_argument("--json", metavar="FILE", help="also write all figures to FILE")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--result-file", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.sizes = [int(s) for s in args.sizes.split(",")]
    if args.database_url and len(args.sizes) != 1 and not args.worker:
        parser.error("--database-url needs a single --sizes")
    return args


def main(argv=None):
    args = parse_args(argv)
    if args.worker:
        args.size = args.sizes[0]
        measure(args)
        return
    if args.explain:
        Path(args.explain).write_text("")
    runs = {}
    for round_number in range(args.rounds):
        for size in args.sizes:
            if round_number:
                print(f"\nround {round_number + 1} of {args.rounds}", end="")
            run = run_size(args, size)
            best = runs.setdefault(size, run)
            for key, result in run["results"].items():
                if result["median_ms"] < best["results"][key]["median_ms"]:
                    best["results"][key] = result
        args.regenerate, args.explain = False, None  # both only in the first round
    met = report(runs)
    if args.json:
        Path(args.json).write_text(json.dumps(runs, indent=2))
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
