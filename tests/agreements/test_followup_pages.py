"""The life after signing on the pages: evaluations overdue and agreements signed but not used
(dashboard, filter, reminders), activity counts in the report, the partner page's activities,
contacts and renewals, and the verification page that shows none of the private parts."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from agreements import periods
from agreements.models import Activity, Agreement, Evaluation, Kind, Status
from agreements.selectors import duties
from notifications.choices import Kind as NotificationKind
from notifications.models import Notification
from notifications.reminders import send_reminders
from partners.models import InstitutionContact
from tests.agreements.test_api import client_for
from tests.agreements.test_pdf_document import pdf_text
from tests.conftest import make_agreement

D = datetime.date
TODAY = timezone.localdate()


def text(response):
    return " ".join(response.content.decode().split())


def years_ago(years, days=0):
    return periods.add_months(TODAY, -12 * years) - datetime.timedelta(days=days)


def test_the_overdue_threshold_is_exact_on_every_day_of_four_years():
    day = D(2023, 1, 1)
    while day < D(2027, 1, 1):
        threshold = periods.overdue_threshold(day)
        # A period starting on the threshold is overdue; one starting a day later is not.
        assert periods.add_months(threshold, 12) - datetime.timedelta(days=1) < day
        assert (
            not periods.add_months(threshold + datetime.timedelta(days=1), 12)
            - datetime.timedelta(days=1)
            < day
        )
        day += datetime.timedelta(days=1)


def test_an_evaluation_is_overdue_the_day_after_its_year_ends(world):
    mou = make_agreement(
        world.kpu_ri,
        [world.kemensos],
        ["sosialisasi"],
        signed_on=D(2024, 1, 15),
        valid_until=D(2028, 12, 31),
    )
    overdue = duties.evaluation_overdue
    assert not overdue(Agreement.objects.all(), D(2025, 1, 14)).exists()
    assert list(overdue(Agreement.objects.all(), D(2025, 1, 15))) == [mou]
    Evaluation.objects.create(
        agreement=mou,
        period_start=D(2024, 1, 15),
        period_end=D(2025, 1, 14),
        findings="Baik.",
        recommendation="continue",
    )
    assert not overdue(Agreement.objects.all(), D(2026, 1, 14)).exists()
    assert overdue(Agreement.objects.all(), D(2026, 1, 15)).get().last_evaluated == D(2025, 1, 14)
    assert periods.due_on(mou.valid_from, D(2025, 1, 14), mou.runs_until) == D(2026, 1, 14)


@pytest.fixture
def old_pks(world, national_mou):
    """KPU Kota Blitar's PKS in force for two years, never evaluated nor used."""
    return make_agreement(
        world.kpu_blitar,
        [world.kemensos],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=national_mou,
        signed_on=years_ago(2),
        valid_until=D(2028, 12, 31),
        title="PKS Blitar yang tidak dimanfaatkan",
    )


def test_the_dashboard_lists_evaluations_overdue_and_agreements_unused_in_scope(
    client, users, world, old_pks
):
    client.force_login(users.regency_editor)
    response = client.get(reverse("agreements:dashboard"))
    assert old_pks in response.context["evaluations_overdue"]
    assert old_pks in response.context["unused"]
    page = text(response)
    assert "Evaluasi yang terlambat" in page and "Ditandatangani tetapi tidak dimanfaatkan" in page
    assert "belum pernah dievaluasi" in page
    client.force_login(users.other_regency_editor)
    response = client.get(reverse("agreements:dashboard"))
    assert old_pks not in response.context["evaluations_overdue"]
    assert old_pks not in response.context["unused"]


def test_an_activity_in_the_last_months_takes_it_off_the_unused_list(users, old_pks):
    client = client_for(users.regency_editor)
    listed = [
        row["id"]
        for row in client.get("/api/v1/agreements/", {"unused_months": 12, "kind": "pks"}).data[
            "results"
        ]
    ]
    assert listed == [old_pks.pk]
    Activity.objects.create(
        agreement=old_pks,
        date=TODAY - datetime.timedelta(days=40),
        title="Sosialisasi",
        place="Blitar",
        participants=30,
    )
    assert (
        client.get("/api/v1/agreements/", {"unused_months": 12, "kind": "pks"}).data["results"]
        == []
    )
    # Used 40 days ago: within the last 12 months, but not within the last month.
    assert [
        row["id"]
        for row in client.get("/api/v1/agreements/", {"unused_months": 1, "kind": "pks"}).data[
            "results"
        ]
    ] == [old_pks.pk]


def test_the_unused_filter_keeps_the_list_query_count(users, old_pks, django_assert_num_queries):
    client = client_for(users.regency_editor)
    # The user's staff profile, the page, its scope areas, its partner parties.
    with django_assert_num_queries(4):
        client.get("/api/v1/agreements/", {"unused_months": 12})


def test_a_recently_signed_agreement_is_not_yet_unused(world, national_mou):
    recent = make_agreement(
        world.kpu_blitar,
        [world.kemensos],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=national_mou,
        signed_on=TODAY - datetime.timedelta(days=60),
        valid_until=D(2028, 12, 31),
        title="PKS baru",
    )
    assert not duties.without_activity(Agreement.objects.all(), TODAY).filter(pk=recent.pk).exists()


def test_an_overdue_evaluation_is_reminded_once_per_due_date(
    world, users, national_mou, django_capture_on_commit_callbacks
):
    users.provincial_editor.email = "editor_jatim@kpu.go.id"
    users.provincial_editor.save()
    pks = make_agreement(
        world.kpu_jatim,
        [world.kemensos],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=national_mou,
        signed_on=D(2024, 3, 1),
        valid_until=D(2027, 12, 31),
        title="PKS Jatim dievaluasi",
    )
    Evaluation.objects.create(
        agreement=national_mou,
        period_start=D(2024, 1, 15),
        period_end=D(2025, 1, 14),
        findings="Baik.",
        recommendation="continue",
    )

    def notes():
        return list(
            Notification.objects.filter(
                user=users.provincial_editor, kind=NotificationKind.EVALUATION_DUE
            )
        )

    send_reminders(D(2025, 2, 28))
    assert notes() == []
    with django_capture_on_commit_callbacks(execute=True):
        send_reminders(D(2025, 3, 1))
    send_reminders(D(2025, 3, 2))
    [note] = notes()
    assert (note.agreement, note.data["due_on"]) == (pks, "2025-02-28")
    with translation.override("id"):
        assert note.message == (
            "Evaluasi tahunan PKS “PKS Jatim dievaluasi” jatuh tempo pada "
            "28 Februari 2025 dan belum dicatat."
        )
    Evaluation.objects.create(
        agreement=pks,
        period_start=D(2024, 3, 1),
        period_end=D(2025, 2, 28),
        findings="Baik.",
        recommendation="renew",
    )
    send_reminders(D(2025, 6, 1))
    assert len(notes()) == 1
    send_reminders(D(2026, 3, 1))
    assert sorted(note.data["due_on"] for note in notes()) == ["2025-02-28", "2026-02-28"]
    [message] = [message for message in mail.outbox if "editor_jatim@kpu.go.id" in message.to]
    assert message.subject == "Pengingat: evaluasi terlambat: PKS Jatim dievaluasi"
    assert "28 Februari 2025" in message.body


def test_the_report_counts_the_activities(client, users, old_pks):
    for number in range(3):
        Activity.objects.create(
            agreement=old_pks,
            date=TODAY - datetime.timedelta(days=number),
            title=f"Kegiatan {number}",
            place="Blitar",
            participants=10,
        )
    client.force_login(users.national_admin)
    response = client.get("/api/v1/agreements/report/", {"format": "csv", "kind": "pks"})
    rows = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert rows[0].endswith(",Kegiatan") and rows[1].endswith(",3")
    pdf = client.get("/api/v1/agreements/report/", {"format": "pdf", "kind": "pks"})
    assert "3 kegiatan tercatat di bawahnya" in pdf_text(pdf.content)


# ---- the partner page and the public verification page ----------------------------------


@pytest.fixture
def renewed(world, national_mou):
    """KPU RI's older MoU with Kemensos, ended, and its signed renewal starting a week late."""
    old = make_agreement(
        world.kpu_ri,
        [world.kemensos],
        ["sosialisasi"],
        signed_on=D(2018, 1, 10),
        valid_until=D(2022, 12, 31),
        title="MoU KPU RI dan Kemensos 2018",
        owner_number="01/KB/KPU/2018",
    )
    new = make_agreement(
        world.kpu_ri,
        [world.kemensos],
        ["sosialisasi"],
        signed_on=D(2023, 1, 8),
        valid_until=D(2027, 12, 31),
        renewal_of=old,
        title="MoU KPU RI dan Kemensos 2023",
        owner_number="02/KB/KPU/2023",
    )
    return old, new


def test_the_partner_page_shows_renewals_activities_and_contacts_to_staff(
    client, users, world, renewed
):
    old, new = renewed
    Activity.objects.create(
        agreement=new,
        date=D(2024, 5, 2),
        title="Rapat koordinasi data",
        place="Jakarta",
        participants=25,
    )
    InstitutionContact.objects.create(
        institution=world.kemensos,
        name="Dewi Lestari",
        position="Kepala Biro Kerja Sama",
        email="dewi@kemensos.go.id",
    )
    client.force_login(users.regency_editor)
    page = text(client.get(reverse("agreements:partner", args=[world.kemensos.pk])))
    assert "Diperpanjang dengan" in page and "MoU KPU RI dan Kemensos 2023" in page
    assert "jeda 7 hari" in page
    assert "Rapat koordinasi data" in page
    assert "Dewi Lestari" in page and "dewi@kemensos.go.id" in page


def test_the_verification_page_shows_signed_renewals_never_drafts_nor_contacts(
    client, world, renewed
):
    old, new = renewed
    make_agreement(
        world.kpu_ri,
        [world.kemensos],
        ["sosialisasi"],
        status=Status.DRAFT,
        signed_on=None,
        valid_from=D(2028, 1, 1),
        valid_until=D(2032, 12, 31),
        renewal_of=new,
        title="Draf perpanjangan rahasia",
    )
    new.contacts.create(name="Rina Wulandari", telephone="0812 3456 7890")
    InstitutionContact.objects.create(
        institution=world.kemensos, name="Dewi Lestari", email="dewi@kemensos.go.id"
    )
    page = text(client.get(reverse("agreements:verification", args=[new.uuid])))
    assert "Memperpanjang" in page and "MoU KPU RI dan Kemensos 2018" in page
    assert "Draf perpanjangan rahasia" not in page
    for private in ("Rina Wulandari", "0812", "Dewi Lestari", "dewi@kemensos.go.id"):
        assert private not in page
    page = text(client.get(reverse("agreements:verification", args=[old.uuid])))
    assert "Diperpanjang dengan" in page and "MoU KPU RI dan Kemensos 2023" in page


def test_another_units_draft_renewing_a_national_mou_is_not_shown(client, users, world, renewed):
    _old, new = renewed
    make_agreement(
        world.kpu_banjarmasin,
        [world.kemensos],
        ["sosialisasi"],
        status=Status.DRAFT,
        signed_on=None,
        valid_until=None,
        renewal_of=new,
        title="Draf Banjarmasin",
    )
    client.force_login(users.regency_editor)
    page = text(client.get(reverse("agreements:partner", args=[world.kemensos.pk])))
    assert "Draf Banjarmasin" not in page
    client.force_login(users.other_regency_editor)
    page = text(client.get(reverse("agreements:partner", args=[world.kemensos.pk])))
    assert "Draf Banjarmasin" in page
