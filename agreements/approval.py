"""The one approval path: who may record the national chair's approval of a regional MoU, and
the events that tell the apps above (``agreements.signals``). Called by ``save_agreement``."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from agreements import access, signals
from agreements.models import Agreement, Status


def approval_changed(agreement, stored):
    """Whether the approval letter or its date differ from what is stored."""
    before = stored or Agreement()
    return any(
        getattr(agreement, name) != getattr(before, name) for name in Agreement.APPROVAL_FIELDS
    )


def stamp_approval(agreement, stored, user):
    """The one approval path: a change to the approval letter or its date is recorded only by
    a national approver of the owner's body, who is then named as having entered it.

    ``user`` None is the system itself (reference and demo data, migrations of old records).
    """
    if not approval_changed(agreement, stored) or user is None:
        return
    if not access.can_approve(user, agreement):
        raise PermissionDenied(
            _("Only an approver of the national unit of this body may record an approval.")
        )
    agreement.approved_by = user


def announce_approval_events(agreement, stored, user):
    """Tell the apps above (notifications) that approval was asked for or recorded; their
    receivers write inside this transaction, so nothing is announced that is not saved."""
    was_waiting = stored is not None and stored.status == Status.AWAITING_APPROVAL
    if agreement.status == Status.AWAITING_APPROVAL and not was_waiting:
        signals.approval_requested.send(sender=Agreement, agreement=agreement, user=user)
    if agreement.approval_reference and approval_changed(agreement, stored):
        signals.approval_recorded.send(sender=Agreement, agreement=agreement, user=user)
