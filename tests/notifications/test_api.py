"""API v1 notifications/: the user's own, newest first, cursor-paginated; marking read; no
access to another user's (IDOR)."""

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from notifications.choices import Kind
from notifications.models import Notification
from tests.api_errors import assert_error

API = "/api/v1/notifications/"
FIELDS = {"id", "kind", "message", "agreement", "created_at", "read_at"}


def client_for(user, language="id"):
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    client.force_authenticate(get_user_model().objects.get(pk=user.pk))
    return client


def note(user, agreement=None, title="PKS Kemensos"):
    return Notification.objects.create(
        user=user,
        kind=Kind.EXPIRY_30,
        agreement=agreement,
        data={
            "kind": "pks",
            "title": title,
            "days": 30,
            "ends_on": "2026-12-31",
            "valid_until": "2026-12-31",
        },
    )


@pytest.fixture
def notes(users, national_mou):
    mine = [note(users.provincial_editor, national_mou, f"PKS {number}") for number in range(5)]
    theirs = note(users.other_regency_editor, national_mou, "PKS Banjarmasin")
    return mine, theirs


def test_the_list_holds_the_users_own_newest_first(users, notes):
    mine, _theirs = notes
    response = client_for(users.provincial_editor).get(API)
    assert response.status_code == 200
    results = response.json()["results"]
    assert [item["id"] for item in results] == [item.pk for item in reversed(mine)]
    assert set(results[0]) == FIELDS
    assert results[0]["message"] == "PKS “PKS 4” berakhir pada 31 Desember 2026 (30 hari lagi)."
    assert results[0]["agreement"] == mine[4].agreement_id
    assert results[0]["read_at"] is None


def test_the_message_follows_the_requests_language(users, notes):
    results = client_for(users.provincial_editor, "en").get(API).json()["results"]
    assert results[0]["message"] == "The PKS “PKS 4” ends on 31 December 2026 (in 30 days)."


def test_the_list_is_cursor_paginated(users, notes):
    client = client_for(users.provincial_editor)
    first = client.get(API, {"page_size": 2}).json()
    assert len(first["results"]) == 2 and first["next"]
    second = client.get(first["next"]).json()
    third = client.get(second["next"]).json()
    seen = [item["id"] for page in (first, second, third) for item in page["results"]]
    assert seen == sorted(seen, reverse=True) and len(seen) == 5
    assert third["next"] is None


def test_the_list_runs_a_constant_number_of_queries(users, notes, django_assert_num_queries):
    client = client_for(users.provincial_editor)
    with django_assert_num_queries(1):
        client.get(API)
    for number in range(20):
        note(users.provincial_editor, title=f"PKS tambahan {number}")
    with django_assert_num_queries(1):
        assert len(client.get(API).json()["results"]) == 25


def test_unread_filter(users, notes):
    mine, _theirs = notes
    client = client_for(users.provincial_editor)
    client.post(f"{API}{mine[0].pk}/read/")
    unread = client.get(API, {"unread": "true"}).json()["results"]
    read = client.get(API, {"unread": "false"}).json()["results"]
    assert mine[0].pk not in {item["id"] for item in unread} and len(unread) == 4
    assert [item["id"] for item in read] == [mine[0].pk]


def test_marking_one_read(users, notes):
    mine, _theirs = notes
    client = client_for(users.provincial_editor)
    response = client.post(f"{API}{mine[2].pk}/read/")
    assert response.status_code == 200 and response.json()["read_at"] is not None
    mine[2].refresh_from_db()
    first_read = mine[2].read_at
    assert first_read is not None
    client.post(f"{API}{mine[2].pk}/read/")  # again: the first reading time stays
    mine[2].refresh_from_db()
    assert mine[2].read_at == first_read
    unread = Notification.objects.filter(user=users.provincial_editor, read_at__isnull=True)
    assert unread.count() == 4


def test_marking_all_read(users, notes):
    _mine, theirs = notes
    response = client_for(users.provincial_editor).post(f"{API}read-all/")
    assert response.json() == {"marked": 5}
    assert not Notification.objects.filter(user=users.provincial_editor, read_at__isnull=True)
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_another_users_notification_is_not_found(users, notes):
    _mine, theirs = notes
    client = client_for(users.provincial_editor)
    assert_error(client.get(f"{API}{theirs.pk}/"), 404, "not_found")
    assert_error(client.post(f"{API}{theirs.pk}/read/"), 404, "not_found")
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert theirs.pk not in {item["id"] for item in client.get(API).json()["results"]}


def test_a_national_admin_sees_only_their_own_too(users, notes):
    assert client_for(users.national_admin).get(API).json()["results"] == []


def test_anonymous_is_refused(notes):
    assert APIClient().get(API).status_code == 401
    assert APIClient().post(f"{API}{notes[1].pk}/read/").status_code == 401


def test_notifications_cannot_be_written_through_the_api(users, notes):
    client = client_for(users.provincial_editor)
    assert client.post(API, {"kind": "expiry_7"}, format="json").status_code == 405
    assert client.delete(f"{API}{notes[0][0].pk}/").status_code == 405
