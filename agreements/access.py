"""Which agreements a user may see and change: ``partners.access.unit_scope`` applied to the
owner of each agreement, for admin, API, pages and reports alike.

National staff see everything and, as editors or approvers, edit everything. A provincial
editor edits its own unit's agreements and those of the regency/city units under it; a
regency/city editor only its own. Everyone signed in may read national MoUs.
"""

from django.db.models import Q

from agreements.models import Agreement, Kind
from partners.access import can_write, is_national, owner_units, profile_of, unit_scope
from partners.models import Institution, Level, Role

__all__ = [
    "can_approve",
    "can_edit",
    "can_write",
    "editable_agreements",
    "is_national",
    "owner_units",
    "profile_of",
    "visible_agreements",
]


def can_approve(user, agreement=None):
    """Only an approver of a national unit records the approval of a regional MoU, and only
    for the unit's own body (KPU RI approves KPU MoUs, Bawaslu RI Bawaslu MoUs)."""
    profile = profile_of(user)
    return user.is_superuser or (
        profile is not None
        and profile.role == Role.APPROVER
        and profile.unit.level == Level.NATIONAL
        and (
            agreement is None
            or agreement.owner_id is None
            or profile.unit.body == agreement.owner.body
        )
    )


def visible_agreements(user, queryset=None):
    """Agreements the user may read."""
    queryset = Agreement.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return queryset.none()
    if is_national(user):
        return queryset
    # The owners as subqueries on the units, not as a join: PostgreSQL then reads the
    # agreements of those few units by index instead of every agreement with its owner.
    national_mous = Q(kind=Kind.MOU, owner__in=Institution.objects.filter(level=Level.NATIONAL))
    if profile_of(user) is None:
        return queryset.filter(national_mous)
    return queryset.filter(
        national_mous | Q(owner__in=Institution.objects.filter(unit_scope(user, "")))
    )


def editable_agreements(user, queryset=None):
    """Agreements the user may change."""
    queryset = Agreement.objects.all() if queryset is None else queryset
    if not can_write(user):
        return queryset.none()
    if is_national(user):
        return queryset
    return queryset.filter(unit_scope(user, "owner"))


def can_edit(user, agreement):
    return editable_agreements(user, Agreement.objects.filter(pk=agreement.pk)).exists()
