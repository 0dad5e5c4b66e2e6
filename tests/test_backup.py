"""Backup and restore (issue 8): scripts/backup.py backs up a database holding agreements and
scans, restores it into a fresh database and folder, and the restore has the same rows and the
same scans, byte for byte."""

import hashlib
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from agreements.models import Agreement
from tests.agreements.test_admin import PDF_BYTES
from tests.conftest import make_agreement

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "backup.py"

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the backup is pg_dump/pg_restore"
)


def database_url(name):
    settings = connection.settings_dict
    return (
        f"postgresql://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{name}"
    )


def backup_script(action, folder, url, media):
    return subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            action,
            str(folder),
            "--database-url",
            url,
            "--media-root",
            str(media),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def scanned_world(transactional_db, settings, tmp_path, world, national_mou, users):
    """Committed agreements (the script reads the database from another process), two with a
    scan in MEDIA_ROOT, plus the users and their history rows."""
    settings.MEDIA_ROOT = tmp_path / "media"
    for number, agreement in enumerate(
        [
            national_mou,
            make_agreement(
                world.bawaslu_ri, [world.kemensos], ["sosialisasi"], title="MoU Bawaslu RI"
            ),
        ]
    ):
        agreement.signed_scan = SimpleUploadedFile("scan.pdf", PDF_BYTES + bytes([number]))
        agreement.save()
    return settings.MEDIA_ROOT


@pytest.fixture
def fresh_database():
    """An empty database next to the test database, dropped after the test."""
    name = f"{connection.settings_dict['NAME']}_restore"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield database_url(name)
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def counts(url):
    with psycopg.connect(url) as database, database.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        tables = sorted(name for (name,) in cursor.fetchall())
        result = {}
        for table in tables:
            cursor.execute(f'SELECT count(*) FROM "{table}"')
            result[table] = cursor.fetchone()[0]
        return result


def test_a_backup_restores_into_a_fresh_database_with_the_same_rows_and_scans(
    scanned_world, fresh_database, tmp_path
):
    source = database_url(connection.settings_dict["NAME"])
    backup = backup_script("backup", tmp_path / "backup", source, scanned_world)
    assert backup.returncode == 0, backup.stderr
    assert {path.name for path in (tmp_path / "backup").iterdir()} == {
        "database.dump",
        "media.tar",
        "manifest.json",
    }

    restored_media = tmp_path / "restored-media"
    restore = backup_script("restore", tmp_path / "backup", fresh_database, restored_media)
    assert restore.returncode == 0, restore.stderr
    assert "verified" in restore.stdout

    before, after = counts(source), counts(fresh_database)
    assert after == before
    assert after["agreements_agreement"] == 2 and after["agreements_party"] == 3
    assert after["auth_user"] == 8 and after["agreements_historicalagreement"] >= 4
    for agreement in Agreement.objects.all():
        copy = restored_media / agreement.signed_scan.name
        assert hashlib.sha256(copy.read_bytes()).hexdigest() == agreement.signed_scan_sha256


def test_restore_refuses_a_database_that_is_not_empty(scanned_world, tmp_path):
    source = database_url(connection.settings_dict["NAME"])
    assert backup_script("backup", tmp_path / "backup", source, scanned_world).returncode == 0
    refused = backup_script("restore", tmp_path / "backup", source, tmp_path / "other")
    assert refused.returncode == 1
    assert "restore into a new, empty database" in refused.stderr


def test_a_backup_with_a_missing_scan_fails(scanned_world, tmp_path):
    Path(scanned_world, Agreement.objects.first().signed_scan.name).unlink()
    source = database_url(connection.settings_dict["NAME"])
    failed = backup_script("backup", tmp_path / "backup", source, scanned_world)
    assert failed.returncode == 1
    assert "missing from" in failed.stderr
