"""Reference data of the whole register: the regions and election units (``partners.reference``)
and the scope areas agreements cover."""

from dataclasses import dataclass

from django.db import transaction

from agreements.models import ScopeArea
from partners import reference as partner_reference

SCOPE_AREAS = [
    ("sosialisasi", "Sosialisasi kepemiluan"),
    ("pendidikan_pemilih", "Pendidikan pemilih"),
    ("partisipasi_masyarakat", "Peningkatan partisipasi masyarakat"),
    ("pengawasan_partisipatif", "Pengawasan partisipatif"),
    ("data_informasi", "Pertukaran data dan informasi"),
    ("penelitian", "Penelitian dan kajian"),
    ("netralitas_asn", "Netralitas ASN"),
    ("lainnya", "Kegiatan lain yang disepakati"),
]
SCOPE_FIELDS = ["name", "order"]


@dataclass
class Summary(partner_reference.Summary):
    """What was loaded: regions and units, and the scope areas."""

    scope_areas: int = 0


def load_scope_areas(summary):
    """Load the eight scope areas, in the order forms list them."""
    wanted = {
        code: ScopeArea(code=code, name=name, order=order)
        for order, (code, name) in enumerate(SCOPE_AREAS, start=1)
    }
    _, created, updated = partner_reference.sync(
        ScopeArea, wanted, ScopeArea.objects.in_bulk(list(wanted)), SCOPE_FIELDS
    )
    summary.count(created, updated)
    summary.scope_areas = len(wanted)


@transaction.atomic
def load_reference_data():
    """Load or refresh all reference data; running it again changes nothing. Returns a Summary."""
    summary = partner_reference.load_regions_and_units(Summary())
    load_scope_areas(summary)
    return summary


def is_loaded():
    """Whether every region, election unit and scope area of the shipped data is loaded."""
    codes = [code for code, _name in SCOPE_AREAS]
    return partner_reference.is_loaded() and ScopeArea.objects.filter(
        code__in=codes
    ).count() == len(codes)
