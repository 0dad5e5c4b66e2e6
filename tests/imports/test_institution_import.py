"""Importing partner institutions: the same dry run, scoping and all or nothing."""

import datetime

import pytest

from imports.institution_rows import COLUMNS
from partners.models import Accreditation, Category, Institution
from tests.imports.conftest import errors_of, xlsx

pytestmark = pytest.mark.django_db
URL = "/api/v1/institutions/import/"


def institution_row(**changes):
    row = {
        "Nama": "PC GP Ansor Kota Blitar",
        "Nama Singkat": "GP Ansor Blitar",
        "Kategori": "organisasi kemasyarakatan",
        "Kode Wilayah": "35.72",
        "Induk": "PP GP Ansor",
    }
    row.update(changes)
    return row


def report_of(post_import, user, rows, dry_run=True):
    response = post_import(user, xlsx(rows, COLUMNS), dry_run=dry_run, url=URL)
    assert response.status_code == 200, response.content
    return response.json()


def test_new_institutions_with_a_parent_from_an_earlier_row(post_import, users, world):
    rows = [
        institution_row(
            **{
                "Nama": "Universitas Negeri Malang",
                "Nama Singkat": "UM",
                "Kategori": "perguruan tinggi",
                "Kode Wilayah": "35",
                "Induk": "",
                "Akreditasi": "Unggul",
                "Akreditasi Berlaku Sampai": "31/12/2028",
            }
        ),
        institution_row(**{"Nama": "PW GP Ansor Jawa Timur", "Kode Wilayah": "35"}),
        institution_row(**{"Induk": "pw gp ansor  jawa timur"}),
    ]
    before = Institution.objects.count()
    dry = report_of(post_import, users.provincial_editor, rows)
    assert [row["status"] for row in dry["rows"]] == ["new"] * 3
    assert Institution.objects.count() == before
    saved = report_of(post_import, users.provincial_editor, rows, dry_run=False)
    assert saved["saved"]
    branch = Institution.objects.get(pk=saved["rows"][2]["institution"])
    assert branch.parent.name == "PW GP Ansor Jawa Timur"
    assert branch.parent.parent == world.gp_ansor
    um = Institution.objects.get(name="Universitas Negeri Malang")
    assert (um.category, um.accreditation, um.accreditation_valid_until) == (
        Category.UNIVERSITY,
        Accreditation.UNGGUL,
        datetime.date(2028, 12, 31),
    )
    assert um.history.get().history_user == users.provincial_editor


def test_reimport_is_idempotent_and_updates_by_name(post_import, users, world):
    first = report_of(post_import, users.national_editor, [institution_row()], dry_run=False)
    history = Institution.history.count()
    again = report_of(post_import, users.national_editor, [institution_row()], dry_run=False)
    assert again["rows"][0] == {**first["rows"][0], "status": "update"}
    assert Institution.history.count() == history
    changed = report_of(
        post_import,
        users.national_editor,
        [institution_row(**{"Nama": "pc gp ansor kota blitar", "Nama Singkat": "Ansor Blitar"})],
        dry_run=False,
    )
    assert changed["rows"][0]["status"] == "update"
    assert Institution.objects.get(pk=first["rows"][0]["institution"]).short_name == "Ansor Blitar"


def test_regional_editors_write_only_their_own_region(post_import, users, world):
    report = report_of(
        post_import,
        users.regency_editor,
        [
            institution_row(),
            institution_row(
                **{
                    "Nama": "Karang Taruna Banjarmasin",
                    "Kode Wilayah": "63.71",
                    "Induk": "Karang Taruna",
                }
            ),
            institution_row(
                **{
                    "Nama": "Universitas Lambung Mangkurat",
                    "Kategori": "perguruan tinggi",
                    "Kode Wilayah": "63",
                    "Induk": "",
                    "Akreditasi": "Unggul",
                    "Akreditasi Berlaku Sampai": "31/12/2028",
                }
            ),
        ],
        dry_run=False,
    )
    assert report["saved"] is False
    assert [errors_of(report, index) for index in range(3)] == [
        [],
        [("Kode Wilayah", "out_of_scope")],
        [("Nama", "out_of_scope")],
    ]
    assert not Institution.objects.filter(name="PC GP Ansor Kota Blitar").exists()


def test_only_national_staff_change_parent_category_and_accreditation(post_import, users, world):
    row = {
        "Nama": "Kanwil Kemenag Provinsi Jawa Timur",
        "Kategori": "instansi vertikal",
        "Kode Wilayah": "35",
        "Induk": "Kementerian Sosial",
    }
    regional = report_of(post_import, users.provincial_editor, [row])
    assert errors_of(regional) == [("Induk", "protected_field")]
    national = report_of(post_import, users.national_editor, [row], dry_run=False)
    assert national["saved"]
    world.kanwil_kemenag_jatim.refresh_from_db()
    assert world.kanwil_kemenag_jatim.parent == world.kemensos


def test_cells_and_rules_give_their_codes(post_import, users, world):
    report = report_of(
        post_import,
        users.national_editor,
        [
            institution_row(**{"Kategori": "partai"}),
            institution_row(**{"Kode Wilayah": "99.99"}),
            institution_row(**{"Induk": "PP GP Ansorr"}),
            institution_row(
                **{
                    "Nama": "Universitas Brawijaya",
                    "Kategori": "perguruan tinggi",
                    "Induk": "",
                    "Akreditasi": "Unggul",
                }
            ),
            institution_row(
                **{
                    "Nama": "Kantor Berita X",
                    "Kategori": "media",
                    "Induk": "",
                    "Akreditasi": "A",
                    "Akreditasi Berlaku Sampai": "2030-01-01",
                }
            ),
            institution_row(
                **{
                    "Nama": "Komisi Pemilihan Umum Republik Indonesia",
                    "Kategori": "lainnya",
                    "Kode Wilayah": "",
                    "Induk": "",
                }
            ),
        ],
    )
    assert [errors_of(report, index) for index in range(6)] == [
        [("Kategori", "invalid_choice")],
        [("Kode Wilayah", "invalid_choice")],
        [("Induk", "unknown_institution")],
        [("Akreditasi Berlaku Sampai", "invalid")],
        [("Akreditasi", "invalid")],
        [("Nama", "out_of_scope")],
    ]
    assert "“PP GP Ansor”" in report["rows"][2]["errors"][0]["message"]
