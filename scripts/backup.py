#!/usr/bin/env python3
"""Back up and restore Kemitraan: the PostgreSQL database and the signed scans (MEDIA_ROOT).

    .venv/bin/python scripts/backup.py backup  /var/backups/kemitraan/2026-06-01
    .venv/bin/python scripts/backup.py restore /var/backups/kemitraan/2026-06-01

Both read DATABASE_URL and MEDIA_ROOT from the environment, as the application does
(``--database-url`` and ``--media-root`` override them).

backup writes into a new folder:
  database.dump   pg_dump, custom format, of one consistent snapshot of the database
  media.tar       every file under MEDIA_ROOT
  manifest.json   the row count of every table and the SHA-256 of every scan, as of that
                  snapshot, and the SHA-256 of the two files above
It fails if a scan the database names is missing from the folder or does not match the
fingerprint the database recorded for it.

restore loads a backup into an EMPTY database (create it first: ``createdb kemitraan_new``) and
an empty or new MEDIA_ROOT, then checks the result against the manifest: every table has its
row count, every scan is there with its SHA-256. It exits with status 1 on any difference.

Needs pg_dump and pg_restore (Debian: postgresql-client) of the server's major version, and
psycopg (in requirements.txt).
"""

import argparse
import datetime
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import psycopg
from psycopg import sql

DUMP, MEDIA, MANIFEST = "database.dump", "media.tar", "manifest.json"
CHUNK = 1024 * 1024


class Failed(Exception):
    """The backup or restore cannot be trusted; the message says why."""


def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def table_counts(cursor):
    """{table: rows} for every table of the public schema."""
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
    tables = [name for (name,) in cursor.fetchall()]
    counts = {}
    for table in tables:
        cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))
        counts[table] = cursor.fetchone()[0]
    return counts


def recorded_scans(cursor):
    """{file name under MEDIA_ROOT: SHA-256 the register recorded} of every agreement's scan."""
    cursor.execute(
        "SELECT signed_scan, signed_scan_sha256 FROM agreements_agreement "
        "WHERE signed_scan <> '' ORDER BY signed_scan"
    )
    return dict(cursor.fetchall())


def run(command):
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise Failed(f"{command[0]} failed:\n{result.stderr.strip()}")


def backup(database_url, media_root, folder):
    if folder.exists() and any(folder.iterdir()):
        raise Failed(f"{folder} is not empty: back up into a new folder.")
    folder.mkdir(parents=True, exist_ok=True)
    # One snapshot for the dump, the counts and the scan list: they describe the same moment.
    with psycopg.connect(database_url) as connection, connection.cursor() as cursor:
        connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        connection.read_only = True
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        run(
            [
                "pg_dump",
                "--dbname",
                database_url,
                "--format",
                "custom",
                "--snapshot",
                snapshot,
                "--file",
                str(folder / DUMP),
            ]
        )
        counts, scans = table_counts(cursor), recorded_scans(cursor)
        connection.rollback()
    files = archive_media(media_root, folder / MEDIA)
    problems = [f"{name}: missing from {media_root}" for name in scans if name not in files]
    problems += [
        f"{name}: its SHA-256 is not the one the register recorded"
        for name, digest in scans.items()
        if name in files and files[name] != digest
    ]
    if problems:
        raise Failed(
            "Scans the database names do not match the files (a scan replaced during "
            "the backup? run it again):\n  " + "\n  ".join(problems)
        )
    manifest = {
        "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "tables": counts,
        "scans": scans,
        "files": files,
        "sha256": {DUMP: sha256_file(folder / DUMP), MEDIA: sha256_file(folder / MEDIA)},
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    print(
        f"Backed up {sum(counts.values())} rows in {len(counts)} tables and "
        f"{len(files)} files ({len(scans)} scans) into {folder}"
    )


def archive_media(media_root, target):
    """Tar every file under ``media_root``; {relative name: SHA-256} of what went in."""
    files = {}
    with tarfile.open(target, "w") as archive:
        if media_root.is_dir():
            for path in sorted(p for p in media_root.rglob("*") if p.is_file()):
                name = path.relative_to(media_root).as_posix()
                files[name] = sha256_file(path)
                archive.add(path, arcname=name, recursive=False)
    return files


def restore(database_url, media_root, folder):
    manifest = json.loads((folder / MANIFEST).read_text())
    for name, digest in manifest["sha256"].items():
        if sha256_file(folder / name) != digest:
            raise Failed(f"{folder / name} is not the file the backup wrote (SHA-256 differs).")
    with psycopg.connect(database_url) as connection, connection.cursor() as cursor:
        if table_counts(cursor):
            raise Failed("The target database has tables: restore into a new, empty database.")
    if media_root.exists() and any(media_root.iterdir()):
        raise Failed(f"{media_root} is not empty: restore into a new, empty folder.")
    run(
        [
            "pg_restore",
            "--dbname",
            database_url,
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            str(folder / DUMP),
        ]
    )
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / MEDIA) as archive:
        archive.extractall(media_root, filter="data")
    verify(database_url, media_root, manifest)


def verify(database_url, media_root, manifest):
    """Compare the restored database and files with the manifest; raise Failed on a difference."""
    with psycopg.connect(database_url) as connection, connection.cursor() as cursor:
        counts, scans = table_counts(cursor), recorded_scans(cursor)
    problems = [
        f"table {table}: {counts.get(table)} rows, the backup had {rows}"
        for table, rows in manifest["tables"].items()
        if counts.get(table) != rows
    ]
    if scans != manifest["scans"]:
        problems.append("the agreements' scans differ from the backup's list")
    for name, digest in manifest["files"].items():
        path = media_root / name
        if not path.is_file() or sha256_file(path) != digest:
            problems.append(f"file {name}: missing or changed")
    if problems:
        raise Failed("The restore does not match the backup:\n  " + "\n  ".join(problems))
    print(
        f"Restored and verified {sum(counts.values())} rows in {len(counts)} tables and "
        f"{len(manifest['files'])} files ({len(scans)} scans, SHA-256 checked)"
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["backup", "restore"])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument(
        "--media-root",
        type=Path,
        default=Path(os.environ.get("MEDIA_ROOT", Path(__file__).resolve().parents[1] / "media")),
    )
    args = parser.parse_args(argv)
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        parser.error(
            "DATABASE_URL must name a PostgreSQL database (for SQLite, copy "
            "db.sqlite3 and the media folder while the application is stopped)."
        )
    for tool in ("pg_dump", "pg_restore"):
        if shutil.which(tool) is None:
            parser.error(f"{tool} is not installed (Debian: apt-get install postgresql-client).")
    action = backup if args.action == "backup" else restore
    try:
        action(args.database_url, args.media_root, args.folder)
    except (Failed, psycopg.OperationalError) as failure:
        print(f"{args.action} failed: {failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
