"""python manage.py delete_expired_reports: deletes the files of background reports past
REPORT_FILE_DAYS (also run by Celery beat every night; or call it from cron)."""

from django.core.management.base import BaseCommand

from notifications.report_jobs import delete_expired


class Command(BaseCommand):
    help = "Deletes the files of background reports whose lifetime (REPORT_FILE_DAYS) is over."

    def handle(self, *args, **options):
        self.stdout.write(self.style.SUCCESS(f"Berkas laporan dihapus: {delete_expired()}."))
