"""A unit's letterhead (kop) and head: who may set them, through the one institution write path
and the admin, and which logo files are accepted."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from partners import services
from partners.models import Institution
from tests.agreements.test_letterhead import png


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def set_letterhead(unit, user, **fields):
    unit = Institution.objects.get(pk=unit.pk)
    for name, value in {
        "letterhead_address": "Jalan Contoh 1",
        "head_name": "Ketua",
        **fields,
    }.items():
        setattr(unit, name, value)
    return services.save_institution(unit, user)


def test_a_regional_editor_sets_its_own_units_letterhead(world, users, media):
    saved = set_letterhead(world.kpu_blitar, users.regency_editor, letterhead_logo=png())
    assert saved.letterhead_address == "Jalan Contoh 1"
    assert saved.history.first().history_user == users.regency_editor
    stored = saved.letterhead_logo.name
    assert stored.startswith("logos/") and stored.endswith(".png") and "logo" not in stored[6:]
    assert (media / stored).read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize(
    "user, unit",
    [
        ("regency_editor", "kpu_jatim"),  # the province above it
        ("provincial_editor", "kpu_blitar"),  # a unit under it: its own letterhead only
        ("other_regency_editor", "kpu_blitar"),  # another province
        ("national_viewer", "kpu_blitar"),  # a viewer writes nothing
    ],
)
def test_others_may_not_set_a_units_letterhead(world, users, user, unit):
    with pytest.raises(PermissionDenied):
        set_letterhead(getattr(world, unit), getattr(users, user))


def test_national_staff_set_any_units_letterhead(world, users):
    assert set_letterhead(world.kpu_blitar, users.national_editor).head_name == "Ketua"


def test_the_rest_of_an_election_unit_stays_reference_data(world, users):
    with pytest.raises(PermissionDenied):
        set_letterhead(world.kpu_blitar, users.regency_editor, name="KPU Kota Blitar Baru")
    with pytest.raises(PermissionDenied):
        set_letterhead(world.kpu_blitar, users.national_editor, short_name="KPU Blitar")


def test_a_partner_has_no_letterhead(world, users):
    with pytest.raises(ValidationError) as refused:
        set_letterhead(world.kemensos, users.national_editor)
    assert "letterhead_address" in refused.value.error_dict


def upload(name, content):
    return SimpleUploadedFile(name, content)


def picture(size, image_format="PNG"):
    output = io.BytesIO()
    Image.new("RGB", size, (0, 0, 0)).save(output, image_format)
    return output.getvalue()


@pytest.mark.parametrize(
    "file, code",
    [
        (upload("logo.gif", picture((10, 10), "GIF")), "logo_not_image"),
        (upload("logo.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>"), "logo_not_image"),
        (
            upload("logo.png", picture((10, 10), "JPEG")),
            "logo_not_image",
        ),  # name and content differ
        (upload("logo.png", picture((2400, 100))), "logo_too_large"),
        (upload("logo.png", b"\x89PNG" + b"0" * (1024 * 1024 + 1)), "logo_too_large"),
    ],
)
def test_only_small_png_or_jpeg_logos_are_accepted(world, users, file, code):
    with pytest.raises(ValidationError) as refused:
        set_letterhead(world.kpu_blitar, users.regency_editor, letterhead_logo=file)
    assert [error.code for error in refused.value.error_dict["letterhead_logo"]] == [code]


def test_a_jpeg_logo_is_accepted(world, users):
    saved = set_letterhead(
        world.kpu_blitar,
        users.regency_editor,
        letterhead_logo=upload("logo.jpg", picture((300, 300), "JPEG")),
    )
    assert saved.letterhead_logo.name.endswith(".jpg")


def test_a_replaced_logo_file_is_deleted(world, users, media, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = set_letterhead(world.kpu_blitar, users.regency_editor, letterhead_logo=png())
    old = media / first.letterhead_logo.name
    with django_capture_on_commit_callbacks(execute=True):
        set_letterhead(world.kpu_blitar, users.regency_editor, letterhead_logo=png())
    assert not old.exists()


def test_the_admin_lets_a_regional_editor_set_only_the_letterhead(client, world, users):
    client.force_login(users.regency_editor)
    url = reverse("admin:partners_institution_change", args=[world.kpu_blitar.pk])
    form = client.get(url)
    assert form.status_code == 200
    fields = form.context["adminform"].form.fields
    assert {"letterhead_logo", "letterhead_address", "head_name", "head_title"} <= set(fields)
    assert "name" not in fields and "body" not in fields
    response = client.post(
        url,
        {
            "letterhead_logo": png(),
            "letterhead_address": "Jalan Kenari 1, Blitar",
            "head_name": "Ketua Blitar",
            "head_title": "Ketua KPU Kota Blitar",
            "loaded_version": form.context["adminform"].form["loaded_version"].value(),
            # The contact persons' inline (empty).
            "contacts-TOTAL_FORMS": 0,
            "contacts-INITIAL_FORMS": 0,
            "contacts-MIN_NUM_FORMS": 0,
            "contacts-MAX_NUM_FORMS": 1000,
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    world.kpu_blitar.refresh_from_db()
    assert world.kpu_blitar.head_title == "Ketua KPU Kota Blitar"
    assert world.kpu_blitar.letterhead_logo
    other = reverse("admin:partners_institution_change", args=[world.kpu_banjarmasin.pk])
    assert client.post(other, {"head_name": "X"}).status_code == 403
