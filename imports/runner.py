"""Running an import: the whole file in one transaction, every row reported, all or nothing.

A dry run, and a real run in which any row has an error, roll the transaction back: nothing is
saved, and the report says what each row would have been. Saving the rows in order inside the
transaction is what lets a PKS row name an MoU created by an earlier row of the same file.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from agreements import access
from imports.agreement_rows import AgreementImporter
from imports.institution_rows import InstitutionImporter
from imports.reading import FileError, read_table

IMPORTERS = {"agreements": AgreementImporter, "institutions": InstitutionImporter}
PROGRESS_EVERY = 100


def read_file(data, file_name, kind):
    """The file's table, refused as a whole if it is not a sheet of that kind with rows."""
    table = read_table(data, file_name, IMPORTERS[kind].columns)
    if not table.rows:
        raise FileError("no_rows", _("The file has a header row but no data rows."))
    return table


def run_import(
    data, file_name, user, *, kind="agreements", dry_run=True, progress=None, table=None
):
    """Import ``data`` (the file's bytes) as ``user``; returns the report of every row.

    ``progress(done, total)`` is called every few rows. Raises FileError for a bad file and
    PermissionDenied for a user who may not write at all.
    """
    if not access.can_write(user):
        raise PermissionDenied(_("Your account may not enter data (it is a viewer account)."))
    table = table or read_file(data, file_name, kind)
    total = len(table.rows)
    rows = []
    with transaction.atomic():
        importer = IMPORTERS[kind](user, file_name, table, dry_run=dry_run)
        for done, (number, values) in enumerate(table.rows, start=1):
            status, record, errors = importer.import_row(number, values)
            rows.append(
                {"row": number, "status": status, importer.record_key: record, "errors": errors}
            )
            if progress and (done % PROGRESS_EVERY == 0 or done == total):
                progress(done, total)
        failed = any(row["errors"] for row in rows)
        saved = not dry_run and not failed
        if not saved:
            transaction.set_rollback(True)
    if not saved:
        for row in rows:
            if row["status"] != "update":
                row[importer.record_key] = None
    return {"dry_run": dry_run, "saved": saved, "rows": rows}


def summary(report):
    """Counts of the report's rows by status."""
    counts = {"new": 0, "update": 0, "error": 0}
    for row in report.get("rows", []):
        counts[row["status"]] += 1
    return counts
