"""Approval events from agreements (``agreements.signals``) as notifications: a regional MoU
awaiting approval tells the approvers of its body's national unit; the approval recorded or
refused tells the editors and approvers of the MoU's unit. The one who acted is not told.

The notifications are written in the transaction of the change itself (both or neither);
their e-mails go once it commits.
"""

from django.utils import timezone

from agreements import signals
from notifications.choices import Kind
from notifications.delivery import notify
from notifications.recipients import national_approvers, writers_of


def on_approval_requested(sender, agreement, user=None, **kwargs):
    notify(
        national_approvers(agreement.owner.body, exclude_user=user),
        Kind.APPROVAL_REQUESTED,
        {"title": agreement.title, "unit": str(agreement.owner)},
        agreement=agreement,
    )


def on_approval_recorded(sender, agreement, user=None, **kwargs):
    approved_on = agreement.approved_on or timezone.localdate()
    notify(
        writers_of(agreement.owner, exclude_user=user),
        Kind.APPROVAL_RECORDED,
        {
            "title": agreement.title,
            "reference": agreement.approval_reference,
            "day": approved_on.isoformat(),
        },
        agreement=agreement,
    )


def on_approval_refused(sender, agreement, user=None, reason="", **kwargs):
    notify(
        writers_of(agreement.owner, exclude_user=user),
        Kind.APPROVAL_REFUSED,
        {"title": agreement.title, "reason": reason},
        agreement=agreement,
    )


def connect():
    """Called once from NotificationsConfig.ready."""
    signals.approval_requested.connect(on_approval_requested, dispatch_uid="notify-requested")
    signals.approval_recorded.connect(on_approval_recorded, dispatch_uid="notify-recorded")
    signals.approval_refused.connect(on_approval_refused, dispatch_uid="notify-refused")
