"""Who may create and change partner institutions (a simple stand-in, replaced by the lead's).

National staff who write (editors, approvers) change any partner; a regional editor the
partners located in its own region (a provincial unit's province with its regencies/cities, a
regency/city unit's own). Election units are reference data: only superusers change them. An
existing institution's parent, category and accreditation decide who is covered by an MoU, so
only national staff change them.
"""

from django.db.models import Q

from partners.models import Institution, Level, Role, StaffProfile

PROTECTED_INSTITUTION_FIELDS = ("parent", "category", "accreditation", "accreditation_valid_until")
WRITING_ROLES = (Role.EDITOR, Role.APPROVER)


def writer_profile(user):
    """The user's staff profile if the user may write at all, else None."""
    if not user.is_authenticated:
        return None
    profile = StaffProfile.objects.select_related("unit").filter(user=user).first()
    return profile if profile is not None and profile.role in WRITING_ROLES else None


def is_national_writer(user):
    if user.is_superuser:
        return True
    profile = writer_profile(user)
    return profile is not None and profile.unit.level == Level.NATIONAL


def region_filter(unit, path="region"):
    """Q for rows whose region at ``path`` lies in the unit's own region."""
    if unit.level == Level.PROVINCE:
        return Q(**{path: unit.region_id}) | Q(**{f"{path}__parent": unit.region_id})
    return Q(**{path: unit.region_id})


def editable_institutions(user, queryset=None):
    """Institutions the user may change."""
    queryset = Institution.objects.all() if queryset is None else queryset
    if user.is_superuser:
        return queryset
    queryset = queryset.exclude(category="election_body")
    if is_national_writer(user):
        return queryset
    profile = writer_profile(user)
    if profile is None:
        return queryset.none()
    return queryset.filter(region_filter(profile.unit))


def can_create_institution(user, region):
    """National staff anywhere; a regional editor in its own region."""
    if is_national_writer(user):
        return True
    profile = writer_profile(user)
    if profile is None or region is None:
        return False
    unit = profile.unit
    if unit.level == Level.PROVINCE:
        return region.code == unit.region_id or region.parent_id == unit.region_id
    return region.code == unit.region_id
