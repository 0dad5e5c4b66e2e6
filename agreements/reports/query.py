"""What the signed-agreement report holds: the agreements asked for, as rows and totals.

Built from the API's or the report page's query parameters (``ReportFilter``: the agreements
FilterSet plus owner level and partner category), or from an admin changelist or selection.
Only signed agreements (terminated ones included: they were signed) are reported, and only
those the user may read. Rows are read in chunks as plain values, so memory stays flat.
"""

import datetime
import zoneinfo
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import islice

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Case, Count, F, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements import access
from agreements.filters import AgreementFilter
from agreements.legal_text import subject_of
from agreements.models import SIGNED_STATUSES, Activity, Kind, Party, in_force_condition
from agreements.reports.labels import describe_filters
from kemitraan.dates import long_datetime
from partners.models import Body, Category, Level, province_code_of, province_name_of

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
# Agreements read from the database at a time (with their partners: two queries a chunk).
CHUNK_ROWS = 2000
# What a report row needs of an agreement (annotated by ``report_queryset``) and of its parties.
ROW_FIELDS = (
    "id",
    "kind",
    "title",
    "owner_number",
    "signed_on",
    "effective_until",
    "owner__name",
    "owner__body",
    "province_name",
    "in_force",
    "activity_count",
)
PARTY_FIELDS = ("agreement_id", "number", "institution__name", "institution__category")


class ReportFilter(AgreementFilter):
    """The agreements filters, plus the owner unit's level and the partners' category."""

    level = django_filters.ChoiceFilter(field_name="owner__level", choices=Level.choices)
    partner_category = django_filters.ChoiceFilter(
        method="with_partner_category",
        choices=Category.choices,
        label="A partner of this category",
    )

    class Meta(AgreementFilter.Meta):
        fields = [*AgreementFilter.Meta.fields, "level", "partner_category"]

    def with_partner_category(self, queryset, name, value):
        parties = Party.objects.filter(institution__category=value).values("agreement")
        return queryset.filter(pk__in=parties)


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
    activities: int = 0

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
        """The row as spreadsheet cells, in the order of ``cells.column_headings()``."""
        return [
            self.province,
            self.owner,
            self.body,
            self.kind,
            self.owner_number,
            "; ".join(self.partner_numbers),
            self.title,
            "; ".join(self.partners),
            "; ".join(self.categories),
            self.signed_on,
            self.valid_until,
            _("yes") if self.in_force else _("no"),
            self.activities,
        ]


@dataclass
class Totals:
    """Agreements counted by body, kind and partner category (an agreement with partners of
    two categories counts under each)."""

    count: int = 0
    activities: int = 0
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
        self.activities += row.activities
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
    # The election unit that issues it (its letterhead and head), None for a user without one.
    unit: object = None
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
        return long_datetime(self.generated_at) + " WIB"

    @property
    def filename(self):
        return f"laporan-perjanjian-{self.generated_at:%Y%m%d-%H%M}"


def chunks(iterable, size):
    """Lists of ``size`` items of ``iterable`` (the last one shorter)."""
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def parties_by_agreement(agreement_ids):
    """The partner parties of the given agreements, in their order, by agreement id."""
    parties = defaultdict(list)
    for party in (
        Party.objects.filter(agreement_id__in=agreement_ids)
        .order_by("agreement_id", "order", "id")
        .values_list(*PARTY_FIELDS, named=True)
    ):
        parties[party.agreement_id].append(party)
    return parties


class RowMaker:
    """Turns agreements (``ROW_FIELDS``) and their parties into report rows, with the choice
    labels looked up once."""

    def __init__(self):
        self.national = _("National")
        self.bodies = {value: str(label) for value, label in Body.choices}
        self.categories = {value: str(label) for value, label in Category.choices}
        self.kinds = {kind.value: kind.short_label for kind in Kind}

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
            categories=list(
                dict.fromkeys(self.categories[party.institution__category] for party in parties)
            ),
            signed_on=agreement.signed_on,
            valid_until=agreement.effective_until,
            in_force=agreement.in_force,
            activities=agreement.activity_count,
        )


def report_queryset(queryset, reference_date):
    """Signed agreements of ``queryset`` by province and owner unit, annotated with their
    province's name and whether they are in force on ``reference_date``."""
    return (
        queryset.filter(status__in=SIGNED_STATUSES)
        .prefetch_related(None)  # what the caller prefetched (the admin's changelist does)
        .annotate(
            province_code=province_code_of("owner__region"),
            province_name=province_name_of("owner__region"),
            in_force=Case(
                When(in_force_condition(reference_date), then=Value(True)), default=Value(False)
            ),
            activity_count=activity_count(),
        )
        .order_by(
            F("province_code").asc(nulls_first=True),
            "owner__level",
            "owner__name",
            "owner_id",
            "signed_on",
            "id",
        )
    )


def activity_count():
    """Subquery: how many activities are recorded under the outer agreement."""
    counted = (
        Activity.objects.filter(agreement=OuterRef("pk"))
        .order_by()
        .values("agreement")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


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
        unit=issuing_unit(user),
    )


def report_from_queryset(queryset, filters, user=None):
    """The report of an admin changelist or selection (already scoped to ``user``);
    ``filters`` are (label, value) pairs for the header."""
    today = timezone.localdate()
    return Report(
        queryset=report_queryset(queryset, today),
        filters=[(str(label), str(value)) for label, value in filters],
        reference_date=today,
        unit=issuing_unit(user),
    )


def issuing_unit(user):
    """The election unit a user's reports are issued by: the user's own, or None."""
    profile = access.profile_of(user) if user is not None else None
    return profile.unit if profile else None
