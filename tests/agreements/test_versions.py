"""No lost updates: the API's ETag and If-Match, and the admin form that refuses to save over
a newer version and shows the other person's change."""

import pytest
from django.test import Client
from django.urls import reverse

from agreements.models import Agreement
from tests.agreements.test_admin import form_data
from tests.agreements.test_api import client_for
from tests.api_errors import assert_error
from tests.conftest import make_agreement

API = "/api/v1/agreements/"


def detail(agreement):
    return f"{API}{agreement.pk}/"


def test_a_detail_answers_with_the_etag_of_its_version(users, national_mou):
    response = client_for(users.national_admin).get(detail(national_mou))
    assert response.status_code == 200
    assert response["ETag"] == f'"{national_mou.pk}-{national_mou.version}"'


def test_two_clients_patching_different_fields_lose_nothing(users, national_mou):
    first, second = client_for(users.national_admin), client_for(users.national_editor)
    tag_first = first.get(detail(national_mou))["ETag"]
    tag_second = second.get(detail(national_mou))["ETag"]
    assert tag_first == tag_second

    response = first.patch(
        detail(national_mou), {"title": "Judul baru"}, format="json", HTTP_IF_MATCH=tag_first
    )
    assert response.status_code == 200, response.data
    assert response["ETag"] != tag_first

    stale = second.patch(
        detail(national_mou),
        {"owner_number": "99/KB/2024"},
        format="json",
        HTTP_IF_MATCH=tag_second,
    )
    assert_error(stale, 412, "precondition_failed")
    assert Agreement.objects.get(pk=national_mou.pk).owner_number == "01/KB/2024"

    fresh = second.get(detail(national_mou))["ETag"]
    response = second.patch(
        detail(national_mou), {"owner_number": "99/KB/2024"}, format="json", HTTP_IF_MATCH=fresh
    )
    assert response.status_code == 200, response.data
    stored = Agreement.objects.get(pk=national_mou.pk)
    assert (stored.title, stored.owner_number) == ("Judul baru", "99/KB/2024")


@pytest.mark.parametrize("tag", ['"bogus"', 'W/"{pk}-{version}"', '"{pk}-0"'])
def test_a_bogus_weak_or_old_if_match_is_refused(users, national_mou, tag):
    tag = tag.format(pk=national_mou.pk, version=national_mou.version)
    response = client_for(users.national_admin).patch(
        detail(national_mou), {"title": "Tidak tersimpan"}, format="json", HTTP_IF_MATCH=tag
    )
    assert_error(response, 412, "precondition_failed")
    assert Agreement.objects.get(pk=national_mou.pk).title != "Tidak tersimpan"


def test_if_match_star_and_no_if_match_write(users, national_mou):
    client = client_for(users.national_admin)
    assert (
        client.patch(
            detail(national_mou), {"title": "A"}, format="json", HTTP_IF_MATCH="*"
        ).status_code
        == 200
    )
    assert client.patch(detail(national_mou), {"title": "B"}, format="json").status_code == 200


def test_a_stale_delete_is_refused(users, world):
    draft = make_agreement(
        world.kpu_ri,
        [world.kemensos],
        ["sosialisasi"],
        status="draft",
        signed_on=None,
        valid_until=None,
    )
    client = client_for(users.national_admin)
    tag = client.get(detail(draft))["ETag"]
    client.patch(detail(draft), {"title": "Draf diubah"}, format="json")
    assert_error(client.delete(detail(draft), HTTP_IF_MATCH=tag), 412, "precondition_failed")
    assert Agreement.objects.filter(pk=draft.pk).exists()


def test_institution_details_carry_an_etag_and_honour_if_match(users, world):
    client = client_for(users.national_editor)
    url = f"/api/v1/institutions/{world.karang_taruna.pk}/"
    tag = client.get(url)["ETag"]
    assert (
        client.patch(url, {"short_name": "KT"}, format="json", HTTP_IF_MATCH=tag).status_code == 200
    )
    assert_error(
        client.patch(url, {"short_name": "KTI"}, format="json", HTTP_IF_MATCH=tag),
        412,
        "precondition_failed",
    )
    world.karang_taruna.refresh_from_db()
    assert world.karang_taruna.short_name == "KT"


def change_url(agreement):
    return reverse("admin:agreements_mou_change", args=[agreement.pk])


def opened_form(client, agreement):
    """The POST data of the change form as the clerk got it (hidden version fields included)."""
    form = client.get(change_url(agreement)).context["adminform"].form
    return {name: form[name].value() for name in ("loaded_version", "loaded_history")}


def test_the_admin_refuses_to_save_over_a_newer_version_and_shows_the_change(
    client, users, world, national_mou
):
    other = Client()
    other.force_login(users.national_editor)
    client.force_login(users.national_admin)
    opened = opened_form(client, national_mou)
    other_opened = opened_form(other, national_mou)
    rows = list(national_mou.parties.all())
    base = form_data(
        world.kpu_ri,
        [world.kemensos, world.kemenag],
        ["sosialisasi", "pendidikan_pemilih"],
        signed_on="2024-01-15",
        valid_from="2024-01-15",
        valid_until="2028-12-31",
    )
    base.update(
        {
            "parties-INITIAL_FORMS": 2,
            **{f"parties-{i}-id": row.pk for i, row in enumerate(rows)},
            **{f"parties-{i}-agreement": national_mou.pk for i in range(2)},
        }
    )

    saved = other.post(
        change_url(national_mou), {**base, **other_opened, "title": "Diubah oleh penyunting"}
    )
    assert saved.status_code == 302
    refused = client.post(
        change_url(national_mou), {**base, **opened, "title": "Diubah oleh admin"}
    )
    assert refused.status_code == 200
    errors = refused.context["adminform"].form.non_field_errors().as_data()
    assert [error.code for error in errors] == ["precondition_failed"]
    page = refused.content.decode()
    assert "editor_ri" in page and "Diubah oleh penyunting" in page
    assert Agreement.objects.get(pk=national_mou.pk).title == "Diubah oleh penyunting"
