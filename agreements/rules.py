"""The partnership rules that span several rows (docs/ARCHITECTURE.md, "Rules").

Each check is a function without side effects that returns the violations it finds. They are
run together by ``check_agreement``, which ``agreements.services.validate_agreement`` calls for
the admin, the API, the importers and the management commands alike. Rules that a single row
can decide on its own (``invalid_period``, ``parent_required``) are database constraints on
``Agreement``. This module holds the rules of an agreement itself; those a PKS is held to by its
parent MoU are in ``agreements.parent_rules``, the vocabulary in ``agreements.violations``.
"""

from django.utils.translation import gettext as _

from agreements import lifecycle
from agreements.models import Kind, Status
from agreements.parent_rules import ParentTerms, check_against_parent
from agreements.violations import reference_day, violation
from kemitraan.dates import long_date
from partners.models import Category

REGIONAL_MOU_ONLY_STATUSES = (Status.AWAITING_APPROVAL, Status.APPROVED)
APPROVED_STATUSES = (Status.APPROVED, Status.SIGNED, Status.TERMINATED)


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
