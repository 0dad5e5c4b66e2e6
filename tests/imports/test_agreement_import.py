"""Importing agreements: every row through the rules, all or nothing, idempotent, scoped."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements.models import Agreement, Kind, Party, Status
from agreements.services import save_agreement
from imports.runner import run_import
from tests.conftest import make_agreement
from tests.imports.conftest import COLUMNS, csv_bytes, errors_of, national_mou_row, pks_row, xlsx

pytestmark = pytest.mark.django_db


def report_of(post_import, user, rows, **kwargs):
    response = post_import(user, xlsx(rows), **kwargs)
    assert response.status_code == 200, response.content
    return response.json()


def admin_message(agreement, partners, scopes, field):
    """The message the admin and the API give for the same agreement (save_agreement's)."""
    parties = [Party(institution=partner) for partner in partners]
    with pytest.raises(ValidationError) as raised:
        save_agreement(agreement, parties, scopes)
    return [error.messages[0] for error in raised.value.error_dict[field]]


def test_dry_run_reports_new_rows_and_saves_nothing(post_import, users, national_mou):
    before = Agreement.objects.count()
    report = report_of(post_import, users.national_editor, [pks_row(), national_mou_row()])
    assert report == {
        "dry_run": True,
        "saved": False,
        "rows": [
            {"row": 2, "status": "new", "agreement": None, "errors": []},
            {"row": 3, "status": "new", "agreement": None, "errors": []},
        ],
    }
    assert Agreement.objects.count() == before


def test_real_import_saves_every_row_with_its_partners_and_history(
    post_import, users, world, national_mou
):
    report = report_of(
        post_import,
        users.regency_editor,
        [
            pks_row(
                **{
                    "Mitra": "Kementerian Sosial; Kementerian Agama",
                    "Nomor Mitra": "B/77/2024; K/9/2024",
                    "Penanda Tangan Mitra": "Sri Lestari; Budi",
                    "Jabatan Penanda Tangan Mitra": "Kepala Dinas; Sekretaris Jenderal",
                    "Ruang Lingkup": "Sosialisasi; pendidikan_pemilih",
                }
            )
        ],
        name="arsip-blitar.xlsx",
        dry_run=False,
    )
    assert report["saved"] is True
    pks = Agreement.objects.get(pk=report["rows"][0]["agreement"])
    assert (pks.kind, pks.owner, pks.parent, pks.status) == (
        Kind.PKS,
        world.kpu_blitar,
        national_mou,
        Status.SIGNED,
    )
    assert pks.signed_on == datetime.date(2024, 3, 1)
    assert pks.valid_until == datetime.date(2025, 2, 28)
    assert [
        (p.institution, p.number, p.signatory_name, p.signatory_title) for p in pks.parties.all()
    ] == [
        (world.kemensos, "B/77/2024", "Sri Lestari", "Kepala Dinas"),
        (world.kemenag, "K/9/2024", "Budi", "Sekretaris Jenderal"),
    ]
    assert sorted(pks.scopes.values_list("code", flat=True)) == [
        "pendidikan_pemilih",
        "sosialisasi",
    ]
    records = list(pks.history.all())
    assert records
    assert {record.history_user for record in records} == {users.regency_editor}
    assert all("arsip-blitar.xlsx" in record.history_change_reason for record in records)


def test_any_error_saves_nothing_and_answers_the_dry_run_report(post_import, users, national_mou):
    before = Agreement.objects.count()
    rows = [
        national_mou_row(),
        pks_row(),
        pks_row(**{"Nomor Satuan Kerja": "06/PKS/2024", "Mitra": "Karang Taruna"}),
    ]
    report = report_of(post_import, users.national_editor, rows, dry_run=False)
    assert report["dry_run"] is False and report["saved"] is False
    assert [row["status"] for row in report["rows"]] == ["new", "new", "error"]
    assert [row["agreement"] for row in report["rows"]] == [None, None, None]
    assert errors_of(report, 2) == [("Mitra", "partner_not_covered")]
    assert Agreement.objects.count() == before


def test_reimporting_the_same_file_changes_and_creates_nothing(post_import, users, national_mou):
    rows = [national_mou_row(), pks_row()]
    first = report_of(post_import, users.national_editor, rows, dry_run=False)
    count, history = Agreement.objects.count(), Agreement.history.count()
    again = report_of(post_import, users.national_editor, rows, dry_run=False)
    assert [row["status"] for row in again["rows"]] == ["update", "update"]
    assert [row["agreement"] for row in again["rows"]] == [
        row["agreement"] for row in first["rows"]
    ]
    assert (Agreement.objects.count(), Agreement.history.count()) == (count, history)


def test_a_changed_row_updates_the_agreement_found_by_owner_and_number(
    post_import, users, national_mou
):
    first = report_of(post_import, users.regency_editor, [pks_row()], dry_run=False)
    report = report_of(
        post_import,
        users.regency_editor,
        [
            pks_row(
                **{
                    "Judul": "PKS Pendidikan Pemilih",
                    "Nomor Satuan Kerja": "  05/pks/kpu-kot/2024 ",
                }
            )
        ],
        dry_run=False,
    )
    assert report["rows"][0]["status"] == "update"
    pks = Agreement.objects.get(pk=first["rows"][0]["agreement"])
    assert pks.title == "PKS Pendidikan Pemilih"
    assert pks.history.filter(title="PKS Pendidikan Pemilih").exists()


def test_a_pks_names_an_mou_from_an_earlier_row_by_its_number(
    post_import, users, world, national_mou
):
    rows = [
        national_mou_row(),
        pks_row(
            **{
                "Nomor MoU Induk": "07/kb/KPU/2024",
                "Mitra": "karang  TARUNA",
                "Ruang Lingkup": "Penelitian",
            }
        ),
    ]
    dry = report_of(post_import, users.national_editor, rows)
    assert [row["status"] for row in dry["rows"]] == ["new", "new"]
    saved = report_of(post_import, users.national_editor, rows, dry_run=False)
    mou, pks = (Agreement.objects.get(pk=row["agreement"]) for row in saved["rows"])
    assert pks.parent == mou
    assert list(pks.parties.values_list("institution", flat=True)) == [world.karang_taruna.pk]


def test_rule_errors_carry_their_column_code_and_the_admins_message(
    post_import, users, world, national_mou
):
    regional_mou = make_agreement(
        world.kpu_jatim,
        [world.kemensos],
        ["sosialisasi"],
        approval_reference="1/SD/2024",
        approved_on=datetime.date(2024, 1, 10),
        owner_number="RM/1/2024",
    )
    report = report_of(
        post_import,
        users.national_editor,
        [
            pks_row(**{"Nomor MoU Induk": "RM/1/2024", "Satuan Kerja": "KPU Provinsi Jawa Timur"}),
            pks_row(**{"Mitra": "Karang Taruna"}),
            national_mou_row(
                **{
                    "Mitra": "Universitas Lambung Mangkurat",
                    "Tanggal Penandatanganan": "02/01/2029",
                    "Berlaku Mulai": "02/01/2029",
                    "Berlaku Sampai": "01/01/2030",
                }
            ),
        ],
    )
    assert errors_of(report, 0) == [("Nomor MoU Induk", "national_mou_required")]
    assert errors_of(report, 1) == [("Mitra", "partner_not_covered")]
    assert errors_of(report, 2) == [("Mitra", "partner_not_accredited")]
    expected = admin_message(
        Agreement(
            kind=Kind.PKS,
            title="x",
            owner=world.kpu_blitar,
            parent=national_mou,
            status=Status.DRAFT,
        ),
        [world.karang_taruna],
        ["sosialisasi"],
        "partners",
    )
    assert [report["rows"][1]["errors"][0]["message"]] == expected
    expected = admin_message(
        Agreement(
            kind=Kind.PKS,
            title="x",
            owner=world.kpu_jatim,
            parent=regional_mou,
            status=Status.DRAFT,
        ),
        [world.kemensos],
        ["sosialisasi"],
        "parent",
    )
    assert [report["rows"][0]["errors"][0]["message"]] == expected


def test_rule_errors_map_to_date_scope_and_approval_columns(
    post_import, users, world, national_mou
):
    report = report_of(
        post_import,
        users.national_admin,
        [
            pks_row(**{"Berlaku Sampai": "31/12/2029"}),
            pks_row(**{"Nomor Satuan Kerja": "2", "Ruang Lingkup": "Penelitian"}),
            pks_row(**{"Nomor Satuan Kerja": "3", "Berlaku Mulai": "2024-02-01"}),
            national_mou_row(
                **{"Satuan Kerja": "KPU Provinsi Jawa Timur", "Mitra": "Kementerian Sosial"}
            ),
        ],
    )
    assert errors_of(report, 0) == [("Berlaku Sampai", "pks_outlives_mou")]
    assert errors_of(report, 1) == [("Ruang Lingkup", "scope_outside_mou")]
    assert errors_of(report, 2) == [("Berlaku Mulai", "invalid_period")]
    assert errors_of(report, 3) == [("Nomor Surat Persetujuan", "approval_required")]


def test_unknown_names_suggest_the_closest(post_import, users, national_mou):
    report = report_of(
        post_import,
        users.national_editor,
        [pks_row(**{"Satuan Kerja": "KPU Kota Bliter", "Mitra": "Kementrian Sosial"})],
    )
    assert errors_of(report) == [
        ("Satuan Kerja", "unknown_institution"),
        ("Mitra", "unknown_institution"),
    ]
    owner, partner = (error["message"] for error in report["rows"][0]["errors"])
    assert "“KPU Kota Blitar”" in owner
    assert "“Kementerian Sosial”" in partner


def test_import_codes_for_cells_that_cannot_be_read(post_import, users, national_mou):
    report = report_of(
        post_import,
        users.national_editor,
        [
            pks_row(**{"Nomor MoU Induk": "99/TIDAK/ADA"}),
            pks_row(**{"Tanggal Penandatanganan": "03/31/2024"}),
            pks_row(**{"Berlaku Sampai": "besok"}),
            pks_row(**{"Jenis": "Perjanjian"}),
            pks_row(**{"Status": "selesai"}),
            pks_row(**{"Ruang Lingkup": "olahraga"}),
            pks_row(**{"Mitra": ""}),
            pks_row(**{"Nomor Mitra": "B/1; B/2"}),
        ],
    )
    assert [errors_of(report, index) for index in range(8)] == [
        [("Nomor MoU Induk", "unknown_parent")],
        [("Tanggal Penandatanganan", "invalid_date")],
        [("Berlaku Sampai", "invalid_date")],
        [("Jenis", "invalid_choice")],
        [("Status", "invalid_choice")],
        [("Ruang Lingkup", "invalid_choice")],
        [("Mitra", "required")],
        [("Nomor Mitra", "list_length_mismatch")],
    ]
    assert (
        "day comes first" in report["rows"][1]["errors"][0]["message"]
        or "hari" in report["rows"][1]["errors"][0]["message"]
    )


def test_a_missing_required_column_is_an_error_of_every_row(post_import, users, national_mou):
    columns = [column for column in COLUMNS if column != "Mitra"]
    response = post_import(users.national_editor, xlsx([pks_row(), pks_row()], columns))
    report = response.json()
    assert [errors_of(report, index) for index in (0, 1)] == [[("Mitra", "missing_column")]] * 2


def test_a_missing_optional_column_is_empty(post_import, users, national_mou):
    columns = [column for column in COLUMNS if column != "Status"]
    response = post_import(users.national_editor, xlsx([pks_row()], columns), dry_run=False)
    pks = Agreement.objects.get(pk=response.json()["rows"][0]["agreement"])
    assert pks.status == Status.DRAFT


def test_rows_for_a_unit_the_user_may_not_write_are_refused(post_import, users, national_mou):
    report = report_of(
        post_import,
        users.regency_editor,
        [
            pks_row(),
            pks_row(**{"Satuan Kerja": "KPU Provinsi Jawa Timur"}),
            pks_row(**{"Satuan Kerja": "KPU Kota Banjarmasin", "Nomor Satuan Kerja": "9"}),
        ],
        dry_run=False,
    )
    assert report["saved"] is False
    assert [errors_of(report, index) for index in range(3)] == [
        [],
        [("Satuan Kerja", "out_of_scope")],
        [("Satuan Kerja", "out_of_scope")],
    ]
    assert not Agreement.objects.filter(kind=Kind.PKS).exists()


def test_only_national_approvers_record_an_approval(post_import, users, world):
    row = national_mou_row(
        **{
            "Satuan Kerja": "KPU Provinsi Jawa Timur",
            "Mitra": "Kementerian Sosial",
            "Nomor Surat Persetujuan": "12/SD/2024",
            "Tanggal Persetujuan": "01/01/2024",
        }
    )
    refused = report_of(post_import, users.provincial_editor, [row])
    assert errors_of(refused) == [("Nomor Surat Persetujuan", "approval_not_allowed")]
    accepted = report_of(post_import, users.national_admin, [row], dry_run=False)
    mou = Agreement.objects.get(pk=accepted["rows"][0]["agreement"])
    assert (mou.approval_reference, mou.approved_by) == ("12/SD/2024", users.national_admin)


def test_the_same_agreement_twice_in_one_file_is_an_error(post_import, users, national_mou):
    report = report_of(post_import, users.national_editor, [pks_row(), pks_row()])
    assert errors_of(report, 1) == [("Nomor Satuan Kerja", "duplicate_row")]


def test_dates_read_as_day_month_year_iso_or_date_cells(users, national_mou):
    rows = [
        pks_row(
            **{
                "Nomor Satuan Kerja": str(n),
                "Tanggal Penandatanganan": value,
                "Berlaku Mulai": value,
            }
        )
        for n, value in enumerate(
            ["02/03/2024", "2024-03-02", datetime.date(2024, 3, 2), datetime.datetime(2024, 3, 2)]
        )
    ]
    report = run_import(xlsx(rows), "f.xlsx", users.national_editor, dry_run=False)
    assert report["saved"], report
    assert set(Agreement.objects.pks().values_list("signed_on", flat=True)) == {
        datetime.date(2024, 3, 2)
    }


def test_a_viewer_is_refused(post_import, users):
    response = post_import(users.national_viewer, xlsx([pks_row()]))
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_csv_and_xlsx_give_the_same_report(users, national_mou):
    rows = [pks_row(), pks_row(**{"Mitra": "Karang Taruna", "Nomor Satuan Kerja": "2"})]
    from_xlsx = run_import(xlsx(rows), "a.xlsx", users.national_editor)
    from_csv = run_import(csv_bytes(rows), "a.csv", users.national_editor)
    assert from_xlsx == from_csv


def test_queries_per_row_are_a_constant(users, world, national_mou):
    def queries(count):
        rows = [pks_row(**{"Nomor Satuan Kerja": f"{n}/PKS/2024"}) for n in range(count)]
        with CaptureQueriesContext(connection) as captured:
            report = run_import(xlsx(rows), "f.xlsx", users.national_editor)
        assert all(row["status"] == "new" for row in report["rows"])
        return len(captured)

    queries(1)  # the user's staff profile is read once per user object
    four, eight, twelve = queries(4), queries(8), queries(12)
    assert eight - four == twelve - eight


def test_a_dry_run_reports_what_the_real_run_does(users, world, national_mou):
    """The dry run checks PKS rows without saving them; its report is the real run's."""
    rows = [
        national_mou_row(),
        pks_row(
            **{
                "Nomor MoU Induk": "07/KB/KPU/2024",
                "Nomor Satuan Kerja": "1",
                "Mitra": "Karang Taruna",
                "Ruang Lingkup": "Penelitian",
            }
        ),
        pks_row(**{"Nomor Satuan Kerja": "2", "Mitra": "Karang Taruna"}),
        pks_row(**{"Nomor Satuan Kerja": "3", "Berlaku Sampai": "31/12/2030"}),
        pks_row(),
    ]
    dry = run_import(xlsx(rows), "f.xlsx", users.national_editor, dry_run=True)
    real = run_import(xlsx(rows), "f.xlsx", users.national_editor, dry_run=False)
    assert real["saved"] is False
    assert dry["rows"] == real["rows"]
    assert [row["status"] for row in dry["rows"]] == ["new", "new", "error", "error", "new"]
