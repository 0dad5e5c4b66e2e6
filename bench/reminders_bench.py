"""Count the queries of send_reminders and time it at 100,000 agreements.

    .venv/bin/python bench/reminders_bench.py [--today 2026-12-01] [--database-url postgres://…]

The database is PostgreSQL ``bench_reminders_100k`` on 127.0.0.1 (created if missing) unless
``--database-url`` names another; the script never uses the database of your own
``DATABASE_URL``. An empty database is filled first with ``bench/generate.py``
(``--agreements``, default 100,000; ``--institutions``, default 20,000). The script then gives
every election unit (1,106) an editor and an approver with an e-mail address (2,212 users,
created once), so that every agreement has people to remind, and deletes the notifications and
the reminder log of earlier runs.

Tasks run in-process and e-mail goes to Django's in-memory backend: the times are those of the
database and the rendering, not of an SMTP server. Each run is measured in two parts: planning
and writing (one transaction: the candidates, their recipients, the log rows that exist, bulk
inserts), then the e-mails, sent once it commits (each locked, rendered, sent and marked in its
own transaction). Runs, all on the generated data:

- first run: the backlog of a first installation (every agreement ending within 90 days and
  every national MoU still without a PKS);
- same day again: idempotence, nothing is sent;
- next day: a normal day;
- a week later: six missed days caught up.

It prints the reminders sent, the thresholds covered, the queries and the time of each part.
"""

import argparse
import datetime
import os
import sys
import time
import warnings
from pathlib import Path

from api_bench import ensure_postgres_database  # bench/ is on sys.path as the script's folder

HERE = Path(__file__).resolve().parent
DATABASE = "postgres://postgres@127.0.0.1:5432/bench_reminders_100k"


def setup(args):
    """Configure Django on the chosen database; fill it if it is empty."""
    sys.path.insert(0, str(HERE))
    if args.database_url.startswith("postgres"):
        ensure_postgres_database(args.database_url)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.pop("CELERY_BROKER_URL", None)
    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    import generate

    generate.setup_django()
    from django.conf import settings
    from django.core.management import call_command

    from agreements.models import Agreement

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("migrate", verbosity=0, interactive=False)
    if not Agreement.objects.exists():
        generate.Generator(
            generate.parse_args(
                [
                    "--agreements",
                    str(args.agreements),
                    "--institutions",
                    str(args.institutions),
                    "--today",
                    args.today.isoformat(),
                ]
            ),
            args.today,
        ).run()


def ensure_staff():
    """An editor and an approver, with an e-mail address, in every election unit."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from partners.models import Institution, Role, StaffProfile

    User = get_user_model()
    units = list(Institution.objects.election_units().values_list("pk", flat=True))
    wanted = {
        f"bench_{role}_{unit}": (unit, role)
        for unit in units
        for role in (Role.EDITOR, Role.APPROVER)
    }
    existing = set(User.objects.filter(username__in=wanted).values_list("username", flat=True))
    password = make_password(None)
    User.objects.bulk_create(
        [
            User(
                username=name,
                email=f"{name}@kemitraan.example.go.id",
                password=password,
                is_staff=True,
            )
            for name in wanted
            if name not in existing
        ],
        batch_size=1000,
    )
    ids = dict(User.objects.filter(username__in=wanted).values_list("username", "pk"))
    with_profile = set(
        StaffProfile.objects.filter(user_id__in=ids.values()).values_list("user_id", flat=True)
    )
    StaffProfile.objects.bulk_create(
        [
            StaffProfile(user_id=ids[name], unit_id=unit, role=role)
            for name, (unit, role) in wanted.items()
            if ids[name] not in with_profile
        ],
        batch_size=1000,
    )
    return len(wanted)


class QueryCounter:
    """Counts the statements run through the connection (no log kept: a first run sends
    thousands of e-mails)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def measure(day):
    """Run the reminders of ``day``; (summary, planning (queries, s), e-mails (queries, s,
    e-mails sent))."""
    from django.core import mail
    from django.db import connection, transaction

    from notifications import reminders

    mail.outbox = []
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        with transaction.atomic():  # the e-mails wait for this block: measured apart
            started = time.perf_counter()
            summary = reminders.send_reminders(day)
            planned = time.perf_counter()
            planning_queries = counter.count
        emailed = time.perf_counter()
    # The COMMIT goes past the wrapper; savepoints and locks of each e-mail are counted.
    return (
        summary,
        (planning_queries, planned - started),
        (counter.count - planning_queries, emailed - planned, len(mail.outbox)),
    )


def report(rows, staff):
    from django.db import connection

    from agreements.models import Agreement

    print(
        f"\n{Agreement.objects.count():,} agreements; {staff:,} editors and approvers with "
        f"e-mail; {connection.vendor} database {connection.settings_dict['NAME']}\n"
    )
    header = (
        f"{'run':<24} {'day':<10} | {'sent':>6} {'covered':>7} | {'queries':>7} "
        f"{'time':>8} | {'e-mails':>7} {'queries':>7} {'time':>8}"
    )
    print(header)
    print("-" * len(header))
    for name, day, summary, (plan_queries, plan_s), (mail_queries, mail_s, sent) in rows:
        print(
            f"{name:<24} {day.isoformat():<10} | {summary.sent:6,d} {summary.covered:7,d} | "
            f"{plan_queries:7d} {plan_s:7.2f}s | {sent:7,d} {mail_queries:7,d} {mail_s:7.2f}s"
        )
    print(
        "(sent: notifications, one per user and agreement; covered: looser thresholds logged "
        "as covered by a tighter one; queries and time of the planning and writing "
        "transaction, then of the e-mails, sent after it commits)"
    )


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DATABASE)
    parser.add_argument(
        "--today",
        type=datetime.date.fromisoformat,
        default=datetime.date.today(),
        help="the first run's day (default: today); generated data ends around it",
    )
    parser.add_argument("--agreements", type=int, default=100_000)
    parser.add_argument("--institutions", type=int, default=20_000)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    setup(args)
    from notifications.models import Notification, ReminderLog

    staff = ensure_staff()
    ReminderLog.objects.all().delete()
    Notification.objects.all().delete()
    rows = []
    for name, offset in [
        ("first run", 0),
        ("same day again", 0),
        ("next day", 1),
        ("a week later", 8),
    ]:
        day = args.today + datetime.timedelta(days=offset)
        rows.append((name, day, *measure(day)))
    report(rows, staff)


if __name__ == "__main__":
    main()
