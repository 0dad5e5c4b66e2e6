"""API v1 as other systems use it: authentication, regions, institutions and partner eligibility."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from rest_framework.test import APIClient

from agreements.models import Status
from partners.models import Category, Institution
from tests.api_errors import assert_error, error_codes
from tests.conftest import PASSWORD, make_agreement

API = "/api/v1/"
INSTITUTION_FIELDS = {
    "id",
    "name",
    "short_name",
    "category",
    "body",
    "level",
    "region",
    "parent",
    "accreditation",
    "accreditation_valid_until",
}


# Every 404 is a 500 today: kemitraan.api.error_response calls get_full_details() on Django's
# Http404 before DRF has turned it into NotFound. ``raises`` keeps any other failure visible.


def client_for(user=None, language="en"):
    """An API client signed in as ``user`` (anonymous if None).

    The user is read afresh, so that nothing cached on the fixture's user object by an earlier
    request (the staff profile) hides a query a real request makes.
    """
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    if user is not None:
        client.force_authenticate(get_user_model().objects.get(pk=user.pk))
    return client


def results(response):
    """The rows of a list answer, paginated ({"next", "previous", "results"}) or not."""
    assert response.status_code == 200, response.data
    data = response.data
    return data["results"] if isinstance(data, dict) else data


def institution_url(institution, suffix=""):
    return f"{API}institutions/{institution.pk}/{suffix}"


def eligibility(user, institution, language="en", **params):
    return client_for(user, language).get(institution_url(institution, "eligibility/"), params)


# Authentication ---------------------------------------------------------------------------------


def test_token_for_username_and_password_authenticates_later_requests(users):
    response = APIClient().post(
        f"{API}auth/token/", {"username": "editor_blitar", "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200
    assert set(response.data) == {"token"}

    client = APIClient(HTTP_AUTHORIZATION=f"Token {response.data['token']}")
    assert client.get(f"{API}institutions/").status_code == 200


def test_wrong_password_gives_no_token_and_answers_in_the_error_format(users):
    response = APIClient().post(
        f"{API}auth/token/", {"username": "editor_blitar", "password": "salah"}, format="json"
    )
    assert "token" not in response.data
    assert error_codes(response) == {"non_field_errors": ["authorization"]}


def test_unknown_token_is_refused(users):
    client = APIClient(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    assert_error(client.get(f"{API}institutions/"), 401, "authentication_failed")


@pytest.mark.parametrize(
    "path",
    [
        "regions/",
        "regions/35/",
        "institutions/",
        "institutions/{kanwil}/",
        "institutions/{kanwil}/eligibility/?body=kpu",
        "agreements/",
        "agreements/{mou}/",
    ],
)
def test_anonymous_requests_are_refused_with_401(world, national_mou, path):
    url = API + path.format(kanwil=world.kanwil_kemenag_jatim.pk, mou=national_mou.pk)
    response = APIClient().get(url)
    assert_error(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"].startswith("Token")


# Regions ----------------------------------------------------------------------------------------


def test_region_detail_by_kemendagri_code(users):
    response = client_for(users.regency_editor).get(f"{API}regions/35.72/")
    assert response.status_code == 200
    assert response.data == {"code": "35.72", "name": "Kota Blitar", "kind": "city", "parent": "35"}


def test_unknown_region_code_is_404(users):
    assert_error(client_for(users.regency_editor).get(f"{API}regions/99/"), 404, "not_found")


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ({}, {"35", "35.72", "63", "63.71"}),
        ({"kind": "province"}, {"35", "63"}),
        ({"kind": "city"}, {"35.72", "63.71"}),
        ({"kind": "regency"}, set()),
        ({"parent": "35"}, {"35.72"}),
        ({"q": "blitar"}, {"35.72"}),
        ({"q": "KALIMANTAN sel"}, {"63"}),
        ({"q": "63.71"}, {"63.71"}),
    ],
    ids=["all", "provinces", "cities", "kabupaten", "parent", "q", "q-words-any-case", "q-code"],
)
def test_region_filters(users, query, codes):
    rows = results(client_for(users.regency_editor).get(f"{API}regions/", query))
    assert {row["code"] for row in rows} == codes
    assert all(set(row) == {"code", "name", "kind", "parent"} for row in rows)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "regions/"),
        ("put", "regions/35/"),
        ("patch", "regions/35/"),
        ("delete", "regions/35/"),
    ],
)
def test_regions_are_read_only(users, world, method, path):
    payload = {"code": "35", "name": "Jatim", "kind": "province"}
    response = getattr(client_for(users.national_admin), method)(API + path, payload, format="json")
    assert response.status_code in (403, 405)
    world.jatim.refresh_from_db()
    assert world.jatim.name == "Jawa Timur"


# Institutions: representation and filters -------------------------------------------------------


def test_institution_fields_follow_the_contract(users, world):
    client = client_for(users.regency_editor)
    unit = client.get(institution_url(world.kpu_blitar)).data
    office = client.get(institution_url(world.kanwil_kemenag_jatim)).data
    university = client.get(institution_url(world.ulm)).data

    assert set(unit) == set(office) == set(university) == INSTITUTION_FIELDS
    assert unit == {
        "id": world.kpu_blitar.pk,
        "name": "KPU Kota Blitar",
        "short_name": "",
        "category": "election_body",
        "body": "kpu",
        "level": "regency",
        "region": "35.72",
        "parent": world.kpu_jatim.pk,
        "accreditation": None,
        "accreditation_valid_until": None,
    }
    assert (office["category"], office["body"], office["level"], office["accreditation"]) == (
        "vertical_office",
        None,
        None,
        None,
    )
    assert (office["region"], office["parent"]) == ("35", world.kemenag.pk)
    assert (university["accreditation"], university["accreditation_valid_until"]) == (
        "unggul",
        "2028-12-31",
    )
    assert (university["body"], university["level"]) == (None, None)


def names(user, **query):
    return {
        row["name"]
        for row in results(client_for(user).get(f"{API}institutions/", {"page_size": 200, **query}))
    }


JATIM = {
    "KPU Provinsi Jawa Timur",
    "KPU Kota Blitar",
    "Bawaslu Provinsi Jawa Timur",
    "Bawaslu Kota Blitar",
    "Kanwil Kemenag Provinsi Jawa Timur",
}
KALSEL = {
    "KPU Provinsi Kalimantan Selatan",
    "KPU Kota Banjarmasin",
    "Bawaslu Provinsi Kalimantan Selatan",
    "Universitas Lambung Mangkurat",
}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"category": "vertical_office"}, {"Kanwil Kemenag Provinsi Jawa Timur"}),
        ({"category": "university"}, {"Universitas Lambung Mangkurat"}),
        (
            {"body": "bawaslu"},
            {
                "Badan Pengawas Pemilihan Umum Republik Indonesia",
                "Bawaslu Provinsi Jawa Timur",
                "Bawaslu Kota Blitar",
                "Bawaslu Provinsi Kalimantan Selatan",
            },
        ),
        (
            {"body": "kpu", "level": "province"},
            {"KPU Provinsi Jawa Timur", "KPU Provinsi Kalimantan Selatan"},
        ),
        (
            {"level": "national"},
            {
                "Komisi Pemilihan Umum Republik Indonesia",
                "Badan Pengawas Pemilihan Umum Republik Indonesia",
            },
        ),
        ({"region": "35"}, JATIM),
        ({"region": "63"}, KALSEL),
        ({"region": "35.72"}, {"KPU Kota Blitar", "Bawaslu Kota Blitar"}),
        ({"parent": "{kemenag}"}, {"Kanwil Kemenag Provinsi Jawa Timur"}),
        ({"parent": "{gp_ansor}"}, {"PC GP Ansor Kota Kraksaan"}),
        ({"q": "kanwil jawa"}, {"Kanwil Kemenag Provinsi Jawa Timur"}),
        ({"q": "KANWIL Jaw"}, {"Kanwil Kemenag Provinsi Jawa Timur"}),
        ({"q": "ansor"}, {"PP GP Ansor", "PC GP Ansor Kota Kraksaan"}),
        ({"q": "kemensos"}, {"Kementerian Sosial"}),
        ({"q": "kanwil kalimantan"}, set()),
    ],
    ids=lambda value: (
        "&".join(f"{k}={v}" for k, v in value.items()) if isinstance(value, dict) else ""
    ),
)
def test_institution_filters(users, world, query, expected):
    ids = {"kemenag": world.kemenag.pk, "gp_ansor": world.gp_ansor.pk}
    assert names(users.regency_editor, **{k: v.format(**ids) for k, v in query.items()}) == expected


@pytest.fixture
def mou_history(world, national_mou, bawaslu_national_mou):
    """Besides both national MoUs in force: KPU RI MoUs that ended (terminated, expired) and a
    regional MoU, none of which makes a partner eligible today."""
    make_agreement(
        world.kpu_ri,
        [world.karang_taruna],
        ["sosialisasi"],
        status=Status.TERMINATED,
        terminated_on=datetime.date(2025, 6, 30),
        termination_reason="Diakhiri atas kesepakatan.",
        title="MoU KPU RI dengan Karang Taruna (diakhiri)",
    )
    make_agreement(
        world.kpu_ri,
        [world.gp_ansor],
        ["sosialisasi"],
        signed_on=datetime.date(2015, 3, 2),
        valid_until=datetime.date(2019, 3, 1),
        title="MoU KPU RI dengan PP GP Ansor 2015",
    )
    make_agreement(
        world.kpu_jatim,
        [world.ulm],
        ["penelitian"],
        approval_reference="12/PY.01/KPU/2024",
        approved_on=datetime.date(2024, 1, 2),
        title="MoU KPU Jatim dengan ULM",
    )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("kpu", {"Kementerian Sosial", "Kementerian Agama", "Kanwil Kemenag Provinsi Jawa Timur"}),
        (
            "bawaslu",
            {
                "Kementerian Sosial",
                "Kementerian Agama",
                "Kanwil Kemenag Provinsi Jawa Timur",
                "PP GP Ansor",
                "PC GP Ansor Kota Kraksaan",
            },
        ),
    ],
)
def test_national_mou_filter_lists_partners_covered_today(users, mou_history, body, expected):
    assert names(users.regency_editor, national_mou=body) == expected


@pytest.mark.parametrize(
    "query",
    [
        {"national_mou": "kpud"},
        {"category": "ngo"},
        {"level": "kota"},
        {"parent": "abc"},
    ],
)
def test_invalid_institution_filter_is_400(users, query):
    response = client_for(users.regency_editor).get(f"{API}institutions/", query)
    assert set(error_codes(response)) == set(query)


# Institutions: writing --------------------------------------------------------------------------

NEW_UNIVERSITY = {
    "name": "Universitas Islam Balitar",
    "short_name": "UNISBA",
    "category": "university",
    "region": "35.72",
    "accreditation": "baik",
    "accreditation_valid_until": "2027-08-31",
}
NEW_ELECTION_UNIT = {
    "name": "Bawaslu Kota Banjarmasin",
    "category": "election_body",
    "body": "bawaslu",
    "level": "regency",
    "region": "63.71",
}


def test_editor_creates_a_partner_institution(users):
    payload = {**NEW_UNIVERSITY, "body": None, "level": None, "parent": None}
    response = client_for(users.regency_editor).post(f"{API}institutions/", payload, format="json")
    assert response.status_code == 201, response.data
    created = Institution.objects.get(pk=response.data["id"])
    assert (created.name, created.category, created.region_id, created.accreditation) == (
        "Universitas Islam Balitar",
        Category.UNIVERSITY,
        "35.72",
        "baik",
    )
    assert created.accreditation_valid_until == datetime.date(2027, 8, 31)
    assert (created.body, created.level) == ("", "")
    assert response.data == {"id": created.pk, **payload}


def test_partner_can_be_created_without_election_unit_fields(users):
    response = client_for(users.regency_editor).post(
        f"{API}institutions/", NEW_UNIVERSITY, format="json"
    )
    assert response.status_code == 201, response.data
    assert (response.data["body"], response.data["level"]) == (None, None)


@pytest.mark.parametrize("who", ["national_viewer", "outsider"])
def test_users_who_may_not_write_cannot_create_institutions(users, who):
    payload = {**NEW_UNIVERSITY, "body": None, "level": None}
    response = client_for(getattr(users, who)).post(f"{API}institutions/", payload, format="json")
    assert_error(response, 403, "permission_denied")
    assert not Institution.objects.filter(name=NEW_UNIVERSITY["name"]).exists()


def test_only_a_superuser_creates_an_election_unit(users, world, django_user_model):
    response = client_for(users.national_admin).post(
        f"{API}institutions/", NEW_ELECTION_UNIT, format="json"
    )
    assert_error(response, 403, "permission_denied")
    assert not Institution.objects.filter(name=NEW_ELECTION_UNIT["name"]).exists()

    superuser = django_user_model.objects.create_superuser("root", password=PASSWORD)
    payload = {**NEW_ELECTION_UNIT, "parent": world.bawaslu_kalsel.pk}
    response = client_for(superuser).post(f"{API}institutions/", payload, format="json")
    assert response.status_code == 201, response.data
    assert response.data["body"] == "bawaslu"


def test_non_superuser_cannot_change_an_election_unit(users, world):
    response = client_for(users.national_admin).patch(
        institution_url(world.kpu_blitar), {"name": "KPU Blitar"}, format="json"
    )
    assert_error(response, 403, "permission_denied")
    world.kpu_blitar.refresh_from_db()
    assert world.kpu_blitar.name == "KPU Kota Blitar"


def test_partner_cannot_be_turned_into_an_election_unit(users, world):
    payload = {
        "category": "election_body",
        "body": "bawaslu",
        "level": "regency",
        "region": "63.71",
    }
    response = client_for(users.national_admin).patch(
        institution_url(world.karang_taruna), payload, format="json"
    )
    assert_error(response, 403, "permission_denied")
    world.karang_taruna.refresh_from_db()
    assert world.karang_taruna.category == Category.CIVIL_SOCIETY


def test_editor_changes_a_partner(users, world):
    response = client_for(users.national_editor).patch(
        institution_url(world.karang_taruna), {"short_name": "KT"}, format="json"
    )
    assert response.status_code == 200, response.data
    world.karang_taruna.refresh_from_db()
    assert world.karang_taruna.short_name == "KT"


ACCREDITED_ORGANISATION = {
    "name": "Ikatan Pelajar Nahdlatul Ulama",
    "category": "civil_society",
    "body": None,
    "level": None,
    "accreditation": "a",
    "accreditation_valid_until": "2027-01-01",
}


def test_constraint_violation_is_400_and_saves_nothing(users):
    response = client_for(users.national_editor).post(
        f"{API}institutions/", ACCREDITED_ORGANISATION, format="json"
    )
    assert error_codes(response)
    assert not Institution.objects.filter(name=ACCREDITED_ORGANISATION["name"]).exists()


def test_constraint_violation_names_the_field(users):
    response = client_for(users.national_editor).post(
        f"{API}institutions/", ACCREDITED_ORGANISATION, format="json"
    )
    assert "__all__" not in response.data["errors"]
    assert "accreditation" in response.data["errors"]


# Eligibility ------------------------------------------------------------------------------------


def test_eligible_through_parent_lists_the_mou_with_its_scopes(users, world, national_mou):
    response = eligibility(
        users.regency_editor, world.kanwil_kemenag_jatim, body="kpu", on="2024-06-12"
    )
    assert response.status_code == 200
    reason = response.data.pop("reason")
    assert response.data == {
        "institution": world.kanwil_kemenag_jatim.pk,
        "body": "kpu",
        "on": "2024-06-12",
        "eligible": True,
        "mous": [
            {
                "id": national_mou.pk,
                "title": "Nota Kesepahaman KPU RI dengan Kemensos dan Kemenag",
                "owner": world.kpu_ri.pk,
                "valid_from": "2024-01-15",
                "valid_until": "2028-12-31",
                "effective_until": "2028-12-31",
                "scopes": ["sosialisasi", "pendidikan_pemilih"],
            }
        ],
    }
    assert "Kementerian Agama" in reason


def test_kpu_mou_does_not_make_a_partner_eligible_for_bawaslu(users, world, national_mou):
    response = eligibility(
        users.regency_editor, world.kanwil_kemenag_jatim, body="bawaslu", on="2024-06-12"
    )
    assert (response.data["eligible"], response.data["mous"]) == (False, [])


def test_unrelated_partner_is_not_eligible(users, world, national_mou):
    response = eligibility(users.regency_editor, world.karang_taruna, body="kpu", on="2024-06-12")
    assert (response.data["eligible"], response.data["mous"]) == (False, [])


@pytest.mark.parametrize(
    ("day", "eligible"),
    [
        ("2024-01-14", False),
        ("2024-01-15", True),
        ("2028-12-31", True),
        ("2029-01-01", False),
    ],
)
def test_eligible_only_within_the_mou_validity(users, world, national_mou, day, eligible):
    response = eligibility(users.regency_editor, world.kanwil_kemenag_jatim, body="kpu", on=day)
    assert response.data["eligible"] is eligible
    assert len(response.data["mous"]) == int(eligible)


def test_on_defaults_to_today(users, world, national_mou):
    response = eligibility(users.regency_editor, world.kemensos, body="kpu")
    assert response.data["on"] == timezone.localdate().isoformat()
    assert response.data["eligible"] is True


@pytest.mark.parametrize(("day", "eligible"), [("2025-06-01", True), ("2026-06-01", False)])
def test_university_needs_an_accreditation_valid_on_the_day(users, world, day, eligible):
    mou = make_agreement(world.kpu_ri, [world.ulm], ["penelitian"])
    Institution.objects.filter(pk=world.ulm.pk).update(
        accreditation_valid_until=datetime.date(2025, 12, 31)
    )
    response = eligibility(users.regency_editor, world.ulm, body="kpu", on=day)
    assert response.data["eligible"] is eligible
    assert [row["id"] for row in response.data["mous"]] == [mou.pk]
    assert ("BAN-PT" in response.data["reason"]) is not eligible


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"on": "2024-06-12"}, "body"),
        ({"body": "kpud", "on": "2024-06-12"}, "body"),
        ({"body": "", "on": "2024-06-12"}, "body"),
        ({"body": "kpu", "on": "2024-02-30"}, "on"),
        ({"body": "kpu", "on": "besok"}, "on"),
    ],
)
def test_invalid_eligibility_question_is_400_naming_the_parameter(users, world, params, field):
    response = eligibility(users.regency_editor, world.kemensos, **params)
    assert set(error_codes(response)) == {field}


def test_eligibility_of_unknown_institution_is_404(users):
    response = client_for(users.regency_editor).get(
        f"{API}institutions/999999/eligibility/", {"body": "kpu"}
    )
    assert_error(response, 404, "not_found")


@pytest.mark.parametrize("partner", ["kanwil_kemenag_jatim", "karang_taruna"])
def test_reason_follows_the_request_language(users, world, national_mou, partner):
    institution = getattr(world, partner)
    indonesian = eligibility(
        users.regency_editor, institution, "id", body="kpu", on="2024-06-12"
    ).data["reason"]
    english = eligibility(
        users.regency_editor, institution, "en", body="kpu", on="2024-06-12"
    ).data["reason"]
    assert "12 June 2024" in english
    assert "12 Juni 2024" in indonesian
    assert " PKS " in indonesian
    # More than the month name is translated.
    assert english.replace("June", "Juni") != indonesian


@pytest.mark.parametrize(
    ("partner", "queries"),
    [
        # The institution with its parents, the MoUs, their scopes, their addenda (which add
        # scopes; their scopes are read only when there are addenda).
        ("kanwil_kemenag_jatim", 4),
        ("karang_taruna", 2),  # no MoU found: no scopes to fetch
    ],
)
def test_eligibility_query_count(
    users, world, national_mou, django_assert_num_queries, partner, queries
):
    client = client_for(users.regency_editor)
    with django_assert_num_queries(queries):
        response = client.get(
            institution_url(getattr(world, partner), "eligibility/"),
            {"body": "kpu", "on": "2024-06-12"},
        )
    assert response.status_code == 200


# Institutions: cost and pagination --------------------------------------------------------------


@pytest.fixture
def many_partners(world):
    """Forty more partners: local offices under the Kanwil, with their region and parent."""
    Institution.objects.bulk_create(
        Institution(
            name=f"Kantor Kemenag {number:02d}",
            category=Category.VERTICAL_OFFICE,
            parent=world.kanwil_kemenag_jatim,
            region=world.blitar,
        )
        for number in range(40)
    )


@pytest.mark.parametrize(
    "query",
    [{}, {"national_mou": "kpu", "region": "35", "q": "kemenag"}],
    ids=["plain", "filtered"],
)
def test_institution_list_cost_does_not_grow_with_page_size(
    users, many_partners, national_mou, django_assert_max_num_queries, query
):
    total = len(names(users.regency_editor, **query))
    assert total > 40
    counts = []
    for page_size in (5, 50):
        client = client_for(users.regency_editor)
        with django_assert_max_num_queries(6) as captured:
            rows = results(client.get(f"{API}institutions/", {"page_size": page_size, **query}))
        assert len(rows) == min(page_size, total)
        counts.append(len(captured))
    assert counts[0] == counts[1] == 1


def test_institution_pages_follow_each_other_without_overlap(users, many_partners):
    client = client_for(users.regency_editor)
    response = client.get(f"{API}institutions/", {"page_size": 2})
    seen = []
    while True:
        assert set(response.data) == {"next", "previous", "results"}
        page = [row["id"] for row in response.data["results"]]
        assert len(page) == 2 or response.data["next"] is None
        seen += page
        if response.data["next"] is None:
            break
        response = client.get(response.data["next"])
    assert len(seen) == len(set(seen)) == Institution.objects.count()
