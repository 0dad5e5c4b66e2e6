"""The one write path of addenda: adding, changing and removing one, in a transaction under the
row lock of its agreement (and of a PKS's parent MoU, whose terms the rules read), checked like
a change to the agreement, and keeping the agreement's ``effective_until``.

What is checked (``violations``): the addenda as they are about to be are each signed while
the agreement is in force and only extend it (``addendum_rules``); a PKS's terms after each of
its addenda stay within its MoU's terms of that day (``mou_not_in_force``, ``pks_outlives_mou``,
``scope_outside_mou``); an MoU's addenda still carry every signed PKS under it, so removing or
changing one that a PKS relies on is refused with ``mou_change_breaks_pks``.
"""

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from agreements import access, addendum_rules, parent_rules, services, terms
from agreements.models import Agreement, Kind
from agreements.violations import term_points
from kemitraan import versioning

# The addendum's field each violation's field stands for; any other is about the whole.
ADDENDUM_FIELDS = {
    "signed_on": "signed_on",
    "parent": "signed_on",
    "valid_until": "valid_until",
    "scopes": "scopes",
}


def lock_agreement(pk):
    """The agreement, locked for the transaction, with a PKS's parent MoU locked too."""
    agreement = versioning.lock(Agreement, pk)
    if agreement.kind == Kind.PKS:
        agreement.parent = (
            Agreement.objects.select_for_update()
            .select_related("owner")
            .prefetch_related("addenda__scopes")
            .get(pk=agreement.parent_id)
        )
    return agreement


def check_permission(user, agreement):
    """Whoever may change the agreement may change its addenda (``user`` None: the system)."""
    if user is not None and not access.can_edit(user, agreement):
        raise PermissionDenied(
            _(
                "You may change only the addenda of agreements of your own "
                "unit and the units under it."
            )
        )


def violations(agreement, amendments):
    """What the agreement would break with ``amendments`` (``terms.Amendment``) as its addenda."""
    scope_codes = services.current_scope_codes(agreement)
    found = list(addendum_rules.check_amendments(agreement, amendments))
    if agreement.kind == Kind.PKS:
        parent_terms = parent_rules.ParentTerms.stored(agreement.parent)
        points = term_points(agreement, scope_codes, amendments)
        found += [
            *parent_rules.check_parent_in_force(agreement, parent_terms, points),
            *parent_rules.check_within_mou_period(agreement, parent_terms, points),
            *parent_rules.check_scopes(agreement, parent_terms, points),
        ]
    else:
        partner_ids = frozenset(agreement.parties.values_list("institution_id", flat=True))
        mou_terms = parent_rules.ParentTerms(
            agreement, partner_ids, frozenset(scope_codes), tuple(amendments)
        )
        found += parent_rules.check_mou_change(mou_terms, services.signed_children(agreement))
    return found


def raise_errors(found, fields=ADDENDUM_FIELDS):
    """Raise the violations as one ValidationError keyed by the addendum's fields."""
    by_field = {}
    for item in found:
        field = fields.get(item.field, NON_FIELD_ERRORS)
        by_field.setdefault(field, []).append(ValidationError(item.message, code=item.code))
    if by_field:
        raise ValidationError(by_field)


def other_amendments(agreement, addendum):
    """The agreement's stored addenda other than ``addendum``, as ``terms.Amendment``."""
    others = agreement.addenda.exclude(pk=addendum.pk).prefetch_related("scopes")
    return [other.as_amendment() for other in others]


def keep_effective_end(agreement, amendments, user):
    """Store the agreement's end of validity with ``amendments`` counted (if it changed)."""
    end = terms.final_end(agreement.valid_until, amendments)
    if end != agreement.effective_until:
        agreement.effective_until = end
        services.record_author(agreement, user)
        agreement.save(update_fields=["effective_until", "version", "updated_at"])


@transaction.atomic
def save_addendum(addendum, scope_codes, user=None):
    """Validate and save ``addendum`` (new or changed) with the scope areas it adds."""
    agreement = lock_agreement(addendum.agreement_id)
    check_permission(user, agreement)
    addendum.agreement = agreement
    addendum.full_clean(exclude=["agreement"])
    amendments = [*other_amendments(agreement, addendum), addendum.as_amendment(scope_codes)]
    raise_errors(violations(agreement, amendments))
    services.record_author(addendum, user)
    addendum.save()
    addendum.scopes.set(scope_codes)
    keep_effective_end(agreement, amendments, user)
    return addendum


@transaction.atomic
def delete_addendum(addendum, user=None):
    """Remove ``addendum``, unless the agreement or a PKS under it relies on it."""
    agreement = lock_agreement(addendum.agreement_id)
    check_permission(user, agreement)
    remaining = other_amendments(agreement, addendum)
    raise_errors(violations(agreement, remaining), fields={})
    services.record_author(addendum, user)
    addendum.delete()
    keep_effective_end(agreement, remaining, user)
