"""API v1 agreements: the contract's fields, the partnership rules, scoping, filters and cost."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from rest_framework.test import APIClient

from agreements import access
from agreements.models import Agreement, Kind, Party, Status
from partners.models import Category, Institution
from tests.api_errors import assert_error, error_codes
from tests.conftest import make_agreement

API = "/api/v1/agreements/"
AGREEMENT_FIELDS = {
    "id",
    "uuid",
    "kind",
    "title",
    "owner",
    "owner_number",
    "owner_signatory_name",
    "owner_signatory_title",
    "parent",
    "partners",
    "scopes",
    "signed_on",
    "signing_place",
    "valid_from",
    "valid_until",
    "status",
    "approval_reference",
    "approved_on",
    "terminated_on",
    "termination_reason",
    "renewal_of",
    "in_force",
    # Beyond the contract's list: the end of validity as extended by the addenda.
    "effective_until",
}
TODAY = timezone.localdate()

# Every 404 is a 500 today: kemitraan.api.error_response calls get_full_details() on Django's
# Http404 before DRF has turned it into NotFound. ``raises`` keeps any other failure visible:
# an agreement that became visible would fail these tests with an AssertionError.


def client_for(user, language="en"):
    """An API client signed in as ``user``, read afresh so that no cached profile hides a query."""
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    client.force_authenticate(get_user_model().objects.get(pk=user.pk))
    return client


def url(agreement):
    return f"{API}{agreement.pk}/"


def send(client, method, agreement, payload=None):
    """A request on one agreement's detail route; only PUT and PATCH carry a body."""
    if method in ("put", "patch"):
        return getattr(client, method)(url(agreement), payload, format="json")
    return getattr(client, method)(url(agreement))


def results(response):
    assert response.status_code == 200, response.data
    assert set(response.data) == {"next", "previous", "results"}
    return response.data["results"]


def row_counts():
    return Agreement.objects.count(), Party.objects.count()


def stored(agreement):
    """What the database holds of an agreement: title, partners with numbers, scope codes."""
    agreement = Agreement.objects.get(pk=agreement.pk)
    return (
        agreement.title,
        [(p.institution_id, p.number, p.signatory_name) for p in agreement.parties.all()],
        sorted(agreement.scopes.values_list("code", flat=True)),
    )


def partner(institution, number="", name="", title=""):
    return {
        "institution": institution.pk,
        "number": number,
        "signatory_name": name,
        "signatory_title": title,
    }


def pks_payload(world, mou, **changes):
    """A valid PKS of KPU Kota Blitar with the Kanwil Kemenag under ``mou``."""
    return {
        "kind": "pks",
        "title": "PKS KPU Kota Blitar dan Kanwil Kemenag Jawa Timur tentang Pendidikan Pemilih",
        "owner": world.kpu_blitar.pk,
        "owner_number": "07/PKS/KPU-Kot/VI/2024",
        "owner_signatory_name": "Rangga Bisma Aditya",
        "owner_signatory_title": "Ketua KPU Kota Blitar",
        "parent": mou.pk,
        "partners": [
            partner(
                world.kanwil_kemenag_jatim,
                "B-1234/Kw.13/HM.01/06/2024",
                "Husnul Maram",
                "Kepala Kanwil Kemenag Provinsi Jawa Timur",
            )
        ],
        "scopes": ["pendidikan_pemilih"],
        "signed_on": "2024-06-12",
        "signing_place": "Blitar",
        "valid_from": "2024-06-12",
        "valid_until": "2026-06-11",
        "status": "signed",
        **changes,
    }


def regional_mou_payload(world, **changes):
    """An MoU of KPU Provinsi Jawa Timur with Karang Taruna, waiting for KPU RI's approval."""
    return {
        "kind": "mou",
        "title": "MoU KPU Provinsi Jawa Timur dengan Karang Taruna",
        "owner": world.kpu_jatim.pk,
        "partners": [partner(world.karang_taruna, "01/KT/2024")],
        "scopes": ["partisipasi_masyarakat"],
        "status": "awaiting_approval",
        **changes,
    }


@pytest.fixture
def blitar_pks(world, national_mou):
    return make_agreement(
        world.kpu_blitar,
        [world.kanwil_kemenag_jatim],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=national_mou,
        signed_on=datetime.date(2024, 6, 12),
        valid_until=datetime.date(2026, 6, 11),
        title="PKS Blitar",
        owner_number="05/PKS/KPU-Kot/2024",
        owner_signatory_name="Rangga Bisma Aditya",
    )


@pytest.fixture
def jatim_pks(world, national_mou):
    return make_agreement(
        world.kpu_jatim,
        [world.kemensos],
        ["sosialisasi", "pendidikan_pemilih"],
        kind=Kind.PKS,
        parent=national_mou,
        signed_on=datetime.date(2025, 3, 1),
        valid_until=datetime.date(2027, 12, 31),
        title="PKS Jatim",
    )


@pytest.fixture
def jatim_mou(world):
    """A signed, approved MoU of KPU Provinsi Jawa Timur (a regional MoU: no PKS under it)."""
    return make_agreement(
        world.kpu_jatim,
        [world.kemenag],
        ["sosialisasi", "pendidikan_pemilih"],
        approval_reference="12/PY.01/KPU/2024",
        approved_on=datetime.date(2024, 1, 2),
        title="MoU KPU Jatim dengan Kemenag",
    )


# Representation ---------------------------------------------------------------------------------


def test_agreement_fields_follow_the_contract(users, world, national_mou, blitar_pks, jatim_pks):
    client = client_for(users.regency_editor)
    data = client.get(url(blitar_pks)).data
    assert set(data) == AGREEMENT_FIELDS
    assert data["uuid"] == str(blitar_pks.uuid)
    assert (data["kind"], data["owner"], data["parent"], data["status"]) == (
        "pks",
        world.kpu_blitar.pk,
        national_mou.pk,
        "signed",
    )
    assert data["partners"] == [
        {
            "institution": world.kanwil_kemenag_jatim.pk,
            "number": "B/1/2024",
            "signatory_name": "Penanda Tangan 1",
            "signatory_title": "Pimpinan Kanwil Kemenag Provinsi Jawa Timur",
        }
    ]
    assert data["scopes"] == ["sosialisasi"]
    assert (data["signed_on"], data["valid_from"], data["valid_until"]) == (
        "2024-06-12",
        "2024-06-12",
        "2026-06-11",
    )
    assert (data["approved_on"], data["terminated_on"], data["renewal_of"]) == (None, None, None)
    # Ended in June 2026; the Jatim PKS runs until the end of 2027.
    assert data["in_force"] is (datetime.date(2026, 6, 11) >= TODAY)
    assert client_for(users.provincial_editor).get(url(jatim_pks)).data["in_force"] is (
        datetime.date(2027, 12, 31) >= TODAY
    )


# Creating and the rules -------------------------------------------------------------------------


def test_regency_editor_creates_a_pks_with_partners_and_scopes_in_one_request(
    users, world, national_mou
):
    payload = pks_payload(
        world,
        national_mou,
        partners=[
            partner(
                world.kanwil_kemenag_jatim, "B-1234/Kw.13/2024", "Husnul Maram", "Kepala Kanwil"
            ),
            partner(world.kemensos, "12/KS/2024", "Agus Jabo", "Wakil Menteri Sosial"),
        ],
        scopes=["sosialisasi", "pendidikan_pemilih"],
    )
    response = client_for(users.regency_editor).post(API, payload, format="json")

    assert response.status_code == 201, response.data
    assert set(response.data) == AGREEMENT_FIELDS
    assert response.data["partners"] == payload["partners"]
    created = Agreement.objects.get(pk=response.data["id"])
    assert str(created.uuid) == response.data["uuid"]
    assert (created.kind, created.owner, created.parent, created.status) == (
        Kind.PKS,
        world.kpu_blitar,
        national_mou,
        Status.SIGNED,
    )
    assert stored(created) == (
        payload["title"],
        [
            (world.kanwil_kemenag_jatim.pk, "B-1234/Kw.13/2024", "Husnul Maram"),
            (world.kemensos.pk, "12/KS/2024", "Agus Jabo"),
        ],
        ["pendidikan_pemilih", "sosialisasi"],
    )
    assert created.in_force is (datetime.date(2026, 6, 11) >= TODAY)


def test_pks_under_a_regional_mou_is_refused_and_nothing_is_saved(
    users, world, national_mou, jatim_mou
):
    before = row_counts()
    response = client_for(users.regency_editor).post(
        API, pks_payload(world, jatim_mou), format="json"
    )
    assert error_codes(response)["parent"][0] == "national_mou_required"
    assert response.data["errors"]["parent"][0]["message"]
    assert row_counts() == before


@pytest.fixture
def unaccredited_university(world):
    return Institution.objects.create(
        name="Universitas Nusantara Blitar", category=Category.UNIVERSITY, region=world.blitar
    )


@pytest.fixture
def terminated_mou(world):
    return make_agreement(
        world.kpu_ri,
        [world.kemenag],
        ["sosialisasi", "pendidikan_pemilih"],
        status=Status.TERMINATED,
        terminated_on=datetime.date(2024, 3, 31),
        termination_reason="Digantikan MoU baru.",
        title="MoU KPU RI dengan Kemenag 2024 (diakhiri)",
    )


# Each case: who sends it, the payload (from the world and the named agreements), the field and
# the rule code the answer must name.
RULE_CASES = {
    "national_mou_required-regional": (
        "regency_editor",
        lambda w, m: pks_payload(w, m["jatim_mou"]),
        "parent",
        "national_mou_required",
    ),
    "national_mou_required-other-body": (
        "regency_editor",
        lambda w, m: pks_payload(w, m["bawaslu_national_mou"]),
        "parent",
        "national_mou_required",
    ),
    "partner_not_covered": (
        "regency_editor",
        lambda w, m: pks_payload(w, m["national_mou"], partners=[partner(w.karang_taruna)]),
        "partners",
        "partner_not_covered",
    ),
    "mou_not_in_force-before-mou": (
        "regency_editor",
        lambda w, m: pks_payload(
            w, m["national_mou"], signed_on="2023-12-01", valid_from="2023-12-01"
        ),
        "parent",
        "mou_not_in_force",
    ),
    "mou_not_in_force-terminated": (
        "regency_editor",
        lambda w, m: pks_payload(w, m["terminated_mou"]),
        "parent",
        "mou_not_in_force",
    ),
    "pks_outlives_mou": (
        "regency_editor",
        lambda w, m: pks_payload(w, m["national_mou"], valid_until="2029-06-30"),
        "valid_until",
        "pks_outlives_mou",
    ),
    "scope_outside_mou": (
        "regency_editor",
        lambda w, m: pks_payload(w, m["national_mou"], scopes=["penelitian"]),
        "scopes",
        "scope_outside_mou",
    ),
    "invalid_period-ends-before-start": (
        "regency_editor",
        lambda w, m: pks_payload(w, m["national_mou"], valid_until="2024-06-01"),
        "valid_until",
        "invalid_period",
    ),
    "invalid_period-starts-before-signing": (
        "regency_editor",
        lambda w, m: pks_payload(w, m["national_mou"], valid_from="2024-06-01"),
        "valid_from",
        "invalid_period",
    ),
    "invalid_period-signed-without-date": (
        "regency_editor",
        lambda w, m: pks_payload(w, m["national_mou"], signed_on=None),
        "signed_on",
        "invalid_period",
    ),
    "approval_required": (
        "provincial_editor",
        lambda w, m: regional_mou_payload(
            w,
            status="signed",
            signed_on="2024-05-02",
            valid_from="2024-05-02",
            valid_until="2029-05-01",
        ),
        "approval_reference",
        "approval_required",
    ),
    "partner_not_accredited": (
        "national_editor",
        lambda w, m: {
            "kind": "mou",
            "title": "MoU KPU RI dengan Universitas Nusantara Blitar",
            "owner": w.kpu_ri.pk,
            "partners": [partner(m["unaccredited_university"])],
            "scopes": ["penelitian"],
            "status": "signed",
            "signed_on": "2024-05-02",
            "valid_from": "2024-05-02",
            "valid_until": "2029-05-01",
        },
        "partners",
        "partner_not_accredited",
    ),
    "parent_required-pks-without-mou": (
        "regency_editor",
        lambda w, m: pks_payload(w, m["national_mou"], parent=None),
        "parent",
        "parent_required",
    ),
    "parent_required-mou-with-parent": (
        "provincial_editor",
        lambda w, m: regional_mou_payload(w, parent=m["national_mou"].pk),
        "parent",
        "parent_required",
    ),
    "status_not_applicable": (
        "regency_editor",
        lambda w, m: pks_payload(w, m["national_mou"], status="awaiting_approval"),
        "status",
        "status_not_applicable",
    ),
    "partner_required": (
        "regency_editor",
        lambda w, m: pks_payload(w, m["national_mou"], partners=[]),
        "partners",
        "partner_required",
    ),
    "partner_duplicate": (
        "regency_editor",
        lambda w, m: pks_payload(
            w,
            m["national_mou"],
            partners=[partner(w.kanwil_kemenag_jatim, "1"), partner(w.kanwil_kemenag_jatim, "2")],
        ),
        "partners",
        "partner_duplicate",
    ),
}


@pytest.fixture
def named_mous(
    national_mou, bawaslu_national_mou, jatim_mou, terminated_mou, unaccredited_university
):
    return {
        "national_mou": national_mou,
        "bawaslu_national_mou": bawaslu_national_mou,
        "jatim_mou": jatim_mou,
        "terminated_mou": terminated_mou,
        "unaccredited_university": unaccredited_university,
    }


def assert_rule_refused(users, world, named_mous, case):
    who, build, field, code = RULE_CASES[case]
    before = row_counts()
    response = client_for(getattr(users, who)).post(API, build(world, named_mous), format="json")
    errors = error_codes(response)
    assert code in errors.get(field, []), errors
    assert row_counts() == before


@pytest.mark.parametrize("case", list(RULE_CASES))
def test_each_rule_is_answered_with_400_naming_field_and_code(users, world, named_mous, case):
    assert_rule_refused(users, world, named_mous, case)


def test_owner_that_is_not_an_election_unit_is_400_owner_not_election_body(users, world):
    payload = {
        "kind": "mou",
        "title": "MoU Kemensos dengan Karang Taruna",
        "owner": world.kemensos.pk,
        "partners": [partner(world.karang_taruna)],
        "scopes": ["sosialisasi"],
        "status": "draft",
    }
    before = row_counts()
    response = client_for(users.national_editor).post(API, payload, format="json")
    assert row_counts() == before
    assert error_codes(response).get("owner") == ["owner_not_election_body"]


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"owner": "KPU Kota Blitar"}, "owner", "incorrect_type"),
        ({"owner": 999999}, "owner", "does_not_exist"),
        ({"parent": "satu"}, "parent", "incorrect_type"),
        ({"kind": "nota"}, "kind", "invalid_choice"),
        ({"status": "berlaku"}, "status", "invalid_choice"),
        ({"scopes": ["sosialisasi", "kampanye"]}, "scopes", "does_not_exist"),
        ({"scopes": "sosialisasi"}, "scopes", "not_a_list"),
        ({"signed_on": "12/13/2024"}, "signed_on", "invalid"),
        ({"valid_until": "2026-02-30"}, "valid_until", "invalid"),
        ({"partners": [{"institution": "Kanwil"}]}, "partners.0.institution", "incorrect_type"),
        ({"partners": [{"institution": 999999}]}, "partners.0.institution", "does_not_exist"),
        ({"partners": {"institution": 1}}, "partners", "not_a_list"),
        ({"title": ""}, "title", "blank"),
        # Over the schema's maxLength once the surrounding space counts (found by fuzzing).
        ({"title": " " + "x" * 500}, "title", "max_length"),
        (
            {"partners": [{"institution": 1, "number": "B" * 100 + " "}]},
            "partners.0.number",
            "max_length",
        ),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_malformed_request_is_400_naming_the_field(
    users, world, national_mou, changes, field, code
):
    before = row_counts()
    response = client_for(users.regency_editor).post(
        API, pks_payload(world, national_mou, **changes), format="json"
    )
    assert code in error_codes(response).get(field, []), response.data
    assert row_counts() == before


def test_body_that_is_not_json_is_400(users):
    response = client_for(users.regency_editor).post(
        API, "{kind: pks", content_type="application/json"
    )
    assert_error(response, 400, "parse_error")


def test_rule_message_follows_the_request_language(users, world, national_mou, jatim_mou):
    payload = pks_payload(world, jatim_mou)
    english = client_for(users.regency_editor, "en").post(API, payload, format="json")
    indonesian = client_for(users.regency_editor, "id").post(API, payload, format="json")
    assert english.data["errors"]["parent"][0]["message"].startswith("National MoU required")
    assert indonesian.data["errors"]["parent"][0]["message"].startswith("MoU nasional diperlukan")


# Changing and deleting --------------------------------------------------------------------------


def test_patch_title_keeps_partners_and_scopes(users, blitar_pks):
    _, partners_before, scopes_before = stored(blitar_pks)
    response = client_for(users.regency_editor).patch(
        url(blitar_pks), {"title": "PKS Sosialisasi Pemilu di Kota Blitar"}, format="json"
    )
    assert response.status_code == 200, response.data
    assert stored(blitar_pks) == (
        "PKS Sosialisasi Pemilu di Kota Blitar",
        partners_before,
        scopes_before,
    )
    assert response.data["title"] == "PKS Sosialisasi Pemilu di Kota Blitar"
    assert [row["institution"] for row in response.data["partners"]] == [
        institution for institution, _, _ in partners_before
    ]


def test_patch_is_still_checked_against_the_rules(users, blitar_pks):
    response = client_for(users.regency_editor).patch(
        url(blitar_pks), {"valid_until": "2029-12-31"}, format="json"
    )
    assert error_codes(response) == {"valid_until": ["pks_outlives_mou"]}
    blitar_pks.refresh_from_db()
    assert blitar_pks.valid_until == datetime.date(2026, 6, 11)


def test_put_replaces_partners_and_scopes(users, world, blitar_pks):
    client = client_for(users.regency_editor)
    payload = client.get(url(blitar_pks)).data
    payload.update(
        scopes=["pendidikan_pemilih"],
        partners=[
            partner(world.kemensos, "77/KS/2024", "Agus", "Sekjen"),
            partner(world.kemenag, "88/KA", "Budi", "Sekjen"),
        ],
    )
    response = client.put(url(blitar_pks), payload, format="json")
    assert response.status_code == 200, response.data
    assert stored(blitar_pks) == (
        "PKS Blitar",
        [(world.kemensos.pk, "77/KS/2024", "Agus"), (world.kemenag.pk, "88/KA", "Budi")],
        ["pendidikan_pemilih"],
    )
    assert [row["institution"] for row in response.data["partners"]] == [
        world.kemensos.pk,
        world.kemenag.pk,
    ]
    assert response.data["scopes"] == ["pendidikan_pemilih"]


def test_draft_is_deleted_with_its_parties(users, world, national_mou):
    draft = make_agreement(
        world.kpu_blitar,
        [world.kemensos],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=national_mou,
        status=Status.DRAFT,
    )
    response = client_for(users.regency_editor).delete(url(draft))
    assert response.status_code == 204
    assert not Agreement.objects.filter(pk=draft.pk).exists()
    assert not Party.objects.filter(agreement_id=draft.pk).exists()


def test_signed_agreement_cannot_be_deleted(users, blitar_pks):
    response = client_for(users.regency_editor).delete(url(blitar_pks))
    assert_error(response, 409, "not_deletable")
    assert Agreement.objects.filter(pk=blitar_pks.pk).exists()


# Approval of regional MoUs ----------------------------------------------------------------------

APPROVAL = {
    "approval_reference": "123/PY.01-SD/01/2024",
    "approved_on": "2024-05-02",
    "status": "approved",
}


@pytest.fixture
def awaiting_mou(world):
    return make_agreement(
        world.kpu_jatim,
        [world.karang_taruna],
        ["partisipasi_masyarakat"],
        status=Status.AWAITING_APPROVAL,
        signed_on=None,
        valid_until=None,
    )


@pytest.mark.parametrize("who", ["provincial_editor", "provincial_approver", "national_editor"])
def test_only_a_national_approver_records_an_approval(users, awaiting_mou, who):
    response = client_for(getattr(users, who)).patch(url(awaiting_mou), APPROVAL, format="json")
    assert_error(response, 403, "permission_denied")
    awaiting_mou.refresh_from_db()
    assert awaiting_mou.approval_reference == ""
    assert (awaiting_mou.approved_on, awaiting_mou.approved_by) == (None, None)
    assert awaiting_mou.status == Status.AWAITING_APPROVAL


def test_provincial_editor_cannot_create_an_mou_already_approved(users, world):
    before = row_counts()
    response = client_for(users.provincial_editor).post(
        API, regional_mou_payload(world, **APPROVAL), format="json"
    )
    assert_error(response, 403, "permission_denied")
    assert row_counts() == before


def test_kpu_ri_approver_approves_and_the_province_then_signs(users, awaiting_mou):
    response = client_for(users.national_admin).patch(url(awaiting_mou), APPROVAL, format="json")
    assert response.status_code == 200, response.data
    awaiting_mou.refresh_from_db()
    assert (awaiting_mou.approval_reference, awaiting_mou.approved_on) == (
        "123/PY.01-SD/01/2024",
        datetime.date(2024, 5, 2),
    )
    assert awaiting_mou.status == Status.APPROVED
    assert awaiting_mou.approved_by == users.national_admin

    client = client_for(users.provincial_editor)
    signing = {
        "status": "signed",
        "signed_on": "2024-05-01",
        "valid_from": "2024-05-01",
        "valid_until": "2029-04-30",
    }
    response = client.patch(url(awaiting_mou), signing, format="json")
    assert error_codes(response) == {"approved_on": ["approval_required"]}

    response = client.patch(
        url(awaiting_mou),
        {**signing, "signed_on": "2024-05-03", "valid_from": "2024-05-03"},
        format="json",
    )
    assert response.status_code == 200, response.data
    awaiting_mou.refresh_from_db()
    assert (awaiting_mou.status, awaiting_mou.approved_by) == (Status.SIGNED, users.national_admin)


def test_kpu_ri_approver_cannot_approve_a_bawaslu_mou(users, world):
    bawaslu_mou = make_agreement(
        world.bawaslu_jatim,
        [world.karang_taruna],
        ["sosialisasi"],
        status=Status.AWAITING_APPROVAL,
        signed_on=None,
        valid_until=None,
    )
    response = client_for(users.national_admin).patch(url(bawaslu_mou), APPROVAL, format="json")
    assert_error(response, 403, "permission_denied")
    bawaslu_mou.refresh_from_db()
    assert (bawaslu_mou.approval_reference, bawaslu_mou.approved_by) == ("", None)


# Scoping: who sees and changes what -------------------------------------------------------------


@pytest.mark.parametrize("method", ["get", "patch", "put", "delete"])
def test_other_province_cannot_reach_a_blitar_pks(users, world, national_mou, blitar_pks, method):
    before = stored(blitar_pks)
    payload = pks_payload(world, national_mou, title="Diubah")
    response = send(client_for(users.other_regency_editor), method, blitar_pks, payload)
    assert_error(response, 404, "not_found")
    assert stored(blitar_pks) == before


@pytest.mark.parametrize("method", ["get", "patch", "delete"])
def test_regency_cannot_reach_its_provinces_pks(users, jatim_pks, method):
    response = send(client_for(users.regency_editor), method, jatim_pks, {"title": "Diubah"})
    assert_error(response, 404, "not_found")
    assert stored(jatim_pks)[0] == "PKS Jatim"


def test_lists_show_only_what_the_user_may_see(users, national_mou, blitar_pks, jatim_pks):
    def titles(user):
        return {row["title"] for row in results(client_for(user).get(API))}

    assert titles(users.regency_editor) == {national_mou.title, "PKS Blitar"}
    assert titles(users.other_regency_editor) == {national_mou.title}
    assert titles(users.provincial_editor) == {national_mou.title, "PKS Blitar", "PKS Jatim"}
    assert titles(users.outsider) == {national_mou.title}
    assert titles(users.national_viewer) == {national_mou.title, "PKS Blitar", "PKS Jatim"}


@pytest.mark.parametrize(
    ("method", "payload"),
    [
        ("patch", {"title": "Diubah"}),
        ("put", None),
        ("delete", None),
    ],
)
def test_national_mou_is_visible_but_not_editable_for_a_province(
    users, world, national_mou, method, payload
):
    before = stored(national_mou)
    client = client_for(users.provincial_editor)
    shown = client.get(url(national_mou))
    assert shown.status_code == 200
    if method == "put":
        payload = {**shown.data, "title": "Diubah"}
    assert_error(send(client, method, national_mou, payload), 403, "permission_denied")
    assert stored(national_mou) == before


def test_provincial_editor_changes_a_pks_of_a_regency_under_it(users, blitar_pks):
    response = client_for(users.provincial_editor).patch(
        url(blitar_pks), {"title": "Diubah"}, format="json"
    )
    assert response.status_code == 200, response.data
    assert stored(blitar_pks)[0] == "Diubah"


@pytest.mark.parametrize(
    ("who", "owner"),
    [
        ("provincial_editor", "kpu_kalsel"),
        ("provincial_editor", "kpu_banjarmasin"),
        ("regency_editor", "kpu_jatim"),
        ("regency_editor", "kpu_ri"),
        ("other_regency_editor", "kpu_blitar"),
    ],
)
def test_creating_for_a_unit_outside_ones_own_is_403(users, world, national_mou, who, owner):
    before = row_counts()
    payload = pks_payload(world, national_mou, owner=getattr(world, owner).pk)
    response = client_for(getattr(users, who)).post(API, payload, format="json")
    assert_error(response, 403, "permission_denied")
    assert row_counts() == before


def test_agreement_cannot_be_moved_to_another_provinces_unit(users, world, blitar_pks):
    response = client_for(users.regency_editor).patch(
        url(blitar_pks), {"owner": world.kpu_banjarmasin.pk}, format="json"
    )
    assert_error(response, 403, "permission_denied")
    assert Agreement.objects.get(pk=blitar_pks.pk).owner_id == world.kpu_blitar.pk


@pytest.mark.parametrize("who", ["national_viewer", "outsider"])
def test_users_who_may_not_write_cannot_create_agreements(users, world, national_mou, who):
    before = row_counts()
    response = client_for(getattr(users, who)).post(
        API, pks_payload(world, national_mou), format="json"
    )
    assert_error(response, 403, "permission_denied")
    assert row_counts() == before


def test_viewer_cannot_change_what_it_sees(users, blitar_pks):
    response = client_for(users.national_viewer).patch(
        url(blitar_pks), {"title": "X"}, format="json"
    )
    assert_error(response, 403, "permission_denied")
    assert stored(blitar_pks)[0] == "PKS Blitar"


# Filters ----------------------------------------------------------------------------------------

EXPIRING_END = TODAY + datetime.timedelta(days=30)


@pytest.fixture
def catalogue(world, national_mou, bawaslu_national_mou, blitar_pks, jatim_pks):
    """Seven agreements of both bodies, in both provinces, signed, draft and expiring."""
    make_agreement(
        world.kpu_banjarmasin,
        [world.kemensos],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=national_mou,
        signed_on=datetime.date(2024, 9, 2),
        valid_until=EXPIRING_END,
        title="PKS Banjarmasin",
    )
    make_agreement(
        world.bawaslu_blitar,
        [world.gp_ansor_kraksaan],
        ["pengawasan_partisipatif"],
        kind=Kind.PKS,
        parent=bawaslu_national_mou,
        signed_on=datetime.date(2025, 8, 18),
        valid_until=datetime.date(2028, 8, 17),
        title="PKS Bawaslu Blitar",
        owner_number="100/PKS/Bawaslu-Blitar/VIII/2025",
    )
    make_agreement(
        world.kpu_jatim,
        [world.karang_taruna],
        ["partisipasi_masyarakat"],
        status=Status.DRAFT,
        signed_on=None,
        valid_until=None,
        title="Draf MoU Jatim",
    )
    return {"national_mou": national_mou, "bawaslu_national_mou": bawaslu_national_mou}


KPU_MOU = "Nota Kesepahaman KPU RI dengan Kemensos dan Kemenag"
BAWASLU_MOU = "Nota Kesepahaman Bawaslu RI dengan Kemensos, Kemenag dan PP GP Ansor"
ALL_PKS = {"PKS Blitar", "PKS Jatim", "PKS Banjarmasin", "PKS Bawaslu Blitar"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "mou"}, {KPU_MOU, BAWASLU_MOU, "Draf MoU Jatim"}),
        ({"kind": "pks"}, ALL_PKS),
        ({"status": "draft"}, {"Draf MoU Jatim"}),
        ({"status": "signed", "kind": "mou"}, {KPU_MOU, BAWASLU_MOU}),
        ({"owner": "{kpu_jatim}"}, {"PKS Jatim", "Draf MoU Jatim"}),
        ({"owner": "{kpu_ri}"}, {KPU_MOU}),
        ({"body": "bawaslu"}, {BAWASLU_MOU, "PKS Bawaslu Blitar"}),
        ({"province": "35"}, {"PKS Blitar", "PKS Jatim", "PKS Bawaslu Blitar", "Draf MoU Jatim"}),
        ({"province": "63"}, {"PKS Banjarmasin"}),
        ({"partner": "{kemensos}"}, {KPU_MOU, BAWASLU_MOU, "PKS Jatim", "PKS Banjarmasin"}),
        ({"partner": "{kanwil_kemenag_jatim}"}, {"PKS Blitar"}),
        ({"parent": "{national_mou}"}, {"PKS Blitar", "PKS Jatim", "PKS Banjarmasin"}),
        ({"in_force_on": "2024-07-01"}, {KPU_MOU, BAWASLU_MOU, "PKS Blitar"}),
        ({"in_force_on": "01/07/2024"}, {KPU_MOU, BAWASLU_MOU, "PKS Blitar"}),
        ({"in_force_on": "2025-09-01"}, {KPU_MOU, BAWASLU_MOU} | ALL_PKS),
        ({"in_force_on": "2023-12-31"}, set()),
        ({"expiring_within": "60"}, {"PKS Banjarmasin"}),
        ({"expiring_within": "10"}, set()),
        ({"signed_from": "2025-01-01"}, {"PKS Jatim", "PKS Bawaslu Blitar"}),
        ({"signed_until": "2024-06-12"}, {KPU_MOU, BAWASLU_MOU, "PKS Blitar"}),
        (
            {"signed_from": "2024-06-12", "signed_until": "2025-03-01"},
            {"PKS Blitar", "PKS Banjarmasin", "PKS Jatim"},
        ),
        ({"q": "kanwil jawa"}, {"PKS Blitar"}),
        ({"q": "ANSOR kraksaan"}, {"PKS Bawaslu Blitar"}),
        ({"q": "05/PKS/KPU"}, {"PKS Blitar"}),
        ({"q": "100/pks/bawaslu"}, {"PKS Bawaslu Blitar"}),
        ({"q": "nota kesepahaman bawaslu"}, {BAWASLU_MOU}),
        ({"q": "karang"}, {"Draf MoU Jatim"}),
        ({"q": "universitas"}, set()),
    ],
    ids=lambda value: (
        "&".join(f"{k}={v}" for k, v in value.items()) if isinstance(value, dict) else None
    ),
)
def test_agreement_filters(users, world, catalogue, query, expected):
    ids = {
        name: getattr(world, name).pk
        for name in ("kpu_jatim", "kpu_ri", "kemensos", "kanwil_kemenag_jatim")
    }
    ids["national_mou"] = catalogue["national_mou"].pk
    params = {key: value.format(**ids) for key, value in query.items()}
    rows = results(client_for(users.national_admin).get(API, {"page_size": 200, **params}))
    assert {row["title"] for row in rows} == expected


def test_filters_stay_within_what_the_user_may_see(users, world, catalogue):
    rows = results(client_for(users.other_regency_editor).get(API, {"province": "35"}))
    assert rows == []


@pytest.mark.parametrize(
    "query",
    [
        {"in_force_on": "notadate"},
        {"in_force_on": "2024-02-30"},
        {"expiring_within": "-1"},
        {"expiring_within": "soon"},
        {"signed_from": "kemarin"},
        {"kind": "nota"},
        {"status": "berlaku"},
        {"body": "kpud"},
        {"owner": "KPU"},
        {"partner": "x"},
    ],
)
def test_invalid_filter_value_is_400_naming_the_filter(users, query):
    response = client_for(users.national_admin).get(API, query)
    assert set(error_codes(response)) == set(query)


# Cost and pagination ----------------------------------------------------------------------------


@pytest.fixture
def many_agreements(world, national_mou):
    """Thirty PKS under the national MoU, each with two partners and two scope areas."""
    units = [world.kpu_jatim, world.kpu_blitar, world.kpu_kalsel, world.kpu_banjarmasin]
    for number in range(30):
        make_agreement(
            units[number % 4],
            [world.kemensos, world.kanwil_kemenag_jatim],
            ["sosialisasi", "pendidikan_pemilih"],
            kind=Kind.PKS,
            parent=national_mou,
            title=f"PKS nomor {number}",
        )


@pytest.mark.parametrize("who", ["national_admin", "provincial_editor"])
def test_agreement_list_cost_does_not_grow_with_page_size(
    users, many_agreements, django_assert_max_num_queries, who
):
    user = getattr(users, who)
    visible = access.visible_agreements(user).count()
    assert visible > 15
    counts = []
    for page_size in (5, 50):
        client = client_for(user)
        with django_assert_max_num_queries(6) as captured:
            rows = results(client.get(API, {"page_size": page_size}))
        assert len(rows) == min(page_size, visible)
        assert all(len(row["partners"]) == 2 and len(row["scopes"]) == 2 for row in rows)
        counts.append(len(captured))
    # The user's staff profile, the page, its scope areas, its partner parties.
    assert counts == [4, 4]


def test_pages_follow_each_other_without_overlap(users, many_agreements):
    client = client_for(users.national_admin)
    response = client.get(API, {"page_size": 2})
    assert len(results(response)) == 2
    assert response.data["previous"] is None
    seen = []
    while True:
        page = [row["id"] for row in results(response)]
        assert len(page) == 2 or response.data["next"] is None
        seen += page
        if response.data["next"] is None:
            break
        response = client.get(response.data["next"])
        assert response.data["previous"] is not None
    assert len(seen) == len(set(seen)) == Agreement.objects.count()


def test_page_size_is_capped_at_200(users, many_agreements, world, national_mou):
    Agreement.objects.bulk_create(
        Agreement(kind=Kind.PKS, owner=world.kpu_blitar, parent=national_mou, title=f"Draf {n}")
        for n in range(200)
    )
    rows = results(client_for(users.national_admin).get(API, {"page_size": 1000}))
    assert len(rows) == 200
