"""The rules a PKS is held to by its parent MoU, and the same rules asked of a change to an
MoU for every signed PKS under it (``mou_change_breaks_pks``). Pure functions returning
violations, like ``agreements.rules``."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from agreements import terms
from agreements.models import Kind, ScopeArea, Status
from agreements.violations import quoted, term_points, violation
from kemitraan.dates import long_date
from partners.models import Body, Level

# The rules a PKS is held to by its parent MoU: a change to the MoU may break these.
PARENT_RULES = (
    "national_mou_required",
    "partner_not_covered",
    "mou_not_in_force",
    "pks_outlives_mou",
    "scope_outside_mou",
)
# How many PKS an MoU change names when it breaks several (the rest are counted).
BROKEN_PKS_NAMED = 5


@dataclass(frozen=True)
class ParentTerms:
    """What a PKS is judged against: its parent MoU with the partners, scope areas and addenda
    (``terms.Amendment``) the MoU has (as stored) or is about to have (when the MoU or one of
    its addenda is being changed). ``on(day)`` gives the MoU's terms on a day."""

    mou: object
    partner_ids: frozenset
    scope_codes: frozenset
    amendments: tuple = ()

    @classmethod
    def stored(cls, mou):
        return cls(
            mou,
            frozenset(party.institution_id for party in mou.parties.all()),
            frozenset(scope.code for scope in mou.scopes.all()),
            tuple(mou.amendments()),
        )

    def on(self, day):
        return terms.terms_on(self.mou.valid_until, self.scope_codes, self.amendments, day)

    def in_force_on(self, day):
        """Signed, not terminated before ``day``, and valid on ``day`` by its terms of ``day``."""
        mou, end = self.mou, self.on(day).valid_until
        return (
            mou.is_signed
            and (mou.terminated_on is None or mou.terminated_on >= day)
            and mou.valid_from is not None
            and end is not None
            and mou.valid_from <= day <= end
        )


def check_parent_is_national_mou(agreement, terms):
    parent, owner = terms.mou, agreement.owner
    if (
        parent.kind != Kind.MOU
        or parent.owner.level != Level.NATIONAL
        or parent.owner.body != owner.body
    ):
        national = Body(owner.body).national_unit_name
        yield violation(
            "national_mou_required",
            "parent",
            _(
                "a PKS may be derived only from an MoU signed by %(national)s; "
                "%(parent)s is not one."
            )
            % {"national": national, "parent": quoted(parent)},
        )


def covered(partner, parent_partner_ids):
    """Whether the partner, or one of its ancestors, is a party to the parent MoU."""
    return any(member.pk in parent_partner_ids for member in partner.lineage())


def check_partners_covered(agreement, partners, terms):
    for partner in partners:
        if not covered(partner, terms.partner_ids):
            yield violation(
                "partner_not_covered",
                "partners",
                _(
                    "%(partner)s is not a party to the parent MoU, %(parent)s, nor a branch "
                    "or office of one of its parties."
                )
                % {"partner": partner, "parent": quoted(terms.mou)},
                partner=partner.pk,
            )


def check_parent_in_force(agreement, terms, points):
    parent = terms.mou
    for point in points:
        if terms.in_force_on(point.day):
            continue
        yield violation(
            "mou_not_in_force",
            "parent",
            point.described(
                _(
                    "the parent MoU, %(parent)s, is not in force on %(day)s (status: %(status)s, "
                    "valid "
                    "%(start)s to %(end)s)."
                )
                % {
                    "parent": quoted(parent),
                    "day": long_date(point.day),
                    "status": parent.get_status_display(),
                    "start": long_date(parent.valid_from, blank="—"),
                    "end": long_date(terms.on(point.day).valid_until, blank="—"),
                }
            ),
        )
        return


def check_within_mou_period(agreement, terms, points):
    for point in points:
        pks_end, mou_end = point.terms.valid_until, terms.on(point.day).valid_until
        if pks_end and mou_end and pks_end > mou_end:
            yield violation(
                "pks_outlives_mou",
                "valid_until",
                point.described(
                    _("the PKS runs until %(pks_end)s but its MoU ends on %(mou_end)s.")
                    % {"pks_end": long_date(pks_end), "mou_end": long_date(mou_end)}
                ),
            )
            return


def check_scopes(agreement, terms, points):
    for point in points:
        outside = sorted(point.terms.scope_codes - terms.on(point.day).scope_codes)
        if outside:
            names = ScopeArea.objects.filter(code__in=outside).values_list("name", flat=True)
            yield violation(
                "scope_outside_mou",
                "scopes",
                point.described(
                    _("%(scopes)s is not a scope area of the parent MoU, %(parent)s.")
                    % {
                        "scopes": ", ".join(names) or ", ".join(outside),
                        "parent": quoted(terms.mou),
                    }
                ),
            )
            return


def check_against_parent(agreement, partners, scopes, terms, amendments=()):
    """The rules a PKS is held to by its parent MoU (``PARENT_RULES``): its terms as signed
    and after each of its ``amendments``, against the MoU's terms of the same day."""
    points = term_points(agreement, scopes, amendments)
    return [
        *check_parent_is_national_mou(agreement, terms),
        *check_partners_covered(agreement, partners, terms),
        *check_parent_in_force(agreement, terms, points),
        *check_within_mou_period(agreement, terms, points),
        *check_scopes(agreement, terms, points),
    ]


def mou_field_broken(terms, pks, code, amendments=()):
    """The field of the MoU whose change breaks ``code`` for ``pks`` (with its addenda)."""
    mou = terms.mou
    if code == "mou_not_in_force":
        days = [point.day for point in term_points(pks, (), amendments)]
        day = next((day for day in days if not terms.in_force_on(day)), days[0])
        if mou.status not in (Status.SIGNED, Status.TERMINATED):
            return "status"
        if mou.terminated_on is not None and mou.terminated_on < day:
            return "terminated_on"
        return "valid_from" if mou.valid_from and mou.valid_from > day else "valid_until"
    return {
        "national_mou_required": "owner",
        "partner_not_covered": "partners",
        "pks_outlives_mou": "valid_until",
        "scope_outside_mou": "scopes",
    }[code]


def check_mou_change(terms, children):
    """A change to an MoU or to its addenda (``terms``: the MoU as it is about to be, with its
    partners, scopes and addenda) may not leave a PKS under it breaking a rule. ``children``
    are the signed PKS under it as (pks, partner institutions, scope codes, its addenda); each
    break names the PKS concerned."""
    by_field = {}
    for pks, partners, scopes, amendments in children:
        pks.parent = terms.mou
        for found in check_against_parent(pks, partners, scopes, terms, amendments):
            field = mou_field_broken(terms, pks, found.code, amendments)
            by_field.setdefault(field, []).append((pks, found))
    return [mou_change_violation(field, items) for field, items in by_field.items()]


def mou_change_violation(field, items):
    """One ``mou_change_breaks_pks`` violation on ``field``, naming the first PKS it breaks."""
    named = "; ".join(
        _("%(pks)s (%(owner)s): %(rule)s") % {"pks": pks, "owner": pks.owner, "rule": found.message}
        for pks, found in items[:BROKEN_PKS_NAMED]
    )
    more = len(items) - BROKEN_PKS_NAMED
    if more > 0:
        named += " " + _("… and %(count)d more.") % {"count": more}
    return violation(
        "mou_change_breaks_pks",
        field,
        _(
            "this change would leave a PKS under the MoU breaking a rule; change or "
            "end the PKS first. %(pks)s"
        )
        % {"pks": named},
    )
