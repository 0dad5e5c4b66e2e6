"""The partnership rules that span several rows (docs/ARCHITECTURE.md, "Rules").

Each check is a function without side effects that returns the violations it finds. They are
run together by ``check_agreement``, which ``agreements.services.validate_agreement`` calls for
the admin, the API, the importers and the management commands alike. Rules that a single row
can decide on its own (``invalid_period``, ``parent_required``) are database constraints on
``Agreement``; this module covers the rest.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements import lifecycle, terms
from agreements.models import Kind, ScopeArea, Status
from kemitraan.dates import long_date
from partners.models import Body, Category, Level

RULE_TITLES = {
    "owner_not_election_body": gettext_lazy("The first party must be an election unit"),
    "invalid_period": gettext_lazy("Invalid validity period"),
    "approval_required": gettext_lazy("National approval required"),
    "partner_not_accredited": gettext_lazy("University not accredited"),
    "parent_required": gettext_lazy("Parent MoU required"),
    "national_mou_required": gettext_lazy("National MoU required"),
    "partner_not_covered": gettext_lazy("Partner not covered by the MoU"),
    "mou_not_in_force": gettext_lazy("MoU not in force"),
    "pks_outlives_mou": gettext_lazy("PKS outlives its MoU"),
    "scope_outside_mou": gettext_lazy("Scope outside the MoU"),
    "status_not_applicable": gettext_lazy("Status not applicable"),
    "status_transition_invalid": gettext_lazy("Status change not allowed"),
    "mou_change_breaks_pks": gettext_lazy("Change breaks a PKS under this MoU"),
    "institution_change_breaks_agreement": gettext_lazy("Change breaks a signed agreement"),
    "signature_details_required": gettext_lazy("Signature details required"),
    "addendum_outside_term": gettext_lazy("Addendum outside the agreement's term"),
    "addendum_not_extending": gettext_lazy("Addendum does not extend the term"),
}
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

REGIONAL_MOU_ONLY_STATUSES = (Status.AWAITING_APPROVAL, Status.APPROVED)
APPROVED_STATUSES = (Status.APPROVED, Status.SIGNED, Status.TERMINATED)


@dataclass(frozen=True)
class Violation:
    """A broken rule: its stable code, the field it concerns and a message for people; for a
    rule about one partner, that partner's institution id (``partner``), so that a form can
    show it on the partner's row."""

    code: str
    field: str
    message: str
    partner: int | None = None


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


def violation(code, field, detail, partner=None):
    """A violation whose message starts with the rule's title, so that clerks know which rule."""
    return Violation(code, field, f"{RULE_TITLES[code]}: {detail}", partner)


def quoted(agreement):
    """An agreement's title in quotation marks, for messages that name it after "the parent
    MoU": titles start with "Nota Kesepahaman …" already."""
    return f"“{agreement}”"


def reference_day(agreement):
    """The day the rules are judged on: the signing date, or today for an unsigned draft."""
    return agreement.signed_on or timezone.localdate()


def term_points(agreement, scopes, amendments=()):
    """The days a PKS takes on terms (its signing, then each of its addenda), with its terms
    from then on: each is judged against the MoU's terms of that day."""
    return terms.term_points(reference_day(agreement), agreement.valid_until, scopes, amendments)


def check_owner(agreement):
    owner = agreement.owner
    if owner.category != Category.ELECTION_BODY:
        yield violation(
            "owner_not_election_body",
            "owner",
            _("%(owner)s is not a KPU or Bawaslu unit. Choose the election unit that signs.")
            % {"owner": owner},
        )


def check_status(agreement):
    if agreement.status in REGIONAL_MOU_ONLY_STATUSES and not lifecycle.is_regional_mou(agreement):
        yield violation(
            "status_not_applicable",
            "status",
            _(
                "only an MoU of a provincial or regency/city unit waits for approval; "
                "choose draft or signed."
            ),
        )


def check_transition(agreement, stored_status):
    """Only the lifecycle's steps (``agreements.lifecycle``); ``stored_status`` is the status
    the database holds now (None for a new agreement)."""
    if lifecycle.transition_allowed(agreement, stored_status, agreement.status):
        return
    if agreement.status in REGIONAL_MOU_ONLY_STATUSES and not lifecycle.is_regional_mou(agreement):
        return  # status_not_applicable says why
    allowed = sorted(
        str(Status(status).label) for status in lifecycle.next_statuses(agreement, stored_status)
    )
    yield violation(
        "status_transition_invalid",
        "status",
        _(
            "an agreement cannot go from %(current)s to %(wanted)s; from %(current)s it may "
            "only become: %(allowed)s."
        )
        % {
            "current": Status(stored_status).label,
            "wanted": Status(agreement.status).label,
            "allowed": ", ".join(allowed) or _("nothing (it stays as it is)"),
        },
    )


# What a signed document states of the first party, by field.
OWNER_SIGNATURE_FIELDS = (
    "owner_number",
    "owner_signatory_name",
    "owner_signatory_title",
    "signing_place",
)
PARTY_SIGNATURE_FIELDS = ("number", "signatory_name", "signatory_title")


def check_signature_details(agreement, parties):
    """A signed agreement states every party's number, both sides' signatories with their
    titles and the place of signing: a document without them cannot have been signed.
    ``parties`` are the partner parties (``Party`` objects) it is about to have."""
    if agreement.status not in (Status.SIGNED, Status.TERMINATED):
        return
    for name in OWNER_SIGNATURE_FIELDS:
        if not getattr(agreement, name).strip():
            label = agreement._meta.get_field(name).verbose_name
            yield violation(
                "signature_details_required",
                name,
                _(
                    "a signed agreement states its %(field)s; fill it in as the "
                    "signed document gives it."
                )
                % {"field": label},
            )
    for party in parties:
        missing = [
            str(party._meta.get_field(name).verbose_name)
            for name in PARTY_SIGNATURE_FIELDS
            if not getattr(party, name).strip()
        ]
        if missing:
            yield violation(
                "signature_details_required",
                "partners",
                _("%(partner)s: the signed document states the %(fields)s; fill them in.")
                % {"partner": party.institution, "fields": ", ".join(missing)},
                partner=party.institution_id,
            )


def check_approval(agreement):
    """A regional MoU is approved by the national chair before it is signed."""
    if not lifecycle.is_regional_mou(agreement):
        return
    if agreement.status not in APPROVED_STATUSES:
        return
    if not agreement.approval_reference or not agreement.approved_on:
        yield violation(
            "approval_required",
            "approval_reference",
            _(
                "an MoU of a regional unit may be approved or signed only with the national "
                "chair's approval: enter the approval letter number and its date."
            ),
        )
    elif agreement.signed_on and agreement.approved_on > agreement.signed_on:
        yield violation(
            "approval_required",
            "approved_on",
            _(
                "the approval (%(approved)s) is dated after the signing (%(signed)s); "
                "the MoU may be signed only once approved."
            )
            % {
                "approved": long_date(agreement.approved_on),
                "signed": long_date(agreement.signed_on),
            },
        )


def check_accreditation(agreement, partners):
    day = reference_day(agreement)
    for partner in partners:
        if partner.category == Category.UNIVERSITY and not partner.accredited_on(day):
            yield violation(
                "partner_not_accredited",
                "partners",
                _(
                    "%(partner)s holds no BAN-PT accreditation valid on %(day)s. Record its "
                    "current accreditation (grade and validity) first."
                )
                % {"partner": partner, "day": long_date(day)},
                partner=partner.pk,
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


def check_agreement(agreement, partners, scopes, parent_terms=None, amendments=()):
    """Every cross-row rule for ``agreement`` with the given partner institutions, scope codes
    and addenda (``terms.Amendment``); a PKS is judged against ``parent_terms`` (default: its
    parent MoU as stored)."""
    if agreement.owner_id is None:
        return []
    found = [
        *check_owner(agreement),
        *check_status(agreement),
        *check_approval(agreement),
        *check_accreditation(agreement, partners),
    ]
    if agreement.kind == Kind.PKS and agreement.parent_id is not None:
        terms = parent_terms or ParentTerms.stored(agreement.parent)
        found += check_against_parent(agreement, partners, scopes, terms, amendments)
    return found


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
