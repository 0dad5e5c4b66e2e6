"""Addenda (adendum): an amendment that extends an agreement's validity or adds scope areas from
the day it is signed. The terms on any day count the addenda signed by then, for every rule that
reads them, for "in force" and for the lookup; adding, changing and removing one is checked like
a change to the agreement."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from agreements import addenda, services
from agreements.models import Addendum, Agreement, Kind, Status
from agreements.selectors.eligibility import check_eligibility
from agreements.terms import Terms
from tests.agreements.test_api import client_for
from tests.api_errors import error_codes
from tests.conftest import make_agreement

D = datetime.date
ADDENDUM_DAY = D(2022, 3, 1)


def add(agreement, signed_on=ADDENDUM_DAY, valid_until=None, scopes=(), user=None, **fields):
    addendum = fields.pop("addendum", None) or Addendum(agreement=agreement)
    values = {
        "title": "Adendum Pertama",
        "owner_number": "01/ADD/KPU/2026",
        "signing_place": "Jakarta",
        "text": "Pasal 5 diubah.",
        **fields,
        "signed_on": signed_on,
        "valid_until": valid_until,
    }
    for name, value in values.items():
        setattr(addendum, name, value)
    return addenda.save_addendum(addendum, list(scopes), user)


def codes(error):
    return {field: [item.code for item in items] for field, items in error.error_dict.items()}


def pks(world, mou, signed_on, valid_until, scopes=("sosialisasi",), **fields):
    return make_agreement(
        world.kpu_jatim,
        [world.kanwil_kemenag_jatim],
        list(scopes),
        kind=Kind.PKS,
        parent=mou,
        signed_on=signed_on,
        valid_until=valid_until,
        title=fields.pop("title", "PKS Jatim"),
        **fields,
    )


@pytest.fixture
def national_mou(world):
    """KPU RI – Kemensos and Kemenag, 15 January 2020 to 31 December 2023 (every date of these
    tests is in the past: an addendum is recorded once signed)."""
    return make_agreement(
        world.kpu_ri,
        [world.kemensos, world.kemenag],
        ["sosialisasi", "pendidikan_pemilih"],
        signed_on=D(2020, 1, 15),
        valid_until=D(2023, 12, 31),
        title="MoU KPU RI 2020",
    )


@pytest.fixture
def extended(national_mou):
    """The MoU extended to 31 December 2025, with data_informasi added, from 1 March 2022."""
    add(national_mou, valid_until=D(2025, 12, 31), scopes=["data_informasi"])
    return Agreement.objects.get(pk=national_mou.pk)


def test_the_terms_on_a_day_count_the_addenda_signed_by_then(extended):
    before = extended.terms_on(ADDENDUM_DAY - datetime.timedelta(days=1))
    assert before == Terms(D(2023, 12, 31), frozenset({"sosialisasi", "pendidikan_pemilih"}))
    assert extended.terms_on(ADDENDUM_DAY) == Terms(
        D(2025, 12, 31), frozenset({"sosialisasi", "pendidikan_pemilih", "data_informasi"})
    )
    assert (extended.valid_until, extended.effective_until) == (D(2023, 12, 31), D(2025, 12, 31))


def test_the_extension_is_recorded_in_the_agreements_history_and_version(national_mou, users):
    version = national_mou.version
    add(national_mou, valid_until=D(2025, 12, 31), user=users.national_editor)
    mou = Agreement.objects.get(pk=national_mou.pk)
    assert mou.version == version + 1
    latest = mou.history.first()
    assert (latest.effective_until, latest.history_user) == (D(2025, 12, 31), users.national_editor)
    assert Addendum.history.get().history_user == users.national_editor


def test_in_force_counts_the_extension(extended):
    day = D(2024, 6, 1)
    assert extended.in_force_on(day)
    assert Agreement.objects.in_force_on(day).filter(pk=extended.pk).exists()
    assert not Agreement.objects.in_force_on(D(2026, 1, 1)).exists()


def test_the_api_filters_and_shows_the_effective_end(users, extended):
    client = client_for(users.national_viewer)
    rows = client.get("/api/v1/agreements/", {"in_force_on": "2024-06-01"}).data["results"]
    assert [row["id"] for row in rows] == [extended.pk]
    detail = client.get(f"/api/v1/agreements/{extended.pk}/").data
    assert (detail["valid_until"], detail["effective_until"]) == ("2023-12-31", "2025-12-31")


def test_eligibility_after_the_original_end_rests_on_the_addendum(world, extended):
    answer = check_eligibility(world.kemensos, "kpu", D(2024, 6, 1))
    assert answer.eligible and [mou.pk for mou in answer.mous] == [extended.pk]
    assert "31 Desember 2025" in answer.reason


# ---- the rules a PKS is held to, with the MoU's terms of its own dates ---------------------


def test_mou_not_in_force_a_pks_signed_after_the_original_end(world, national_mou):
    with pytest.raises(ValidationError) as refused:
        pks(world, national_mou, D(2024, 3, 1), D(2024, 12, 31))
    assert codes(refused.value) == {
        "parent": ["mou_not_in_force"],
        "valid_until": ["pks_outlives_mou"],
    }
    add(national_mou, valid_until=D(2025, 12, 31))
    assert pks(world, national_mou, D(2024, 3, 1), D(2024, 12, 31)).is_signed


def test_pks_outlives_mou_reads_the_mous_end_on_the_pks_signing_day(world, extended):
    # Signed after the addendum: the MoU then runs until 2030.
    assert pks(world, extended, D(2022, 6, 1), D(2025, 6, 30)).is_signed
    # Signed before it: the MoU then ended in 2028, whatever came later.
    with pytest.raises(ValidationError) as refused:
        pks(world, extended, D(2021, 6, 1), D(2025, 6, 30), title="PKS sebelum adendum")
    assert codes(refused.value) == {"valid_until": ["pks_outlives_mou"]}


def test_scope_outside_mou_counts_scopes_added_from_the_addendums_day(world, extended):
    assert pks(world, extended, D(2022, 6, 1), D(2023, 6, 30), scopes=["data_informasi"]).is_signed
    with pytest.raises(ValidationError) as refused:
        pks(
            world,
            extended,
            D(2021, 6, 1),
            D(2023, 6, 30),
            scopes=["data_informasi"],
            title="PKS sebelum adendum",
        )
    assert codes(refused.value) == {"scopes": ["scope_outside_mou"]}


def test_a_pks_addendum_is_judged_against_the_mous_terms_of_its_day(world, national_mou):
    agreement = pks(world, national_mou, D(2021, 6, 1), D(2023, 6, 30))
    with pytest.raises(ValidationError) as refused:
        add(agreement, signed_on=D(2022, 1, 10), valid_until=D(2024, 6, 30))
    assert codes(refused.value) == {"valid_until": ["pks_outlives_mou"]}
    with pytest.raises(ValidationError) as refused:
        add(agreement, signed_on=D(2022, 1, 10), scopes=["data_informasi"])
    assert codes(refused.value) == {"scopes": ["scope_outside_mou"]}
    add(national_mou, valid_until=D(2025, 12, 31), scopes=["data_informasi"])
    add(agreement, signed_on=D(2022, 4, 1), valid_until=D(2024, 6, 30), scopes=["data_informasi"])
    assert Agreement.objects.get(pk=agreement.pk).effective_until == D(2024, 6, 30)


def test_a_pks_addendum_after_its_mou_was_terminated_is_refused(world, national_mou):
    agreement = pks(world, national_mou, D(2021, 6, 1), D(2023, 6, 30))
    national_mou.status, national_mou.terminated_on = Status.TERMINATED, D(2022, 6, 30)
    national_mou.termination_reason = "Diakhiri"
    services.save_agreement(
        national_mou,
        services.current_parties(national_mou),
        services.current_scope_codes(national_mou),
    )
    with pytest.raises(ValidationError) as refused:
        add(agreement, signed_on=D(2022, 7, 1), scopes=["pendidikan_pemilih"])
    assert codes(refused.value) == {"signed_on": ["mou_not_in_force"]}


# ---- mou_change_breaks_pks: changing or removing an addendum a PKS relies on ---------------


def test_removing_an_addendum_a_pks_relies_on_is_refused(world, extended):
    relying = pks(world, extended, D(2024, 3, 1), D(2024, 12, 31))
    addendum = extended.addenda.get()
    with pytest.raises(ValidationError) as refused:
        addenda.delete_addendum(addendum)
    assert codes(refused.value) == {"__all__": ["mou_change_breaks_pks"]}
    assert relying.title in refused.value.messages[0]
    assert Addendum.objects.filter(pk=addendum.pk).exists()
    assert Agreement.objects.get(pk=extended.pk).effective_until == D(2025, 12, 31)


def test_removing_an_addendum_no_one_relies_on_restores_the_end(extended):
    addenda.delete_addendum(extended.addenda.get())
    assert Agreement.objects.get(pk=extended.pk).effective_until == D(2023, 12, 31)


def test_shortening_an_extension_a_pks_relies_on_is_refused(world, extended):
    pks(world, extended, D(2022, 6, 1), D(2025, 6, 30))
    with pytest.raises(ValidationError) as refused:
        add(extended, valid_until=D(2024, 12, 31), addendum=extended.addenda.get())
    assert codes(refused.value) == {"valid_until": ["mou_change_breaks_pks"]}


def test_withdrawing_an_added_scope_a_pks_uses_is_refused(world, extended):
    pks(world, extended, D(2022, 6, 1), D(2023, 6, 30), scopes=["data_informasi"])
    addendum = extended.addenda.get()
    with pytest.raises(ValidationError) as refused:
        add(extended, valid_until=D(2025, 12, 31), scopes=[], addendum=addendum)
    assert codes(refused.value) == {"scopes": ["mou_change_breaks_pks"]}


def test_an_mou_change_counts_the_addenda_of_the_pks_under_it(world, national_mou):
    add(national_mou, valid_until=D(2025, 12, 31))
    agreement = pks(world, national_mou, D(2022, 6, 1), D(2023, 6, 30))
    add(agreement, signed_on=D(2023, 1, 5), valid_until=D(2025, 6, 30))
    with pytest.raises(ValidationError) as refused:
        addenda.delete_addendum(national_mou.addenda.get())
    assert codes(refused.value) == {"__all__": ["mou_change_breaks_pks"]}


# ---- the addendum's own rules -------------------------------------------------------------


@pytest.mark.parametrize(
    "signed_on, valid_until, field, code",
    [
        (D(2019, 12, 1), None, "signed_on", "addendum_outside_term"),
        (D(2024, 1, 5), D(2025, 12, 31), "signed_on", "addendum_outside_term"),
        (ADDENDUM_DAY, D(2023, 6, 30), "valid_until", "addendum_not_extending"),
        (ADDENDUM_DAY, D(2023, 12, 31), "valid_until", "addendum_not_extending"),
    ],
)
def test_an_addendum_is_signed_within_the_term_and_only_extends_it(
    national_mou, signed_on, valid_until, field, code
):
    with pytest.raises(ValidationError) as refused:
        add(national_mou, signed_on=signed_on, valid_until=valid_until)
    assert codes(refused.value) == {field: [code]}
    assert not Addendum.objects.exists()


def test_an_addendum_cannot_be_dated_after_today(national_mou):
    with pytest.raises(ValidationError) as refused:
        add(national_mou, signed_on=D(2099, 1, 1))
    assert codes(refused.value) == {"signed_on": ["addendum_in_future"]}


def test_a_draft_has_no_addendum(world):
    draft = make_agreement(
        world.kpu_ri,
        [world.kemensos],
        ["sosialisasi"],
        status=Status.DRAFT,
        signed_on=None,
        valid_until=None,
    )
    with pytest.raises(ValidationError) as refused:
        add(draft)
    assert codes(refused.value) == {"signed_on": ["addendum_outside_term"]}


def test_a_second_addendum_builds_on_the_first(national_mou):
    add(national_mou, valid_until=D(2025, 12, 31))
    add(national_mou, signed_on=D(2024, 6, 1), valid_until=D(2027, 12, 31), title="Adendum Kedua")
    assert Agreement.objects.get(pk=national_mou.pk).effective_until == D(2027, 12, 31)
    with pytest.raises(ValidationError) as refused:
        addenda.delete_addendum(national_mou.addenda.get(title="Adendum Pertama"))
    assert codes(refused.value) == {"__all__": ["addendum_outside_term"]}


@pytest.mark.parametrize(
    "change, field",
    [
        ({"valid_until": "2022-02-01"}, "valid_until"),
        (
            {
                "status": "terminated",
                "terminated_on": "2022-02-01",
                "termination_reason": "Diakhiri",
            },
            "terminated_on",
        ),
    ],
)
def test_the_agreement_cannot_change_from_under_its_addenda(users, national_mou, change, field):
    add(national_mou, scopes=["data_informasi"])
    response = client_for(users.national_admin).patch(
        f"/api/v1/agreements/{national_mou.pk}/", change, format="json"
    )
    assert error_codes(response) == {field: ["addendum_outside_term"]}


def test_changing_the_end_keeps_the_extension_in_the_effective_end(users, extended):
    response = client_for(users.national_admin).patch(
        f"/api/v1/agreements/{extended.pk}/", {"valid_until": "2023-06-30"}, format="json"
    )
    assert response.status_code == 200, response.data
    assert Agreement.objects.get(pk=extended.pk).effective_until == D(2025, 12, 31)
    response = client_for(users.national_admin).patch(
        f"/api/v1/agreements/{extended.pk}/", {"valid_until": "2026-06-30"}, format="json"
    )
    assert error_codes(response) == {"valid_until": ["addendum_not_extending"]}


def test_only_who_may_change_the_agreement_adds_an_addendum(users, national_mou):
    with pytest.raises(PermissionDenied):
        add(national_mou, user=users.provincial_editor)
    with pytest.raises(PermissionDenied):
        add(national_mou, user=users.national_viewer)
    add(national_mou, user=users.national_editor)
