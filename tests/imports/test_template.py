"""The templates: header, instructions, drop-down lists, example row; XLSX and CSV alike."""

import io

import openpyxl
import pytest
from django.core.management import call_command

from imports import agreement_columns, institution_rows
from imports.reading import read_table

pytestmark = pytest.mark.django_db
URL = "/api/v1/agreements/import/template/"


def test_xlsx_template_has_header_instructions_lists_and_an_example(client, users, world):
    client.force_login(users.regency_editor)
    response = client.get(URL, {"format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    data = book.worksheets[0]
    assert [cell.value for cell in data[1]] == agreement_columns.COLUMNS
    assert data["A2"].value == "PKS"
    instructions = book.worksheets[1]
    text = " ".join(str(c.value) for row in instructions.iter_rows() for c in row if c.value)
    assert "Petunjuk" in instructions.title or "Instructions" in instructions.title
    assert "titik koma" in text or "semicolon" in text
    lists = {str(rule.sqref)[0]: rule for rule in data.data_validations.dataValidation}
    assert set(lists) == {"A", "L", "Q"}  # Jenis, Ruang Lingkup, Status
    values = [c.value for c in book.worksheets[-1]["C"][1:]]
    assert values == [
        "Sosialisasi",
        "Pendidikan Pemilih",
        "Partisipasi Masyarakat",
        "Pengawasan Partisipatif",
        "Data Informasi",
        "Penelitian",
        "Netralitas Asn",
        "Lainnya",
    ]
    assert lists["L"].showErrorMessage is False  # several scopes are typed with ;
    assert lists["A"].showErrorMessage is True


def test_csv_template_reads_back_with_the_same_columns(client, users, world):
    client.force_login(users.regency_editor)
    response = client.get(URL, {"format": "csv"})
    assert response.status_code == 200
    assert response.content.startswith("\ufeff".encode())
    table = read_table(response.content, "t.csv", agreement_columns.COLUMNS)
    assert table.columns == set(agreement_columns.COLUMNS)
    assert table.rows[0][1]["Satuan Kerja"] == "KPU Kota Blitar"


def test_an_unknown_template_format_is_a_400(client, users):
    client.force_login(users.regency_editor)
    response = client.get(URL, {"format": "ods"})
    assert response.status_code == 400
    assert response.json()["errors"]["format"][0]["code"] == "invalid_choice"


def test_the_template_example_checks_like_any_row(client, users, world, post_import):
    client.force_login(users.regency_editor)
    content = client.get(URL, {"format": "xlsx"}).content
    report = post_import(users.regency_editor, content).json()
    codes = {error["code"] for error in report["rows"][0]["errors"]}
    # The example fits the demo data; the test world has no MoU 03/KB/KPU/TAHUN 2024, and its
    # scope areas carry other names.
    assert codes == {"unknown_parent", "invalid_choice"}


def test_the_command_writes_both_templates(tmp_path, world):
    call_command("import_agreements", "--template", str(tmp_path / "t.xlsx"))
    call_command("import_institutions", "--template", str(tmp_path / "i.csv"))
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    assert [c.value for c in book.worksheets[0][1]] == agreement_columns.COLUMNS
    header = (tmp_path / "i.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.split(",") == institution_rows.COLUMNS
