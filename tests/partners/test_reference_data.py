"""The shipped reference data: regions, both bodies' election units and the scope areas."""

import io

import pytest
from django.core.management import call_command
from django.db.models import F

from agreements.models import ScopeArea
from partners.models import Body, Category, Institution, Level, Region, RegionKind

SUMMARY = (
    "Data referensi dimuat: 38 provinsi, 514 kabupaten/kota (416 kabupaten, 98 kota), "
    "1.106 unit penyelenggara, 8 ruang lingkup; {created} baris baru, {updated} diperbarui."
)


def load():
    """Run the command; return what it printed."""
    out = io.StringIO()
    call_command("load_reference_data", stdout=out)
    return out.getvalue().strip()


@pytest.fixture
def reference(db):
    return load()


def unit_name(body, region_code=None):
    units = Institution.objects.election_units().filter(body=body)
    if region_code is None:
        return units.get(level=Level.NATIONAL).name
    return units.get(region_id=region_code).name


def test_regions(reference):
    assert Region.objects.filter(kind=RegionKind.PROVINCE).count() == 38
    assert Region.objects.exclude(kind=RegionKind.PROVINCE).count() == 514
    assert Region.objects.filter(kind=RegionKind.REGENCY).count() == 416
    assert Region.objects.filter(kind=RegionKind.CITY).count() == 98
    assert Region.objects.get(code="35.72").name == "Kota Blitar"
    assert Region.objects.get(code="35.72").parent_id == "35"
    assert Region.objects.get(code="35.13").kind == RegionKind.REGENCY


def test_each_body_has_553_units(reference):
    units = Institution.objects.election_units()
    assert units.count() == 1106
    for body in Body.values:
        assert units.filter(body=body).count() == 553
        assert units.filter(body=body, level=Level.NATIONAL).count() == 1
        assert units.filter(body=body, level=Level.PROVINCE).count() == 38
        assert units.filter(body=body, level=Level.REGENCY).count() == 514
    assert not Institution.objects.exclude(category=Category.ELECTION_BODY).exists()


def test_each_unit_hangs_under_the_same_body_one_level_up(reference):
    units = Institution.objects.election_units()
    assert not units.filter(level=Level.NATIONAL, parent__isnull=False).exists()
    provincial = units.filter(level=Level.PROVINCE, region__kind=RegionKind.PROVINCE)
    assert provincial.filter(parent__body=F("body"), parent__level=Level.NATIONAL).count() == 76
    regional = units.filter(level=Level.REGENCY).exclude(region__kind=RegionKind.PROVINCE)
    assert (
        regional.filter(
            parent__body=F("body"),
            parent__level=Level.PROVINCE,
            parent__region=F("region__parent"),
        ).count()
        == 1028
    )


def test_official_names(reference):
    expected = {
        (Body.KPU, None): "Komisi Pemilihan Umum Republik Indonesia",
        (Body.BAWASLU, None): "Badan Pengawas Pemilihan Umum Republik Indonesia",
        (Body.KPU, "35"): "KPU Provinsi Jawa Timur",
        (Body.KPU, "35.72"): "KPU Kota Blitar",
        (Body.KPU, "35.13"): "KPU Kabupaten Probolinggo",
        (Body.BAWASLU, "35.13"): "Bawaslu Kabupaten Probolinggo",
        (Body.BAWASLU, "63"): "Bawaslu Provinsi Kalimantan Selatan",
        (Body.BAWASLU, "31"): "Bawaslu Provinsi DKI Jakarta",
        (Body.BAWASLU, "31.71"): "Bawaslu Kota Administrasi Jakarta Pusat",
        (Body.KPU, "34"): "KPU Daerah Istimewa Yogyakarta",
        (Body.BAWASLU, "34"): "Bawaslu Daerah Istimewa Yogyakarta",
        (Body.KPU, "11"): "KIP Aceh",
        (Body.KPU, "11.01"): "KIP Kabupaten Aceh Selatan",
        (Body.KPU, "11.71"): "KIP Kota Banda Aceh",
        (Body.BAWASLU, "11"): "Panwaslih Aceh",
        (Body.BAWASLU, "11.01"): "Panwaslih Kabupaten Aceh Selatan",
        (Body.BAWASLU, "11.71"): "Panwaslih Kota Banda Aceh",
    }
    assert {key: unit_name(*key) for key in expected} == expected
    national = Institution.objects.election_units().filter(level=Level.NATIONAL)
    assert set(national.values_list("short_name", flat=True)) == {"KPU RI", "Bawaslu RI"}


def test_only_aceh_uses_its_own_names(reference):
    units = Institution.objects.election_units()
    aceh = units.filter(region_id="11") | units.filter(region__parent_id="11")
    assert aceh.count() == 2 * 24
    assert units.filter(name__regex=r"^(KIP|Panwaslih) ").count() == 2 * 24


def test_scope_areas(reference):
    assert list(ScopeArea.objects.values_list("code", flat=True)) == [
        "sosialisasi",
        "pendidikan_pemilih",
        "partisipasi_masyarakat",
        "pengawasan_partisipatif",
        "data_informasi",
        "penelitian",
        "netralitas_asn",
        "lainnya",
    ]
    assert ScopeArea.objects.get(code="netralitas_asn").name == "Netralitas ASN"


def test_summary_line(reference):
    assert reference == SUMMARY.format(created="1.666", updated=0)


def snapshot():
    return (
        Region.objects.count(),
        Institution.objects.count(),
        Institution.history.count(),
        ScopeArea.objects.count(),
        sorted(Institution.objects.values_list("pk", "name", "parent_id")),
    )


def test_second_run_changes_nothing(reference):
    before = snapshot()
    assert load() == SUMMARY.format(created=0, updated=0)
    assert snapshot() == before


def test_second_run_restores_changed_names_in_place(reference):
    blitar = Institution.objects.get(body=Body.KPU, region_id="35.72")
    Institution.objects.filter(pk=blitar.pk).update(name="KPU Blitar (lama)")
    Region.objects.filter(code="35").update(name="Jatim")
    ScopeArea.objects.filter(code="lainnya").update(name="Lain-lain")
    count = Institution.objects.count()

    assert load() == SUMMARY.format(created=0, updated=3)

    assert Institution.objects.count() == count
    assert Institution.objects.get(pk=blitar.pk).name == "KPU Kota Blitar"
    assert Region.objects.get(code="35").name == "Jawa Timur"
    assert ScopeArea.objects.get(code="lainnya").name == "Kegiatan lain yang disepakati"


def test_missing_units_are_added_under_the_existing_ones(db):
    """Only what is missing is created; existing units keep their ids and become parents."""
    load()
    kept = Institution.objects.get(body=Body.BAWASLU, region_id="63")
    Institution.objects.filter(body=Body.BAWASLU, level=Level.REGENCY, region__parent="63").delete()
    assert load() == SUMMARY.format(created=13, updated=0)
    assert Institution.objects.election_units().count() == 1106
    assert Institution.objects.get(body=Body.BAWASLU, region_id="63.71").parent == kept
