"""The dashboard's PKS coverage as the map of the provinces: both bodies' units together, each
body's figures in the title, a link to the dashboard for the province, no query of its own."""

import datetime
from xml.etree import ElementTree

import pytest
from django.utils import timezone, translation

from agreements.coverage_map import coverage_cells, coverage_map
from agreements.models import Kind
from agreements.selectors.dashboard import coverage_by_province
from tests.conftest import make_agreement


@pytest.fixture(autouse=True)
def indonesian():
    """The texts in the interface's language, whatever an earlier test left active."""
    with translation.override("id"):
        yield


@pytest.fixture
def provinces(world, national_mou):
    """KPU Kota Blitar (Jawa Timur) holds a PKS in force; KPU Kota Banjarmasin (Kalimantan
    Selatan) held one that ended yesterday."""
    make_agreement(
        world.kpu_blitar,
        [world.kemensos],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=national_mou,
        title="PKS KPU Blitar dengan Kemensos",
    )
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    make_agreement(
        world.kpu_banjarmasin,
        [world.kemenag],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=national_mou,
        signed_on=yesterday - datetime.timedelta(days=30),
        valid_until=yesterday,
        title="PKS KPU Banjarmasin yang sudah berakhir",
    )
    return coverage_by_province(timezone.localdate())[0]


def test_a_province_is_shaded_by_both_bodies_units_and_titled_with_each(
    provinces, django_assert_num_queries
):
    with django_assert_num_queries(0):
        cells = coverage_cells(provinces)
    # Jawa Timur: KPU 1 of 2 units, Bawaslu 0 of 2: a quarter of its four units.
    jatim = cells["35"]
    assert jatim.shade == 2
    assert jatim.label == (
        "Jawa Timur: 25% satuan kerjanya memiliki PKS yang berlaku (KPU 1 dari 2, Bawaslu 0 dari 2)"
    )
    assert jatim.url == "/dasbor/?province=35"
    assert cells["63"].shade == 0
    assert "0% satuan kerjanya" in cells["63"].label


def test_the_map_links_every_province_of_the_dashboard(provinces):
    tree = ElementTree.fromstring(str(coverage_map(provinces)))
    hrefs = {link.get("href") for link in tree.iter("{http://www.w3.org/2000/svg}a")}
    assert hrefs == {f"/dasbor/?province={province.code}" for province in provinces}
