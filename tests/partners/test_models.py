"""The shared region and parent-chain helpers: one "province or its regencies" condition and one
walk up an institution's parents, with its depth named once (``COVERAGE_DEPTH``)."""

import pytest

from partners.models import (
    COVERAGE_DEPTH,
    PARENT_CHAIN,
    Category,
    Institution,
    in_province,
    province_code_of,
    province_name_of,
    self_or_ancestor_in,
)


def chain_of(length, top):
    """``length`` institutions under ``top``, each the parent of the next; the deepest last."""
    chain, parent = [], top
    for level in range(1, length + 1):
        parent = Institution.objects.create(
            name=f"Kantor tingkat {level}", category=Category.VERTICAL_OFFICE, parent=parent
        )
        chain.append(parent)
    return chain


def test_a_province_code_matches_the_province_and_its_regencies_only(world):
    kantor_blitar = Institution.objects.create(
        name="Kantor Kemenag Kota Blitar", category=Category.VERTICAL_OFFICE, region=world.blitar
    )
    found = set(Institution.objects.filter(in_province("35")).values_list("name", flat=True))
    assert {
        "KPU Provinsi Jawa Timur",
        "KPU Kota Blitar",
        "Bawaslu Kota Blitar",
        "Kanwil Kemenag Provinsi Jawa Timur",
        kantor_blitar.name,
    } <= found
    assert "KPU Provinsi Kalimantan Selatan" not in found
    assert "Universitas Lambung Mangkurat" not in found
    # A regency code matches that regency alone.
    assert set(Institution.objects.filter(in_province("35.72")).values_list("name", flat=True)) == {
        "KPU Kota Blitar",
        "Bawaslu Kota Blitar",
        kantor_blitar.name,
    }


def test_province_code_and_name_of_a_regency_and_a_province(world):
    rows = dict(
        Institution.objects.filter(pk__in=[world.kpu_blitar.pk, world.kpu_kalsel.pk])
        .annotate(code=province_code_of(), province=province_name_of())
        .values_list("name", "province")
    )
    assert rows == {
        "KPU Kota Blitar": "Jawa Timur",
        "KPU Provinsi Kalimantan Selatan": "Kalimantan Selatan",
    }
    codes = set(
        Institution.objects.filter(pk__in=[world.kpu_blitar.pk, world.kpu_jatim.pk])
        .annotate(code=province_code_of())
        .values_list("code", flat=True)
    )
    assert codes == {"35"}


def test_the_chain_is_walked_as_deep_as_coverage_reaches_and_no_deeper(world):
    chain = chain_of(COVERAGE_DEPTH + 1, world.kemenag)
    deepest = Institution.objects.select_related(PARENT_CHAIN).get(pk=chain[-1].pk)
    lineage = deepest.lineage()
    assert len(lineage) == COVERAGE_DEPTH + 1
    assert [member.pk for member in lineage] == [chain[i].pk for i in range(COVERAGE_DEPTH, -1, -1)]
    assert world.kemenag not in lineage  # one level too far up


def test_a_loaded_chain_costs_no_query(world, django_assert_num_queries):
    chain = chain_of(COVERAGE_DEPTH - 1, world.kemenag)
    deepest = Institution.objects.select_related(PARENT_CHAIN).get(pk=chain[-1].pk)
    with django_assert_num_queries(0):
        names = [member.name for member in deepest.lineage()]
    assert names[-1] == "Kementerian Agama"


@pytest.mark.parametrize("depth", range(COVERAGE_DEPTH + 2))
def test_the_filter_and_the_walk_agree_at_every_depth(world, depth):
    """``self_or_ancestor_in`` (SQL, for lists) and ``lineage`` (Python, for rules and pages)
    reach exactly the same ancestors."""
    chain = chain_of(depth, world.kemenag)
    member = Institution.objects.select_related(PARENT_CHAIN).get(
        pk=(chain[-1] if chain else world.kemenag).pk
    )
    walked = world.kemenag.pk in {ancestor.pk for ancestor in member.lineage()}
    filtered = Institution.objects.filter(
        self_or_ancestor_in([world.kemenag.pk]), pk=member.pk
    ).exists()
    assert walked == filtered == (depth <= COVERAGE_DEPTH)


def test_a_loop_in_the_parents_ends_the_walk(world):
    office = Institution.objects.create(
        name="Kantor A", category=Category.VERTICAL_OFFICE, parent=world.kemenag
    )
    Institution.objects.filter(pk=world.kemenag.pk).update(parent=office)
    office = Institution.objects.select_related(PARENT_CHAIN).get(pk=office.pk)
    assert [member.pk for member in office.lineage()] == [office.pk, world.kemenag.pk]
