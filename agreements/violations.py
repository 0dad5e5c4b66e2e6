"""The vocabulary of the rules: their titles, a violation (code, field, message) and the day
a rule judges an agreement on (docs/ARCHITECTURE.md, "Rules")."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy

from agreements import terms

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


@dataclass(frozen=True)
class Violation:
    """A broken rule: its stable code, the field it concerns and a message for people; for a
    rule about one partner, that partner's institution id (``partner``), so that a form can
    show it on the partner's row."""

    code: str
    field: str
    message: str
    partner: int | None = None


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
