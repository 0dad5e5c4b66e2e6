"""Rules as invariants of the data: a change to an MoU is checked against every PKS under it,
the lifecycle only moves forward, and a signed agreement is never deleted (issue: "Rules that
hold as invariants"). Every attack of the issue is here, through the API a client would use."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from agreements import services
from agreements.models import Agreement, Kind, Party, Status
from agreements.violations import RULE_TITLES
from tests.agreements.test_api import client_for
from tests.api_errors import assert_error, error_codes
from tests.conftest import make_agreement

API = "/api/v1/agreements/"
PKS_SIGNED = datetime.date(2024, 6, 1)


@pytest.fixture
def pks(world, national_mou):
    """A signed PKS of KPU Provinsi Jawa Timur with Kanwil Kemenag (covered through Kemenag)
    under the KPU RI MoU, signed 1 June 2024, until 31 May 2026, scope sosialisasi."""
    return make_agreement(
        world.kpu_jatim,
        [world.kanwil_kemenag_jatim],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=national_mou,
        signed_on=PKS_SIGNED,
        valid_until=datetime.date(2026, 5, 31),
        title="PKS Jatim – Kanwil",
    )


def still_valid(agreement):
    """The stored agreement passes every rule (what the issue found broken afterwards)."""
    agreement = Agreement.objects.get(pk=agreement.pk)
    services.validate_agreement(
        agreement,
        list(agreement.parties.select_related("institution")),
        services.current_scope_codes(agreement),
    )
    return True


def patch(user, agreement, payload):
    return client_for(user).patch(f"{API}{agreement.pk}/", payload, format="json")


@pytest.mark.parametrize(
    "change, field, rule",
    [
        (
            {
                "status": "terminated",
                "terminated_on": "2024-05-31",
                "termination_reason": "Diakhiri lebih awal",
            },
            "terminated_on",
            "mou_not_in_force",
        ),
        ({"valid_until": "2026-01-31"}, "valid_until", "pks_outlives_mou"),
        ({"valid_from": "2024-07-01"}, "valid_from", "mou_not_in_force"),
        ({"scopes": ["pendidikan_pemilih"]}, "scopes", "scope_outside_mou"),
    ],
)
def test_an_mou_change_that_breaks_its_pks_is_refused(
    users, world, national_mou, pks, change, field, rule
):
    before = Agreement.objects.get(pk=national_mou.pk)
    response = patch(users.national_admin, national_mou, change)
    assert error_codes(response) == {field: ["mou_change_breaks_pks"]}
    message = response.data["errors"][field][0]["message"]
    assert "PKS Jatim – Kanwil" in message and "KPU Provinsi Jawa Timur" in message
    after = Agreement.objects.get(pk=national_mou.pk)
    assert (after.status, after.valid_from, after.valid_until, after.version) == (
        before.status,
        before.valid_from,
        before.valid_until,
        before.version,
    )
    assert still_valid(pks)
    assert str(RULE_TITLES[rule]) in message  # which rule of the PKS it would break


def test_removing_the_partner_a_pks_relies_on_is_refused(users, world, national_mou, pks):
    response = patch(
        users.national_admin,
        national_mou,
        {
            "partners": [
                {
                    "institution": world.kemensos.pk,
                    "number": "B/1/2024",
                    "signatory_name": "Tri Rismaharini",
                    "signatory_title": "Menteri Sosial",
                }
            ]
        },
    )
    assert error_codes(response) == {"partners": ["mou_change_breaks_pks"]}
    assert "Kanwil Kemenag Provinsi Jawa Timur" in response.data["errors"]["partners"][0]["message"]
    assert set(national_mou.parties.values_list("institution", flat=True)) == {
        world.kemensos.pk,
        world.kemenag.pk,
    }


def test_terminating_after_the_pks_was_signed_is_allowed_and_shows_it_affected(
    users, national_mou, pks
):
    response = patch(
        users.national_admin,
        national_mou,
        {
            "status": "terminated",
            "terminated_on": "2025-03-01",
            "termination_reason": "Kementerian direorganisasi",
        },
    )
    assert response.status_code == 200, response.data
    assert list(services.affected_by_termination(Agreement.objects.get(pk=national_mou.pk))) == [
        pks
    ]
    assert Agreement.objects.filter(pk=pks.pk).exists()
    assert still_valid(pks)


def test_a_change_that_breaks_no_pks_is_saved(users, national_mou, pks):
    response = patch(
        users.national_admin,
        national_mou,
        {"title": "Judul yang diperbaiki", "valid_until": "2027-12-31"},
    )
    assert response.status_code == 200, response.data
    assert Agreement.objects.get(pk=national_mou.pk).valid_until == datetime.date(2027, 12, 31)


def test_the_admin_shows_the_broken_pks_next_to_the_field(client, users, world, national_mou, pks):
    from tests.agreements.test_admin import form_data

    client.force_login(users.national_admin)
    data = form_data(
        world.kpu_ri,
        [world.kemensos, world.kemenag],
        ["sosialisasi", "pendidikan_pemilih"],
        title=national_mou.title,
        signed_on="2024-01-15",
        valid_from="2024-01-15",
        valid_until="2025-12-31",
    )
    rows = list(national_mou.parties.all())
    data.update(
        {
            "parties-INITIAL_FORMS": 2,
            **{f"parties-{i}-id": row.pk for i, row in enumerate(rows)},
            **{f"parties-{i}-agreement": national_mou.pk for i in range(2)},
        }
    )
    response = client.post(reverse("admin:agreements_mou_change", args=[national_mou.pk]), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors.as_data()
    assert [error.code for error in errors["valid_until"]] == ["mou_change_breaks_pks"]
    assert Agreement.objects.get(pk=national_mou.pk).valid_until == datetime.date(2028, 12, 31)


# The lifecycle ----------------------------------------------------------------------------------


def test_a_signed_agreement_cannot_go_back_to_draft_nor_be_deleted(users, pks):
    response = patch(users.national_admin, pks, {"status": "draft", "signed_on": None})
    assert error_codes(response) == {"status": ["status_transition_invalid"]}
    assert Agreement.objects.get(pk=pks.pk).status == Status.SIGNED
    assert_error(client_for(users.national_admin).delete(f"{API}{pks.pk}/"), 409, "not_deletable")
    assert Agreement.objects.filter(pk=pks.pk).exists()


def test_nothing_comes_out_of_terminated(users, national_mou):
    services.save_agreement(
        terminated(national_mou),
        services.current_parties(national_mou),
        services.current_scope_codes(national_mou),
    )
    for status in ("signed", "draft"):
        response = patch(
            users.national_admin,
            national_mou,
            {"status": status, "terminated_on": None, "termination_reason": ""},
        )
        assert error_codes(response)["status"] == ["status_transition_invalid"]


def terminated(mou):
    """``mou`` ended early on 1 January 2025 (not saved)."""
    mou = Agreement.objects.get(pk=mou.pk)
    mou.status, mou.terminated_on = Status.TERMINATED, datetime.date(2025, 1, 1)
    mou.termination_reason = "Berakhir atas kesepakatan"
    return mou


def test_an_agreement_ever_signed_is_never_deleted_even_with_its_status_rewritten(national_mou):
    """Even a row rewritten behind the service's back (a script) keeps its record."""
    Agreement.objects.filter(pk=national_mou.pk).update(status=Status.DRAFT, signed_on=None)
    with pytest.raises(services.NotDeletable):
        services.delete_agreement(Agreement.objects.get(pk=national_mou.pk))
    with pytest.raises(ValidationError), transaction.atomic():
        Agreement.objects.filter(pk=national_mou.pk).delete()
    assert Agreement.objects.filter(pk=national_mou.pk).exists()


def test_a_draft_never_signed_may_be_deleted(users, world):
    draft = make_agreement(
        world.kpu_ri,
        [world.kemensos],
        ["sosialisasi"],
        status=Status.DRAFT,
        signed_on=None,
        valid_until=None,
    )
    response = client_for(users.national_admin).delete(f"{API}{draft.pk}/")
    assert response.status_code == 204
    assert not Agreement.objects.filter(pk=draft.pk).exists()
    assert not Party.objects.filter(agreement_id=draft.pk).exists()


@pytest.mark.parametrize(
    "steps, refused",
    [
        (["awaiting_approval", "approved", "signed", "terminated"], None),
        (["awaiting_approval", "draft"], None),
        (["awaiting_approval", "approved", "draft"], "draft"),
        (["approved", "awaiting_approval"], "awaiting_approval"),
    ],
)
def test_a_regional_mou_follows_its_lifecycle(users, world, steps, refused):
    mou = make_agreement(
        world.kpu_jatim,
        [world.kemensos],
        ["sosialisasi"],
        status=Status.DRAFT,
        signed_on=None,
        valid_until=None,
    )
    fields = {
        "approved": {"approval_reference": "B/5/KPU/2024", "approved_on": "2024-01-10"},
        "signed": {
            "signed_on": "2024-01-15",
            "valid_from": "2024-01-15",
            "valid_until": "2029-01-14",
        },
        "terminated": {"terminated_on": "2025-01-01", "termination_reason": "Selesai"},
    }
    for status in steps:
        response = patch(users.national_admin, mou, {"status": status, **fields.get(status, {})})
        if status == refused:
            assert error_codes(response)["status"] == ["status_transition_invalid"]
            return
        assert response.status_code == 200, response.data
    assert refused is None
