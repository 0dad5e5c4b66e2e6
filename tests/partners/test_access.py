"""Who may change which institution (issue "Rules that hold as invariants", finding 4): national
staff every partner, a regional editor the partners of its own region; the parent, category and
accreditation of an existing institution only national staff, and never so that a signed
agreement breaks."""

import datetime

import pytest
from django.urls import reverse

from agreements.models import Kind
from partners.models import Category, Institution
from tests.agreements.test_api import client_for
from tests.api_errors import assert_error, error_codes
from tests.conftest import make_agreement

API = "/api/v1/institutions/"


@pytest.fixture
def newspaper(world):
    """A local newspaper of Kota Blitar: no national MoU covers it."""
    return Institution.objects.create(
        name="Radar Blitar", category=Category.MEDIA, region=world.blitar
    )


def patch(user, institution, payload):
    return client_for(user).patch(f"{API}{institution.pk}/", payload, format="json")


def test_a_regional_editor_cannot_make_a_partner_eligible_by_giving_it_a_parent(
    users, world, national_mou, newspaper
):
    """The issue's attack: the newspaper's parent set to Kementerian Agama, then a PKS."""
    response = patch(users.regency_editor, newspaper, {"parent": world.kemenag.pk})
    assert_error(response, 403, "permission_denied")
    assert "national" in response.data["detail"].lower()
    newspaper.refresh_from_db()
    assert newspaper.parent is None
    eligibility = client_for(users.regency_editor).get(
        f"{API}{newspaper.pk}/eligibility/", {"body": "kpu", "on": "2024-06-12"}
    )
    assert eligibility.data["eligible"] is False


def test_a_regional_editor_cannot_change_a_national_agency_or_another_provinces_office(
    users, world
):
    kalsel_office = Institution.objects.create(
        name="Kanwil Kemenag Provinsi Kalimantan Selatan",
        category=Category.VERTICAL_OFFICE,
        parent=world.kemenag,
        region=world.kalsel,
    )
    for institution in (world.kemensos, kalsel_office):
        assert_error(
            patch(users.regency_editor, institution, {"short_name": "X"}), 403, "permission_denied"
        )
        institution.refresh_from_db()
        assert institution.short_name != "X"


def test_a_regional_editor_changes_and_adds_partners_of_its_own_region(users, world, newspaper):
    response = patch(users.regency_editor, newspaper, {"short_name": "Radar"})
    assert response.status_code == 200, response.data
    assert newspaper.history.first().history_user == users.regency_editor
    created = client_for(users.regency_editor).post(
        API,
        {"name": "Karang Taruna Kota Blitar", "category": "civil_society", "region": "35.72"},
        format="json",
    )
    assert created.status_code == 201, created.data
    elsewhere = client_for(users.regency_editor).post(
        API,
        {"name": "Karang Taruna Kota Banjarmasin", "category": "civil_society", "region": "63.71"},
        format="json",
    )
    assert_error(elsewhere, 403, "permission_denied")


def test_a_new_branch_is_entered_whole_and_its_author_recorded(users, world):
    """A regional office registers a local branch of a national organisation, with its parent;
    changing that parent afterwards is for national staff only."""
    created = client_for(users.regency_editor).post(
        API,
        {
            "name": "PC GP Ansor Kota Blitar",
            "category": "civil_society",
            "region": "35.72",
            "parent": world.gp_ansor.pk,
        },
        format="json",
    )
    assert created.status_code == 201, created.data
    branch = Institution.objects.get(pk=created.data["id"])
    assert branch.history.get().history_user == users.regency_editor
    moved = patch(users.regency_editor, branch, {"parent": world.kemenag.pk})
    assert_error(moved, 403, "permission_denied")


def test_national_staff_change_a_parent_unless_it_breaks_a_signed_pks(users, world, national_mou):
    make_agreement(
        world.kpu_jatim,
        [world.kanwil_kemenag_jatim],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=national_mou,
        signed_on=datetime.date(2024, 6, 1),
        valid_until=datetime.date(2026, 5, 31),
        title="PKS Jatim – Kanwil",
    )
    response = patch(
        users.national_editor, world.kanwil_kemenag_jatim, {"parent": world.karang_taruna.pk}
    )
    assert error_codes(response) == {"parent": ["institution_change_breaks_agreement"]}
    assert "PKS Jatim – Kanwil" in response.data["errors"]["parent"][0]["message"]
    world.kanwil_kemenag_jatim.refresh_from_db()
    assert world.kanwil_kemenag_jatim.parent == world.kemenag
    assert (
        patch(users.national_editor, world.karang_taruna, {"parent": world.kemenag.pk}).status_code
        == 200
    )


def test_an_accreditation_that_no_longer_covers_a_signed_agreement_is_refused(users, world):
    make_agreement(
        world.bawaslu_kalsel,
        [world.ulm],
        ["sosialisasi"],
        approval_reference="B/1/2024",
        approved_on=datetime.date(2024, 1, 2),
    )
    response = patch(users.national_editor, world.ulm, {"accreditation_valid_until": "2023-12-31"})
    assert error_codes(response) == {
        "accreditation_valid_until": ["institution_change_breaks_agreement"]
    }


def test_a_loop_of_parents_is_refused(users, world):
    response = patch(
        users.national_editor, world.kemenag, {"parent": world.kanwil_kemenag_jatim.pk}
    )
    assert error_codes(response) == {"parent": ["parent_cycle"]}


def test_the_admin_shows_protected_fields_read_only_to_regional_editors(client, users, newspaper):
    client.force_login(users.regency_editor)
    form = client.get(reverse("admin:partners_institution_change", args=[newspaper.pk]))
    fields = form.context["adminform"].form.fields
    assert "short_name" in fields and "parent" not in fields and "category" not in fields
    client.force_login(users.national_editor)
    fields = (
        client.get(reverse("admin:partners_institution_change", args=[newspaper.pk]))
        .context["adminform"]
        .form.fields
    )
    assert "parent" in fields


def test_the_admin_refuses_a_regional_editor_another_regions_institution(client, users, world):
    client.force_login(users.regency_editor)
    response = client.post(
        reverse("admin:partners_institution_change", args=[world.kemensos.pk]), {"name": "Diubah"}
    )
    assert response.status_code == 403
    world.kemensos.refresh_from_db()
    assert world.kemensos.name == "Kementerian Sosial"
