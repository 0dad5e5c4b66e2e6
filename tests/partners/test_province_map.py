"""The map of the provinces: a tile for each of the 38 provinces, each a titled link shaded
with the page's coverage classes, user text escaped, the shipped tiles in step with their
generator."""

import csv
import importlib.util
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

import pytest
from django.utils import translation

from partners import province_map
from partners.province_map import Cell, province_map_svg
from partners.reference import DATA_DIR

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def indonesian():
    """The texts in the interface's language, whatever an earlier test left active."""
    with translation.override("id"):
        yield


def province_codes():
    with open(DATA_DIR / "provinces.csv", newline="", encoding="utf-8") as handle:
        return [row["code"] for row in csv.DictReader(handle)]


def all_cells(**overrides):
    cells = {
        code: Cell(int(code) % 5, f"Provinsi {code}", f"/dasbor/?province={code}")
        for code in province_codes()
    }
    return {**cells, **overrides}


def parsed(markup):
    """The markup as an XML tree: it must be well-formed (the page inlines it)."""
    return ElementTree.fromstring(str(markup))


def links(tree):
    """The map's links by the province code they carry."""
    return {
        parse_qs(urlsplit(link.get("href")).query)["province"][0]: link
        for link in tree.iter(f"{SVG}a")
    }


def test_every_province_has_a_tile_and_a_titled_link():
    codes = province_codes()
    assert len(codes) == 38 and {"93", "94", "95", "96"} <= set(codes)
    assert set(province_map.tiles()["provinces"]) == set(codes)

    tree = parsed(province_map_svg(all_cells()))
    by_code = links(tree)
    assert set(by_code) == set(codes)
    for code, link in by_code.items():
        assert link.get("aria-label") == f"Provinsi {code}"
        assert link.find(f"{SVG}title").text == f"Provinsi {code}"
        assert link.find(f".//{SVG}path").get("d").startswith("M")
    svg = tree.find(f"{SVG}svg")
    assert svg.get("role") == "group" and svg.get("aria-label")


def test_shades_are_the_dashboard_heat_classes():
    tree = parsed(
        province_map_svg(
            all_cells(
                **{
                    "35": (4, "Jawa Timur", "/dasbor/?province=35"),
                    "11": (0, "Aceh", "/dasbor/?province=11"),
                }
            )
        )
    )
    by_code = links(tree)
    assert by_code["35"].find(f"{SVG}g").get("class") == "heat--4"
    assert by_code["11"].find(f"{SVG}g").get("class") == "heat--0"
    legend = tree.find("ul")
    assert [item.find("span").get("class") for item in legend] == [
        f"heat heat--{shade}" for shade in range(5)
    ]
    assert [item.find("span").tail for item in legend] == [
        "belum ada unit",
        "di bawah 25%",
        "25–49%",
        "50–74%",
        "75% atau lebih",
    ]


def test_user_text_is_escaped():
    hostile = 'Jawa Timur <script>alert("x")</script> & <b>'
    markup = province_map_svg(all_cells(**{"35": (2, hostile, "/dasbor/?province=35&b=<i>")}))
    assert "<script" not in markup and "<b>" not in markup
    tree = parsed(markup)
    assert not list(tree.iter(f"{SVG}script"))
    link = links(tree)["35"]
    assert link.find(f"{SVG}title").text == hostile
    assert link.get("href") == "/dasbor/?province=35&b=<i>"


def test_a_province_without_figures_is_drawn_blank_and_unlinked():
    cells = all_cells()
    del cells["94"]
    tree = parsed(province_map_svg(cells))
    assert "94" not in links(tree)
    blank = [
        group
        for group in tree.iter(f"{SVG}g")
        if "province-map__province--blank" in (group.get("class") or "")
    ]
    assert [group.find(f"{SVG}title").text for group in blank] == ["Papua Tengah: tanpa angka"]


@pytest.mark.parametrize(
    "cell, message",
    [
        ((5, "Aceh", "/dasbor/"), "shade"),
        ((1, "Aceh", "https://elsewhere.example/"), "page of this site"),
        ((1, "Aceh", "//elsewhere.example/"), "page of this site"),
        ((1, "Aceh", "javascript:alert(1)"), "page of this site"),
    ],
)
def test_a_shade_out_of_range_or_a_foreign_link_is_refused(cell, message):
    with pytest.raises(ValueError, match=message):
        province_map_svg(all_cells(**{"11": cell}))


def test_an_unknown_province_code_is_refused():
    with pytest.raises(ValueError, match="99"):
        province_map_svg(all_cells(**{"99": (1, "Nowhere", "/dasbor/")}))


def test_the_shipped_tiles_are_what_the_generator_makes():
    path = DATA_DIR / "build_province_map.py"
    spec = importlib.util.spec_from_file_location("build_province_map", path)
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    assert builder.main(["--check"]) == 0
    size = province_map.MAP_FILE.stat().st_size
    assert size < 50_000
