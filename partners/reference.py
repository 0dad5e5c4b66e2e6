"""Reference data the project ships: regions and the election units of both bodies.

The regions come from idn-area-data 4.0.1 (ODbL-1.0, see ``partners/data/ATTRIBUTION.md``),
read unmodified from ``partners/data``. Each body has one national unit, one unit per province
and one per regency/city, named the way the bodies name themselves. Loading is idempotent:
rows are matched on their natural keys, missing ones are created and differing ones updated,
in bulk and in one transaction.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from partners.models import Body, Category, Institution, Level, Region, RegionKind

DATA_DIR = Path(__file__).resolve().parent / "data"
HISTORY_REASON = "Data referensi"

# In a regency/city code such as "35.72", 01–69 after the dot is a kabupaten, 71–99 a kota.
FIRST_CITY_NUMBER = 71

NATIONAL_UNIT_NAMES = {
    Body.KPU: "Komisi Pemilihan Umum Republik Indonesia",
    Body.BAWASLU: "Badan Pengawas Pemilihan Umum Republik Indonesia",
}
UNIT_PREFIXES = {Body.KPU: "KPU", Body.BAWASLU: "Bawaslu"}

# Aceh's special autonomy gives its election bodies their own names (KIP, Panwaslih).
ACEH = "11"
ACEH_UNIT_PREFIXES = {Body.KPU: "KIP", Body.BAWASLU: "Panwaslih"}

# How provincial unit names call the province where it is not "Provinsi <name in the data>".
PROVINCE_UNIT_SUFFIXES = {
    ACEH: "Aceh",
    "31": "Provinsi DKI Jakarta",
    "34": "Daerah Istimewa Yogyakarta",
}

REGION_FIELDS = ["name", "kind", "parent_id"]
UNIT_FIELDS = ["name", "short_name", "level", "parent_id"]


@dataclass
class Summary:
    """What the loader loaded, and how many rows it had to create or update."""

    provinces: int = 0
    regencies: int = 0
    cities: int = 0
    units: int = 0
    created: int = 0
    updated: int = 0

    @property
    def regencies_and_cities(self):
        return self.regencies + self.cities

    def count(self, created, updated):
        self.created += created
        self.updated += updated


def read_csv(filename):
    """The rows of one of the shipped CSV files, as dicts."""
    with open(DATA_DIR / filename, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def regency_kind(code):
    """A kabupaten (regency) or a kota (city), from the number after the dot of its code."""
    number = int(code.split(".")[1])
    return RegionKind.CITY if number >= FIRST_CITY_NUMBER else RegionKind.REGENCY


def wanted_regions():
    """Provinces then regencies/cities, as unsaved ``Region`` objects keyed by code."""
    regions = {
        row["code"]: Region(code=row["code"], name=row["name"], kind=RegionKind.PROVINCE)
        for row in read_csv("provinces.csv")
    }
    for row in read_csv("regencies.csv"):
        regions[row["code"]] = Region(
            code=row["code"],
            name=row["name"],
            kind=regency_kind(row["code"]),
            parent_id=row["province_code"],
        )
    return regions


def unit_prefix(body, province_code):
    """The start of a unit's name: "KPU"/"Bawaslu", or "KIP"/"Panwaslih" in Aceh."""
    prefixes = ACEH_UNIT_PREFIXES if province_code == ACEH else UNIT_PREFIXES
    return prefixes[body]


def province_unit_name(body, province):
    """For example "KPU Provinsi Jawa Timur", "Bawaslu Provinsi DKI Jakarta", "KIP Aceh"."""
    suffix = PROVINCE_UNIT_SUFFIXES.get(province.code, f"Provinsi {province.name}")
    return f"{unit_prefix(body, province.code)} {suffix}"


def regency_unit_name(body, regency):
    """For example "KPU Kota Blitar", "Panwaslih Kabupaten Aceh Selatan"."""
    return f"{unit_prefix(body, regency.parent_id)} {regency.name}"


def sync(model, wanted, existing, fields, history=False):
    """Create the ``wanted`` rows missing from ``existing``; update those whose ``fields`` differ.

    Both are dicts keyed the same way. Returns every wanted row as saved (keyed likewise) and
    the numbers created and updated.
    """
    to_create, to_update, saved = [], [], {}
    for key, row in wanted.items():
        current = existing.get(key)
        if current is None:
            to_create.append(row)
            saved[key] = row
            continue
        if any(getattr(current, name) != getattr(row, name) for name in fields):
            for name in fields:
                setattr(current, name, getattr(row, name))
            to_update.append(current)
        saved[key] = current
    if history:
        if to_create:
            bulk_create_with_history(to_create, model, default_change_reason=HISTORY_REASON)
        if to_update:
            bulk_update_with_history(to_update, model, fields, default_change_reason=HISTORY_REASON)
    else:
        model.objects.bulk_create(to_create)
        model.objects.bulk_update(to_update, fields)
    return saved, len(to_create), len(to_update)


def load_regions(summary):
    """Load the 38 provinces, then the 514 regencies/cities that point to them."""
    wanted = wanted_regions()
    existing = Region.objects.in_bulk(list(wanted))
    provinces = {code: r for code, r in wanted.items() if r.kind == RegionKind.PROVINCE}
    regencies = {code: r for code, r in wanted.items() if r.kind != RegionKind.PROVINCE}
    for batch in (provinces, regencies):
        _, created, updated = sync(Region, batch, existing, REGION_FIELDS)
        summary.count(created, updated)
    summary.provinces = len(provinces)
    summary.regencies = sum(r.kind == RegionKind.REGENCY for r in regencies.values())
    summary.cities = sum(r.kind == RegionKind.CITY for r in regencies.values())
    return provinces, regencies


def election_unit(body, level, name, region=None, parent=None, short_name=""):
    """An unsaved election unit."""
    return Institution(
        name=name,
        short_name=short_name,
        category=Category.ELECTION_BODY,
        body=body,
        level=level,
        region_id=region.code if region else None,
        parent_id=parent.pk if parent else None,
    )


def load_units(summary, provinces, regencies):
    """Load each body's national unit, then its provincial units, then its regency/city units.

    A unit is identified by (body, region): the national unit is the one without a region
    (the model's constraints make that the same as matching on body, level and region).
    """
    existing = {(unit.body, unit.region_id): unit for unit in Institution.objects.election_units()}

    def sync_units(wanted):
        saved, created, updated = sync(Institution, wanted, existing, UNIT_FIELDS, history=True)
        summary.count(created, updated)
        summary.units += len(wanted)
        return saved

    for body in Body.values:
        national = sync_units(
            {
                (body, None): election_unit(
                    body,
                    Level.NATIONAL,
                    NATIONAL_UNIT_NAMES[body],
                    short_name=Body(body).national_unit_name,
                )
            }
        )[(body, None)]
        provincial = sync_units(
            {
                (body, code): election_unit(
                    body, Level.PROVINCE, province_unit_name(body, province), province, national
                )
                for code, province in provinces.items()
            }
        )
        sync_units(
            {
                (body, code): election_unit(
                    body,
                    Level.REGENCY,
                    regency_unit_name(body, regency),
                    regency,
                    provincial[(body, regency.parent_id)],
                )
                for code, regency in regencies.items()
            }
        )


@transaction.atomic
def load_regions_and_units(summary=None):
    """Load or refresh the regions and election units; running it again changes nothing.
    Returns the ``Summary`` (``summary``, if given, is filled in)."""
    summary = Summary() if summary is None else summary
    provinces, regencies = load_regions(summary)
    load_units(summary, provinces, regencies)
    return summary


def is_loaded():
    """Whether every region and election unit of the shipped data is in the database."""
    regions = wanted_regions()
    return Region.objects.filter(code__in=list(regions)).count() == len(
        regions
    ) and Institution.objects.election_units().count() >= len(Body.values) * (len(regions) + 1)
