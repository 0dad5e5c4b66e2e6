"""Queries of the partner pages (/mitra/): a constant number of queries, whatever a page holds.

Everyone signed in may read the national MoUs and partner eligibility. The partner
page also lists every PKS signed under a partner's national MoUs, by unit and province, for
every signed-in user: that is how a regional office learns who already works with the partner.
It shows what identifies a PKS (title, unit, partners, dates, status); the documents themselves
(PDF, signed scan, admin form) stay behind ``agreements.access.visible_agreements``.
"""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, OuterRef, Prefetch, Q, Subquery, Value, When
from django.db.models.functions import Coalesce

from agreements.access import profile_of, visible_agreements
from agreements.filters import InstitutionCoverageFilter
from agreements.models import SIGNED_STATUSES, Agreement, Party
from agreements.selectors.eligibility import check_eligibility
from kemitraan.search import similarity
from partners.filters import NAME_FIELDS
from partners.models import Body, Category, Institution, Level, in_province, province_name_of
from partners.selectors import partners

RESULTS_PER_PAGE = 20
PKS_PER_PAGE = 25
# Query parameters of the lookup form that select partners (the page number does not).
SEARCH_PARAMETERS = ("q", "category", "region", "national_mou")


def signed_pks_count(mou_field="pk"):
    """Subquery: how many PKS have been signed under the MoU whose id is the outer row's
    ``mou_field`` ("pk" for agreements, "agreement_id" for parties)."""
    signed = (
        Agreement.objects.pks()
        .filter(parent=OuterRef(mou_field), status__in=SIGNED_STATUSES)
        .order_by()
        .values("parent")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(signed, output_field=IntegerField()), 0)


def standing(agreement, day):
    """Where a signed agreement stands on ``day``: "in_force", "terminated" (ended early),
    "ended" or "not_started"; the pages word and colour each."""
    if agreement.in_force_on(day):
        return "in_force"
    if agreement.terminated_on is not None and agreement.terminated_on < day:
        return "terminated"
    return "ended" if agreement.effective_until < day else "not_started"


# ---- the lookup: /mitra/ -------------------------------------------------------------------


@dataclass
class CoveringMou:
    """A national MoU in force that covers a search result, directly or through ``via``."""

    pk: int
    title: str
    valid_until: object
    pks_count: int
    via: object = None


@dataclass
class BodyCoverage:
    """One body's national MoUs covering a search result today (none: no PKS yet)."""

    body: str
    national_unit: str
    mous: list = field(default_factory=list)


@dataclass
class SearchResult:
    """A partner found by the lookup, with its national MoU coverage per body; for a
    university, whether it lacks a BAN-PT accreditation valid today (no PKS without one)."""

    institution: Institution
    coverage: list
    unaccredited: bool = False


def by_relevance(queryset, text):
    """Exact names first, then names starting with the text, then top-level institutions; in
    each, the names closest to the text first (PostgreSQL: a typo ranks by similarity)."""
    text = text.strip()
    if not text:
        return queryset.order_by("name", "pk")
    names = NAME_FIELDS
    rank = Case(
        When(Q(*[Q(**{f"{n}__iexact": text}) for n in names], _connector=Q.OR), then=Value(0)),
        When(Q(*[Q(**{f"{n}__istartswith": text}) for n in names], _connector=Q.OR), then=Value(1)),
        When(parent__isnull=True, then=Value(2)),
        default=Value(3),
    )
    return queryset.annotate(rank=rank, closeness=similarity(queryset, text, names)).order_by(
        "rank", "-closeness", "name", "pk"
    )


def is_search(data):
    """Whether the request asks for partners at all (an empty form shows the introduction)."""
    return any(data.get(name, "").strip() for name in SEARCH_PARAMETERS)


def search(data, day, bodies=Body.values):
    """The filter set (for the form) and the requested page of results, or None without a search.

    Searches with the one institution FilterSet (``q``: every word in the name or short name,
    any case); election units are not partners and are left out. Coverage is given for
    ``bodies``, in that order.
    """
    text = data.get("q", "")
    filterset = InstitutionCoverageFilter(
        data, queryset=by_relevance(Institution.objects.partners(), text)
    )
    if not is_search(data):
        return filterset, None
    page = Paginator(filterset.qs, RESULTS_PER_PAGE).get_page(data.get("page"))
    # The page is chosen on the institution table alone, and only its rows are joined to their
    # parent chain and region: joined first, PostgreSQL hashed every institution as a parent.
    first = (page.number - 1) * RESULTS_PER_PAGE
    chosen = filterset.qs.values("pk")[first : page.end_index()]
    shown = by_relevance(partners().filter(pk__in=chosen), text)
    page.object_list = with_coverage(list(shown), day, bodies)
    return filterset, page


def covering_rows(institution_ids, day):
    """The national MoUs in force on ``day`` to which one of ``institution_ids`` is a party,
    as one row per party, with the number of PKS signed under each MoU (one query)."""
    in_force = Agreement.objects.mous().national().in_force_on(day)
    return (
        Party.objects.filter(institution__in=institution_ids, agreement__in=in_force)
        .annotate(pks_count=signed_pks_count("agreement_id"))
        .values(
            "institution_id",
            "agreement_id",
            "agreement__title",
            "agreement__effective_until",
            "agreement__owner__body",
            "pks_count",
        )
    )


def with_coverage(institutions, day, bodies=Body.values):
    """Search results for ``institutions``, each with its national MoU coverage per body."""
    lineages = {inst.pk: inst.lineage() for inst in institutions}
    ids = {member.pk for chain in lineages.values() for member in chain}
    rows_by_party = {}
    for row in covering_rows(ids, day) if ids else []:
        rows_by_party.setdefault(row["institution_id"], []).append(row)
    return [
        SearchResult(
            inst,
            [body_coverage(body, lineages[inst.pk], rows_by_party) for body in bodies],
            unaccredited=inst.category == Category.UNIVERSITY and not inst.accredited_on(day),
        )
        for inst in institutions
    ]


def body_coverage(body, lineage, rows_by_party):
    """The MoUs of ``body`` covering the first institution of ``lineage``, latest end first."""
    found = {}
    for member in lineage:
        for row in rows_by_party.get(member.pk, []):
            if row["agreement__owner__body"] == body and row["agreement_id"] not in found:
                found[row["agreement_id"]] = CoveringMou(
                    row["agreement_id"],
                    row["agreement__title"],
                    row["agreement__effective_until"],
                    row["pks_count"],
                    via=None if member is lineage[0] else member,
                )
    mous = sorted(found.values(), key=lambda mou: mou.valid_until, reverse=True)
    return BodyCoverage(body, Body(body).national_unit_name, mous)


# ---- the partner page: /mitra/<id>/ ------------------------------------------------------


def ended_on(agreement):
    """The day an agreement ends: its termination day if it was ended early."""
    return agreement.runs_until


@dataclass
class Answer:
    """The eligibility answer shown to a user: for their own unit, or for a body's regional
    units when the user is national staff or has no unit."""

    eligibility: object
    unit: Institution | None
    national_unit: str
    last_mou: Agreement | None = None

    @property
    def body_label(self):
        return Body(self.eligibility.body).label

    @property
    def last_mou_end(self):
        return ended_on(self.last_mou) if self.last_mou else None

    @property
    def for_own_unit(self):
        return self.unit is not None and self.unit.level != Level.NATIONAL

    @property
    def missing_mou(self):
        """Not eligible for want of a national MoU (otherwise, for want of an accreditation)."""
        return not self.eligibility.eligible and not self.eligibility.mous

    @property
    def parent_mou(self):
        """The MoU a new PKS should name as its parent: in force the longest."""
        mous = self.eligibility.mous
        return max(mous, key=lambda mou: mou.effective_until) if mous else None


def national_mous(institution, day, own_body=None):
    """Every signed national MoU (in force or not) that names the partner or one of its
    parents, with scopes, partners and its number of signed PKS; in force first, then those of
    ``own_body`` (the user's), then the latest ending."""
    ids = [member.pk for member in institution.lineage()]
    covering = Party.objects.filter(institution__in=ids).values("agreement")
    mous = (
        Agreement.objects.mous()
        .national()
        .filter(status__in=SIGNED_STATUSES, pk__in=covering)
        .select_related("owner")
        .annotate(pks_count=signed_pks_count())
        .prefetch_related(
            "scopes",
            "addenda__scopes",
            Prefetch("parties", Party.objects.select_related("institution")),
        )
    )
    mous = list(mous)
    for mou in mous:
        mou.standing = standing(mou, day)
        mou.scope_areas = mou.scope_areas_on(day)
    return sorted(
        mous,
        reverse=True,
        key=lambda mou: (
            mou.standing == "in_force",
            mou.owner.body == own_body,
            mou.effective_until,
        ),
    )


def answers(user, institution, day, mous):
    """The eligibility answers the user sees: their own body's, or both bodies' without a unit.

    ``mous`` are the partner's national MoUs (``national_mous``), for the last one that ended.
    """
    profile = profile_of(user)
    unit = profile.unit if profile else None
    bodies = [unit.body] if unit else Body.values
    return [answer_for(institution, body, day, unit, mous) for body in bodies]


def answer_for(institution, body, day, unit, mous):
    """``check_eligibility`` for ``body``, with the last national MoU of that body that ended."""
    eligibility = check_eligibility(institution, body, day)
    ended = [
        mou for mou in mous if mou.owner.body == body and mou.standing in ("ended", "terminated")
    ]
    last = max(ended, key=ended_on, default=None)
    return Answer(eligibility, unit, Body(body).national_unit_name, last)


def pks_under(mous, user, day, province, page_number):
    """The page of PKS signed under ``mous``, ordered by province and unit, with owners and
    partners loaded; each PKS says whether the user may open its documents."""
    pks = (
        Agreement.objects.pks()
        .filter(parent__in=[mou.pk for mou in mous], status__in=SIGNED_STATUSES)
        .annotate(province_name=province_name_of("owner__region"))
        .select_related("owner")
        .prefetch_related(Prefetch("parties", Party.objects.select_related("institution")))
        .order_by("province_name", "owner__name", "-signed_on", "pk")
    )
    if province:
        pks = pks.filter(in_province(province, "owner__region"))
    page = Paginator(pks, PKS_PER_PAGE).get_page(page_number)
    rows = list(page.object_list)
    readable = (
        set(
            visible_agreements(
                user, Agreement.objects.filter(pk__in=[r.pk for r in rows])
            ).values_list("pk", flat=True)
        )
        if rows
        else set()
    )
    for row in rows:
        row.readable = row.pk in readable
        row.standing = standing(row, day)
    page.object_list = rows
    return page
