"""Writing agreements: the one validation path and the atomic save used by every entry point
(admin, API, imports, management commands, demo data); see docs/ARCHITECTURE.md.

Every write runs in one transaction that first locks the rows the rules read: the agreement
itself, the parent MoU of a PKS and the PKS's partner institutions with their parents. Two
writers who could break a rule for each other (a PKS being signed and its MoU being ended)
therefore run one after the other, and the second one sees what the first one wrote.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements import (
    access,
    addendum_rules,
    approval,
    parent_rules,
    rules,
    signals,
    terms,
    violations,
)
from agreements.models import SIGNED_STATUSES, Addendum, Agreement, Kind, Party, Status
from kemitraan import versioning
from partners.models import PARENT_CHAIN, Institution

PARTY_FIELDS = ("number", "signatory_name", "signatory_title")
# What a change to an MoU must be checked against the PKS under it for.
MOU_TERMS_FIELDS = ("kind", "owner_id", "status", "valid_from", "valid_until", "terminated_on")
# Stands for "read the stored agreement yourself" where a caller has not loaded it.
NOT_LOADED = object()


class NotDeletable(Exception):
    """A signed agreement is ended, never erased."""


def violations_to_error(violations):
    """Turn rule violations into one ValidationError keyed by field, each error keeping its code."""
    by_field = {}
    for found in violations:
        by_field.setdefault(found.field, []).append(ValidationError(found.message, code=found.code))
    return ValidationError(by_field)


def partner_violations(partners):
    """At least one partner, each listed once."""
    if not partners:
        return [
            violations.Violation(
                "partner_required", "partners", _("An agreement has at least one partner.")
            )
        ]
    seen, found = set(), []
    for partner in partners:
        if partner.pk in seen:
            found.append(
                violations.Violation(
                    "partner_duplicate",
                    "partners",
                    _("%(partner)s is listed twice among the partners.") % {"partner": partner},
                    partner.pk,
                )
            )
        seen.add(partner.pk)
    return found


def rule_violations(agreement, parties, scope_codes, stored=NOT_LOADED, amendments=NOT_LOADED):
    """The cross-row rules, the lifecycle and the partner list checks, for an agreement about
    to be saved; for an MoU, also every signed PKS under it.

    ``parties`` are the partner parties (``Party`` objects, saved or not) and ``scope_codes``
    the scope area codes the agreement is about to have (they may differ from what is stored);
    ``stored`` is the agreement as the database holds it and ``amendments`` its addenda
    (``terms.Amendment``), both read here if not given.
    """
    if stored is NOT_LOADED:
        stored = stored_version(agreement)
    if amendments is NOT_LOADED:
        amendments = stored_amendments(agreement)
    partners = [party.institution for party in parties]
    return [
        *rules.check_agreement(agreement, partners, scope_codes, amendments=amendments),
        *addendum_rules.check_amendments(agreement, amendments, on_agreement=True),
        *rules.check_signature_details(agreement, parties),
        *partner_violations(partners),
        *rules.check_transition(agreement, stored.status if stored else None),
        *children_violations(agreement, stored, partners, scope_codes, amendments),
    ]


def stored_amendments(agreement):
    """The agreement's stored addenda as ``terms.Amendment`` (none for a new agreement)."""
    if agreement.pk is None:
        return []
    addenda = Addendum.objects.filter(agreement_id=agreement.pk).prefetch_related("scopes")
    return [addendum.as_amendment() for addendum in addenda]


def mou_terms_changed(mou, stored, partners, scope_codes):
    """Whether the MoU is about to change anything the PKS under it are judged against."""
    if any(getattr(mou, name) != getattr(stored, name) for name in MOU_TERMS_FIELDS):
        return True
    stored_partners = set(stored.parties.values_list("institution_id", flat=True))
    stored_scopes = set(stored.scopes.values_list("code", flat=True))
    return stored_partners != {p.pk for p in partners} or stored_scopes != set(scope_codes)


def signed_children(mou):
    """The signed PKS under ``mou`` with their partners (and the partners' parents), scopes and
    addenda (``terms.Amendment``)."""
    parties = Party.objects.select_related("institution", f"institution__{PARENT_CHAIN}")
    children = (
        Agreement.objects.filter(parent=mou, kind=Kind.PKS, status__in=SIGNED_STATUSES)
        .select_related("owner")
        .prefetch_related("scopes", "addenda__scopes", Prefetch("parties", parties))
    )
    return [
        (
            pks,
            [party.institution for party in pks.parties.all()],
            [scope.code for scope in pks.scopes.all()],
            pks.amendments(),
        )
        for pks in children
    ]


def children_violations(agreement, stored, partners, scope_codes, amendments):
    """``mou_change_breaks_pks``: the change to a stored MoU would break a PKS under it."""
    if agreement.kind != Kind.MOU or stored is None or stored.kind != Kind.MOU:
        return []
    if not mou_terms_changed(agreement, stored, partners, scope_codes):
        return []
    mou_terms = parent_rules.ParentTerms(
        agreement, frozenset(p.pk for p in partners), frozenset(scope_codes), tuple(amendments)
    )
    return parent_rules.check_mou_change(mou_terms, signed_children(stored))


def party_field_errors(parties):
    """The partner parties' own field errors (length, characters no text may hold), on
    ``partners``, each naming its partner and keeping its code."""
    found = []
    for party in parties:
        try:
            party.clean_fields(exclude=["agreement", "institution", "order"])
        except ValidationError as error:
            found += [
                ValidationError(f"{party.institution}: {message}", code=item.code)
                for items in error.error_dict.values()
                for item in items
                for message in item.messages
            ]
    return {"partners": found} if found else {}


def validate_agreement(
    agreement, parties, scope_codes, exclude=None, stored=NOT_LOADED, amendments=NOT_LOADED
):
    """Run field validation, the single-row constraints and every cross-row rule.

    ``parties`` are the partner parties it is about to have (``Party`` objects). Raises
    ValidationError keyed by field; each error's ``code`` is the rule's code.
    """
    errors = party_field_errors(parties)
    try:
        agreement.full_clean(exclude=exclude)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if "owner" in errors or "parent" in errors:
        found = partner_violations([party.institution for party in parties])
    else:
        found = rule_violations(agreement, parties, scope_codes, stored, amendments)
    if found:
        errors = violations_to_error(found).update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def stored_version(agreement):
    """The agreement as the database holds it now, or None for a new one."""
    if agreement.pk is None:
        return None
    return Agreement.objects.filter(pk=agreement.pk).first()


def lock_what_the_rules_read(agreement, partners):
    """Lock the parent MoU of a PKS and the partners with their parents, and judge the PKS
    against the MoU as it is now (a writer before us may have changed it)."""
    if agreement.kind == Kind.PKS and agreement.parent_id is not None:
        agreement.parent = (
            Agreement.objects.select_for_update()
            .select_related("owner")
            .prefetch_related("addenda__scopes")
            .filter(pk=agreement.parent_id)
            .first()
            or agreement.parent
        )
    lineage_ids = {member.pk for partner in partners for member in partner.lineage()}
    list(Institution.objects.select_for_update().filter(pk__in=lineage_ids).values_list("pk"))


def record_author(record, user):
    """Name ``user`` in the audit history of the next save (outside a request, too)."""
    if user is not None:
        record._history_user = user


def save_parties(agreement, parties, user):
    """Make ``parties`` the agreement's partner parties, numbered 1..n in the given order.

    A party whose institution was already a party is updated in place, so that the audit
    history shows what changed; institutions no longer listed are removed.
    """
    existing = {party.institution_id: party for party in agreement.parties.all()}
    for order, party in enumerate(parties, start=1):
        current = existing.pop(party.institution_id, None)
        if current is None:
            party.agreement, party.order = agreement, order
            record_author(party, user)
            party.save()
            continue
        wanted = {name: getattr(party, name) for name in PARTY_FIELDS} | {"order": order}
        if any(getattr(current, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(current, name, value)
            record_author(current, user)
            current.save()
    for removed in existing.values():
        record_author(removed, user)
        removed.delete()


@transaction.atomic
def save_agreement(agreement, parties, scope_codes, user=None, expected_version=None):
    """Validate and save an agreement with its partner parties and scope areas, all or nothing.

    ``parties`` are unsaved ``Party`` objects (institution, number, signatory) in their order;
    they become the agreement's parties. ``user`` is checked for approval changes and
    recorded in the audit history. With ``expected_version`` (the version the writer read),
    ``kemitraan.versioning.StaleVersion`` is raised if someone else saved it since.
    """
    partners = [party.institution for party in parties]
    stored = versioning.lock(Agreement, agreement.pk, expected_version)
    lock_what_the_rules_read(agreement, partners)
    approval.stamp_approval(agreement, stored, user)
    amendments = stored_amendments(agreement)
    agreement.effective_until = terms.final_end(agreement.valid_until, amendments)
    validate_agreement(agreement, parties, scope_codes, stored=stored, amendments=amendments)
    if stored is not None:
        agreement.version = stored.version
    record_author(agreement, user)
    agreement.save()
    save_parties(agreement, parties, user)
    agreement.scopes.set(scope_codes)
    approval.announce_approval_events(agreement, stored, user)
    return agreement


def current_parties(agreement):
    """Copies of the agreement's stored parties, to save it again with the same partners."""
    return [
        Party(
            institution=party.institution, **{name: getattr(party, name) for name in PARTY_FIELDS}
        )
        for party in agreement.parties.select_related("institution")
    ]


def current_scope_codes(agreement):
    return list(agreement.scopes.values_list("code", flat=True))


def record_approval(agreement, reference, approved_on, user):
    """Record the national chair's approval of a regional MoU (national approvers only)."""
    agreement.approval_reference = reference
    agreement.approved_on = approved_on
    if agreement.status in (Status.DRAFT, Status.AWAITING_APPROVAL):
        agreement.status = Status.APPROVED
    return save_agreement(
        agreement, current_parties(agreement), current_scope_codes(agreement), user=user
    )


@transaction.atomic
def delete_agreement(agreement, user=None, expected_version=None):
    """Delete an agreement that was never signed; a signed one is ended, never erased."""
    stored = versioning.lock(Agreement, agreement.pk, expected_version)
    if stored is None or stored.ever_signed or stored.status != Status.DRAFT:
        raise NotDeletable(
            _(
                "Only a draft that was never signed may be deleted; a signed "
                "agreement is terminated, not erased."
            )
        )
    record_author(stored, user)
    stored.delete()


@transaction.atomic
def refuse_approval(agreement, reason, user, refused_on=None):
    """The national chair refuses a regional MoU awaiting approval: it goes back to draft with
    the reason, for the unit to change and submit again."""
    stored = versioning.lock(Agreement, agreement.pk)
    if not access.can_approve(user, stored):
        raise PermissionDenied(
            _("Only an approver of the national unit of this body may refuse an approval.")
        )
    if stored.status != Status.AWAITING_APPROVAL or not reason.strip():
        raise ValidationError(
            {
                "refusal_reason": ValidationError(
                    _(
                        "Only an MoU awaiting approval can be refused, and a refusal gives its "
                        "reason."
                    ),
                    code="refusal_invalid",
                )
            }
        )
    stored.status = Status.DRAFT
    stored.refused_on = refused_on or timezone.localdate()
    stored.refused_by, stored.refusal_reason = user, reason.strip()
    save_agreement(stored, current_parties(stored), current_scope_codes(stored), user=user)
    signals.approval_refused.send(
        sender=Agreement, agreement=stored, user=user, reason=stored.refusal_reason
    )
    return stored


def affected_by_termination(mou):
    """The PKS under a terminated MoU that were in force when it ended: shown, never deleted."""
    if mou.terminated_on is None:
        return Agreement.objects.none()
    return Agreement.objects.filter(parent=mou).in_force_on(mou.terminated_on)
