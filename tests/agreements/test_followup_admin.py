"""The admin of the life after signing: activities, evaluations, addenda, attachments and
contacts as inlines of an MoU or PKS, saved through the follow-up services; the renew action;
the activities menu with its evidence files; the history; the institution's contacts."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from agreements.models import Activity, ActivityEvidence, Addendum, Agreement, Evaluation, Kind
from partners.models import InstitutionContact
from tests.agreements.test_admin import PDF_BYTES, form_data
from tests.conftest import make_agreement

D = datetime.date


def text(response):
    return " ".join(response.content.decode().split())


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def pks(world, national_mou):
    """KPU Provinsi Jawa Timur's PKS with Kemensos, 1 February 2024 to 1 February 2025, as the
    admin tests' form data describe it."""
    return make_agreement(
        world.kpu_jatim,
        [world.kemensos],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=national_mou,
        signed_on=D(2024, 2, 1),
        valid_from=D(2024, 2, 1),
        valid_until=D(2025, 2, 1),
        title="PKS Sosialisasi Pemilu",
        owner_number="12/PKS/2024",
        owner_signatory_name="Aang Kunaifi",
        owner_signatory_title="Ketua",
        signing_place="Surabaya",
    )


def change_data(world, pks, **rows):
    """The change form's POST data for ``pks`` as stored, plus new inline ``rows``
    ({"activities": [{...}], ...})."""
    data = form_data(
        world.kpu_jatim,
        [world.kemensos],
        ["sosialisasi"],
        parent=pks.parent,
        loaded_version=pks.version,
        **{
            "parties-INITIAL_FORMS": 1,
            "parties-0-id": pks.parties.get().pk,
            "parties-0-agreement": pks.pk,
        },
    )
    for prefix, items in rows.items():
        data[f"{prefix}-TOTAL_FORMS"] = len(items)
        for index, item in enumerate(items):
            data.update({f"{prefix}-{index}-{name}": value for name, value in item.items()})
    return data


def inline(response, prefix):
    """The formset of one inline of the re-shown change form."""
    return next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == prefix
    )


def post_change(client, pks, data):
    return client.post(reverse("admin:agreements_pks_change", args=[pks.pk]), data)


def test_the_change_page_lists_activities_and_evaluations(client, users, pks):
    activity = Activity.objects.create(
        agreement=pks,
        date=D(2024, 5, 6),
        place="Surabaya",
        title="Sosialisasi di pesantren",
        participants=80,
    )
    ActivityEvidence.objects.create(
        activity=activity, file=SimpleUploadedFile("hadir.pdf", PDF_BYTES)
    )
    Evaluation.objects.create(
        agreement=pks,
        period_start=D(2024, 2, 1),
        period_end=D(2025, 1, 31),
        findings="Sosialisasi menjangkau 40 pesantren.",
        recommendation="renew",
    )
    client.force_login(users.provincial_editor)
    page = text(client.get(reverse("admin:agreements_pks_change", args=[pks.pk])))
    for expected in (
        "Sosialisasi di pesantren",
        "hadir.pdf",
        "Sosialisasi menjangkau 40 pesantren",
        "Perpanjangan dan adendum",
        "Lampiran",
        "Narahubung perjanjian",
    ):
        assert expected in page, expected


def test_an_activity_added_inline_is_saved_with_its_author(client, users, world, pks):
    client.force_login(users.provincial_editor)
    response = post_change(
        client,
        pks,
        change_data(
            world,
            pks,
            activities=[
                {
                    "date": "2024-06-10",
                    "title": "Pendidikan pemilih pemula",
                    "place": "Sidoarjo",
                    "participants": 150,
                }
            ],
        ),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    activity = Activity.objects.get()
    assert (activity.agreement, activity.participants) == (pks, 150)
    assert activity.history.get().history_user == users.provincial_editor


def test_an_inline_activity_outside_the_term_is_shown_and_nothing_is_saved(
    client, users, world, pks
):
    client.force_login(users.provincial_editor)
    response = post_change(
        client,
        pks,
        change_data(
            world,
            pks,
            activities=[
                {"date": "2025-06-10", "title": "Terlambat", "place": "Sidoarjo", "participants": 5}
            ],
        ),
    )
    assert response.status_code == 200
    [row] = inline(response, "activities").forms
    assert [error.code for error in row.errors.as_data()["date"]] == ["activity_outside_term"]
    assert not Activity.objects.exists()


def test_an_addendum_inline_is_checked_against_the_mou(client, users, world, pks):
    client.force_login(users.provincial_editor)
    addendum = {
        "title": "Adendum Pertama",
        "owner_number": "1/ADD/2024",
        "signed_on": "2024-09-02",
        "signing_place": "Surabaya",
        "text": "Pasal 5 diubah.",
        "scopes": ["sosialisasi"],
    }
    response = post_change(
        client, pks, change_data(world, pks, addenda=[{**addendum, "valid_until": "2029-06-30"}])
    )
    assert response.status_code == 200
    assert [error.code for error in inline(response, "addenda").non_form_errors().as_data()] == [
        "pks_outlives_mou"
    ]
    assert not Addendum.objects.exists()
    response = post_change(
        client, pks, change_data(world, pks, addenda=[{**addendum, "valid_until": "2026-01-31"}])
    )
    assert response.status_code == 302
    assert Agreement.objects.get(pk=pks.pk).effective_until == D(2026, 1, 31)


def test_the_renew_action_makes_the_draft_and_opens_it(client, users, pks):
    client.force_login(users.provincial_editor)
    response = client.post(
        reverse("admin:agreements_pks_changelist"),
        {"action": "renew_selected", "_selected_action": [pks.pk]},
    )
    draft = Agreement.objects.get(renewal_of=pks)
    assert response.url == reverse("admin:agreements_pks_change", args=[draft.pk])
    page = text(client.get(response.url))
    assert "memperpanjang" in page and "PKS Sosialisasi Pemilu" in page


def test_the_history_page_shows_the_changes_under_the_agreement(client, users, world, pks):
    client.force_login(users.provincial_editor)
    post_change(
        client,
        pks,
        change_data(
            world,
            pks,
            contacts=[
                {"name": "Rina Wulandari", "position": "Kasubbag", "email": "rina@kpu.go.id"}
            ],
        ),
    )
    page = text(client.get(reverse("admin:agreements_pks_history", args=[pks.pk])))
    assert "Narahubung perjanjian: Rina Wulandari, Kasubbag" in page
    assert "editor_jatim" in page


def test_another_regions_editor_cannot_open_the_activity(client, users, pks):
    activity = Activity.objects.create(
        agreement=pks, date=D(2024, 5, 6), place="Surabaya", title="Sosialisasi", participants=80
    )
    client.force_login(users.other_regency_editor)
    changelist = client.get(reverse("admin:agreements_activity_changelist"))
    assert "Sosialisasi" not in text(changelist)
    response = client.get(reverse("admin:agreements_activity_change", args=[activity.pk]))
    assert response.status_code == 302 and response.url == reverse("admin:index")
    response = client.get(reverse("admin:agreements_activity_history", args=[activity.pk]))
    assert response.status_code == 404


def test_evidence_of_the_wrong_kind_is_refused_on_the_activity_page(client, users, pks):
    activity = Activity.objects.create(
        agreement=pks, date=D(2024, 5, 6), place="Surabaya", title="Sosialisasi", participants=80
    )
    client.force_login(users.provincial_editor)
    response = client.post(
        reverse("admin:agreements_activity_change", args=[activity.pk]),
        {
            "agreement": pks.pk,
            "date": "2024-05-06",
            "title": "Sosialisasi",
            "place": "Surabaya",
            "participants": 80,
            "description": "",
            "evidence-TOTAL_FORMS": 1,
            "evidence-INITIAL_FORMS": 0,
            "evidence-0-file": SimpleUploadedFile("foto.png", PDF_BYTES),
        },
    )
    assert response.status_code == 200
    assert "bukan berkas PNG" in text(response)
    assert not ActivityEvidence.objects.exists()


def test_the_unused_and_evaluation_filters_of_the_changelist(
    client, users, world, national_mou, pks
):
    long_ago = D(2024, 3, 4)
    idle = make_agreement(
        world.kpu_jatim,
        [world.kemenag],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=national_mou,
        signed_on=long_ago,
        valid_until=D(2028, 12, 31),
        title="PKS tanpa kegiatan",
    )
    client.force_login(users.provincial_editor)
    url = reverse("admin:agreements_pks_changelist")

    def listed(value):
        return list(client.get(url, {"unused": value}).context["cl"].queryset)

    assert listed("12") == [idle] and listed("evaluation") == [idle]
    Activity.objects.create(
        agreement=idle,
        date=timezone.localdate(),
        place="Surabaya",
        title="Sosialisasi",
        participants=10,
    )
    assert listed("12") == []


def test_a_partners_contacts_are_entered_on_the_institution_page(client, users, world):
    client.force_login(users.national_editor)
    institution = world.kemensos
    response = client.post(
        reverse("admin:partners_institution_change", args=[institution.pk]),
        {
            "name": institution.name,
            "short_name": institution.short_name,
            "category": institution.category,
            "loaded_version": institution.version,
            "contacts-TOTAL_FORMS": 1,
            "contacts-INITIAL_FORMS": 0,
            "contacts-0-name": "Dewi Lestari",
            "contacts-0-position": "Kepala Biro",
            "contacts-0-email": "dewi@kemensos.go.id",
            "contacts-0-telephone": "",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    contact = InstitutionContact.objects.get()
    assert contact.history.get().history_user == users.national_editor
