"""Files of signed scans (issue 8): a replaced, cleared or deleted scan stayed on disk forever.
Now its file is deleted once the change is committed, and only then."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from rest_framework.test import APIClient

from agreements.models import Agreement, Status
from tests.agreements.test_admin import PDF_BYTES, form_data
from tests.conftest import make_agreement


def scan(name="pindaian.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, "application/pdf")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def scanned_mou(media, national_mou):
    national_mou.signed_scan = scan()
    national_mou.save()
    return national_mou


def stored(media):
    return sorted(path.relative_to(media).as_posix() for path in media.rglob("*.pdf"))


def test_a_replaced_scan_is_deleted_once_the_change_is_committed(
    media, scanned_mou, django_capture_on_commit_callbacks
):
    old = scanned_mou.signed_scan.name
    with django_capture_on_commit_callbacks() as callbacks:
        scanned_mou.signed_scan = scan("pindaian-baru.pdf")
        scanned_mou.save()
        assert old in stored(media)  # not before the commit
    for callback in callbacks:
        callback()
    assert stored(media) == [scanned_mou.signed_scan.name]


def test_a_cleared_scan_is_deleted(media, scanned_mou, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        scanned_mou.signed_scan = ""
        scanned_mou.save()
    assert stored(media) == []
    assert Agreement.objects.get(pk=scanned_mou.pk).signed_scan_sha256 == ""


def test_a_rolled_back_replacement_keeps_the_old_file(
    media, scanned_mou, django_capture_on_commit_callbacks
):
    old = scanned_mou.signed_scan.name
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        scanned_mou.signed_scan = ""
        scanned_mou.save()
        raise RuntimeError("the request failed after the save")
    assert old in stored(media)


def test_a_deleted_draft_takes_its_scan_with_it(
    media, world, users, django_capture_on_commit_callbacks
):
    draft = make_agreement(
        world.kpu_ri,
        [world.kemensos],
        ["sosialisasi"],
        status=Status.DRAFT,
        signed_on=None,
        valid_until=None,
        signed_scan=scan(),
    )
    assert len(stored(media)) == 1
    client = APIClient()
    client.force_authenticate(users.national_editor)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.delete(f"/api/v1/agreements/{draft.pk}/").status_code == 204
    assert stored(media) == []


def test_replacing_the_scan_in_the_admin_deletes_the_old_file(
    client, media, users, world, national_mou, django_capture_on_commit_callbacks
):
    client.force_login(users.provincial_editor)
    data = form_data(world.kpu_jatim, [world.kemensos], ["sosialisasi"], parent=national_mou)
    client.post(reverse("admin:agreements_pks_add"), {**data, "signed_scan": scan()})
    pks = Agreement.objects.get(kind="pks")
    old = pks.signed_scan.name
    data.update(
        {
            "parties-INITIAL_FORMS": 1,
            "parties-0-id": pks.parties.get().pk,
            "parties-0-agreement": pks.pk,
            "signed_scan": scan("baru.pdf"),
        }
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:agreements_pks_change", args=[pks.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    new = Agreement.objects.get(pk=pks.pk).signed_scan.name
    assert new != old
    assert stored(media) == [new]
