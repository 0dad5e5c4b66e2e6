"""``manage.py import_agreements FILE [--dry-run] --user USERNAME`` (or ``--template FILE``)."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from imports import template
from imports.reading import FileError
from imports.runner import run_import, summary

STATUS_WORDS = {"new": "baru", "update": "diperbarui", "error": "GALAT"}


class Command(BaseCommand):
    help = (
        "Imports agreements from an XLSX or CSV file with the template's columns, all or "
        "nothing, and prints the report of every row. --template FILE writes the template."
    )
    kind = "agreements"

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="the XLSX or CSV file to import")
        parser.add_argument("--dry-run", action="store_true", help="check only, save nothing")
        parser.add_argument("--user", help="the username the rows are entered as")
        parser.add_argument(
            "--template", metavar="FILE", help="write the template to FILE (.xlsx or .csv) and stop"
        )

    def handle(self, *args, **options):
        if options["template"]:
            return self.write_template(Path(options["template"]))
        if not options["file"] or not options["user"]:
            raise CommandError("Sebutkan berkas dan --user USERNAME (atau --template FILE).")
        user = self.user(options["user"])
        path = Path(options["file"])
        try:
            report = run_import(
                path.read_bytes(), path.name, user, kind=self.kind, dry_run=options["dry_run"]
            )
        except OSError as error:
            raise CommandError(f"Berkas tidak dapat dibaca: {error}") from error
        except (FileError, PermissionDenied) as error:
            raise CommandError(getattr(error, "message", str(error))) from error
        self.print_report(report)
        if not report["saved"] and not report["dry_run"]:
            raise CommandError(
                "Tidak ada yang disimpan: perbaiki baris yang bergalat, lalu impor lagi."
            )

    def write_template(self, path):
        file_format = path.suffix.lstrip(".").lower()
        if file_format not in template.FORMATS:
            raise CommandError("Templat ditulis sebagai .xlsx atau .csv.")
        content, _type, _name = template.template_file(self.kind, file_format)
        path.write_bytes(content)
        self.stdout.write(f"Templat ditulis ke {path}.")

    @staticmethod
    def user(username):
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist as missing:
            raise CommandError(f"Pengguna {username!r} tidak ada.") from missing

    def print_report(self, report):
        for row in report["rows"]:
            self.stdout.write(f"Baris {row['row']}: {STATUS_WORDS[row['status']]}")
            for error in row["errors"]:
                column = f"{error['column']}: " if error["column"] else ""
                self.stdout.write(f"    {column}[{error['code']}] {error['message']}")
        counts = summary(report)
        outcome = (
            "uji coba, tidak ada yang disimpan"
            if report["dry_run"]
            else "disimpan"
            if report["saved"]
            else "TIDAK disimpan"
        )
        self.stdout.write(
            f"{counts['new']} baru, {counts['update']} diperbarui, "
            f"{counts['error']} bergalat — {outcome}."
        )
