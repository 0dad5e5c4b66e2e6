"""Who a signed-in user is in the register, and which units and institutions they may touch.

The one place that decides scope by election unit. ``unit_scope`` is the scoping function:
national staff reach everything; a provincial unit reaches itself and the regency/city units
under it; a regency/city unit only itself. ``agreements.access`` applies it to agreements;
this module applies it to institutions (docs/ARCHITECTURE.md, "Scoping").
"""

from django.db.models import Q

from partners.models import Category, Institution, Level, Role, StaffProfile, in_province

WRITING_ROLES = (Role.EDITOR, Role.APPROVER)
# What decides who a national MoU covers (the parent chain) and whether a university may be a
# party (its accreditation): only national staff change these on an institution.
PROTECTED_INSTITUTION_FIELDS = ("parent", "category", "accreditation", "accreditation_valid_until")
# What an election unit's own staff set on it (its letterhead and head); the rest of an election
# unit is reference data.
LETTERHEAD_FIELDS = ("letterhead_logo", "letterhead_address", "head_name", "head_title")


def profile_of(user):
    """The user's staff profile with its unit, or None; read once per user object."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_staff_profile"):
        user._staff_profile = (
            StaffProfile.objects.select_related("unit", "unit__region").filter(user=user).first()
        )
    return user._staff_profile


def is_national(user):
    """Superusers and the staff of a national unit (KPU RI, Bawaslu RI)."""
    profile = profile_of(user)
    return user.is_superuser or (profile is not None and profile.unit.level == Level.NATIONAL)


def can_write(user):
    """Whether the user may create and change records at all (editors and approvers)."""
    profile = profile_of(user)
    return user.is_superuser or (profile is not None and profile.role in WRITING_ROLES)


def unit_scope(user, path):
    """Q for rows whose election unit at ``path`` is the user's unit or a unit directly under
    it (``path`` is "owner" for agreements, "" for the units themselves).

    Only for users with a profile who are not national staff, who reach everything.
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
    return units.filter(unit_scope(user, ""))


def region_scope(user):
    """Q for institutions in the region of the user's (regional) unit: a provincial unit's
    province with its regencies and cities, a regency/city unit's own regency or city."""
    unit = profile_of(user).unit
    if unit.level == Level.PROVINCE:
        return in_province(unit.region_id)
    return Q(region_id=unit.region_id)


def editable_institutions(user, queryset=None):
    """Institutions the user may change: national editors every partner; a regional editor
    the partners of its own region. Election units are reference data (superusers only)."""
    queryset = Institution.objects.all() if queryset is None else queryset
    if user.is_superuser:
        return queryset
    if not can_write(user):
        return queryset.none()
    partners = queryset.exclude(category=Category.ELECTION_BODY)
    return partners if is_national(user) else partners.filter(region_scope(user))


def can_create_institution(user, region):
    """Whether the user may add a partner in ``region`` (a Region or None for none)."""
    if not can_write(user):
        return False
    if is_national(user):
        return True
    if region is None:
        return False
    unit = profile_of(user).unit
    if unit.level == Level.PROVINCE:
        return region.province_code == unit.region_id
    return region.code == unit.region_id


def may_change_protected_fields(user):
    """Parent, category and accreditation decide coverage: national writers only."""
    return can_write(user) and is_national(user)


def letterhead_units(user):
    """The election units whose letterhead and head the user may set: national writers every
    unit, a regional editor or approver its own unit."""
    units = Institution.objects.election_units()
    if user.is_superuser or (can_write(user) and is_national(user)):
        return units
    if not can_write(user):
        return units.none()
    return units.filter(pk=profile_of(user).unit_id)


def can_set_letterhead(user, unit):
    """Whether the user may set the letterhead and head of the election unit ``unit``."""
    return unit.is_election_unit and letterhead_units(user).filter(pk=unit.pk).exists()
