"""Spreadsheets for the import tests, made in memory (XLSX with openpyxl, CSV as text)."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from imports.agreement_columns import COLUMNS

API_URL = "/api/v1/agreements/import/"


def xlsx(rows, columns=COLUMNS):
    """An XLSX workbook with ``columns`` as header and ``rows`` (dicts by column) below."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(columns))
    for row in rows:
        sheet.append([row.get(column) for column in columns])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows, columns=COLUMNS, encoding="utf-8", delimiter=","):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(column, "") for column in columns])
    return buffer.getvalue().encode(encoding)


def pks_row(**changes):
    """A PKS of KPU Kota Blitar with Kemensos under the national_mou fixture (01/KB/2024)."""
    row = {
        "Jenis": "PKS",
        "Judul": "PKS Sosialisasi Pemilu KPU Kota Blitar dan Kemensos",
        "Satuan Kerja": "KPU Kota Blitar",
        "Nomor Satuan Kerja": "05/PKS/KPU-Kot/2024",
        "Penanda Tangan Satuan Kerja": "Rangga Bisma",
        "Jabatan Penanda Tangan Satuan Kerja": "Ketua",
        "Nomor MoU Induk": "01/KB/2024",
        "Mitra": "Kementerian Sosial",
        "Nomor Mitra": "B/77/2024",
        "Penanda Tangan Mitra": "Sri Lestari",
        "Jabatan Penanda Tangan Mitra": "Kepala Dinas",
        "Ruang Lingkup": "sosialisasi",
        "Tanggal Penandatanganan": "01/03/2024",
        "Tempat Penandatanganan": "Blitar",
        "Berlaku Mulai": "01/03/2024",
        "Berlaku Sampai": "2025-02-28",
        "Status": "ditandatangani",
    }
    row.update(changes)
    return row


def national_mou_row(**changes):
    """A new national MoU of KPU RI with Karang Taruna, signed on 2 January 2024."""
    row = {
        "Jenis": "MoU",
        "Judul": "Nota Kesepahaman KPU RI dan Karang Taruna",
        "Satuan Kerja": "Komisi Pemilihan Umum Republik Indonesia",
        "Nomor Satuan Kerja": "07/KB/KPU/2024",
        "Penanda Tangan Satuan Kerja": "Ketua KPU",
        "Jabatan Penanda Tangan Satuan Kerja": "Ketua",
        "Mitra": "Karang Taruna",
        "Nomor Mitra": "KT/1/2024",
        "Penanda Tangan Mitra": "Ketua Umum",
        "Jabatan Penanda Tangan Mitra": "Ketua Umum",
        "Ruang Lingkup": "Sosialisasi; Penelitian",
        "Tanggal Penandatanganan": datetime.date(2024, 1, 2),
        "Tempat Penandatanganan": "Jakarta",
        "Berlaku Mulai": datetime.date(2024, 1, 2),
        "Berlaku Sampai": datetime.date(2028, 12, 31),
        "Status": "ditandatangani",
    }
    row.update(changes)
    return row


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded import files go to a temporary directory."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def post_import(client):
    """POST a file to an import endpoint as a user; returns the response."""

    def post(user, content, name="perjanjian.xlsx", dry_run=True, url=API_URL):
        client.force_login(user)
        upload = SimpleUploadedFile(name, content)
        return client.post(url, {"file": upload, "dry_run": "true" if dry_run else "false"})

    return post


def errors_of(report, row=0):
    return [(e["column"], e["code"]) for e in report["rows"][row]["errors"]]
