"""Reads of regions and institutions that pages and forms share."""

from partners.models import PARENT_CHAIN, Institution, Region, RegionKind


def provinces():
    """The 38 provinces, by name (for choosers)."""
    return Region.objects.filter(kind=RegionKind.PROVINCE).order_by("name")


def partners():
    """Institutions that may be partners, with their parent chain and region loaded."""
    return Institution.objects.partners().select_related(PARENT_CHAIN, "region")


def branches(institution):
    """The institutions directly under ``institution`` (vertical offices, branches)."""
    return list(institution.children.select_related("region").order_by("name"))
