"""The report as CSV, streamed in chunks of rows."""

import csv
import datetime

from agreements.reports.cells import column_headings, escape_formula


class _Echo:
    """A file-like object that hands back what is written, for csv.writer in a stream."""

    def write(self, value):
        return value


def csv_chunks(report, batch=500):
    """The CSV text in chunks of ``batch`` rows; a BOM first so that Excel reads it as UTF-8."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(column_headings())
    lines = []
    for row in report.rows():
        lines.append(writer.writerow([escape_formula(cell) for cell in csv_cells(row)]))
        if len(lines) >= batch:
            yield "".join(lines)
            lines = []
    yield "".join(lines)


def csv_cells(row):
    return [cell.isoformat() if isinstance(cell, datetime.date) else cell for cell in row.cells()]
