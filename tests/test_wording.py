"""Django's own Indonesian wording, as corrected by the project catalogue (kemitraan.wording),
is what users read: in the catalogue, on the admin's pages and in the calendar's script."""

import re
from pathlib import Path

import django
import polib
import pytest
from django.urls import reverse
from django.utils import translation

from kemitraan.wording import DJANGO_COUNTED_MESSAGES, DJANGO_MESSAGES

DJANGO_LOCALE = Path(django.__file__).parent
CATALOGUES = [
    "contrib/admin/locale/id/LC_MESSAGES/django.po",
    "contrib/auth/locale/id/LC_MESSAGES/django.po",
]
# Misspellings and non-standard forms in Django's Indonesian catalogue (KBBI: "di bawah",
# "ubah", "mengubah", "autentikasi", "silakan"; "Anda" capitalised).
MISSPELT = re.compile(
    r"dibawah|\b[Rr]ubah\b|merubah|utnuk|autentifikas|brerdasarkan|"
    r"penghapusanobjek|Kapanpun|[Ss]ilahkan|\banda\b"
)


def django_entries():
    for name in CATALOGUES:
        yield from polib.pofile(DJANGO_LOCALE / name)


def read_in_indonesian(entry):
    if entry.msgid_plural:
        return translation.ngettext(entry.msgid, entry.msgid_plural, 2)
    if entry.msgctxt:
        return translation.pgettext(entry.msgctxt, entry.msgid)
    return translation.gettext(entry.msgid)


def test_no_misspelling_of_djangos_catalogue_reaches_the_admin():
    with translation.override("id"):
        misspelt = {
            entry.msgid: read_in_indonesian(entry)
            for entry in django_entries()
            if MISSPELT.search(read_in_indonesian(entry))
        }
    assert misspelt == {}


def test_every_correction_changes_djangos_wording():
    django_wording = {
        entry.msgid: entry.msgstr or entry.msgstr_plural.get(0) for entry in django_entries()
    }
    with translation.override("id"):
        unchanged = [
            msgid
            for msgid in DJANGO_MESSAGES
            if translation.gettext(msgid) == django_wording[msgid]
        ]
        counted = {message % {"count": 2, "counter": 2} for message in DJANGO_COUNTED_MESSAGES}
    assert unchanged == []
    assert counted == {"Harap perbaiki kesalahan di bawah ini.", "2 hasil"}


@pytest.mark.django_db
def test_the_admin_shows_the_corrected_wording(client, users, world):
    client.force_login(users.national_admin)
    changelist = client.get(reverse("admin:agreements_mou_changelist")).content.decode()
    assert "<h1>Daftar MoU (nota kesepahaman)</h1>" in changelist
    assert "untuk diubah" not in changelist
    form = client.post(reverse("admin:agreements_mou_add"), {"title": ""}).content.decode()
    assert "Harap perbaiki kesalahan di bawah ini." in form
    assert "dibawah" not in form


def test_the_calendar_names_the_days_the_standard_way(client):
    script = client.get(reverse("javascript-catalog")).content.decode()
    assert '"Sunday": "Minggu"' in script and '"Friday": "Jumat"' in script
    assert "Ahad" not in script and "Jum'at" not in script
