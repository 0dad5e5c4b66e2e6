"""What needs doing for a user, on the home of the pages (/) and of the admin: drafts to
finish, MoUs awaiting the user's approval, agreements ending soon and national MoUs still
without a PKS, each among what the user may act on (``agreements.access.editable_agreements``;
a viewer reads those of its own units). Four short lists in a constant number of queries."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from agreements import access
from agreements.models import EXPIRING_WITHIN_DAYS, Agreement, Kind, Status
from agreements.selectors import duties
from agreements.selectors.dashboard import first_shown
from kemitraan.dates import long_date
from partners.access import can_set_letterhead, unit_scope

SHOWN = 5
# Drafts to finish: being written, or approved and waiting to be signed.
UNFINISHED = (Status.DRAFT, Status.APPROVED)


@dataclass
class Duty:
    """One list of the home: what it is, the first agreements (each with its ``note``: when and
    what), how many in all and where to see them all (``more``: (label, URL) pairs, admin
    lists unless ``more_in_admin`` is false)."""

    key: str
    title: str
    empty: str
    shown: list
    total: int
    more: list
    more_in_admin: bool = True


def acted_on(user):
    """The agreements whose duties are the user's: those it may change; for a viewer, those
    of its own units (and every one for national staff), to read."""
    if access.can_write(user):
        return access.editable_agreements(user)
    agreements = access.visible_agreements(user)
    if access.is_national(user) or access.profile_of(user) is None:
        return agreements
    return agreements.filter(unit_scope(user, "owner"))


def changelists(*kinds, **filters):
    """("MoU", URL) and ("PKS", URL) of the admin lists of ``kinds`` with ``filters``."""
    return [
        (
            Kind(kind).short_label,
            f"{reverse(f'admin:agreements_{kind}_changelist')}?{urlencode(filters)}",
        )
        for kind in kinds
    ]


def drafts(agreements):
    shown, total = first_shown(
        agreements.filter(status__in=UNFINISHED).order_by("-updated_at", "-pk"), SHOWN
    )
    for agreement in shown:
        agreement.note = (
            _("approved on %(day)s, to be signed") % {"day": long_date(agreement.approved_on)}
            if agreement.status == Status.APPROVED
            else _("draft, last changed on %(day)s")
            % {"day": long_date(timezone.localdate(agreement.updated_at))}
        )
    return Duty(
        "drafts",
        _("Drafts to finish"),
        _("No draft is waiting to be finished."),
        shown,
        total,
        changelists(Kind.MOU, Kind.PKS, status__exact=Status.DRAFT),
    )


def awaiting(user):
    """Regional MoUs waiting for this approver (of the same body as its national unit)."""
    mous = duties.awaiting_approval(Agreement.objects.all())
    profile = access.profile_of(user)
    if not user.is_superuser:
        mous = mous.filter(owner__body=profile.unit.body)
    shown, total = first_shown(mous, SHOWN)
    for mou in shown:
        mou.note = _("submitted on %(day)s") % {
            "day": long_date(timezone.localdate(mou.updated_at))
        }
    return Duty(
        "awaiting",
        _("MoUs awaiting your approval"),
        _("No MoU is waiting for your approval."),
        shown,
        total,
        changelists(Kind.MOU, status__exact=Status.AWAITING_APPROVAL),
    )


def ending(agreements, day):
    shown, total = first_shown(duties.ending_within(agreements, day, EXPIRING_WITHIN_DAYS), SHOWN)
    for agreement in shown:
        days = (agreement.ends_on - day).days
        agreement.note = ngettext(
            "ends on %(day)s, in %(count)d day", "ends on %(day)s, in %(count)d days", days
        ) % {"day": long_date(agreement.ends_on), "count": days}
    return Duty(
        "ending",
        _("Ending within %(days)d days") % {"days": EXPIRING_WITHIN_DAYS},
        _("No agreement of yours ends soon."),
        shown,
        total,
        changelists(Kind.MOU, Kind.PKS, in_force="expiring"),
    )


def without_pks(agreements, day):
    mous = duties.mous_without_pks(agreements, day)
    shown, total = first_shown(mous, SHOWN)
    shown = [mou for mou in shown if duties.pks_due_on(mou.signed_on) <= day]
    for mou in shown:
        mou.note = _("signed on %(day)s; a PKS was due by %(due)s") % {
            "day": long_date(mou.signed_on),
            "due": long_date(duties.pks_due_on(mou.signed_on)),
        }
    return Duty(
        "without_pks",
        _("MoUs without a PKS for six months"),
        _("Every national MoU of yours has a PKS, or was signed less than six months ago."),
        shown,
        total,
        [(_("on the dashboard"), reverse("agreements:dashboard") + "#without-pks-title")],
        more_in_admin=False,
    )


def duties_for(user, day=None):
    """The home's lists for ``user`` on ``day`` (today): those that apply to the user."""
    day = day or timezone.localdate()
    agreements = acted_on(user)
    found = [drafts(agreements)] if access.can_write(user) else []
    if access.can_approve(user):
        found.append(awaiting(user))
    found.append(ending(agreements, day))
    if access.is_national(user):
        found.append(without_pks(agreements, day))
    return found


def unit_without_letterhead(user):
    """The user's unit if the user may set its letterhead and it has none yet, else None."""
    profile = access.profile_of(user)
    if profile is None or not can_set_letterhead(user, profile.unit):
        return None
    unit = profile.unit
    return None if unit.letterhead_logo or unit.letterhead_address else unit
