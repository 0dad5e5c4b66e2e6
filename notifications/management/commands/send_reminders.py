"""python manage.py send_reminders [--today YYYY-MM-DD]: the daily reminders (also run by
Celery beat every morning). Idempotent: a second run, or a run after missed days, sends
nothing twice and skips nothing."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from notifications.reminders import daily


def iso_day(text):
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(
            f"--today: “{text}” bukan tanggal; tulis YYYY-MM-DD, misalnya 2026-06-30."
        ) from error


class Command(BaseCommand):
    help = (
        "Sends the due reminders: agreements ending in 90, 30 and 7 days, national MoUs "
        "without a PKS six months after signing, and yearly evaluations overdue "
        "(notifications and e-mail)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=iso_day,
            help="Send as on this day (YYYY-MM-DD); default: today in Jakarta.",
        )

    def handle(self, *args, today=None, **options):
        summary = daily(today or timezone.localdate())
        self.stdout.write(
            self.style.SUCCESS(
                f"Pengingat terkirim: {summary.sent}; ambang yang tercakup pengingat lebih dekat: "
                f"{summary.covered}; e-mail yang diantrekan ulang: {summary.requeued}."
            )
        )
