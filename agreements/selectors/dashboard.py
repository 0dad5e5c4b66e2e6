"""The dashboard's statistics (/dasbor/): where cooperation stands, in a constant number of
queries.

Counts, coverage and partner categories are statistics over the whole register, in which no
single agreement is shown, so every signed-in user sees them. The list of agreements ending
soon holds only those the user may read (``agreements.access.visible_agreements``).
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agreements import tally
from agreements.access import visible_agreements
from agreements.models import Agreement, Kind, Party, Status
from agreements.selectors import duties
from kemitraan.dates import long_date
from partners.models import (
    Body,
    Category,
    Institution,
    Level,
    province_code_of,
    province_name_of,
)

EXPIRING_SHOWN = 50
# Coverage shades: none, then quarters (below 25 %, 50 %, 75 %, from 75 %).
SHADE_LIMITS = (0.25, 0.5, 0.75)


@dataclass
class CountRow:
    """Agreements of one body and kind: per status (in ``Status`` order), in total, in force."""

    body: str
    kind: str
    by_status: list
    in_force: int

    @property
    def body_label(self):
        return Body(self.body).label

    @property
    def kind_label(self):
        return Kind(self.kind).short_label

    @property
    def total(self):
        return sum(self.by_status)


def in_force_by_kind(counts):
    """Agreements in force today per kind, both bodies together: {"mou": …, "pks": …}."""
    return {kind: sum(row.in_force for row in counts if row.kind == kind) for kind in Kind.values}


def agreement_counts(day):
    """A ``CountRow`` per body and kind (one query: ``agreements.tally``)."""
    per_status, in_force = Counter(), Counter()
    for body, kind, status, total, in_force_on_day in tally.counts(day):
        per_status[body, kind, status] += total
        in_force[body, kind] += in_force_on_day
    return [
        CountRow(
            body,
            kind,
            [per_status[body, kind, status] for status in Status.values],
            in_force[body, kind],
        )
        for body in Body.values
        for kind in Kind.values
    ]


def first_shown(agreements, limit=EXPIRING_SHOWN):
    """At most ``limit`` of ``agreements`` (in their order) with owner and partners loaded, and
    how many there are in all."""
    shown = list(
        agreements.select_related("owner").prefetch_related(
            Prefetch("parties", Party.objects.select_related("institution"))
        )[:limit]
    )
    return shown, agreements.count()


def expiring(user, day):
    """The agreements the user may read that are in force and end within 90 days, soonest
    first (at most ``EXPIRING_SHOWN``), and how many there are in all."""
    agreements = visible_agreements(user, Agreement.objects.expiring(day))
    shown, total = first_shown(agreements.order_by("effective_until", "pk"))
    for agreement in shown:
        agreement.days_left = (agreement.effective_until - day).days
        agreement.listed_on = agreement.effective_until
        agreement.note = ngettext("in %(count)d day", "in %(count)d days", agreement.days_left) % {
            "count": agreement.days_left
        }
    return shown, total


def without_pks(user, day):
    """The national MoUs the user may read with no PKS six months after signing (the
    guideline's duty), the longest waiting first, and how many in all."""
    mous = duties.mous_without_pks(visible_agreements(user), day)
    shown, total = first_shown(mous)
    shown = [mou for mou in shown if duties.pks_due_on(mou.signed_on) <= day]
    for mou in shown:
        mou.listed_on = duties.pks_due_on(mou.signed_on)
        mou.note = _("signed on %(day)s") % {"day": long_date(mou.signed_on)}
    return shown, total


def waiting_for_approval(user):
    """The regional MoUs awaiting the chair's approval that the user may read, the longest
    waiting first, and how many in all."""
    shown, total = first_shown(duties.awaiting_approval(visible_agreements(user)))
    for mou in shown:
        mou.listed_on = timezone.localdate(mou.updated_at)
        mou.note = ""
    return shown, total


@dataclass
class CoverageCell:
    """How many of a province's units of one body hold at least one PKS in force."""

    covered: int = 0
    total: int = 0

    @property
    def share(self):
        return self.covered / self.total if self.total else 0

    @property
    def percent(self):
        return round(self.share * 100)

    @property
    def shade(self):
        """0 when no unit holds a PKS, then 1–4 by quarter of the units."""
        if not self.covered:
            return 0
        return 1 + sum(self.share >= limit for limit in SHADE_LIMITS)

    def add(self, other):
        self.covered += other.covered
        self.total += other.total


@dataclass
class ProvinceCoverage:
    """A province with one ``CoverageCell`` per body (in ``Body`` order)."""

    code: str
    name: str
    cells: list = field(default_factory=list)


def coverage_by_province(day):
    """Per province, per body: its provincial and regency/city units, and how many of them hold
    at least one PKS in force on ``day`` (one query, after ``agreement_counts(day)``, which
    brings the tally to ``day``); then the national total."""
    holders = tally.pks_holders(day)
    rows = (
        Institution.objects.election_units()
        .exclude(level=Level.NATIONAL)
        .annotate(province=province_code_of(), province_name=province_name_of())
        .order_by()
        .values("province", "province_name", "body")
        .annotate(total=Count("pk"), covered=Count("pk", filter=Q(pk__in=holders)))
    )
    provinces = {}
    for row in rows:
        province = provinces.setdefault(
            row["province"],
            ProvinceCoverage(
                row["province"], row["province_name"], [CoverageCell() for _ in Body.values]
            ),
        )
        province.cells[Body.values.index(row["body"])] = CoverageCell(row["covered"], row["total"])
    ordered = sorted(provinces.values(), key=lambda province: province.code)
    total = ProvinceCoverage("", "", [CoverageCell() for _ in Body.values])
    for province in ordered:
        for cell, province_cell in zip(total.cells, province.cells, strict=True):
            cell.add(province_cell)
    return ordered, total


@dataclass
class Bar:
    """One bar of a bar chart: its label, value and length relative to the longest bar."""

    label: str
    value: int
    percent: int


def partners_by_category():
    """Partner institutions per category, as bars (one query, on the category index alone:
    the categories are named rather than "all but election bodies")."""
    partner_categories = [value for value in Category.values if value != Category.ELECTION_BODY]
    counts = dict(
        Institution.objects.filter(category__in=partner_categories)
        .order_by()
        .values_list("category")
        .annotate(count=Count("*"))
    )
    longest = max(counts.values(), default=0) or 1
    return [
        Bar(label, counts.get(value, 0), round(counts.get(value, 0) * 100 / longest))
        for value, label in Category.choices
        if value != Category.ELECTION_BODY
    ]
