"""One province on the dashboard (/dasbor/?province=<code>, where the map's tiles lead): its
election units that hold a PKS in force, with how many, in one query."""

from django.db.models import Count, Q

from agreements.models import Agreement
from partners.models import Institution, in_province


def units_with_pks(code, day):
    """The election units of the province ``code`` (the provincial unit and the regency/city
    units) holding at least one PKS in force on ``day``, with their count, by body and name."""
    in_force = Agreement.objects.pks().in_force_on(day).values("pk")
    return list(
        Institution.objects.election_units()
        .filter(in_province(code))
        .annotate(pks_in_force=Count("owned_agreements", filter=Q(owned_agreements__in=in_force)))
        .filter(pks_in_force__gt=0)
        .order_by("body", "level", "name")
    )
