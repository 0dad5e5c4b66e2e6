"""Time a dry run of the spreadsheet import at 1,000 and 10,000 rows, and count its queries.

    .venv/bin/python bench/import_bench.py            # PostgreSQL database bench_import
    .venv/bin/python bench/import_bench.py --database-url postgres://…/mydb --rows 1000 10000

The database (PostgreSQL by default, created if missing) is filled with ``bench/generate.py``
(10,000 agreements and 20,000 partner institutions, ``--reset``) unless it already holds exactly
that. The script then writes an XLSX file of PKS rows valid against that data: each names a
national MoU in force today by its number, a regional unit of the same body as owner, a party of
that MoU (or a branch or office under one) as partner, one of its scope areas and an end no later
than the MoU's; one row in twenty is a new national MoU, and the row after it a PKS under it (the
parent found in the same file). It reads the file, then runs ``imports.runner.run_import`` as a
dry run (PKS rows checked with ``validate_agreement``, MoU rows saved through
``save_agreement``, all inside one transaction rolled back at the end), as a superuser,
counting the queries with a database execute wrapper.

The table shows, per size: the file size, the time to read the file, the time of the dry run,
the share of it the script's own process spent on the CPU (the rest is waiting for PostgreSQL,
or for a CPU on a busy machine), the rows per second, the queries in all and per row. Target
(the issue): 10,000 rows in well under a minute on PostgreSQL, and queries per row a constant
(the same at both sizes).
"""

import argparse
import datetime
import io
import os
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_import"
AGREEMENTS, INSTITUTIONS = 10_000, 20_000
TARGET_SECONDS = 60.0


def prepare(url):
    """Point Django at ``url`` (creating and filling the database if needed)."""
    os.environ["DATABASE_URL"] = url
    sys.path[:0] = [str(ROOT), str(HERE)]
    import generate
    from api_bench import ensure_postgres_database

    if url.startswith("postgres"):
        ensure_postgres_database(url)
    generate.setup_django()
    from django.core.management import call_command

    from agreements.models import Agreement
    from partners.models import Institution

    call_command("migrate", verbosity=0, interactive=False)
    partners = Institution.objects.exclude(category="election_body").count()
    if (Agreement.objects.count(), partners) != (AGREEMENTS, INSTITUTIONS):
        generate.main(
            ["--agreements", str(AGREEMENTS), "--institutions", str(INSTITUTIONS), "--reset"]
        )


def unique_partners(mou, names):
    """The MoU's parties and their children whose names identify one institution, no
    universities (their accreditation depends on the day)."""
    found = []
    for party in mou.parties.all():
        for institution in [party.institution, *party.institution.children.all()]:
            if names[institution.name.casefold()] == 1 and institution.category != "university":
                found.append(institution)
    return found


def rows_for(count, today):
    """``count`` import rows, valid against the benchmark data (see the module docstring)."""
    from django.db.models import Prefetch

    from agreements.models import Agreement, Party
    from imports import agreement_columns as a
    from partners.models import Institution

    names = Counter(name.casefold() for name in Institution.objects.values_list("name", flat=True))
    numbers = Counter(
        number.casefold()
        for number in Agreement.objects.mous().values_list("owner_number", flat=True)
    )
    mous = [
        mou
        for mou in Agreement.objects.national()
        .mous()
        .in_force_on(today)
        .filter(terminated_on__isnull=True)
        .exclude(owner_number="")
        .select_related("owner")
        .prefetch_related(
            "scopes",
            Prefetch(
                "parties",
                Party.objects.select_related("institution").prefetch_related(
                    "institution__children"
                ),
            ),
        )
        if numbers[mou.owner_number.casefold()] == 1
    ]
    mous = [(mou, unique_partners(mou, names)) for mou in mous]
    mous = [(mou, partners) for mou, partners in mous if partners]
    units = {
        body: list(
            Institution.objects.election_units()
            .exclude(level="national")
            .filter(body=body)
            .order_by("pk")
        )
        for body in ("kpu", "bawaslu")
    }
    rows = []
    for n in range(count):
        mou, partners = mous[n % len(mous)]
        owner = units[mou.owner.body][n % len(units[mou.owner.body])]
        partner = partners[n // len(mous) % len(partners)]
        scope = sorted(scope.name for scope in mou.scopes.all())[0]
        parent_number, end = mou.owner_number, min(mou.valid_until, today + datetime.timedelta(365))
        if n % 20 == 0:
            parent_number, end = f"BENCH/{n:05d}/NK/{today.year}", today + datetime.timedelta(700)
            rows.append(
                row(
                    a.KIND,
                    "MoU",
                    a.OWNER,
                    mou.owner.name,
                    a.OWNER_NUMBER,
                    parent_number,
                    a.PARTNERS,
                    partner.name,
                    a.SCOPES,
                    scope,
                    a.SIGNED_ON,
                    today,
                    a.VALID_FROM,
                    today,
                    a.VALID_UNTIL,
                    end,
                    a.TITLE,
                    f"Nota Kesepahaman uji {n} {mou.owner.name} dan {partner.name}",
                )
            )
            continue
        rows.append(
            row(
                a.KIND,
                "PKS",
                a.OWNER,
                owner.name,
                a.PARENT,
                parent_number,
                a.OWNER_NUMBER,
                f"BENCH/{n:05d}/PKS/{today.year}",
                a.PARTNERS,
                partner.name,
                a.SCOPES,
                scope,
                a.SIGNED_ON,
                today,
                a.VALID_FROM,
                today,
                a.VALID_UNTIL,
                end,
                a.TITLE,
                f"PKS uji {n} {owner.name} dan {partner.name}",
            )
        )
    return rows


def row(*pairs):
    """A row as {column: value} from column, value pairs; the signature details filled in."""
    from imports import agreement_columns as a

    values = dict(zip(pairs[::2], pairs[1::2], strict=True))
    values.update(
        {
            a.OWNER_SIGNATORY: "Ketua",
            a.OWNER_SIGNATORY_TITLE: "Ketua",
            a.PARTNER_NUMBERS: "B/1/2026",
            a.PARTNER_SIGNATORIES: "Kepala",
            a.PARTNER_SIGNATORY_TITLES: "Kepala",
            a.SIGNING_PLACE: "Jakarta",
            a.STATUS: "ditandatangani",
        }
    )
    return values


def workbook(rows):
    from openpyxl import Workbook

    from imports.agreement_columns import COLUMNS

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(COLUMNS)
    for values in rows:
        sheet.append([values.get(column) for column in COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


class QueryCounter:
    """Counts the queries run on a connection (an execute wrapper: no list of queries kept)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def measure(count, today, user):
    from django.db import connection

    from imports.reading import read_table
    from imports.runner import IMPORTERS, run_import

    data = workbook(rows_for(count, today))
    started = time.perf_counter()
    table = read_table(data, "bench.xlsx", IMPORTERS["agreements"].columns)
    read_seconds = time.perf_counter() - started
    counter = QueryCounter()
    started, cpu = time.perf_counter(), time.process_time()
    with connection.execute_wrapper(counter):
        report = run_import(data, "bench.xlsx", user, dry_run=True, table=table)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    errors = [row for row in report["rows"] if row["errors"]]
    if errors:
        sys.exit(f"{len(errors)} rows with errors, e.g. {errors[:3]}")
    return {
        "rows": count,
        "bytes": len(data),
        "read": read_seconds,
        "seconds": seconds,
        "cpu": cpu,
        "queries": counter.count,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--rows", type=int, nargs="+", default=[1000, 10_000])
    args = parser.parse_args(argv)
    prepare(args.database_url)
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.utils import timezone

    user, _created = get_user_model().objects.get_or_create(
        username="bench_import", defaults={"is_superuser": True, "is_staff": True}
    )
    today = timezone.localdate()
    results = [measure(count, today, user) for count in args.rows]
    print(
        f"\nDry run of the agreement import on {connection.vendor} "
        f"({connection.settings_dict['NAME']}, {AGREEMENTS:,} agreements, "
        f"{INSTITUTIONS:,} partner institutions; load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)"
    )
    header = (
        f"{'rows':>7} | {'XLSX':>8} | {'read':>7} | {'dry run':>8} | {'of it CPU':>9} | "
        f"{'rows/s':>7} | {'queries':>8} | {'per row':>7}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r['rows']:>7,} | {r['bytes'] / 1024:6.0f} kB | {r['read']:5.2f} s | "
            f"{r['seconds']:6.1f} s | {r['cpu']:7.1f} s | {r['rows'] / r['seconds']:7.0f} | "
            f"{r['queries']:>8,} | "
            f"{r['queries'] / r['rows']:7.2f}"
        )
    largest = results[-1]
    per_row = {round(r["queries"] / r["rows"], 1) for r in results}
    print(
        f"\n10,000 rows under {TARGET_SECONDS:.0f} s: "
        f"{'yes' if largest['seconds'] < TARGET_SECONDS else 'NO'} "
        f"({largest['seconds']:.1f} s); queries per row constant: "
        f"{'yes' if len(per_row) == 1 else 'NO'} ({', '.join(map(str, sorted(per_row)))})"
    )


if __name__ == "__main__":
    main()
