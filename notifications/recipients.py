"""Who is told: the editors and approvers of an agreement's owner unit, and the approvers of a
body's national unit. Everyone listed gets the notification in the app; the e-mail goes only
to those with an address who have not turned it off."""

from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q

from partners.access import WRITING_ROLES
from partners.models import Category, Level, Role, StaffProfile


@dataclass(frozen=True)
class Recipient:
    """A user to notify, and the address to e-mail them at ("" for the app only)."""

    user_id: int
    email: str


def recipients(profiles, exclude_user=None):
    """``Recipient``s of the staff ``profiles`` (a StaffProfile queryset), by unit id."""
    profiles = profiles.filter(user__is_active=True)
    if exclude_user is not None:
        profiles = profiles.exclude(user=exclude_user)
    rows = profiles.order_by("unit_id", "user_id").values_list(
        "unit_id", "user_id", "user__email", "user__email_preference__by_email"
    )
    found = defaultdict(list)
    for unit_id, user_id, email, by_email in rows:
        found[unit_id].append(Recipient(user_id, email if by_email is not False else ""))
    return found


def writers_by_unit(unit_ids, exclude_user=None):
    """The editors and approvers of each of the units ``unit_ids``: {unit id: [Recipient]}."""
    return recipients(
        StaffProfile.objects.filter(unit_id__in=unit_ids, role__in=WRITING_ROLES), exclude_user
    )


def writers_of(unit, exclude_user=None):
    return writers_by_unit([unit.pk], exclude_user)[unit.pk]


def national_approvers(body, exclude_user=None):
    """The approvers of ``body``'s national unit, who record the approval of regional MoUs."""
    profiles = StaffProfile.objects.filter(
        Q(unit__category=Category.ELECTION_BODY, unit__level=Level.NATIONAL, unit__body=body),
        role=Role.APPROVER,
    )
    return [
        recipient for found in recipients(profiles, exclude_user).values() for recipient in found
    ]


def wants_email(user):
    """Whether ``user`` gets notifications by e-mail too (yes unless they turned it off)."""
    try:
        return user.email_preference.by_email
    except ObjectDoesNotExist:
        return True


def user_recipient(user):
    """``user`` as a recipient of their own notifications (reports they asked for)."""
    return Recipient(user.pk, user.email if wants_email(user) else "")
