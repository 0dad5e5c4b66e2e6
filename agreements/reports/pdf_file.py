"""The report as PDF: its pages laid out here (``agreements.reports.layout``), so that their
number is known before WeasyPrint draws them and runs of pages render on all cores. The issuing
unit's letterhead heads the first page and its head signs it off under the totals
("Mengetahui"), both counted in the heights the pages are cut to."""

import math
from bisect import bisect_left
from functools import cache
from itertools import accumulate, groupby

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from agreements import pdf
from agreements.letterhead import letterhead_of, sign_off_of
from agreements.reports import layout
from agreements.reports.query import Totals
from kemitraan.dates import long_date, short_date

# Lines of text rendered by one process at a time: a WeasyPrint document takes some 35 kB a
# line while it is laid out, so a long report is rendered in runs of about this many lines.
RUN_LINES_MAX = 2500
# The PDF's columns and their widths in px (of layout.LINE_WIDTH): numbers, kind and subject,
# partners, partner category, signed on, valid until, in force. Chosen for the fewest lines:
# two numbers and "kementerian atau lembaga pusat" fit on one line, and so does the widest
# heading, "Ditandatangani".
PDF_COLUMN_WIDTHS = (210, 288, 200, 154, 80, 64, 44)


def pdf_headings():
    return [
        _("Numbers"),
        _("Subject"),
        _("Partners"),
        _("Partner category"),
        _("Signed"),
        _("Valid until"),
        _("In force"),
    ]


class PdfCells:
    """A row's texts in the PDF's columns (with the labels of dates and yes/no made once)."""

    def __init__(self):
        self.in_force = {True: _("yes"), False: _("no")}
        self.date = cache(short_date)  # a report has far fewer days than rows

    def __call__(self, row):
        return [
            row.numbers,
            f"{row.kind} · {row.subject}",
            "; ".join(row.partners),
            ", ".join(row.categories),
            self.date(row.signed_on),
            self.date(row.valid_until),
            self.in_force[row.in_force],
        ]


def grouped_cells(rows):
    """The rows' PDF cells grouped by province, then owner unit:
    ``[(province, [(unit, [cells, …]), …]), …]``."""
    pdf_cells = PdfCells()
    return [
        (
            province,
            [
                (unit, [pdf_cells(row) for row in unit_rows])
                for unit, unit_rows in groupby(province_rows, key=lambda row: row.owner)
            ],
        )
        for province, province_rows in groupby(rows, key=lambda row: row.province)
    ]


def header_pairs(report):
    """The report header's lines: the filters, the in-force date and when it was made."""
    filters = "; ".join(f"{label}: {value}" for label, value in report.filters)
    in_force = _("as of %(day)s") % {"day": long_date(report.reference_date)}
    return [
        (_("Filters"), filters or _("none (all signed agreements you may read)")),
        (_("In force"), in_force),
        (_("Generated"), report.generated_label),
    ]


def report_pages(rows, header_height, totals_height):
    """The PDF's pages (``layout.ReportLayout``) for ``rows``."""
    report_layout = layout.ReportLayout(
        pdf_headings(),
        PDF_COLUMN_WIDTHS,
        {"continued": _("continued"), "empty": _("No signed agreement matches these filters.")},
    )
    return report_layout.paginate(grouped_cells(rows), header_height, totals_height)


def letterhead_blocks(unit):
    """The issuing unit's letterhead over the report and its head's "Mengetahui" block under
    the totals, set to their sizes (None and None for a user without a unit), and the logo."""
    kop, sign_off = letterhead_of(unit), sign_off_of(unit)
    if kop is None:
        return None, None, ""
    return (
        layout.kop_block(kop.name.upper(), kop.address_lines, bool(kop.logo_url)),
        layout.sign_off_block(_("Acknowledged,"), sign_off.title, sign_off.name),
        kop.logo_url,
    )


def report_pdf(report):
    """The report as PDF bytes: laid out here, its runs of pages rendered on all cores."""
    rows = list(report.rows())
    totals = Totals.of(rows)
    meta = layout.meta_lines(header_pairs(report))
    kop, sign_off, logo_url = letterhead_blocks(report.unit)
    tables_height = layout.totals_height(totals.longest_table())
    heights = {
        "header_height": layout.header_height(meta) + (kop.height if kop else 0),
        "totals_height": tables_height + (sign_off.height if sign_off else 0),
    }
    pages = report_pages(rows, **heights)
    context = {
        "report": report,
        "meta": "\n".join(meta),
        "totals": totals,
        **heights,
        "tables_height": tables_height,
        "kop": kop,
        "logo_url": logo_url,
        "sign_off": sign_off,
        "page_count": len(pages),
        "style": layout.style_values(),
    }
    runs = page_runs(pages, pdf.worker_count())
    html_parts = (
        render_to_string(
            "agreements/pdf/report.html",
            {**context, "pages": run, "block_heights": layout.content_heights(run)},
        )
        for run in runs
    )
    return pdf.render_parts(html_parts, len(runs), expected_pages=len(pages))


def page_runs(pages, workers):
    """``pages`` in runs with about as many lines of text each (the time to render them): one
    per rendering process, or as many for each process as keep a run within
    ``RUN_LINES_MAX`` lines."""
    ends = list(accumulate(page.line_count for page in pages))
    count = min(len(pages), workers * math.ceil(ends[-1] / (workers * RUN_LINES_MAX)))
    cuts = [nearest_cut(ends, ends[-1] * part / count) for part in range(1, count)]
    return [
        pages[start:end]
        for start, end in zip([0, *cuts], [*cuts, len(pages)], strict=True)
        if end > start
    ]


def nearest_cut(ends, target):
    """Where to cut a list whose running totals are ``ends`` so that the part before holds
    as close to ``target`` as can be."""
    index = bisect_left(ends, target)
    if index == len(ends) or (index and target - ends[index - 1] <= ends[index] - target):
        return index
    return index + 1
