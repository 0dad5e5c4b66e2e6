"""The signed-agreement report: which agreements were signed, grouped by province and owner unit,
with totals by body, kind and partner category; as PDF, CSV or XLSX.

One ``Report`` feeds the three formats. It is built from the API's or the report page's query
parameters (``ReportFilter``: the agreements FilterSet plus owner level and partner category),
or from an admin changelist or selection. Only signed agreements (terminated ones included:
they were signed) are reported, and only those the user may read.

CSV and XLSX stream the rows from the database in chunks, so memory stays flat at any size.
The PDF's pages are laid out here (``agreements.report_layout``), so their number is known
before WeasyPrint draws them: runs of pages are rendered on all cores and joined.
"""

import csv
import datetime
import math
import tempfile
import zoneinfo
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate, groupby, islice

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Case, F, Value, When
from django.db.models.functions import Coalesce
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from agreements import access, pdf, report_layout
from agreements.documents import subject_of
from agreements.filters import AgreementFilter
from agreements.models import (
    SIGNED_STATUSES, Agreement, Kind, Party, Status, in_force_condition,
)
from partners.models import Body, Category, Institution, Level, Region

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
FORMATS = ("pdf", "csv", "xlsx")
CONTENT_TYPES = {
    "pdf": pdf.PDF_CONTENT_TYPE,
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# Agreements read from the database at a time (with their partners: two queries a chunk).
CHUNK_ROWS = 2000
# Lines of text rendered by one process at a time: a WeasyPrint document takes some 35 kB a
# line while it is laid out, so a long report is rendered in runs of about this many lines.
RUN_LINES_MAX = 2500
# Cells starting with these are formulas to a spreadsheet: they are written as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ReportFilter(AgreementFilter):
    """The agreements filters, plus the owner unit's level and the partners' category."""

    level = django_filters.ChoiceFilter(field_name="owner__level", choices=Level.choices)
    partner_category = django_filters.ChoiceFilter(
        method="with_partner_category", choices=Category.choices,
        label="A partner of this category",
    )

    class Meta(AgreementFilter.Meta):
        fields = [*AgreementFilter.Meta.fields, "level", "partner_category"]

    def with_partner_category(self, queryset, name, value):
        parties = Party.objects.filter(institution__category=value).values("agreement")
        return queryset.filter(pk__in=parties)


FILTER_LABELS = {
    "kind": gettext_lazy("Kind"),
    "status": gettext_lazy("Status"),
    "owner": gettext_lazy("First party"),
    "body": gettext_lazy("Election body"),
    "level": gettext_lazy("Level"),
    "province": gettext_lazy("Province"),
    "partner": gettext_lazy("Partner"),
    "partner_category": gettext_lazy("Partner category"),
    "parent": gettext_lazy("Parent MoU"),
    "in_force_on": gettext_lazy("In force on"),
    "expiring_within": gettext_lazy("Ending within (days)"),
    "signed_from": gettext_lazy("Signed from"),
    "signed_until": gettext_lazy("Signed until"),
    "q": gettext_lazy("Search term"),
}
CHOICE_LABELS = {"kind": Kind, "status": Status, "body": Body, "level": Level,
                 "partner_category": Category}
NAMED_RECORDS = {"province": Region, "owner": Institution, "partner": Institution,
                 "parent": Agreement}


def escape_formula(value):
    """Text that a spreadsheet would run as a formula, made inert with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def short_date(day):
    return formats.date_format(day, "SHORT_DATE_FORMAT") if day else ""


def long_date(day):
    return formats.date_format(day, "DATE_FORMAT") if day else ""


@dataclass
class ReportRow:
    """One agreement as the report shows it."""

    province: str
    owner: str
    body: str
    kind: str
    owner_number: str
    partner_numbers: list
    title: str
    partners: list
    categories: list
    signed_on: datetime.date
    valid_until: datetime.date
    in_force: bool

    @property
    def numbers(self):
        """The first party's number, then the partners', in one text."""
        return "; ".join(filter(None, [self.owner_number, *self.partner_numbers]))

    @property
    def subject(self):
        """What the PDF shows of the title: what follows "tentang" (the parties have their own
        columns), a third of the text for the layout to wrap."""
        return subject_of(self.title)

    def cells(self):
        """The row as spreadsheet cells, in the order of ``column_headings()``."""
        return [self.province, self.owner, self.body, self.kind, self.owner_number,
                "; ".join(self.partner_numbers), self.title, "; ".join(self.partners),
                "; ".join(self.categories), self.signed_on, self.valid_until,
                _("yes") if self.in_force else _("no")]


def column_headings():
    return [_("Province"), _("First party"), _("Election body"), _("Kind"),
            _("First party's number"), _("Partners' numbers"), _("Title"), _("Partners"),
            _("Partner category"), _("Signed on"), _("Valid until"), _("In force")]


@dataclass
class Totals:
    """Agreements counted by body, kind and partner category (an agreement with partners of
    two categories counts under each)."""

    count: int = 0
    by_body: Counter = field(default_factory=Counter)
    by_kind: Counter = field(default_factory=Counter)
    by_category: Counter = field(default_factory=Counter)

    @classmethod
    def of(cls, rows):
        totals = cls()
        for row in rows:
            totals.add(row)
        return totals

    def add(self, row):
        self.count += 1
        self.by_body[row.body] += 1
        self.by_kind[row.kind] += 1
        self.by_category.update(set(row.categories))

    def longest_table(self):
        """The rows of the longest of ``tables()``."""
        return max(len(counts) for _heading, counts in self.tables())

    def tables(self):
        """The three totals as (heading, [(label, count), …]), largest first."""
        return [
            (_("By election body"), self.by_body.most_common()),
            (_("By kind"), self.by_kind.most_common()),
            (_("By partner category"), self.by_category.most_common()),
        ]


@dataclass
class Report:
    """The agreements to report, what was asked for and when."""

    queryset: object
    filters: list
    reference_date: datetime.date
    generated_at: datetime.datetime = field(default_factory=lambda: timezone.now().astimezone(WIB))

    def rows(self):
        """The report rows, read from the database in chunks of ``CHUNK_ROWS`` agreements
        (two queries each), as plain values: no model instances to build."""
        to_row = RowMaker()
        agreements = self.queryset.values_list(*ROW_FIELDS, named=True)
        for chunk in chunks(agreements.iterator(chunk_size=CHUNK_ROWS), CHUNK_ROWS):
            parties = parties_by_agreement([agreement.id for agreement in chunk])
            for agreement in chunk:
                yield to_row(agreement, parties[agreement.id])

    @property
    def generated_label(self):
        return formats.date_format(self.generated_at, "DATETIME_FORMAT") + " WIB"

    @property
    def filename(self):
        return f"laporan-perjanjian-{self.generated_at:%Y%m%d-%H%M}"


# What a report row needs of an agreement (annotated by ``report_queryset``) and of its parties.
ROW_FIELDS = ("id", "kind", "title", "owner_number", "signed_on", "valid_until", "owner__name",
              "owner__body", "province_name", "in_force")
PARTY_FIELDS = ("agreement_id", "number", "institution__name", "institution__category")


def chunks(iterable, size):
    """Lists of ``size`` items of ``iterable`` (the last one shorter)."""
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def parties_by_agreement(agreement_ids):
    """The partner parties of the given agreements, in their order, by agreement id."""
    parties = defaultdict(list)
    for party in (Party.objects.filter(agreement_id__in=agreement_ids)
                  .order_by("agreement_id", "order", "id").values_list(*PARTY_FIELDS, named=True)):
        parties[party.agreement_id].append(party)
    return parties


class RowMaker:
    """Turns agreements (``ROW_FIELDS``) and their parties into report rows, with the choice
    labels looked up once."""

    def __init__(self):
        self.national = _("National")
        self.bodies = {value: str(label) for value, label in Body.choices}
        self.categories = {value: str(label) for value, label in Category.choices}
        self.kinds = {Kind.MOU: "MoU", Kind.PKS: "PKS"}

    def __call__(self, agreement, parties):
        return ReportRow(
            province=agreement.province_name or self.national,
            owner=agreement.owner__name,
            body=self.bodies.get(agreement.owner__body, ""),
            kind=self.kinds[agreement.kind],
            owner_number=agreement.owner_number,
            partner_numbers=[party.number for party in parties if party.number],
            title=agreement.title,
            partners=[party.institution__name for party in parties],
            categories=list(dict.fromkeys(
                self.categories[party.institution__category] for party in parties)),
            signed_on=agreement.signed_on,
            valid_until=agreement.valid_until,
            in_force=agreement.in_force,
        )


def report_queryset(queryset, reference_date):
    """Signed agreements of ``queryset`` by province and owner unit, annotated with their
    province's name and whether they are in force on ``reference_date``."""
    return (
        queryset.filter(status__in=SIGNED_STATUSES)
        .prefetch_related(None)  # what the caller prefetched (the admin's changelist does)
        .annotate(
            province_code=Coalesce("owner__region__parent_id", "owner__region_id"),
            province_name=Coalesce("owner__region__parent__name", "owner__region__name"),
            in_force=Case(When(in_force_condition(reference_date), then=Value(True)),
                          default=Value(False)),
        )
        .order_by(F("province_code").asc(nulls_first=True), "owner__level", "owner__name",
                  "owner_id", "signed_on", "id")
    )


def describe_filters(cleaned_data):
    """The filters applied, as (label, value) for the report's header."""
    described = []
    for name, label in FILTER_LABELS.items():
        value = cleaned_data.get(name)
        if value in (None, ""):
            continue
        described.append((str(label), filter_value_label(name, value)))
    return described


def filter_value_label(name, value):
    """How the header shows one filter's value: a label, a name or a date."""
    if name in CHOICE_LABELS:
        return str(CHOICE_LABELS[name](value).label)
    if name in NAMED_RECORDS:
        record = NAMED_RECORDS[name].objects.filter(pk=value).first()
        return str(record) if record else str(value)
    if isinstance(value, datetime.date):
        return long_date(value)
    return str(value)


def report_from_params(user, params):
    """The report a user asks for with query parameters; ValidationError if they are invalid."""
    filterset = ReportFilter(params, queryset=access.visible_agreements(user))
    if not filterset.is_valid():
        raise ValidationError(filterset.errors)
    cleaned = filterset.form.cleaned_data
    reference_date = cleaned.get("in_force_on") or timezone.localdate()
    return Report(
        queryset=report_queryset(filterset.qs, reference_date),
        filters=describe_filters(cleaned),
        reference_date=reference_date,
    )


def report_from_queryset(queryset, filters):
    """The report of an admin changelist or selection (already scoped to the user);
    ``filters`` are (label, value) pairs for the header."""
    today = timezone.localdate()
    return Report(queryset=report_queryset(queryset, today),
                  filters=[(str(label), str(value)) for label, value in filters],
                  reference_date=today)


# CSV ---------------------------------------------------------------------------------------


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


def csv_response(report):
    response = StreamingHttpResponse(csv_chunks(report), content_type=CONTENT_TYPES["csv"])
    response["Content-Disposition"] = f'attachment; filename="{report.filename}.csv"'
    return response


# XLSX --------------------------------------------------------------------------------------


def xlsx_file(report):
    """The report as an XLSX workbook in a temporary file (deleted when closed).

    openpyxl's write-only mode streams the rows to disk as it goes (inline strings, no shared
    string table), so memory does not grow with the number of rows.
    """
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    sheet = workbook.create_sheet(_("Agreements"))
    sheet.freeze_panes = "A2"
    sheet.append([styled(sheet, heading, bold) for heading in column_headings()])
    totals = Totals()
    for row in report.rows():
        totals.add(row)
        sheet.append([xlsx_cell(sheet, cell) for cell in row.cells()])
    write_summary(workbook.create_sheet(_("Summary")), report, totals, bold)
    output = tempfile.TemporaryFile()
    workbook.save(output)
    output.seek(0)
    return output


def styled(sheet, value, font):
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = font
    return cell


def xlsx_value(value):
    """A value as an XLSX cell holds it: formulas made inert, control characters (which the
    format cannot hold) left out."""
    value = escape_formula(value)
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def xlsx_cell(sheet, value):
    cell = WriteOnlyCell(sheet, value=xlsx_value(value))
    if isinstance(value, datetime.date):
        cell.number_format = "DD/MM/YYYY"
    return cell


def write_summary(sheet, report, totals, bold):
    """The summary sheet: what was asked for, when, and the totals."""
    sheet.append([styled(sheet, _("Signed-agreement report"), bold)])
    sheet.append([_("Generated"), report.generated_label])
    for label, value in report.filters:
        sheet.append([label, xlsx_value(value)])
    sheet.append([_("Total agreements"), totals.count])
    for heading, counts in totals.tables():
        sheet.append([])
        sheet.append([styled(sheet, heading, bold)])
        for label, count in counts:
            sheet.append([label, count])


def xlsx_response(report):
    return FileResponse(
        xlsx_file(report), as_attachment=True, filename=f"{report.filename}.xlsx",
        content_type=CONTENT_TYPES["xlsx"],
    )


# PDF ---------------------------------------------------------------------------------------

# The PDF's columns and their widths in px (of agreements.report_layout.LINE_WIDTH): numbers,
# kind and subject, partners, partner category, signed on, valid until, in force. Chosen for
# the fewest lines: two numbers and "kementerian atau lembaga pusat" fit on one line, and so
# does the widest heading, "Ditandatangani".
PDF_COLUMN_WIDTHS = (210, 288, 200, 154, 80, 64, 44)


def pdf_headings():
    return [_("Numbers"), _("Subject"), _("Partners"), _("Partner category"), _("Signed"),
            _("Valid until"), _("In force")]


class PdfCells:
    """A row's texts in the PDF's columns (with the labels of dates and yes/no made once)."""

    def __init__(self):
        self.in_force = {True: _("yes"), False: _("no")}
        self.date = cache(short_date)  # a report has far fewer days than rows

    def __call__(self, row):
        return [row.numbers, f"{row.kind} · {row.subject}", "; ".join(row.partners),
                ", ".join(row.categories), self.date(row.signed_on),
                self.date(row.valid_until), self.in_force[row.in_force]]


def grouped_cells(rows):
    """The rows' PDF cells grouped by province, then owner unit:
    ``[(province, [(unit, [cells, …]), …]), …]``."""
    pdf_cells = PdfCells()
    return [
        (province, [(unit, [pdf_cells(row) for row in unit_rows])
                    for unit, unit_rows in groupby(province_rows, key=lambda row: row.owner)])
        for province, province_rows in groupby(rows, key=lambda row: row.province)
    ]


def header_pairs(report):
    """The report header's lines: the filters, the in-force date and when it was made."""
    filters = "; ".join(f"{label}: {value}" for label, value in report.filters)
    in_force = _("as of %(day)s") % {"day": long_date(report.reference_date)}
    return [(_("Filters"), filters or _("none (all signed agreements you may read)")),
            (_("In force"), in_force), (_("Generated"), report.generated_label)]


def report_pages(rows, header_height, totals_height):
    """The PDF's pages (agreements.report_layout) for ``rows``."""
    layout = report_layout.ReportLayout(
        pdf_headings(), PDF_COLUMN_WIDTHS,
        {"continued": _("continued"), "empty": _("No signed agreement matches these filters.")})
    return layout.paginate(grouped_cells(rows), header_height, totals_height)


def report_pdf(report):
    """The report as PDF bytes: laid out here, its runs of pages rendered on all cores."""
    rows = list(report.rows())
    totals = Totals.of(rows)
    meta = report_layout.meta_lines(header_pairs(report))
    heights = {"header_height": report_layout.header_height(meta),
               "totals_height": report_layout.totals_height(totals.longest_table())}
    pages = report_pages(rows, **heights)
    context = {"report": report, "meta": "\n".join(meta), "totals": totals, **heights,
               "page_count": len(pages), "style": report_layout.style_values()}
    runs = page_runs(pages, pdf.worker_count())
    html_parts = (render_to_string("agreements/pdf/report.html", {
        **context, "pages": run, "block_heights": report_layout.content_heights(run)})
        for run in runs)
    return pdf.render_parts(html_parts, len(runs), expected_pages=len(pages))


def page_runs(pages, workers):
    """``pages`` in runs with about as many lines of text each (the time to render them): one
    per rendering process, or as many for each process as keep a run within
    ``RUN_LINES_MAX`` lines."""
    ends = list(accumulate(page.line_count for page in pages))
    count = min(len(pages), workers * math.ceil(ends[-1] / (workers * RUN_LINES_MAX)))
    cuts = [nearest_cut(ends, ends[-1] * part / count) for part in range(1, count)]
    return [pages[start:end] for start, end in zip([0, *cuts], [*cuts, len(pages)])
            if end > start]


def nearest_cut(ends, target):
    """Where to cut a list whose running totals are ``ends`` so that the part before holds
    as close to ``target`` as can be."""
    index = bisect_left(ends, target)
    if index == len(ends) or (index and target - ends[index - 1] <= ends[index] - target):
        return index
    return index + 1


def pdf_response(report):
    response = HttpResponse(report_pdf(report), content_type=CONTENT_TYPES["pdf"])
    response["Content-Disposition"] = f'attachment; filename="{report.filename}.pdf"'
    return response


RESPONSES = {"pdf": pdf_response, "csv": csv_response, "xlsx": xlsx_response}


def report_response(report, file_format):
    """The report as a download in ``file_format`` (pdf, csv or xlsx)."""
    return RESPONSES[file_format](report)


def requested_format(params, default="pdf"):
    """The ``format`` parameter, checked; ValidationError names the formats on offer."""
    file_format = params.get("format") or default
    if file_format not in FORMATS:
        raise ValidationError(
            {"format": ValidationError(
                _("Choose one of: %(formats)s.") % {"formats": ", ".join(FORMATS)},
                code="invalid_choice")})
    return file_format
