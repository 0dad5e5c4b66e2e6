"""Writing agreements: the one validation path and the atomic save used by every entry point."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from agreements import access, rules
from agreements.models import Agreement, Status


def violations_to_error(violations):
    """Turn rule violations into one ValidationError keyed by field, each error keeping its code."""
    by_field = {}
    for found in violations:
        by_field.setdefault(found.field, []).append(
            ValidationError(found.message, code=found.code)
        )
    return ValidationError(by_field)


def partner_violations(partners):
    """At least one partner, each listed once."""
    if not partners:
        return [rules.Violation(
            "partner_required", "partners", _("An agreement has at least one partner.")
        )]
    seen, found = set(), []
    for partner in partners:
        if partner.pk in seen:
            found.append(rules.Violation(
                "partner_duplicate", "partners",
                _("%(partner)s is listed twice among the partners.") % {"partner": partner},
            ))
        seen.add(partner.pk)
    return found


def rule_violations(agreement, partners, scope_codes):
    """The cross-row rules and the partner list checks, for an agreement about to be saved.

    ``partners`` are the partner institutions and ``scope_codes`` the scope area codes the
    agreement is about to have (they may differ from what is stored).
    """
    return [*rules.check_agreement(agreement, partners, scope_codes), *partner_violations(partners)]


def validate_agreement(agreement, partners, scope_codes, exclude=None):
    """Run field validation, the single-row constraints and every cross-row rule.

    Raises ValidationError keyed by field; each error's ``code`` is the rule's code.
    """
    errors = {}
    try:
        agreement.full_clean(exclude=exclude)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if "owner" in errors or "parent" in errors:
        found = partner_violations(partners)
    else:
        found = rule_violations(agreement, partners, scope_codes)
    if found:
        errors = violations_to_error(found).update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def record_author(agreement, user):
    """Name ``user`` in the audit history of the next save (outside a request, too)."""
    if user is not None:
        agreement._history_user = user


@transaction.atomic
def save_agreement(agreement, parties, scope_codes, user=None):
    """Validate and save an agreement with its partner parties and scope areas, all or nothing.

    ``parties`` are unsaved ``Party`` objects (institution, number, signatory); they replace the
    agreement's current parties. ``user`` is recorded in the audit history.
    """
    validate_agreement(agreement, [party.institution for party in parties], scope_codes)
    record_author(agreement, user)
    agreement.save()
    agreement.parties.all().delete()
    for order, party in enumerate(parties, start=1):
        party.agreement = agreement
        party.order = order
        party.save()
    agreement.scopes.set(scope_codes)
    return agreement


@transaction.atomic
def record_approval(agreement, reference, approved_on, user):
    """Record the national chair's approval of a regional MoU (national approvers only)."""
    if not access.can_approve(user, agreement):
        raise PermissionDenied(_("Only an approver of a national unit may record an approval."))
    agreement.approval_reference = reference
    agreement.approved_on = approved_on
    agreement.approved_by = user
    if agreement.status in (Status.DRAFT, Status.AWAITING_APPROVAL):
        agreement.status = Status.APPROVED
    partners = [party.institution for party in agreement.parties.select_related("institution")]
    validate_agreement(agreement, partners, list(agreement.scopes.values_list("code", flat=True)))
    record_author(agreement, user)
    agreement.save()
    return agreement


def affected_by_termination(mou):
    """The PKS under a terminated MoU that were in force when it ended: shown, never deleted."""
    if mou.terminated_on is None:
        return Agreement.objects.none()
    return Agreement.objects.filter(parent=mou).in_force_on(mou.terminated_on)
