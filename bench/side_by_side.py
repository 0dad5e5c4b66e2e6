"""Side by side, in one run: the agreement list against a raw Django view of the same rows,
search, lookup and dashboard at two sizes, the document PDF and the XLSX report against CSV,
each next to its goal from the issue.

    .venv/bin/python bench/side_by_side.py                       # databases bench_sbs_10k, _100k
    .venv/bin/python bench/side_by_side.py --db-name h_speed_{size} --port 8160 --rounds 3
    .venv/bin/python bench/side_by_side.py --skip-http           # in process only, no wrk

Per size (10,000 and 100,000 agreements, 20,000 partner institutions at both) a PostgreSQL
database of its own, filled by ``generate.py`` when it does not hold those numbers. A child
process per size times every request in process (Django's test client, the whole middleware
stack), checks that the raw view answers exactly the API's rows and that the typo finds the
ministry, and writes each request's queries with ``EXPLAIN (ANALYZE, BUFFERS)`` to
``--plans``/<size>/. Another child per size builds the CSV and the XLSX report of every signed
agreement and samples its memory. Then gunicorn serves each database (``--workers`` sync
workers on 127.0.0.1, ports ``--port`` and the next), with the raw view mounted next to the
app's URLs (``bench/rawview``), and ``wrk`` loads it for ``--seconds`` per measurement, over
``--rounds`` rounds in which the raw view and the API, and the two sizes, take turns: the list
and the raw view with ``--connections`` connections (throughput), the other requests with one
(latency). Every request is signed in with a session: a national approver for the API, a
KPU Kota Blitar editor for the lookup and the dashboard.

The figures of a round are compared within the round (the list's req/s over the raw view's of
the same round, then the median over rounds); latencies are the best median over rounds. The
script exits with status 1 if a goal is missed.
"""

import argparse
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

POSTGRES = "postgres://postgres@127.0.0.1:5432"
SEARCHES = ("search", "lookup", "dashboard")
GROWTH = {"search": 1.5, "lookup": 1.3, "dashboard": 1.3}
PAGE_MS = {"lookup": 100.0, "dashboard": 100.0}
LIST_SHARE, XLSX_RATIO, DOCUMENT_S, FLAT_MB = 0.8, 2.0, 0.4, 30.0


def label(size):
    return f"{size // 1000}k"


def database_url(args, size):
    return urlunsplit(
        urlsplit(args.postgres)._replace(path="/" + args.db_name.format(size=label(size)))
    )


def child(args, mode, size, secret):
    """Run ``side_by_side_inprocess`` for one size in a process of its own; its JSON."""
    from api_bench import ensure_postgres_database

    url = database_url(args, size)
    ensure_postgres_database(url)
    with tempfile.NamedTemporaryFile("r", suffix=".json") as result:
        subprocess.run(
            [
                sys.executable,
                __file__,
                "--worker",
                mode,
                "--database-url",
                url,
                "--size",
                str(size),
                "--institutions",
                str(args.institutions),
                "--repeat",
                str(args.repeat),
                "--warmup",
                str(args.warmup),
                "--plans",
                str(Path(args.plans) / label(size)),
                "--result-file",
                result.name,
            ],
            check=True,
            env={**os.environ, "SECRET_KEY": secret},
        )
        return json.load(result)


def over_http(args, runs, secret):
    """Per size and request, the wrk figures of every round."""
    from side_by_side_http import Server, wrk
    from side_by_side_inprocess import REQUESTS

    paths = {key: (user, path) for key, user, path in REQUESTS}
    figures = {size: {} for size in runs}
    servers = [
        Server(args.port + n, database_url(args, size), args.workers, secret)
        for n, size in enumerate(runs)
    ]
    try:
        for server in servers:
            server.__enter__()
        for round_number in range(args.rounds):
            print(f"  HTTP round {round_number + 1} of {args.rounds}", flush=True)
            for server, size in zip(servers, runs, strict=True):
                sessions = runs[size]["sessions"]
                order = ("raw", "list") if round_number % 2 == 0 else ("list", "raw")
                for key in (*order, *SEARCHES):
                    user, path = paths[key]
                    width = args.connections if key in ("raw", "list") else 1
                    figures[size].setdefault(key, []).append(
                        wrk(server.base + path, sessions[user], args.seconds, width)
                    )
            large = max(runs)
            national = runs[large]["sessions"][REQUESTS[0][1]]
            figures[large].setdefault("document", []).append(
                wrk(servers[-1].base + runs[large]["document"], national, args.seconds, 1)
            )
    finally:
        for server in servers:
            server.__exit__()
    return figures


def row(what, measured, goal, met):
    return (what, measured, goal, "yes" if met else "NO")


def table(args, runs, files, http):
    small, large = min(runs), max(runs)
    rows = []
    if http:
        shares = [
            api["rps"] / raw["rps"]
            for api, raw in zip(http[large]["list"], http[large]["raw"], strict=True)
        ]
        share = statistics.median(shares)
        rows.append(
            row(
                f"list vs raw view, req/s over HTTP ({label(large)})",
                f"{share:.2f}x ({', '.join(f'{s:.2f}' for s in shares)})",
                f">= {LIST_SHARE}x",
                share >= LIST_SHARE,
            )
        )
    times = {size: runs[size]["times"] for size in runs}
    share = times[large]["raw"]["median_ms"] / times[large]["list"]["median_ms"]
    rows.append(
        row(
            f"list vs raw view, in process ({label(large)})",
            f"{share:.2f}x",
            f">= {LIST_SHARE}x",
            share >= LIST_SHARE,
        )
    )
    for key in SEARCHES:
        sources = [("in process", {s: times[s][key]["median_ms"] for s in runs})]
        if http:
            sources.insert(0, ("HTTP", {s: min(f["p50_ms"] for f in http[s][key]) for s in runs}))
        for source, medians in sources:
            growth = medians[large] / medians[small]
            goal = f"<= {GROWTH[key]}x"
            met = growth <= GROWTH[key]
            if key in PAGE_MS:
                goal = f"<= {PAGE_MS[key]:.0f} ms, " + goal
                met = met and medians[large] <= PAGE_MS[key]
            rows.append(
                row(
                    f"{runs[large]['paths'][key]} {source}",
                    f"{medians[small]:.1f} -> {medians[large]:.1f} ms ({growth:.2f}x)",
                    goal,
                    met,
                )
            )
    if http:
        document = http[large]["document"]
        p90 = min(f["p90_ms"] for f in document) / 1000
        rows.append(
            row(
                "one MoU document PDF, gunicorn (p50 / p90 / p99)",
                f"{min(f['p50_ms'] for f in document) / 1000:.2f} / {p90:.2f} / "
                f"{min(f['p99_ms'] for f in document) / 1000:.2f} s",
                f"<= {DOCUMENT_S} s",
                p90 <= DOCUMENT_S,
            )
        )
    if files:
        ratio = files[large]["xlsx"]["seconds"] / files[large]["csv"]["seconds"]
        rows.append(
            row(
                f"XLSX vs CSV report, {files[large]['csv']['rows']:,} rows",
                f"{files[large]['xlsx']['seconds']:.1f} / "
                f"{files[large]['csv']['seconds']:.1f} s = {ratio:.2f}x",
                f"<= {XLSX_RATIO}x",
                ratio <= XLSX_RATIO,
            )
        )
        xlsx = {size: files[size]["xlsx"] for size in (small, large)}
        growth = xlsx[large]["peak_mb"] - xlsx[small]["peak_mb"]
        rows.append(
            row(
                f"XLSX peak memory, {xlsx[small]['rows']:,} -> {xlsx[large]['rows']:,} rows",
                f"{xlsx[small]['peak_mb']:.0f} -> {xlsx[large]['peak_mb']:.0f} MB "
                f"(start {xlsx[small]['start_mb']:.0f}, {xlsx[large]['start_mb']:.0f})",
                f"flat (+<= {FLAT_MB:.0f} MB)",
                growth <= FLAT_MB,
            )
        )
    rows.append(
        row(
            "typo 'Kementrian Agama': lookup's first result",
            ", ".join(runs[large]["typo_lookup_top"]) or "nothing",
            "Kementerian Agama first",
            runs[large]["typo_lookup_first"] and runs[large]["typo_api_finds"],
        )
    )
    scans = {key: runs[large]["queries"][key]["seq_scans"] for key in SEARCHES}
    rows.append(
        row(
            f"sequential scans at {label(large)} (search, lookup, dashboard)",
            "; ".join(f"{k}: {', '.join(v)}" for k, v in scans.items() if v) or "none",
            "none on agreement, party, institution",
            not any(scans.values()),
        )
    )
    rows.append(
        row(
            "raw view answers the API's rows",
            str(runs[large]["raw_equals_api"]),
            "True",
            runs[large]["raw_equals_api"],
        )
    )
    return rows


def print_details(runs, http):
    print(
        f"\n{'request':<48} {'size':>5} {'in-process p50':>15} {'p95':>8} {'queries':>7} "
        f"{'SQL ms':>7} {'HTTP p50':>9} {'req/s':>7}"
    )
    for size, run in runs.items():
        for key, figures in run["times"].items():
            wrk_figures = (http or {}).get(size, {}).get(key)
            p50 = f"{min(f['p50_ms'] for f in wrk_figures):9.1f}" if wrk_figures else " " * 9
            rps = f"{max(f['rps'] for f in wrk_figures):7.1f}" if wrk_figures else ""
            print(
                f"{run['paths'][key]:<48} {label(size):>5} {figures['median_ms']:12.1f} ms "
                f"{figures['p95_ms']:8.1f} {run['queries'][key]['queries']:7d} "
                f"{run['queries'][key]['sql_ms']:7.1f} {p50} {rps}"
            )


def print_table(rows):
    widths = [
        max(len(r[i]) for r in rows + [("what", "measured", "goal", "met")]) for i in range(4)
    ]
    print()
    for cells in [("what", "measured", "goal", "met"), *rows]:
        print(" | ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)))


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", default=POSTGRES)
    parser.add_argument(
        "--db-name",
        default="bench_sbs_{size}",
        help="database name per size (default bench_sbs_{size})",
    )
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--institutions", type=int, default=20_000)
    parser.add_argument("--port", type=int, default=8160, help="first of two ports")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=int, default=10, help="per wrk measurement")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=2, help="for the list and raw view")
    parser.add_argument("--repeat", type=int, default=30, help="in-process requests each")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--plans", default=str(HERE / "plans"))
    parser.add_argument("--skip-http", action="store_true")
    parser.add_argument("--skip-reports", action="store_true")
    parser.add_argument("--json", metavar="FILE", help="also write every figure to FILE")
    parser.add_argument("--worker", choices=["measure", "reports"], help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--result-file", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.sizes = sorted(int(size) for size in args.sizes.split(","))
    return args


def main(argv=None):
    args = parse_args(argv)
    if args.worker:
        import side_by_side_inprocess as worker

        result = getattr(worker, args.worker)(args)
        Path(args.result_file).write_text(json.dumps(result, default=str))
        return 0
    secret = secrets.token_urlsafe(50)
    runs, files = {}, {}
    for size in args.sizes:
        print(f"== {label(size)}: in process", flush=True)
        runs[size] = child(args, "measure", size, secret)
    if not args.skip_reports:
        for size in args.sizes:
            print(f"== {label(size)}: CSV and XLSX reports", flush=True)
            files[size] = child(args, "reports", size, secret)
    http = None if args.skip_http else over_http(args, runs, secret)
    print_details(runs, http)
    rows = table(args, runs, files, http)
    print_table(rows)
    if args.json:
        Path(args.json).write_text(
            json.dumps({"runs": runs, "files": files, "http": http}, indent=2, default=str)
        )
    met = all(cells[3] == "yes" for cells in rows)
    print("\nEvery goal met." if met else "\nSome goals are NOT met.")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
