"""Loading the demo idempotently: institutions found by name, agreements by owner and title,
an existing one saved again (through ``save_agreement``) only if it differs.

A signed agreement is a record: when the demo is loaded again in a later month, its signed
agreements keep the dates and status they were signed with (moving a signed MoU's dates would
break the PKS under it); only their other fields follow the demo."""

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from agreements.demo.agreement_specs import agreement_specs
from agreements.demo.followup import load_followup
from agreements.demo.specs import partner_specs
from agreements.models import Agreement, Status
from agreements.services import save_agreement
from partners.models import Institution

# What a signed agreement keeps when the demo is loaded again later.
SIGNED_RECORD = (
    "status",
    "signed_on",
    "valid_from",
    "valid_until",
    "approved_on",
    "terminated_on",
    "termination_reason",
)
# The reason the audit history gives for what the demo wrote (it writes without a user).
DEMO_REASON = "Data demo"
# Agreement fields the demo sets; any not given in a spec is blank.
AGREEMENT_DEFAULTS = {
    "owner_number": "",
    "owner_signatory_name": "",
    "owner_signatory_title": "",
    "signed_on": None,
    "signing_place": "",
    "valid_from": None,
    "valid_until": None,
    "status": Status.DRAFT,
    "approval_reference": "",
    "approved_on": None,
    "terminated_on": None,
    "termination_reason": "",
}


@dataclass
class DemoSummary:
    """How many demo agreements and partners there are, and how many were created or updated."""

    agreements: Counter = field(default_factory=Counter)
    partners: Counter = field(default_factory=Counter)
    kinds: Counter = field(default_factory=Counter)
    # The records after signing (activities, evaluation, addendum, contacts).
    records: Counter = field(default_factory=Counter)


def load_partner(spec, saved):
    """Create or update one demo partner; returns it and "created", "updated" or "unchanged"."""
    wanted = {
        "short_name": spec.short_name,
        "category": spec.category,
        "parent": saved[spec.parent] if spec.parent else None,
        "region_id": spec.region,
        "accreditation": spec.accreditation,
        "accreditation_valid_until": spec.accreditation_valid_until,
    }
    institution = Institution.objects.filter(name=spec.name).order_by("pk").first()
    if institution is None:
        institution, outcome = Institution(name=spec.name), "created"
    elif any(getattr(institution, name) != value for name, value in wanted.items()):
        outcome = "updated"
    else:
        return institution, "unchanged"
    for name, value in wanted.items():
        setattr(institution, name, value)
    institution._change_reason = DEMO_REASON
    institution.full_clean()
    institution.save()
    return institution, outcome


def load_partners(today, summary):
    """The demo partners by name, created or updated as needed."""
    saved = {}
    for spec in partner_specs(today):
        saved[spec.name], outcome = load_partner(spec, saved)
        summary.partners[outcome] += 1
    return saved


def same_as_stored(agreement, fields, parties, scopes):
    """Whether the stored agreement already has these fields, parties and scopes."""
    if any(getattr(agreement, name) != value for name, value in fields.items()):
        return False
    stored = [
        (p.institution_id, p.number, p.signatory_name, p.signatory_title)
        for p in agreement.parties.all()
    ]
    wanted = [(p.institution.pk, p.number, p.signatory_name, p.signatory_title) for p in parties]
    return stored == wanted and set(agreement.scopes.values_list("code", flat=True)) == set(scopes)


def load_agreement(spec, saved):
    """Create or update one demo agreement through save_agreement, or leave it if unchanged."""
    fields = {
        **AGREEMENT_DEFAULTS,
        **spec.fields,
        "kind": spec.kind,
        "parent": saved[spec.parent] if spec.parent else None,
        "renewal_of": saved[spec.renewal_of] if spec.renewal_of else None,
    }
    agreement = Agreement.objects.filter(owner=spec.owner, title=spec.title).order_by("pk").first()
    if agreement is not None and agreement.ever_signed:
        fields = {name: value for name, value in fields.items() if name not in SIGNED_RECORD}
    if agreement is None:
        agreement, outcome = Agreement(owner=spec.owner, title=spec.title), "created"
    elif same_as_stored(agreement, fields, spec.parties, spec.scopes):
        return agreement, "unchanged"
    else:
        outcome = "updated"
    for name, value in fields.items():
        setattr(agreement, name, value)
    agreement._change_reason = DEMO_REASON
    return save_agreement(agreement, spec.parties, spec.scopes), outcome


@transaction.atomic
def load_demo_data(today=None):
    """Load or refresh the demo partners and agreements (reference data must be loaded)."""
    today = today or timezone.localdate()
    summary = DemoSummary()
    partners = load_partners(today, summary)
    saved = {}
    for spec in agreement_specs(partners, today):
        saved[spec.key], outcome = load_agreement(spec, saved)
        summary.agreements[outcome] += 1
        summary.kinds[spec.kind] += 1
    summary.records = load_followup(saved, partners, today)
    return summary


def demo_agreements(today=None):
    """The stored demo agreements (found by owner and title), for checks and tests."""
    today = today or timezone.localdate()
    partners = {spec.name: Institution.objects.get(name=spec.name) for spec in partner_specs(today)}
    return [
        Agreement.objects.get(owner=spec.owner, title=spec.title)
        for spec in agreement_specs(partners, today)
    ]
