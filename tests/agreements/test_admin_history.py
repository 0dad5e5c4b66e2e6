"""The admin's history pages keep to the user's scope (issue "Rules that hold as invariants",
finding 3): another region's agreement, an unknown, malformed or other-kind id is 404, never a
500 and never the record; a past version is read, never written back."""

import datetime

import pytest
from django.urls import reverse

from agreements.models import Kind
from tests.conftest import make_agreement


@pytest.fixture
def kalsel_mou(world):
    """A Bawaslu Provinsi Kalimantan Selatan MoU with ULM, with an approval letter."""
    return make_agreement(
        world.bawaslu_kalsel,
        [world.ulm],
        ["sosialisasi"],
        title="MoU Bawaslu Kalsel – ULM",
        owner_number="RAHASIA/2024",
        approval_reference="B/77/KA.BAWASLU/2024",
        approved_on=datetime.date(2024, 1, 2),
    )


def history_urls(menu, object_id, version_id):
    return [
        reverse(f"admin:agreements_{menu}_history", args=[object_id]),
        f"/admin/agreements/{menu}/{object_id}/history/{version_id}/",
    ]


def test_another_regions_history_is_not_found(client, users, kalsel_mou):
    client.force_login(users.regency_editor)
    version = kalsel_mou.history.first().history_id
    for url in history_urls("mou", kalsel_mou.pk, version):
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"RAHASIA" not in response.content and b"B/77" not in response.content


@pytest.mark.parametrize(
    "menu, object_id",
    [
        ("mou", "999999"),
        ("mou", "abc"),
        ("mou", "1'"),
        ("mou", "-1"),
        ("pks", "{mou}"),
    ],
)
def test_unknown_malformed_or_other_kind_ids_are_not_found(
    client, users, kalsel_mou, menu, object_id
):
    client.force_login(users.national_admin)
    object_id = object_id.format(mou=kalsel_mou.pk)
    for url in history_urls(menu, object_id, kalsel_mou.history.first().history_id):
        assert client.get(url).status_code == 404, url


def test_an_unknown_or_malformed_version_is_not_found(client, users, kalsel_mou):
    client.force_login(users.national_admin)
    for version in ("999999", "x"):
        assert client.get(history_urls("mou", kalsel_mou.pk, version)[1]).status_code == 404


def test_a_past_version_is_shown_but_never_written_back(client, users, kalsel_mou):
    client.force_login(users.national_admin)
    url = history_urls("mou", kalsel_mou.pk, kalsel_mou.history.first().history_id)[1]
    assert client.get(url).status_code == 200
    assert client.post(url, {"title": "Kembali ke versi lama"}).status_code == 403
    kalsel_mou.refresh_from_db()
    assert kalsel_mou.title == "MoU Bawaslu Kalsel – ULM"


def test_the_own_units_history_is_shown(client, users, world, national_mou):
    pks = make_agreement(
        world.kpu_blitar,
        [world.kemenag],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=national_mou,
        signed_on=datetime.date(2024, 6, 1),
        valid_until=datetime.date(2026, 5, 31),
    )
    client.force_login(users.regency_editor)
    assert client.get(history_urls("pks", pks.pk, 0)[0]).status_code == 200
