"""Who may see and change which agreements: the one scoping place for admin, API and pages.

National staff see everything and, as editors or approvers, edit everything. A provincial
editor edits its own unit's agreements and those of the regency/city units under it; a
regency/city editor only its own. Everyone signed in may read national MoUs.
"""

from django.db.models import Q

from agreements.models import Agreement, Kind
from partners.models import Institution, Level, Role, StaffProfile

WRITING_ROLES = (Role.EDITOR, Role.APPROVER)


def profile_of(user):
    """The user's staff profile with its unit, or None; read once per user object."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_staff_profile"):
        user._staff_profile = (
            StaffProfile.objects.select_related("unit").filter(user=user).first()
        )
    return user._staff_profile


def is_national(user):
    profile = profile_of(user)
    return user.is_superuser or (profile is not None and profile.unit.level == Level.NATIONAL)


def can_write(user):
    """Whether the user may create and change agreements at all."""
    profile = profile_of(user)
    return user.is_superuser or (profile is not None and profile.role in WRITING_ROLES)


def can_approve(user, agreement=None):
    """Only an approver of a national unit records the approval of a regional MoU, and only
    for the unit's own body (KPU RI approves KPU MoUs, Bawaslu RI Bawaslu MoUs)."""
    profile = profile_of(user)
    return user.is_superuser or (
        profile is not None
        and profile.role == Role.APPROVER
        and profile.unit.level == Level.NATIONAL
        and (agreement is None or profile.unit.body == agreement.owner.body)
    )


def own_units_filter(user, path):
    """Q for rows whose institution at ``path`` is the user's unit or a unit directly under it.

    ``path`` is "owner" for agreements, "" for institutions themselves.
    """
    unit_id = profile_of(user).unit_id
    unit_lookup, parent_lookup = (path, f"{path}__parent") if path else ("pk", "parent")
    return Q(**{unit_lookup: unit_id}) | Q(**{parent_lookup: unit_id})


def owner_units(user):
    """The election units the user may enter agreements for."""
    units = Institution.objects.election_units()
    if not can_write(user):
        return units.none()
    if is_national(user):
        return units
    return units.filter(own_units_filter(user, ""))


def visible_agreements(user, queryset=None):
    """Agreements the user may read."""
    queryset = Agreement.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return queryset.none()
    if is_national(user):
        return queryset
    national_mous = Q(kind=Kind.MOU, owner__level=Level.NATIONAL)
    if profile_of(user) is None:
        return queryset.filter(national_mous)
    return queryset.filter(national_mous | own_units_filter(user, "owner"))


def editable_agreements(user, queryset=None):
    """Agreements the user may change."""
    queryset = Agreement.objects.all() if queryset is None else queryset
    if not can_write(user):
        return queryset.none()
    if is_national(user):
        return queryset
    return queryset.filter(own_units_filter(user, "owner"))


def can_edit(user, agreement):
    return editable_agreements(user, Agreement.objects.filter(pk=agreement.pk)).exists()
