"""The API under each agreement: activities with evidence files, evaluations, attachments and
contact persons; who may read and write them (every route refuses another unit's agreement),
the file checks, and the query count of each list."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agreements.models import Activity, ActivityEvidence, Attachment, Evaluation, Kind, Status
from partners.models import InstitutionContact
from tests.agreements.test_admin import PDF_BYTES
from tests.agreements.test_api import client_for
from tests.api_errors import assert_error, error_codes
from tests.conftest import make_agreement

D = datetime.date
API = "/api/v1/agreements/"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def upload(name, content):
    return SimpleUploadedFile(name, content)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def blitar_pks(world, national_mou):
    """KPU Kota Blitar's PKS with Kemensos, 12 June 2024 to 31 December 2028."""
    return make_agreement(
        world.kpu_blitar,
        [world.kemensos],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=national_mou,
        signed_on=D(2024, 6, 12),
        title="PKS KPU Kota Blitar dengan Kemensos",
    )


def activity_payload(**extra):
    return {
        "date": "2024-09-03",
        "title": "Sosialisasi Pemilih Pemula",
        "place": "Blitar",
        "description": "Di SMA Negeri 1 Blitar.",
        "participants": 120,
        **extra,
    }


def make_activity(agreement, **fields):
    values = {
        "date": D(2024, 9, 3),
        "title": "Sosialisasi",
        "place": "Blitar",
        "participants": 40,
        **fields,
    }
    return Activity.objects.create(agreement=agreement, **values)


# ---- activities -------------------------------------------------------------------------


def test_an_editor_records_an_activity_with_its_units_and_partners(users, world, blitar_pks):
    client = client_for(users.regency_editor)
    response = client.post(
        f"{API}{blitar_pks.pk}/activities/",
        activity_payload(units=[world.kpu_blitar.pk], partners=[world.kemensos.pk]),
        format="json",
    )
    assert response.status_code == 201, response.data
    assert set(response.data) == {
        "id",
        "date",
        "title",
        "description",
        "place",
        "participants",
        "units",
        "partners",
        "evidence",
    }
    activity = Activity.objects.get()
    assert (activity.agreement, activity.participants) == (blitar_pks, 120)
    assert list(activity.units.all()) == [world.kpu_blitar]
    # The record and each of its many-to-many fields as set: every step names its author.
    assert {record.history_user for record in activity.history.all()} == {users.regency_editor}


def test_an_activity_outside_the_agreements_term_is_refused(users, blitar_pks):
    response = client_for(users.regency_editor).post(
        f"{API}{blitar_pks.pk}/activities/", activity_payload(date="2024-05-01"), format="json"
    )
    assert error_codes(response) == {"date": ["activity_outside_term"]}


def test_an_activity_under_a_draft_is_refused(users, world, national_mou):
    draft = make_agreement(
        world.kpu_blitar,
        [world.kemensos],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=national_mou,
        status=Status.DRAFT,
        signed_on=None,
        valid_until=None,
        title="Draf",
    )
    response = client_for(users.regency_editor).post(
        f"{API}{draft.pk}/activities/", activity_payload(), format="json"
    )
    assert error_codes(response) == {"date": ["activity_outside_term"]}


def test_activity_text_refuses_control_characters(users, blitar_pks):
    response = client_for(users.regency_editor).post(
        f"{API}{blitar_pks.pk}/activities/",
        activity_payload(title="Sosialisasi\u202e"),
        format="json",
    )
    assert error_codes(response) == {"title": ["invalid_character"]}


def test_the_activity_list_runs_a_constant_number_of_queries(
    users, world, blitar_pks, django_assert_num_queries
):
    for number in range(3):
        activity = make_activity(blitar_pks, title=f"Kegiatan {number}")
        activity.units.set([world.kpu_blitar])
        ActivityEvidence.objects.create(activity=activity, file=upload("a.pdf", PDF_BYTES))
    url = f"{API}{blitar_pks.pk}/activities/"
    counts = []
    for more in range(2):
        client = client_for(users.regency_editor)
        with django_assert_num_queries(6) as captured:
            rows = client.get(url).data["results"]
        assert len(rows) == 3 + 5 * more
        counts.append(len(captured))
        for number in range(5):
            make_activity(blitar_pks, title=f"Kegiatan lagi {number}")
    assert sum(len(row["evidence"]) for row in rows) == 3
    # The user's staff profile, the agreement, the page, its units, partners and evidence.
    assert counts == [6, 6]


# ---- evidence files ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, content",
    [("daftar-hadir.pdf", PDF_BYTES), ("foto.png", PNG_BYTES), ("foto.JPG", JPEG_BYTES)],
)
def test_evidence_is_uploaded_and_downloaded_as_an_attachment(
    client, users, blitar_pks, media, name, content
):
    activity = make_activity(blitar_pks)
    api = client_for(users.regency_editor)
    response = api.post(
        f"{API}{blitar_pks.pk}/activities/{activity.pk}/evidence/",
        {"file": upload(name, content)},
        format="multipart",
    )
    assert response.status_code == 201, response.data
    evidence = ActivityEvidence.objects.get()
    assert (response.data["name"], len(response.data["sha256"])) == (name, 64)
    assert not evidence.file.name.endswith(name) and evidence.file.name.startswith("followup/")
    client.force_login(users.regency_editor)
    download = client.get(reverse("agreements:followup-file", args=["bukti", evidence.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert b"".join(download.streaming_content) == content


@pytest.mark.parametrize(
    "name, content, code",
    [
        ("laporan.docx", b"PK\x03\x04", "file_type_not_allowed"),
        ("foto.png", PDF_BYTES, "file_content_mismatch"),
        ("berkas.pdf", b"<html>", "file_content_mismatch"),
    ],
)
def test_evidence_of_the_wrong_kind_is_refused(users, blitar_pks, media, name, content, code):
    activity = make_activity(blitar_pks)
    response = client_for(users.regency_editor).post(
        f"{API}{blitar_pks.pk}/activities/{activity.pk}/evidence/",
        {"file": upload(name, content)},
        format="multipart",
    )
    assert error_codes(response) == {"file": [code]}
    assert not ActivityEvidence.objects.exists() and not list(media.rglob("*.*"))


def test_evidence_over_the_size_limit_is_refused(settings, users, blitar_pks):
    settings.SIGNED_SCAN_MAX_BYTES = 16
    activity = make_activity(blitar_pks)
    response = client_for(users.regency_editor).post(
        f"{API}{blitar_pks.pk}/activities/{activity.pk}/evidence/",
        {"file": upload("foto.png", PNG_BYTES)},
        format="multipart",
    )
    assert error_codes(response) == {"file": ["file_too_large"]}


def test_removed_evidence_leaves_the_disk_once_committed(
    users, blitar_pks, media, django_capture_on_commit_callbacks
):
    activity = make_activity(blitar_pks)
    evidence = ActivityEvidence.objects.create(activity=activity, file=upload("a.pdf", PDF_BYTES))
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(users.regency_editor).delete(
            f"{API}{blitar_pks.pk}/activities/{activity.pk}/evidence/{evidence.pk}/"
        )
    assert response.status_code == 204
    assert not list(media.rglob("*.pdf"))


# ---- evaluations ------------------------------------------------------------------------


def test_an_evaluation_defaults_to_the_next_yearly_period(users, blitar_pks):
    client = client_for(users.regency_editor)
    first = client.post(
        f"{API}{blitar_pks.pk}/evaluations/",
        {"findings": "Sosialisasi berjalan di 12 sekolah.", "recommendation": "continue"},
        format="json",
    )
    assert first.status_code == 201, first.data
    assert (first.data["period_start"], first.data["period_end"], first.data["due_next"]) == (
        "2024-06-12",
        "2025-06-11",
        "2026-06-11",
    )
    assert first.data["document"] is None
    second = client.post(
        f"{API}{blitar_pks.pk}/evaluations/",
        {"findings": "Tahun kedua.", "recommendation": "renew"},
        format="json",
    )
    assert (second.data["period_start"], second.data["period_end"]) == ("2025-06-12", "2026-06-11")
    assert set(first.data) == {
        "id",
        "period_start",
        "period_end",
        "findings",
        "recommendation",
        "document",
        "due_next",
    }


def test_evaluation_periods_do_not_overlap_and_stay_within_the_term(users, blitar_pks):
    client = client_for(users.regency_editor)
    base = {"findings": "Baik.", "recommendation": "continue"}
    client.post(f"{API}{blitar_pks.pk}/evaluations/", base, format="json")
    overlap = client.post(
        f"{API}{blitar_pks.pk}/evaluations/",
        {**base, "period_start": "2025-01-01", "period_end": "2025-12-31"},
        format="json",
    )
    assert error_codes(overlap) == {"period_start": ["evaluation_period_overlaps"]}
    outside = client.post(
        f"{API}{blitar_pks.pk}/evaluations/",
        {**base, "period_start": "2028-06-12", "period_end": "2029-06-11"},
        format="json",
    )
    assert error_codes(outside) == {"period_start": ["evaluation_outside_term"]}
    backwards = client.post(
        f"{API}{blitar_pks.pk}/evaluations/",
        {**base, "period_start": "2026-06-12", "period_end": "2026-01-01"},
        format="json",
    )
    assert error_codes(backwards) == {"__all__": ["evaluation_period_invalid"]}
    bad = client.post(
        f"{API}{blitar_pks.pk}/evaluations/", {**base, "recommendation": "maybe"}, format="json"
    )
    assert error_codes(bad) == {"recommendation": ["invalid_choice"]}


def test_the_signed_evaluation_document_is_a_private_file(client, users, blitar_pks):
    response = client_for(users.regency_editor).post(
        f"{API}{blitar_pks.pk}/evaluations/",
        {
            "findings": "Baik.",
            "recommendation": "continue",
            "document": upload("evaluasi.pdf", PDF_BYTES),
        },
        format="multipart",
    )
    assert response.status_code == 201, response.data
    evaluation = Evaluation.objects.get()
    path = reverse("agreements:followup-file", args=["evaluasi", evaluation.pk])
    assert response.data["document"].endswith(path)
    assert len(evaluation.document_sha256) == 64
    client.force_login(users.other_regency_editor)
    assert client.get(path).status_code == 404


# ---- attachments and contacts -----------------------------------------------------------


def test_attachments_are_several_titled_files(users, blitar_pks):
    client = client_for(users.regency_editor)
    for title, name, content in [("KAK", "kak.pdf", PDF_BYTES), ("RAB", "rab.png", PNG_BYTES)]:
        response = client.post(
            f"{API}{blitar_pks.pk}/attachments/",
            {"title": title, "file": upload(name, content)},
            format="multipart",
        )
        assert response.status_code == 201, response.data
    rows = client.get(f"{API}{blitar_pks.pk}/attachments/").data["results"]
    assert sorted(row["title"] for row in rows) == ["KAK", "RAB"]
    assert all(row["file"].startswith("http://testserver/dokumen/berkas/lampiran/") for row in rows)
    refused = client.post(
        f"{API}{blitar_pks.pk}/attachments/",
        {"title": "Surat", "file": upload("surat.exe", b"MZ")},
        format="multipart",
    )
    assert error_codes(refused) == {"file": ["file_type_not_allowed"]}
    assert Attachment.objects.count() == 2


def test_contacts_need_a_way_to_reach_them(users, blitar_pks):
    client = client_for(users.regency_editor)
    response = client.post(
        f"{API}{blitar_pks.pk}/contacts/",
        {"name": "Rina Wulandari", "position": "Kasubbag Teknis", "email": "", "telephone": ""},
        format="json",
    )
    assert error_codes(response) == {"email": ["contact_unreachable"]}
    response = client.post(
        f"{API}{blitar_pks.pk}/contacts/",
        {"name": "Rina Wulandari", "telephone": "0812 3456 7890"},
        format="json",
    )
    assert response.status_code == 201
    response = client.post(
        f"{API}{blitar_pks.pk}/contacts/", {"name": "Budi", "telephone": "call me"}, format="json"
    )
    assert error_codes(response) == {"telephone": ["invalid_telephone"]}


def test_contacts_are_for_staff_of_a_unit(world, django_user_model, blitar_pks, national_mou):
    stranger = django_user_model.objects.create_user("tamu", password="x")
    client = client_for(stranger)
    assert client.get(f"{API}{national_mou.pk}/activities/").status_code == 200
    assert_error(client.get(f"{API}{national_mou.pk}/contacts/"), 403, "permission_denied")
    assert_error(
        client.get(f"/api/v1/institutions/{world.kemensos.pk}/contacts/"), 403, "permission_denied"
    )


def test_institution_contacts_are_written_by_who_may_change_the_institution(users, world):
    url = f"/api/v1/institutions/{world.kemensos.pk}/contacts/"
    payload = {
        "name": "Dewi Lestari",
        "position": "Kepala Biro Kerja Sama",
        "email": "dewi@kemensos.go.id",
    }
    assert_error(
        client_for(users.provincial_editor).post(url, payload, format="json"),
        403,
        "permission_denied",
    )
    response = client_for(users.national_editor).post(url, payload, format="json")
    assert response.status_code == 201
    contact = InstitutionContact.objects.get()
    assert contact.history.get().history_user == users.national_editor
    assert client_for(users.regency_editor).get(url).data["results"][0]["name"] == "Dewi Lestari"


# ---- every route refuses another unit's agreement (IDOR) ---------------------------------


@pytest.fixture
def records(blitar_pks):
    """One record of each kind under the Blitar PKS."""
    activity = make_activity(blitar_pks)
    evidence = ActivityEvidence.objects.create(activity=activity, file=upload("a.pdf", PDF_BYTES))
    evaluation = Evaluation.objects.create(
        agreement=blitar_pks,
        period_start=D(2024, 6, 12),
        period_end=D(2025, 6, 11),
        findings="Baik.",
        recommendation="continue",
    )
    attachment = Attachment.objects.create(
        agreement=blitar_pks, title="KAK", file=upload("kak.pdf", PDF_BYTES)
    )
    contact = blitar_pks.contacts.create(name="Rina", telephone="0812 3456 7890")
    base = f"{API}{blitar_pks.pk}"
    return {
        f"{base}/activities/": f"{base}/activities/{activity.pk}/",
        f"{base}/activities/{activity.pk}/evidence/": (
            f"{base}/activities/{activity.pk}/evidence/{evidence.pk}/"
        ),
        f"{base}/evaluations/": f"{base}/evaluations/{evaluation.pk}/",
        f"{base}/attachments/": f"{base}/attachments/{attachment.pk}/",
        f"{base}/contacts/": f"{base}/contacts/{contact.pk}/",
    }


def test_another_regions_editor_reaches_none_of_them(users, records):
    client = client_for(users.other_regency_editor)
    for collection, detail in records.items():
        assert_error(client.get(collection), 404, "not_found")
        assert_error(client.get(detail), 404, "not_found")
        assert_error(client.post(collection, {}, format="json"), 404, "not_found")
        assert_error(client.delete(detail), 404, "not_found")
        changed = client.patch(detail, {"title": "x"}, format="json")
        if "/evidence/" in detail or "/attachments/" in detail:  # files are replaced, not changed
            assert_error(changed, 405, "method_not_allowed")
        else:
            assert_error(changed, 404, "not_found")
    assert Activity.objects.count() == 1 and ActivityEvidence.objects.count() == 1


def test_a_record_is_reached_only_under_its_own_agreement(
    users, world, national_mou, blitar_pks, records
):
    """Banjarmasin's editor names its own PKS in the path, with the ids of Blitar's records."""
    own = make_agreement(
        world.kpu_banjarmasin,
        [world.kemenag],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=national_mou,
        title="PKS Banjarmasin",
    )
    client = client_for(users.other_regency_editor)
    for detail in records.values():
        moved = detail.replace(f"{API}{blitar_pks.pk}/", f"{API}{own.pk}/")
        assert_error(client.get(moved), 404, "not_found")
        assert_error(client.delete(moved), 404, "not_found")
    assert Activity.objects.count() == 1 and ActivityEvidence.objects.count() == 1


def test_a_reader_reads_but_does_not_write(users, records):
    viewer = client_for(users.national_viewer)
    for collection, detail in records.items():
        assert viewer.get(collection).status_code == 200
        assert viewer.get(detail).status_code == 200
        assert_error(viewer.delete(detail), 403, "permission_denied")
    assert Activity.objects.count() == 1 and Evaluation.objects.count() == 1


def test_the_files_download_only_to_who_may_read_the_agreement(client, users, records):
    paths = [
        reverse("agreements:followup-file", args=[kind, record.pk])
        for kind, record in [
            ("bukti", ActivityEvidence.objects.get()),
            ("lampiran", Attachment.objects.get()),
        ]
    ]
    client.force_login(users.other_regency_editor)
    assert all(client.get(path).status_code == 404 for path in paths)
    client.force_login(users.provincial_editor)
    assert all(client.get(path).status_code == 200 for path in paths)
    client.logout()
    assert all(client.get(path).status_code == 302 for path in paths)


def test_an_id_beyond_64_bits_in_a_nested_route_is_not_found(users):
    """The fuzzer's id, larger than any database key, answers 404 (SQLite would raise)."""
    huge = "16256476193961165772029952"
    response = client_for(users.national_admin).get(f"{API}{huge}/activities/667/evidence/")
    assert response.status_code == 404
