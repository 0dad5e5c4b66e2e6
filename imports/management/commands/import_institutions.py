"""``manage.py import_institutions FILE [--dry-run] --user USERNAME`` (or ``--template FILE``)."""

from imports.management.commands import import_agreements


class Command(import_agreements.Command):
    help = (
        "Imports partner institutions from an XLSX or CSV file with the template's columns, "
        "all or nothing, and prints the report of every row."
    )
    kind = "institutions"
