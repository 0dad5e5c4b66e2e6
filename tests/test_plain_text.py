"""Text hygiene on every door (issue 8): control and text-direction characters were accepted in
titles and names. Now every text field refuses them with the field error ``invalid_character``
naming the character: API, admin forms and the save path of imports and commands alike."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from agreements.models import Agreement, Party
from agreements.services import save_agreement
from kemitraan.text import PlainTextValidator
from partners.models import Institution
from tests.agreements.test_admin import form_data

RLO = "\u202e"


@pytest.fixture
def api(users):
    client = APIClient()
    client.force_authenticate(users.national_editor)
    return client


def draft(world, **fields):
    body = {
        "kind": "mou",
        "title": "MoU KPU RI dengan Kemensos",
        "owner": world.kpu_ri.pk,
        "status": "draft",
        "scopes": ["sosialisasi"],
        "partners": [{"institution": world.kemensos.pk, "number": "B/1/2026"}],
    }
    body.update(fields)
    return body


def field_errors(response, field):
    assert response.status_code == 400, response.json()
    return response.json()["errors"][field]


@pytest.mark.parametrize(
    "character, name",
    [
        ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
        ("\u200f", "U+200F RIGHT-TO-LEFT MARK"),
        ("\x07", "U+0007"),
        ("\x1b", "U+001B"),
        ("\n", "U+000A"),
    ],
)
def test_an_agreement_title_with_a_hidden_character_is_refused_by_the_api(
    api, world, character, name
):
    response = api.post(
        "/api/v1/agreements/", draft(world, title=f"MoU KPU RI {character}lanoS"), format="json"
    )
    [error] = field_errors(response, "title")
    assert error["code"] == "invalid_character"
    assert name in error["message"]
    assert not Agreement.objects.exists()


def test_a_partners_signatory_with_an_override_is_refused(api, world):
    body = draft(
        world,
        partners=[
            {
                "institution": world.kemensos.pk,
                "number": "B/1/2026",
                "signatory_name": f"Tri {RLO}idnamsirhaR",
            }
        ],
    )
    [error] = field_errors(
        api.post("/api/v1/agreements/", body, format="json"), "partners.0.signatory_name"
    )
    assert error["code"] == "invalid_character"


def test_an_institution_name_with_a_control_character_is_refused(api, world):
    response = api.post(
        "/api/v1/institutions/",
        {"name": "Karang\x00 Taruna Blitar", "category": "civil_society"},
        format="json",
    )
    assert response.status_code == 400
    response = api.post(
        "/api/v1/institutions/",
        {"name": f"Karang Taruna {RLO}ratilB", "category": "civil_society"},
        format="json",
    )
    assert field_errors(response, "name")[0]["code"] == "invalid_character"
    assert not Institution.objects.filter(name__startswith="Karang Taruna ").exists()


def test_a_lone_surrogate_is_a_client_error_not_a_database_error(api, world):
    body = '{"kind": "mou", "title": "MoU \\ud800", "owner": ' + str(world.kpu_ri.pk) + "}"
    response = api.post("/api/v1/agreements/", body, content_type="application/json")
    assert field_errors(response, "title")[0]["code"] in {
        "invalid_character",
        "surrogate_characters_not_allowed",
    }


def test_line_breaks_are_allowed_in_longer_text_only():
    PlainTextValidator(multiline=True)("Alasan pertama.\r\nAlasan kedua:\tmitra dibubarkan.")
    with pytest.raises(ValidationError):
        PlainTextValidator(multiline=False)("Judul\r\nbaris kedua")
    with pytest.raises(ValidationError):
        PlainTextValidator(multiline=True)(f"Alasan {RLO}")


def test_the_admin_form_shows_the_error_on_the_field(client, users, world, national_mou):
    client.force_login(users.provincial_editor)
    data = form_data(
        world.kpu_jatim,
        [world.kanwil_kemenag_jatim],
        ["sosialisasi"],
        parent=national_mou,
        title=f"PKS {RLO}utis naimerP",
    )
    data["parties-0-signatory_name"] = "Kepala\x08 Kanwil"
    response = client.post(reverse("admin:agreements_pks_add"), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors.as_data()
    assert [error.code for error in errors["title"]] == ["invalid_character"]
    inline = response.context["inline_admin_formsets"][0].formset.errors[0].as_data()
    assert [error.code for error in inline["signatory_name"]] == ["invalid_character"]
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in response.content.decode()
    assert not Agreement.objects.filter(kind="pks").exists()


def test_imports_and_commands_are_refused_too(world):
    """save_agreement is the path of the spreadsheet import and the management commands."""
    agreement = Agreement(kind="mou", owner=world.kpu_ri, title=f"MoU {RLO}lanoS", status="draft")
    with pytest.raises(ValidationError) as refused:
        save_agreement(agreement, [Party(institution=world.kemensos)], ["sosialisasi"])
    assert [error.code for error in refused.value.error_dict["title"]] == ["invalid_character"]
    assert not Agreement.objects.exists()
