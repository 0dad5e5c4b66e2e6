"""The partnership rules (docs/ARCHITECTURE.md, "Rules"), through save_agreement, for both bodies.

Every rejected case asserts the field and the stable code of the error, so that the admin, the
API and the importers show the clerk which rule was broken and where.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from agreements.models import Agreement, Kind, Party, Status
from agreements.services import save_agreement
from partners.models import Accreditation, Category, Institution
from tests.conftest import make_agreement

MOU_SIGNED = datetime.date(2024, 1, 15)
MOU_UNTIL = datetime.date(2028, 12, 31)
ONE_DAY = datetime.timedelta(days=1)


def codes(exc):
    """The (field, code) pairs of a ValidationError raised by the validation path."""
    return {
        (field, error.code) for field, errors in exc.value.error_dict.items() for error in errors
    }


def messages(exc, field):
    return " ".join(message for error in exc.value.error_dict[field] for message in error.messages)


def pks(owner, parent, partners, scopes=("sosialisasi",), **fields):
    return make_agreement(owner, partners, list(scopes), kind=Kind.PKS, parent=parent, **fields)


def assert_saved_under(agreement, mou, partner):
    """The PKS was stored under ``mou`` with ``partner`` as its one party, in force when signed."""
    stored = Agreement.objects.get(pk=agreement.pk)
    assert stored.parent_id == mou.pk
    assert list(stored.parties.values_list("institution", flat=True)) == [partner.pk]
    assert stored.in_force_on(stored.signed_on)


def regional_mou(owner, partners, **fields):
    """A signed MoU of a regional unit, approved by the national chair before signing."""
    fields.setdefault("approval_reference", "1/PY.01-SD/01/2024")
    fields.setdefault("approved_on", MOU_SIGNED - 5 * ONE_DAY)
    return make_agreement(owner, partners, ["sosialisasi"], **fields)


def university(name="Universitas Brawijaya", **accreditation):
    return Institution.objects.create(name=name, category=Category.UNIVERSITY, **accreditation)


# owner_not_election_body


def test_election_unit_may_own_an_agreement(body_world, world):
    mou = make_agreement(body_world.national, [world.karang_taruna], ["sosialisasi"])
    assert mou.owner == body_world.national


@pytest.mark.parametrize("owner", ["kemensos", "ulm"])
def test_partner_institution_may_not_own_an_agreement(world, owner):
    with pytest.raises(ValidationError) as exc:
        make_agreement(getattr(world, owner), [world.karang_taruna], ["sosialisasi"])
    assert ("owner", "owner_not_election_body") in codes(exc)


def test_partner_institution_as_owner_is_rejected_and_not_saved(world):
    """Whatever the code, a ministry never becomes PIHAK PERTAMA."""
    with pytest.raises(ValidationError) as exc:
        make_agreement(world.kemensos, [world.karang_taruna], ["sosialisasi"])
    assert "owner" in exc.value.error_dict
    assert not Agreement.objects.filter(owner=world.kemensos).exists()


# invalid_period


def test_validity_of_a_single_day_is_accepted(body_world, world):
    mou = make_agreement(
        body_world.national,
        [world.karang_taruna],
        ["sosialisasi"],
        valid_from=MOU_SIGNED,
        valid_until=MOU_SIGNED,
    )
    assert mou.valid_from == mou.valid_until


@pytest.mark.parametrize(
    "fields, field",
    [
        pytest.param(
            {"valid_from": MOU_SIGNED, "valid_until": MOU_SIGNED - ONE_DAY},
            "valid_until",
            id="ends-before-start",
        ),
        pytest.param(
            {"signed_on": None, "valid_from": MOU_SIGNED},
            "signed_on",
            id="signed-without-signing-date",
        ),
        pytest.param(
            {"valid_from": MOU_SIGNED - ONE_DAY}, "valid_from", id="starts-before-signing"
        ),
    ],
)
def test_invalid_period_is_rejected_on_the_field_concerned(body_world, world, fields, field):
    with pytest.raises(ValidationError) as exc:
        make_agreement(body_world.national, [world.karang_taruna], ["sosialisasi"], **fields)
    assert codes(exc) == {(field, "invalid_period")}


def test_validity_may_start_after_signing(body_world, world):
    mou = make_agreement(
        body_world.national,
        [world.karang_taruna],
        ["sosialisasi"],
        valid_from=MOU_SIGNED + 30 * ONE_DAY,
    )
    assert mou.valid_from > mou.signed_on


# approval_required and status_not_applicable


@pytest.mark.parametrize("level", ["province", "regency"])
def test_regional_mou_approved_on_signing_day_is_accepted(body_world, world, level):
    mou = regional_mou(getattr(body_world, level), [world.kemenag], approved_on=MOU_SIGNED)
    assert mou.status == Status.SIGNED


@pytest.mark.parametrize("status", [Status.SIGNED, Status.APPROVED])
def test_regional_mou_without_approval_is_rejected(body_world, world, status):
    with pytest.raises(ValidationError) as exc:
        make_agreement(body_world.province, [world.kemenag], ["sosialisasi"], status=status)
    assert codes(exc) == {("approval_reference", "approval_required")}


def test_regional_mou_approved_after_signing_is_rejected(body_world, world):
    with pytest.raises(ValidationError) as exc:
        regional_mou(body_world.regency, [world.kemenag], approved_on=MOU_SIGNED + ONE_DAY)
    assert codes(exc) == {("approved_on", "approval_required")}
    assert "approval_reference" not in exc.value.error_dict


def test_regional_mou_may_await_approval(body_world, world):
    mou = make_agreement(
        body_world.province,
        [world.kemenag],
        ["sosialisasi"],
        status=Status.AWAITING_APPROVAL,
        signed_on=None,
        valid_until=None,
    )
    assert mou.status == Status.AWAITING_APPROVAL


def test_national_mou_needs_no_approval(body_world, world):
    mou = make_agreement(body_world.national, [world.karang_taruna], ["sosialisasi"])
    assert (mou.status, mou.approval_reference, mou.approved_on) == (Status.SIGNED, "", None)


@pytest.mark.parametrize("status", [Status.AWAITING_APPROVAL, Status.APPROVED])
def test_national_mou_does_not_wait_for_approval(body_world, world, status):
    with pytest.raises(ValidationError) as exc:
        make_agreement(
            body_world.national,
            [world.karang_taruna],
            ["sosialisasi"],
            status=status,
            signed_on=None,
            valid_until=None,
        )
    assert codes(exc) == {("status", "status_not_applicable")}


def test_pks_does_not_wait_for_approval(body_world, world):
    with pytest.raises(ValidationError) as exc:
        pks(
            body_world.province,
            body_world.mou,
            [world.kemenag],
            status=Status.AWAITING_APPROVAL,
            signed_on=None,
        )
    assert codes(exc) == {("status", "status_not_applicable")}


# partner_not_accredited


def test_accredited_university_is_accepted(body_world, world):
    mou = make_agreement(body_world.national, [world.ulm], ["penelitian"])
    assert mou.parties.get().institution == world.ulm


def test_university_without_accreditation_is_rejected(body_world, world):
    unaccredited = university()
    with pytest.raises(ValidationError) as exc:
        make_agreement(body_world.national, [unaccredited], ["penelitian"])
    assert codes(exc) == {("partners", "partner_not_accredited")}
    assert "Universitas Brawijaya" in messages(exc, "partners")


@pytest.mark.parametrize(
    ("accredited_until", "accepted"),
    [(MOU_SIGNED, True), (MOU_SIGNED - ONE_DAY, False)],
    ids=["expires-on-signing-day", "expired-day-before-signing"],
)
def test_accreditation_must_cover_signing_day(body_world, accredited_until, accepted):
    campus = university(
        accreditation=Accreditation.BAIK_SEKALI, accreditation_valid_until=accredited_until
    )
    if accepted:
        make_agreement(body_world.national, [campus], ["penelitian"], signed_on=MOU_SIGNED)
        return
    with pytest.raises(ValidationError) as exc:
        make_agreement(body_world.national, [campus], ["penelitian"], signed_on=MOU_SIGNED)
    assert codes(exc) == {("partners", "partner_not_accredited")}


def test_pks_with_unaccredited_university_is_rejected(world, national_mou):
    """Even a university under a covering MoU needs its own current accreditation."""
    national_mou.parties.create(institution=world.ulm, order=3)
    world.ulm.accreditation_valid_until = MOU_SIGNED + 100 * ONE_DAY
    world.ulm.save()
    with pytest.raises(ValidationError) as exc:
        pks(world.kpu_kalsel, national_mou, [world.ulm], signed_on=MOU_SIGNED + 101 * ONE_DAY)
    assert codes(exc) == {("partners", "partner_not_accredited")}


# parent_required


def test_pks_with_parent_mou_is_accepted(body_world, world):
    agreement = pks(body_world.regency, body_world.mou, [world.kanwil_kemenag_jatim])
    assert agreement.parent == body_world.mou


def test_pks_without_parent_is_rejected(body_world, world):
    with pytest.raises(ValidationError) as exc:
        pks(body_world.province, None, [world.kemenag])
    assert codes(exc) == {("parent", "parent_required")}


def test_mou_with_parent_is_rejected(body_world, world):
    with pytest.raises(ValidationError) as exc:
        make_agreement(body_world.national, [world.kemenag], ["sosialisasi"], parent=body_world.mou)
    assert codes(exc) == {("parent", "parent_required")}


# national_mou_required


def test_pks_under_provincial_mou_is_rejected(body_world, world):
    provincial = regional_mou(body_world.province, [world.kemenag])
    with pytest.raises(ValidationError) as exc:
        pks(body_world.regency, provincial, [world.kanwil_kemenag_jatim])
    assert codes(exc) == {("parent", "national_mou_required")}


def test_pks_under_other_bodys_national_mou_is_rejected(body_world, world):
    """A Bawaslu unit may not derive a PKS from a KPU RI MoU, nor the other way round."""
    with pytest.raises(ValidationError) as exc:
        pks(body_world.province, body_world.other_mou, [world.kanwil_kemenag_jatim])
    assert codes(exc) == {("parent", "national_mou_required")}
    national = "KPU RI" if body_world.body == "kpu" else "Bawaslu RI"
    assert national in messages(exc, "parent")


def test_pks_under_a_pks_is_rejected(body_world, world):
    provincial_pks = pks(body_world.province, body_world.mou, [world.kemenag])
    with pytest.raises(ValidationError) as exc:
        pks(body_world.regency, provincial_pks, [world.kemenag])
    assert codes(exc) == {("parent", "national_mou_required")}


def test_pks_under_a_pks_is_rejected_and_not_saved(body_world, world):
    """Whatever the code, a PKS is never derived from another PKS."""
    provincial_pks = pks(body_world.province, body_world.mou, [world.kemenag])
    with pytest.raises(ValidationError) as exc:
        pks(body_world.regency, provincial_pks, [world.kemenag])
    assert "parent" in exc.value.error_dict
    assert not provincial_pks.children.exists()


# partner_not_covered


def test_partner_of_the_mou_is_covered(body_world, world):
    agreement = pks(body_world.province, body_world.mou, [world.kemensos])
    assert_saved_under(agreement, body_world.mou, world.kemensos)


def test_vertical_office_of_a_ministry_in_the_mou_is_covered(body_world, world):
    """Kanwil Kemenag Provinsi Jawa Timur under an MoU with Kemenag."""
    agreement = pks(body_world.province, body_world.mou, [world.kanwil_kemenag_jatim])
    assert agreement.parties.get().institution == world.kanwil_kemenag_jatim


def test_branch_of_an_organisation_in_the_mou_is_covered(world, bawaslu_national_mou):
    """PC GP Ansor Kota Kraksaan under the Bawaslu RI – PP GP Ansor MoU."""
    agreement = pks(world.bawaslu_jatim, bawaslu_national_mou, [world.gp_ansor_kraksaan])
    assert agreement.parties.get().institution == world.gp_ansor_kraksaan


def test_grandchild_of_a_partner_is_covered(body_world, world):
    kankemenag_blitar = Institution.objects.create(
        name="Kantor Kemenag Kota Blitar",
        category=Category.VERTICAL_OFFICE,
        parent=world.kanwil_kemenag_jatim,
        region=world.blitar,
    )
    agreement = pks(body_world.regency, body_world.mou, [kankemenag_blitar])
    assert_saved_under(agreement, body_world.mou, kankemenag_blitar)


def test_unrelated_partner_is_rejected(body_world, world):
    with pytest.raises(ValidationError) as exc:
        pks(body_world.province, body_world.mou, [world.karang_taruna])
    assert codes(exc) == {("partners", "partner_not_covered")}
    assert "Karang Taruna" in messages(exc, "partners")


def test_one_uncovered_partner_among_covered_ones_is_rejected(body_world, world):
    with pytest.raises(ValidationError) as exc:
        pks(body_world.province, body_world.mou, [world.kanwil_kemenag_jatim, world.karang_taruna])
    assert codes(exc) == {("partners", "partner_not_covered")}


def test_branch_is_not_covered_by_an_mou_without_its_organisation(world, national_mou):
    """The KPU RI MoU has no PP GP Ansor, so its branch is not covered there."""
    with pytest.raises(ValidationError) as exc:
        pks(world.kpu_jatim, national_mou, [world.gp_ansor_kraksaan])
    assert codes(exc) == {("partners", "partner_not_covered")}


def test_parent_organisation_is_not_covered_by_an_mou_with_its_branch(body_world, world):
    """Coverage runs down the tree only: an MoU with a vertical office does not cover its
    ministry."""
    body_world.mou.parties.filter(institution=world.kemenag).update(
        institution=world.kanwil_kemenag_jatim
    )
    with pytest.raises(ValidationError) as exc:
        pks(body_world.province, body_world.mou, [world.kemenag])
    assert codes(exc) == {("partners", "partner_not_covered")}


# mou_not_in_force


def test_pks_signed_on_last_valid_day_of_mou_is_accepted(body_world, world):
    agreement = pks(
        body_world.province,
        body_world.mou,
        [world.kemenag],
        signed_on=MOU_UNTIL,
        valid_until=MOU_UNTIL,
    )
    assert_saved_under(agreement, body_world.mou, world.kemenag)
    assert agreement.signed_on == body_world.mou.valid_until


def test_pks_signed_the_day_after_mou_ends_is_rejected(body_world, world):
    with pytest.raises(ValidationError) as exc:
        pks(
            body_world.province,
            body_world.mou,
            [world.kemenag],
            signed_on=MOU_UNTIL + ONE_DAY,
            valid_until=MOU_UNTIL + ONE_DAY,
        )
    assert ("parent", "mou_not_in_force") in codes(exc)


@pytest.mark.parametrize(
    ("pks_signed", "accepted"),
    [(datetime.date(2024, 3, 1), True), (datetime.date(2024, 2, 29), False)],
    ids=["on-valid-from", "day-before-valid-from"],
)
def test_pks_signed_before_mou_valid_from_is_rejected(body_world, world, pks_signed, accepted):
    mou = make_agreement(
        body_world.national, [world.kemenag], ["sosialisasi"], valid_from=datetime.date(2024, 3, 1)
    )
    if accepted:
        pks(body_world.province, mou, [world.kemenag], signed_on=pks_signed)
        return
    with pytest.raises(ValidationError) as exc:
        pks(body_world.province, mou, [world.kemenag], signed_on=pks_signed)
    assert codes(exc) == {("parent", "mou_not_in_force")}


def test_pks_under_draft_mou_is_rejected(body_world, world):
    draft = make_agreement(
        body_world.national,
        [world.kemenag],
        ["sosialisasi"],
        status=Status.DRAFT,
        signed_on=None,
        valid_until=None,
    )
    with pytest.raises(ValidationError) as exc:
        pks(body_world.province, draft, [world.kemenag])
    assert codes(exc) == {("parent", "mou_not_in_force")}


@pytest.mark.parametrize(
    ("terminated_on", "accepted"),
    [
        (datetime.date(2025, 6, 30), False),
        (datetime.date(2025, 7, 1), True),
        (datetime.date(2025, 7, 2), True),
    ],
    ids=["terminated-day-before-pks", "terminated-on-pks-day", "terminated-day-after-pks"],
)
def test_pks_under_terminated_mou(body_world, world, terminated_on, accepted):
    mou = make_agreement(
        body_world.national,
        [world.kemenag],
        ["sosialisasi"],
        status=Status.TERMINATED,
        terminated_on=terminated_on,
        termination_reason="Diakhiri atas kesepakatan para pihak.",
    )
    signed = datetime.date(2025, 7, 1)
    if accepted:
        pks(body_world.province, mou, [world.kemenag], signed_on=signed)
        return
    with pytest.raises(ValidationError) as exc:
        pks(body_world.province, mou, [world.kemenag], signed_on=signed)
    assert codes(exc) == {("parent", "mou_not_in_force")}


# pks_outlives_mou


def test_pks_ending_with_its_mou_is_accepted(body_world, world):
    agreement = pks(body_world.province, body_world.mou, [world.kemenag], valid_until=MOU_UNTIL)
    assert agreement.valid_until == body_world.mou.valid_until


def test_pks_ending_after_its_mou_is_rejected(body_world, world):
    with pytest.raises(ValidationError) as exc:
        pks(body_world.province, body_world.mou, [world.kemenag], valid_until=MOU_UNTIL + ONE_DAY)
    assert codes(exc) == {("valid_until", "pks_outlives_mou")}


# scope_outside_mou


def test_scopes_of_the_mou_are_accepted(body_world, world):
    agreement = pks(
        body_world.province, body_world.mou, [world.kemenag], ["sosialisasi", "pendidikan_pemilih"]
    )
    assert set(agreement.scopes.values_list("code", flat=True)) == {
        "sosialisasi",
        "pendidikan_pemilih",
    }


def test_scope_outside_the_mou_is_rejected(body_world, world):
    with pytest.raises(ValidationError) as exc:
        pks(body_world.province, body_world.mou, [world.kemenag], ["sosialisasi", "penelitian"])
    assert codes(exc) == {("scopes", "scope_outside_mou")}
    # The scope area by its name, the MoU by its title, each once.
    message = messages(exc, "scopes")
    assert "Penelitian bukan ruang lingkup MoU induk, “Nota Kesepahaman" in message
    assert message.count(body_world.mou.title) == 1


def test_scope_is_judged_against_the_parent_mou(world, national_mou, bawaslu_national_mou):
    """Pengawasan partisipatif is in the Bawaslu RI MoU but not in the KPU RI one."""
    pks(world.bawaslu_jatim, bawaslu_national_mou, [world.kemenag], ["pengawasan_partisipatif"])
    with pytest.raises(ValidationError) as exc:
        pks(world.kpu_jatim, national_mou, [world.kemenag], ["pengawasan_partisipatif"])
    assert codes(exc) == {("scopes", "scope_outside_mou")}


# partner_required, several violations, atomic save


def test_agreement_without_partners_is_rejected(body_world):
    with pytest.raises(ValidationError) as exc:
        make_agreement(body_world.national, [], ["sosialisasi"])
    assert codes(exc) == {("partners", "partner_required")}


def test_pks_without_partners_is_rejected(body_world):
    with pytest.raises(ValidationError) as exc:
        pks(body_world.province, body_world.mou, [])
    assert codes(exc) == {("partners", "partner_required")}


def test_missing_partners_reported_with_missing_parent(body_world):
    """A clerk who forgot both fields sees both errors at once, not one per attempt."""
    with pytest.raises(ValidationError) as exc:
        pks(body_world.province, None, [])
    assert codes(exc) == {("parent", "parent_required"), ("partners", "partner_required")}


def test_several_rule_violations_are_reported_together(body_world, world):
    with pytest.raises(ValidationError) as exc:
        pks(
            body_world.regency,
            body_world.mou,
            [world.karang_taruna],
            ["penelitian"],
            valid_until=MOU_UNTIL + ONE_DAY,
        )
    assert codes(exc) == {
        ("partners", "partner_not_covered"),
        ("valid_until", "pks_outlives_mou"),
        ("scopes", "scope_outside_mou"),
    }


def test_constraint_and_rule_violations_are_reported_together(body_world):
    with pytest.raises(ValidationError) as exc:
        make_agreement(
            body_world.province,
            [university()],
            ["penelitian"],
            valid_until=MOU_SIGNED - ONE_DAY,
        )
    assert codes(exc) == {
        ("valid_until", "invalid_period"),
        ("approval_reference", "approval_required"),
        ("partners", "partner_not_accredited"),
    }


def row_counts():
    return (
        Agreement.objects.count(),
        Party.objects.count(),
        Agreement.scopes.through.objects.count(),
    )


def test_rejected_request_leaves_no_rows(body_world, world):
    before = row_counts()
    with pytest.raises(ValidationError):
        pks(
            body_world.province,
            body_world.mou,
            [world.kemenag, world.karang_taruna],
            ["sosialisasi"],
        )
    assert row_counts() == before


def test_same_partner_twice_is_rejected(body_world, world):
    before = row_counts()
    with pytest.raises(ValidationError) as exc:
        pks(body_world.province, body_world.mou, [world.kemenag, world.kemenag], ["sosialisasi"])
    assert codes(exc) == {("partners", "partner_duplicate")}
    assert row_counts() == before


def test_failure_while_saving_parties_leaves_no_rows(body_world, world, monkeypatch):
    """The agreement row is written before its parties; a failure there undoes it too."""
    before = row_counts()

    def refuse(party, *args, **kwargs):
        raise IntegrityError("party row refused")

    monkeypatch.setattr(Party, "save", refuse)
    with pytest.raises(IntegrityError):
        pks(body_world.province, body_world.mou, [world.kemenag], ["sosialisasi"])
    assert row_counts() == before


def test_accepted_request_saves_agreement_parties_and_scopes(body_world, world):
    before = row_counts()
    pks(
        body_world.province,
        body_world.mou,
        [world.kemenag, world.kanwil_kemenag_jatim],
        ["sosialisasi", "pendidikan_pemilih"],
    )
    assert row_counts() == (before[0] + 1, before[1] + 2, before[2] + 2)


# signature_details_required


@pytest.mark.parametrize(
    "field, blank",
    [
        ("owner_number", {"owner_number": ""}),
        ("owner_signatory_name", {"owner_signatory_name": ""}),
        ("owner_signatory_title", {"owner_signatory_title": " "}),
        ("signing_place", {"signing_place": ""}),
    ],
)
def test_a_signed_agreement_without_the_first_partys_details_is_rejected(world, field, blank):
    with pytest.raises(ValidationError) as exc:
        make_agreement(world.kpu_ri, [world.kemensos], ["sosialisasi"], **blank)
    assert codes(exc) == {(field, "signature_details_required")}
    assert not Agreement.objects.exists()


def test_a_signed_agreement_without_a_partners_signatory_is_rejected(world):
    agreement = Agreement(
        kind=Kind.MOU,
        owner=world.kpu_ri,
        title="MoU tanpa penanda tangan",
        status=Status.SIGNED,
        signed_on=MOU_SIGNED,
        valid_from=MOU_SIGNED,
        valid_until=MOU_UNTIL,
        owner_number="01/KB/2024",
        owner_signatory_name="Ahmad",
        owner_signatory_title="Ketua",
        signing_place="Jakarta",
    )
    parties = [
        Party(
            institution=world.kemensos,
            number="B/1/2024",
            signatory_name="Tri",
            signatory_title="Menteri Sosial",
        ),
        Party(
            institution=world.kemenag, number="", signatory_name="", signatory_title="Menteri Agama"
        ),
    ]
    with pytest.raises(ValidationError) as exc:
        save_agreement(agreement, parties, ["sosialisasi"])
    assert codes(exc) == {("partners", "signature_details_required")}
    assert "Kementerian Agama" in messages(exc, "partners")
    assert "Kementerian Sosial" not in messages(exc, "partners")


def test_a_draft_may_leave_the_signature_details_for_later(world):
    draft = make_agreement(
        world.kpu_ri,
        [world.kemensos],
        ["sosialisasi"],
        status=Status.DRAFT,
        signed_on=None,
        valid_until=None,
        owner_number="",
        owner_signatory_name="",
        signing_place="",
    )
    assert Agreement.objects.get(pk=draft.pk).status == Status.DRAFT


def test_a_partners_text_is_checked_on_the_one_write_path(world):
    """The importer and the commands save parties without a form: the service checks them."""
    agreement = Agreement(kind=Kind.MOU, owner=world.kpu_ri, title="MoU", status=Status.DRAFT)
    parties = [Party(institution=world.kemensos, number="B/1/2024\u202e")]
    with pytest.raises(ValidationError) as exc:
        save_agreement(agreement, parties, ["sosialisasi"])
    assert codes(exc) == {("partners", "invalid_character")}
    assert "Kementerian Sosial" in messages(exc, "partners")
    assert not Agreement.objects.exists()
