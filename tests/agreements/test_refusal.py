"""The approval path end to end: submitting a regional MoU notifies the national approvers,
recording or refusing it notifies the unit, and a refusal sends the MoU back to draft with its
reason (issue "Work that happens by itself", item 3)."""

import datetime

import pytest
from django.urls import reverse

from agreements import services
from agreements.models import Agreement, Status
from notifications.models import Notification
from tests.agreements.test_api import client_for
from tests.api_errors import assert_error, error_codes
from tests.conftest import make_agreement


@pytest.fixture
def waiting_mou(world, users):
    """A KPU Jatim MoU, submitted by the provincial editor for the chair's approval."""
    mou = make_agreement(
        world.kpu_jatim,
        [world.kemensos],
        ["sosialisasi"],
        status=Status.DRAFT,
        signed_on=None,
        valid_until=None,
        title="MoU KPU Jatim – Kemensos",
    )
    response = client_for(users.provincial_editor).patch(
        f"/api/v1/agreements/{mou.pk}/", {"status": "awaiting_approval"}, format="json"
    )
    assert response.status_code == 200, response.data
    return Agreement.objects.get(pk=mou.pk)


def kinds_for(user):
    return sorted(Notification.objects.filter(user=user).values_list("kind", flat=True))


def test_submitting_notifies_the_national_approvers_of_the_body(users, waiting_mou):
    assert kinds_for(users.national_admin) == ["approval_requested"]
    assert kinds_for(users.provincial_editor) == []  # who submitted it is not told
    assert kinds_for(users.provincial_approver) == []  # a provincial approver does not approve


def test_refusing_sends_it_back_to_draft_with_the_reason_and_tells_the_unit(users, waiting_mou):
    response = client_for(users.national_admin).post(
        f"/api/v1/agreements/{waiting_mou.pk}/refuse/",
        {"reason": "Ruang lingkup belum sesuai pedoman."},
        format="json",
    )
    assert response.status_code == 200, response.data
    stored = Agreement.objects.get(pk=waiting_mou.pk)
    assert (stored.status, stored.refusal_reason, stored.refused_by) == (
        Status.DRAFT,
        "Ruang lingkup belum sesuai pedoman.",
        users.national_admin,
    )
    assert stored.refused_on is not None
    assert kinds_for(users.provincial_editor) == ["approval_refused"]


def test_only_a_national_approver_of_the_body_refuses(users, waiting_mou):
    for user in (users.provincial_approver, users.national_editor):
        response = client_for(user).post(
            f"/api/v1/agreements/{waiting_mou.pk}/refuse/", {"reason": "Tidak"}, format="json"
        )
        assert response.status_code in (403, 404)
    assert Agreement.objects.get(pk=waiting_mou.pk).status == Status.AWAITING_APPROVAL


def test_a_refusal_needs_an_mou_awaiting_approval_and_a_reason(users, waiting_mou, national_mou):
    client = client_for(users.national_admin)
    assert error_codes(
        client.post(
            f"/api/v1/agreements/{national_mou.pk}/refuse/", {"reason": "Tidak"}, format="json"
        )
    ) == {"refusal_reason": ["refusal_invalid"]}
    assert_error(
        client.post(f"/api/v1/agreements/{waiting_mou.pk}/refuse/", {}, format="json"),
        400,
        "invalid",
    )


def test_recording_the_approval_tells_the_unit(users, waiting_mou):
    services.record_approval(
        waiting_mou, "B/12/KPU/2024", datetime.date(2024, 3, 1), users.national_admin
    )
    assert Agreement.objects.get(pk=waiting_mou.pk).status == Status.APPROVED
    assert kinds_for(users.provincial_editor) == ["approval_recorded"]


def test_the_admin_refuses_with_a_reason(client, users, waiting_mou):
    client.force_login(users.national_admin)
    change = client.get(reverse("admin:agreements_mou_change", args=[waiting_mou.pk]))
    refuse_url = reverse("admin:agreements_mou_refuse", args=[waiting_mou.pk])
    assert refuse_url in change.content.decode()
    assert client.post(refuse_url, {"reason": "Lengkapi kajian."}).status_code == 302
    assert Agreement.objects.get(pk=waiting_mou.pk).status == Status.DRAFT
    client.force_login(users.provincial_editor)
    assert client.get(refuse_url).status_code == 403
