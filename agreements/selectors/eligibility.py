"""Which national MoUs cover a partner: the question regional offices ask before a PKS."""

from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from agreements.models import Agreement, Party
from kemitraan.dates import long_date
from partners.models import Body, Category


def national_mous_covering(institutions, body, day):
    """National MoUs of ``body`` in force on ``day`` that cover every one of ``institutions``.

    An MoU covers an institution when the institution, or one of its ancestors (the ministry of
    a vertical office, the national organisation of a branch), is one of its partners.
    """
    mous = Agreement.objects.mous().national(body).in_force_on(day)
    for institution in institutions:
        ids = [member.pk for member in institution.lineage()]
        mous = mous.filter(pk__in=Party.objects.filter(institution__in=ids).values("agreement"))
    return mous.order_by("effective_until")


@dataclass
class Eligibility:
    """Whether a regional unit of ``body`` may sign a PKS with ``institution`` on ``on``."""

    institution: object
    body: str
    on: object
    eligible: bool
    mous: list = field(default_factory=list)
    reason: str = ""


def check_eligibility(institution, body, day):
    """Answer the eligibility question in four queries at most (five with addenda).

    ``institution`` should come with its parents loaded (``select_related(PARENT_CHAIN)``).
    """
    members = institution.lineage()
    names = {member.pk: member.name for member in members}
    covering_party = Party.objects.filter(
        agreement=OuterRef("pk"), institution__in=list(names)
    ).values("institution")[:1]
    mous = list(
        national_mous_covering([institution], body, day)
        .annotate(covered_via=Subquery(covering_party))
        .prefetch_related("scopes", "addenda__scopes")
    )
    for mou in mous:
        mou.scope_areas = mou.scope_areas_on(day)
    facts = {
        "partner": institution.name,
        "national": Body(body).national_unit_name,
        "body": Body(body).label,
        "day": long_date(day),
    }
    if not mous:
        reason = (
            _(
                "No national MoU of %(national)s in force on %(day)s covers %(partner)s or its "
                "parent institutions: a PKS cannot be signed yet. %(national)s must first sign "
                "an MoU with it or with its parent."
            )
            % facts
        )
        return Eligibility(institution, body, day, False, mous, reason)
    if institution.category == Category.UNIVERSITY and not institution.accredited_on(day):
        reason = (
            _(
                "%(partner)s holds no BAN-PT accreditation valid on %(day)s: a PKS cannot be "
                "signed until its current accreditation is recorded."
            )
            % facts
        )
        return Eligibility(institution, body, day, False, mous, reason)
    first = mous[0]
    facts.update(
        mou=first.title,
        end=long_date(first.effective_until),
        via=names.get(first.covered_via, institution.name),
    )
    if first.covered_via == institution.pk:
        reason = (
            _(
                "A regional %(body)s unit may sign a PKS with %(partner)s on %(day)s: it is "
                'a party to the national MoU "%(mou)s", in force until %(end)s.'
            )
            % facts
        )
    else:
        reason = (
            _(
                "A regional %(body)s unit may sign a PKS with %(partner)s on %(day)s: it is "
                'covered through %(via)s, a party to the national MoU "%(mou)s", in force '
                "until %(end)s."
            )
            % facts
        )
    return Eligibility(institution, body, day, True, mous, reason)
