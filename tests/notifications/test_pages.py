"""The "Pemberitahuan" page, marking read, the e-mail choice and the unread count in the
header of the pages and of the admin."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from notifications.choices import Kind
from notifications.delivery import notify
from notifications.models import EmailPreference, Notification
from notifications.recipients import user_recipient
from tests.notifications.test_api import note

PAGE = "/pemberitahuan/"


@pytest.fixture
def notes(staff, national_mou):
    mine = [note(staff.provincial_editor, national_mou, f"PKS {number}") for number in range(3)]
    theirs = note(staff.regency_editor, national_mou, "PKS Kota Blitar")
    return mine, theirs


def unread_badge(html):
    found = re.search(r'class="notes-link__count">(\d+)', html)
    return int(found.group(1)) if found else None


def test_the_page_needs_sign_in(client):
    assert client.get(PAGE).url.startswith("/masuk/")


def test_the_page_lists_the_users_own_newest_first(client, staff, notes):
    client.force_login(staff.provincial_editor)
    html = client.get(PAGE).content.decode()
    assert html.index("PKS “PKS 2”") < html.index("PKS “PKS 1”") < html.index("PKS “PKS 0”")
    assert "PKS Kota Blitar" not in html
    assert "<h1>Pemberitahuan</h1>" in html and unread_badge(html) == 3


def test_marking_read_from_the_page(client, staff, notes):
    mine, theirs = notes
    client.force_login(staff.provincial_editor)
    response = client.post(f"/pemberitahuan/{mine[0].pk}/dibaca/", {"next": PAGE})
    assert response.status_code == 302 and response.url == PAGE
    mine[0].refresh_from_db()
    assert mine[0].read_at is not None
    assert unread_badge(client.get(PAGE).content.decode()) == 2
    assert client.post(f"/pemberitahuan/{theirs.pk}/dibaca/").status_code == 404
    client.post("/pemberitahuan/semua-dibaca/", {"next": "https://evil.example/"})
    assert not Notification.objects.filter(user=staff.provincial_editor, read_at__isnull=True)
    assert unread_badge(client.get(PAGE).content.decode()) is None
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_marking_read_needs_post(client, staff, notes):
    client.force_login(staff.provincial_editor)
    assert client.get(f"/pemberitahuan/{notes[0][0].pk}/dibaca/").status_code == 405


def test_the_unread_filter(client, staff, notes):
    mine, _theirs = notes
    client.force_login(staff.provincial_editor)
    client.post(f"/pemberitahuan/{mine[1].pk}/dibaca/")
    html = client.get(PAGE, {"unread": "1"}).content.decode()
    assert "PKS “PKS 1”" not in html and "PKS “PKS 2”" in html


def test_the_unread_count_shows_in_the_pages_and_the_admin_header(client, staff, notes):
    client.force_login(staff.provincial_editor)
    assert unread_badge(client.get("/dasbor/").content.decode()) == 3
    admin = client.get("/admin/").content.decode()
    assert unread_badge(admin) == 3 and 'href="/pemberitahuan/"' in admin


def test_turning_email_off_keeps_the_notifications_in_the_app(
    client, staff, django_capture_on_commit_callbacks
):
    client.force_login(staff.provincial_editor)
    assert "checked" in client.get(PAGE).content.decode()
    client.post("/pemberitahuan/email/", {})
    assert EmailPreference.objects.get(user=staff.provincial_editor).by_email is False
    assert "hanya di Kemitraan" in client.get(PAGE).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        notify([user_recipient(staff.provincial_editor)], Kind.REPORT_FAILED, {"format": "pdf"})
    assert mail.outbox == [] and Notification.objects.filter(user=staff.provincial_editor).exists()
    client.post("/pemberitahuan/email/", {"by_email": "on"})
    editor = get_user_model().objects.get(pk=staff.provincial_editor.pk)
    with django_capture_on_commit_callbacks(execute=True):
        notify([user_recipient(editor)], Kind.REPORT_FAILED, {"format": "pdf"})
    assert [message.to for message in mail.outbox] == [["editor_jatim@kpu.go.id"]]


def test_a_user_without_an_address_is_told_so(client, staff):
    client.force_login(staff.provincial_editor_no_email)
    assert "belum memiliki alamat e-mail" in client.get(PAGE).content.decode()
