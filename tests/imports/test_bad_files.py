"""Bad files get a clear error in the API's format, and nothing is saved."""

import io
import zipfile

import openpyxl
import pytest

from agreements.models import Agreement
from imports.reading import read_table
from imports.runner import run_import
from tests.imports.conftest import COLUMNS, csv_bytes, pks_row, xlsx

pytestmark = pytest.mark.django_db


def refused(post_import, user, content, name="perjanjian.xlsx", dry_run=False):
    before = Agreement.objects.count()
    response = post_import(user, content, name=name, dry_run=dry_run)
    assert Agreement.objects.count() == before
    body = response.json()
    assert set(body) >= {"detail", "code"} and body["detail"]
    return response.status_code, body["code"]


def zip_bomb(unpacked_bytes):
    """A zip with the parts of an XLSX, one of them ``unpacked_bytes`` of zeros."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(xlsx([pks_row()]))) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for info in source.infolist():
            bomb.writestr(info, source.read(info))
        bomb.writestr("xl/media/padding.bin", b"\0" * unpacked_bytes)
    return buffer.getvalue()


def test_not_a_spreadsheet(post_import, users):
    assert refused(
        post_import, users.national_editor, b"%PDF-1.7\n\x00\x01\x02 binary", name="scan.pdf"
    ) == (400, "not_a_spreadsheet")


def test_a_password_protected_workbook(post_import, users):
    # Excel stores an encrypted workbook in an OLE compound file, not a zip.
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512
    assert refused(post_import, users.national_editor, ole) == (400, "protected_file")


@pytest.mark.parametrize(
    "content",
    [
        b"PK\x03\x04" + b"not really a zip" * 10,
        xlsx([pks_row()])[:2000],
    ],
)
def test_a_corrupt_workbook(post_import, users, content):
    assert refused(post_import, users.national_editor, content) == (400, "corrupt_file")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(post_import, users, settings):
    settings.IMPORT_MAX_UNCOMPRESSED_BYTES = 5 * 1024 * 1024
    bomb = zip_bomb(6 * 1024 * 1024)
    assert len(bomb) < 100 * 1024
    assert refused(post_import, users.national_editor, bomb) == (413, "file_too_large")


def test_a_file_over_the_limit(post_import, users):
    content = csv_bytes([pks_row()]) + b" " * (10 * 1024 * 1024)
    assert refused(post_import, users.national_editor, content, name="big.csv") == (
        413,
        "file_too_large",
    )


@pytest.mark.parametrize(
    "content",
    [
        xlsx([pks_row()], columns=["Nomor", "Catatan"]),
        b"\n\n",
        csv_bytes([{"a": 1}], columns=["Kolom A", "Kolom B"]),
    ],
)
def test_a_sheet_without_a_header_row(post_import, users, content):
    code = refused(post_import, users.national_editor, content, name="x.csv")[1]
    assert code in ("no_header", "empty_file")


def test_a_header_without_rows(post_import, users):
    assert refused(post_import, users.national_editor, xlsx([])) == (400, "no_rows")


def test_an_unknown_column_names_the_closest(post_import, users):
    content = xlsx([pks_row()], columns=[*COLUMNS[:-1], "Tanggal Persetujuann"])
    status, code = refused(post_import, users.national_editor, content)
    assert (status, code) == (400, "unknown_column")
    body = post_import(users.national_editor, content).json()
    assert "Tanggal Persetujuan" in body["detail"]
    assert list(body["errors"]) == ["Tanggal Persetujuann"]


def test_csv_in_utf16_is_refused(post_import, users):
    content = csv_bytes([pks_row()], encoding="utf-16")
    assert refused(post_import, users.national_editor, content, name="x.csv") == (
        400,
        "unsupported_encoding",
    )


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_csv_in_utf8_with_or_without_bom_and_windows_1252(users, world, national_mou, encoding):
    title = "PKS Sosialisasi — Pemilih Pemula “Cerdas” (été)"
    content = csv_bytes([pks_row(**{"Judul": title})], encoding=encoding)
    report = run_import(content, "x.csv", users.national_editor, dry_run=False)
    assert report["saved"], report
    assert Agreement.objects.pks().get().title == title


def test_csv_with_semicolons_as_excel_writes_in_indonesia(users, national_mou):
    content = csv_bytes(
        [
            pks_row(
                **{
                    "Mitra": "Kementerian Sosial; Kementerian Agama",
                    "Nomor Mitra": "1; 2",
                    "Penanda Tangan Mitra": "Sri; Budi",
                    "Jabatan Penanda Tangan Mitra": "Sekjen; Sekjen",
                }
            )
        ],
        delimiter=";",
    )
    report = run_import(content, "x.csv", users.national_editor, dry_run=False)
    assert report["saved"], report
    assert Agreement.objects.pks().get().parties.count() == 2


@pytest.mark.parametrize(
    "formula", ["=1+1", "+62 812", "-5", "@SUM(A1)", '=HYPERLINK("http://x","y")']
)
def test_formulas_are_text_never_evaluated(formula):
    book = openpyxl.Workbook()
    book.active.append(["Judul", "Jenis"])
    book.active.append([formula, "MoU"])
    buffer = io.BytesIO()
    book.save(buffer)
    table = read_table(buffer.getvalue(), "f.xlsx", COLUMNS)
    assert table.rows[0][1]["Judul"] == formula
    from_csv = read_table(
        csv_bytes([{"Judul": formula, "Jenis": "MoU"}], ["Judul", "Jenis"]), "f.csv", COLUMNS
    )
    assert from_csv.rows[0][1]["Judul"] == formula


def test_a_formula_title_is_stored_as_its_text(users, national_mou):
    report = run_import(
        xlsx([pks_row(**{"Judul": "=CMD|' /C calc'!A0"})]),
        "f.xlsx",
        users.national_editor,
        dry_run=False,
    )
    assert report["saved"]
    assert Agreement.objects.pks().get().title == "=CMD|' /C calc'!A0"


def test_an_xml_entity_bomb_inside_a_workbook(post_import, users):
    sheet = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Judul</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData>'
        "</worksheet>"
    )
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(xlsx([pks_row()]))) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                bomb.writestr(info, source.read(info))
        bomb.writestr("xl/worksheets/sheet1.xml", sheet)
    assert refused(post_import, users.national_editor, buffer.getvalue()) == (400, "corrupt_file")
