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

from agreements.models import Kind, Status
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
}

REGIONAL_MOU_ONLY_STATUSES = (Status.AWAITING_APPROVAL, Status.APPROVED)
APPROVED_STATUSES = (Status.APPROVED, Status.SIGNED, Status.TERMINATED)


@dataclass(frozen=True)
class Violation:
    """A broken rule: its stable code, the field it concerns and a message for people."""

    code: str
    field: str
    message: str


def violation(code, field, detail):
    """A violation whose message starts with the rule's title, so that clerks know which rule."""
    return Violation(code, field, f"{RULE_TITLES[code]}: {detail}")


def reference_day(agreement):
    """The day the rules are judged on: the signing date, or today for an unsigned draft."""
    return agreement.signed_on or timezone.localdate()


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
    regional_mou = agreement.kind == Kind.MOU and agreement.owner.level != Level.NATIONAL
    if agreement.status in REGIONAL_MOU_ONLY_STATUSES and not regional_mou:
        yield violation(
            "status_not_applicable",
            "status",
            _("only an MoU of a provincial or regency/city unit waits for approval; "
              "choose draft or signed."),
        )


def check_approval(agreement):
    """A regional MoU is approved by the national chair before it is signed."""
    if agreement.kind != Kind.MOU or agreement.owner.level == Level.NATIONAL:
        return
    if agreement.status not in APPROVED_STATUSES:
        return
    if not agreement.approval_reference or not agreement.approved_on:
        yield violation(
            "approval_required",
            "approval_reference",
            _("an MoU of a regional unit may be approved or signed only with the national "
              "chair's approval: enter the approval letter number and its date."),
        )
    elif agreement.signed_on and agreement.approved_on > agreement.signed_on:
        yield violation(
            "approval_required",
            "approved_on",
            _("the approval (%(approved)s) is dated after the signing (%(signed)s); "
              "the MoU may be signed only once approved.")
            % {"approved": long_date(agreement.approved_on), "signed": long_date(agreement.signed_on)},
        )


def check_accreditation(agreement, partners):
    day = reference_day(agreement)
    for partner in partners:
        if partner.category == Category.UNIVERSITY and not partner.accredited_on(day):
            yield violation(
                "partner_not_accredited",
                "partners",
                _("%(partner)s holds no BAN-PT accreditation valid on %(day)s. Record its "
                  "current accreditation (grade and validity) first.")
                % {"partner": partner, "day": long_date(day)},
            )


def check_parent_is_national_mou(agreement):
    parent, owner = agreement.parent, agreement.owner
    if (
        parent.kind != Kind.MOU
        or parent.owner.level != Level.NATIONAL
        or parent.owner.body != owner.body
    ):
        national = Body(owner.body).national_unit_name
        yield violation(
            "national_mou_required",
            "parent",
            _("a PKS may be derived only from an MoU signed by %(national)s; "
              "%(parent)s is not one.") % {"national": national, "parent": parent},
        )


def covered(partner, parent_partner_ids):
    """Whether the partner, or one of its ancestors, is a party to the parent MoU."""
    return any(member.pk in parent_partner_ids for member in partner.lineage())


def check_partners_covered(agreement, partners):
    parent_partner_ids = {party.institution_id for party in agreement.parent.parties.all()}
    for partner in partners:
        if not covered(partner, parent_partner_ids):
            yield violation(
                "partner_not_covered",
                "partners",
                _("%(partner)s is not a party to the MoU %(parent)s, nor a branch or office "
                  "of one.") % {"partner": partner, "parent": agreement.parent},
            )


def check_parent_in_force(agreement):
    day = reference_day(agreement)
    parent = agreement.parent
    if not parent.in_force_on(day):
        yield violation(
            "mou_not_in_force",
            "parent",
            _("the MoU %(parent)s is not in force on %(day)s (status: %(status)s, valid "
              "%(start)s to %(end)s).")
            % {
                "parent": parent,
                "day": long_date(day),
                "status": parent.get_status_display(),
                "start": long_date(parent.valid_from, blank="—"),
                "end": long_date(parent.valid_until, blank="—"),
            },
        )


def check_within_mou_period(agreement):
    parent = agreement.parent
    if agreement.valid_until and parent.valid_until and agreement.valid_until > parent.valid_until:
        yield violation(
            "pks_outlives_mou",
            "valid_until",
            _("the PKS runs until %(pks_end)s but its MoU ends on %(mou_end)s.")
            % {"pks_end": long_date(agreement.valid_until), "mou_end": long_date(parent.valid_until)},
        )


def check_scopes(agreement, scopes):
    allowed = {scope.code for scope in agreement.parent.scopes.all()}
    outside = sorted(code for code in scopes if code not in allowed)
    if outside:
        yield violation(
            "scope_outside_mou",
            "scopes",
            _("%(scopes)s is not a scope area of the MoU %(parent)s.")
            % {"scopes": ", ".join(outside), "parent": agreement.parent},
        )


def check_agreement(agreement, partners, scopes):
    """Every cross-row rule for ``agreement`` with the given partner institutions and scope codes."""
    if agreement.owner_id is None:
        return []
    found = [
        *check_owner(agreement),
        *check_status(agreement),
        *check_approval(agreement),
        *check_accreditation(agreement, partners),
    ]
    if agreement.kind == Kind.PKS and agreement.parent_id is not None:
        found += [
            *check_parent_is_national_mou(agreement),
            *check_partners_covered(agreement, partners),
            *check_parent_in_force(agreement),
            *check_within_mou_period(agreement),
            *check_scopes(agreement, scopes),
        ]
    return found
