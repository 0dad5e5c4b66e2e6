"""What the read paths made fast must still answer: the list exactly as the serializer shows
it, the dashboard's kept counts equal to counting the table, searches that tolerate a typo."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from agreements import tally
from agreements.models import Agreement, AgreementTally, Kind, Status, TallyDay
from agreements.selectors.dashboard import agreement_counts, in_force_by_kind
from agreements.serializers import AgreementSerializer
from agreements.tasks import count_the_new_day
from tests.conftest import make_agreement

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="kept by PostgreSQL triggers, trigram search"
)


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def pks_under(world, national_mou):
    """A signed PKS of KPU Kota Blitar, a draft of KPU Jatim and a terminated one."""
    signed = make_agreement(
        world.kpu_blitar,
        [world.kemensos],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=national_mou,
        title="PKS Blitar",
    )
    draft = make_agreement(
        world.kpu_jatim,
        [world.kemenag, world.kemensos],
        ["pendidikan_pemilih", "sosialisasi"],
        kind=Kind.PKS,
        parent=national_mou,
        status=Status.DRAFT,
        signed_on=None,
        valid_from=None,
        valid_until=None,
        title="Draf PKS Jatim",
    )
    return signed, draft


def test_the_list_answers_what_the_serializer_shows(users, pks_under):
    rows = api(users.national_admin).get("/api/v1/agreements/").json()["results"]
    expected = [
        AgreementSerializer(agreement).data for agreement in Agreement.objects.order_by("-id")
    ]
    assert rows == [dict(item) for item in expected]
    draft = next(row for row in rows if row["title"] == "Draf PKS Jatim")
    assert draft["signed_on"] is None and draft["in_force"] is False
    assert draft["scopes"] == ["sosialisasi", "pendidikan_pemilih"]  # the scope areas' order


def counted():
    return sorted(
        tally.live(timezone.localdate()).values_list(
            "owner_id", "kind", "status", "total", "in_force"
        )
    )


def kept():
    return sorted(
        AgreementTally.objects.filter(total__gt=0).values_list(
            "owner_id", "kind", "status", "total", "in_force"
        )
    )


@postgresql_only
def test_the_kept_counts_follow_every_way_of_writing(world, national_mou, pks_under):
    signed, draft = pks_under
    assert kept() == counted()
    Agreement.objects.filter(pk=signed.pk).update(
        status=Status.TERMINATED,
        terminated_on=timezone.localdate() - datetime.timedelta(days=1),
        termination_reason="Selesai lebih awal",
    )
    Agreement.objects.bulk_create(
        Agreement(
            kind=Kind.PKS, owner=world.kpu_banjarmasin, parent=national_mou, title=f"Draf {n}"
        )
        for n in range(3)
    )
    draft.delete()
    assert kept() == counted()


@postgresql_only
def test_an_end_moved_by_an_addendum_moves_the_kept_counts(world, national_mou):
    """ "In force" ends at ``effective_until``, the end as extended by the addenda: the tally's
    trigger follows that column as the queries do."""
    ended = timezone.localdate() - datetime.timedelta(days=1)
    Agreement.objects.filter(pk=national_mou.pk).update(valid_until=ended, effective_until=ended)
    assert kept() == counted()
    Agreement.objects.filter(pk=national_mou.pk).update(
        effective_until=timezone.localdate() + datetime.timedelta(days=30)
    )
    assert kept() == counted()


@postgresql_only
def test_a_tally_of_another_day_is_counted_again_when_read(world, national_mou, pks_under):
    TallyDay.objects.update(day=timezone.localdate() - datetime.timedelta(days=400))
    rows = agreement_counts(timezone.localdate())
    assert TallyDay.objects.get().day == timezone.localdate()
    assert kept() == counted()
    assert in_force_by_kind(rows) == {"mou": 1, "pks": 1}


def test_a_write_changes_the_dashboard_at_once(client, users, world, national_mou):
    client.force_login(users.national_viewer)
    before = client.get("/dasbor/").context["in_force"]["pks"]
    make_agreement(
        world.kpu_blitar,
        [world.kemensos],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=national_mou,
        title="PKS baru",
    )
    assert client.get("/dasbor/").context["in_force"]["pks"] == before + 1


@postgresql_only
@pytest.mark.parametrize("text", ["Kementrian Agama", "kementrian agama"])
def test_a_typo_in_a_name_still_finds_the_institution(client, users, world, text):
    names = [
        row["name"]
        for row in api(users.national_admin)
        .get("/api/v1/institutions/", {"q": text})
        .json()["results"]
    ]
    assert "Kementerian Agama" in names
    client.force_login(users.regency_editor)
    page = client.get("/mitra/", {"q": text}).context["page"]
    assert page.object_list[0].institution == world.kemenag


def test_search_words_are_not_patterns(users, world):
    found = api(users.national_admin).get("/api/v1/institutions/", {"q": "%"}).json()
    assert found["results"] == []
    found = api(users.national_admin).get("/api/v1/institutions/", {"q": "agama kemenag"}).json()
    assert [row["name"] for row in found["results"]] == ["Kementerian Agama"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the tally is kept on PostgreSQL")
def test_the_nightly_task_counts_the_new_day(world, national_mou):
    TallyDay.objects.update(day=datetime.date(2020, 1, 1))
    count_the_new_day.delay()
    assert TallyDay.objects.get().day == timezone.localdate()
