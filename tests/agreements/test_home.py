"""A home for each role: what needs doing for the user's units, on the pages' home (/) and the
admin's, in a constant number of queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from agreements.models import Agreement, Kind, Status
from agreements.selectors import home
from tests.conftest import make_agreement

TODAY = timezone.localdate()


@pytest.fixture
def lists(world, national_mou):
    """A draft PKS of KPU Kota Blitar, a regional MoU awaiting approval, a PKS of KPU Jatim
    ending in 30 days, and a Bawaslu RI MoU without a PKS for a year."""
    draft = make_agreement(
        world.kpu_blitar,
        [world.kemensos],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=national_mou,
        status=Status.DRAFT,
        signed_on=None,
        valid_until=None,
        title="Draf PKS Blitar",
    )
    waiting = make_agreement(
        world.kpu_jatim,
        [world.kemensos],
        ["sosialisasi"],
        status=Status.AWAITING_APPROVAL,
        signed_on=None,
        title="MoU Jatim menunggu persetujuan",
    )
    ending = make_agreement(
        world.kpu_jatim,
        [world.kanwil_kemenag_jatim],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=national_mou,
        signed_on=TODAY - datetime.timedelta(days=300),
        valid_until=TODAY + datetime.timedelta(days=30),
        title="PKS Jatim yang segera berakhir",
    )
    lonely = make_agreement(
        world.bawaslu_ri,
        [world.karang_taruna],
        ["sosialisasi"],
        signed_on=TODAY - datetime.timedelta(days=400),
        valid_until=TODAY + datetime.timedelta(days=900),
        title="MoU Bawaslu RI tanpa PKS",
    )
    return draft, waiting, ending, lonely


def titles(user):
    return {
        duty.key: [agreement.title for agreement in duty.shown]
        for duty in home.duties_for(user, TODAY)
    }


def test_a_regency_editor_sees_its_units_drafts_and_endings_only(users, lists):
    assert titles(users.regency_editor) == {"drafts": ["Draf PKS Blitar"], "ending": []}


def test_a_provincial_editor_sees_its_units_and_those_under_it(users, lists):
    found = titles(users.provincial_editor)
    assert found["drafts"] == ["Draf PKS Blitar"]
    assert found["ending"] == ["PKS Jatim yang segera berakhir"]
    assert "awaiting" not in found  # an editor does not approve


def test_a_national_approver_is_asked_to_approve_its_bodys_mous(users, lists):
    found = titles(users.national_admin)
    assert found["awaiting"] == ["MoU Jatim menunggu persetujuan"]
    assert found["without_pks"] == ["MoU Bawaslu RI tanpa PKS"]


def test_a_viewer_reads_its_units_duties_but_has_no_drafts(users, lists):
    assert titles(users.national_viewer).keys() == {"ending", "without_pks"}


def test_the_pages_home_lists_what_needs_doing(client, users, lists):
    client.force_login(users.provincial_editor)
    page = client.get("/").content.decode()
    assert "<h1>Yang perlu dikerjakan</h1>" in page
    assert "Draf PKS Blitar" in page and "PKS Jatim yang segera berakhir" in page
    assert "berakhir pada" in page and "dalam 30 hari" in page
    assert reverse("admin:agreements_pks_change", args=[lists[0].pk]) in page
    assert "MoU Bawaslu RI tanpa PKS" not in page


def test_the_admin_home_lists_what_needs_doing(client, users, lists):
    client.force_login(users.regency_editor)
    page = client.get(reverse("admin:index")).content.decode()
    assert "Draf yang perlu diselesaikan" in page and "Draf PKS Blitar" in page
    assert "Kop surat KPU Kota Blitar belum diisi" in page
    assert reverse("admin:partners_institution_change", args=[lists[0].owner_id]) in page


def test_a_user_without_a_unit_reads_the_national_mous_duties(client, users, lists):
    assert titles(users.outsider) == {"ending": []}
    client.force_login(users.outsider)
    assert client.get("/").status_code == 200


def test_anonymous_visitors_sign_in_first(client):
    assert client.get("/").url == f"{reverse('login')}?next=/"


def test_the_home_runs_a_constant_number_of_queries(
    client, users, world, lists, django_assert_num_queries
):
    client.force_login(users.national_admin)
    client.get("/")  # the session and the profile are read once per request anyway
    with django_assert_num_queries(HOME_QUERIES):
        client.get("/")
    for number in range(4):
        make_agreement(
            world.kpu_ri,
            [world.kemenag],
            ["sosialisasi"],
            status=Status.DRAFT,
            signed_on=None,
            valid_until=None,
            title=f"Draf MoU {number}",
        )
    with django_assert_num_queries(HOME_QUERIES):
        response = client.get("/")
    assert Agreement.objects.filter(status=Status.DRAFT).count() == 5
    assert "Menampilkan 5 dari 5." not in response.content.decode()


HOME_QUERIES = 17
