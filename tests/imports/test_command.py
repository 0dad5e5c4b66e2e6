"""``manage.py import_agreements``: the same report, all or nothing."""

import io

import pytest
from django.core.management import CommandError, call_command

from agreements.models import Agreement
from tests.imports.conftest import pks_row, xlsx

pytestmark = pytest.mark.django_db


def uncovered_row():
    return pks_row(**{"Mitra": "Karang Taruna", "Nomor Satuan Kerja": "2"})


def run(*args):
    out = io.StringIO()
    call_command("import_agreements", *args, stdout=out)
    return out.getvalue()


def test_dry_run_prints_every_row_and_saves_nothing(tmp_path, users, national_mou):
    path = tmp_path / "arsip.xlsx"
    path.write_bytes(xlsx([pks_row(), uncovered_row()]))
    output = run(str(path), "--dry-run", "--user", users.regency_editor.username)
    assert "Baris 2: baru" in output
    assert "Baris 3: GALAT" in output and "Mitra: [partner_not_covered]" in output
    assert "uji coba" in output
    assert not Agreement.objects.pks().exists()


def test_import_saves_or_fails_as_a_whole(tmp_path, users, national_mou):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(xlsx([pks_row(), uncovered_row()]))
    with pytest.raises(CommandError, match="Tidak ada yang disimpan"):
        run(str(bad), "--user", users.regency_editor.username)
    assert not Agreement.objects.pks().exists()
    good = tmp_path / "good.xlsx"
    good.write_bytes(xlsx([pks_row()]))
    assert "disimpan" in run(str(good), "--user", users.regency_editor.username)
    assert Agreement.objects.pks().get().history.first().history_user == users.regency_editor


def test_a_bad_file_and_an_unknown_user_are_command_errors(tmp_path, users):
    path = tmp_path / "x.csv"
    path.write_bytes(b"\n")
    with pytest.raises(CommandError, match="kosong|empty"):
        run(str(path), "--user", users.regency_editor.username)
    with pytest.raises(CommandError, match="tidak ada"):
        run(str(path), "--user", "nobody")
