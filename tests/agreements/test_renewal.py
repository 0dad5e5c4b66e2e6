"""Renewal (perpanjangan): a draft copy of a signed agreement that continues it, and the chain of
renewals shown on the pages; addenda through the API and as their own document."""

import datetime
import io

import pytest
from pypdf import PdfReader

from agreements import addenda, renewal
from agreements.models import Addendum, Agreement, Kind, Status
from tests.agreements.test_api import client_for
from tests.api_errors import assert_error, error_codes
from tests.conftest import make_agreement

D = datetime.date
API = "/api/v1/agreements/"


@pytest.fixture
def blitar_pks(world, national_mou):
    """KPU Kota Blitar's PKS with Kemensos, two years from 12 June 2024."""
    return make_agreement(
        world.kpu_blitar,
        [world.kemensos],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=national_mou,
        signed_on=D(2024, 6, 12),
        valid_until=D(2026, 6, 11),
        title="PKS KPU Kota Blitar dengan Kemensos",
    )


def pdf_text(response):
    pages = PdfReader(io.BytesIO(response.content)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def renew(user, agreement):
    return client_for(user).post(f"{API}{agreement.pk}/renew/")


def test_renewing_makes_a_draft_copy_that_continues_it(users, world, blitar_pks):
    response = renew(users.regency_editor, blitar_pks)
    assert response.status_code == 201, response.data
    draft = Agreement.objects.get(pk=response.data["id"])
    assert (draft.status, draft.kind, draft.owner, draft.parent, draft.renewal_of) == (
        Status.DRAFT,
        Kind.PKS,
        world.kpu_blitar,
        blitar_pks.parent,
        blitar_pks,
    )
    assert (draft.valid_from, draft.valid_until) == (D(2026, 6, 12), D(2028, 6, 11))
    assert (draft.signed_on, draft.owner_number, draft.owner_signatory_name) == (None, "", "")
    assert draft.owner_signatory_title == blitar_pks.owner_signatory_title
    party = draft.parties.get()
    assert (party.institution, party.number, party.signatory_name) == (world.kemensos, "", "")
    assert response.data["scopes"] == ["sosialisasi"]
    assert {record.history_user for record in draft.history.all()} == {users.regency_editor}


def test_a_renewal_counts_the_addenda_of_the_one_renewed(users, world, blitar_pks, national_mou):
    addenda.save_addendum(
        Addendum(
            agreement=blitar_pks,
            title="Adendum",
            owner_number="1/ADD",
            signing_place="Blitar",
            text="Ruang lingkup ditambah.",
            signed_on=D(2025, 1, 6),
        ),
        ["pendidikan_pemilih"],
    )
    response = renew(users.regency_editor, blitar_pks)
    assert response.data["scopes"] == ["sosialisasi", "pendidikan_pemilih"]


def test_a_renewed_pks_ends_with_its_mou_at_the_latest(users, world, national_mou):
    long_pks = make_agreement(
        world.kpu_blitar,
        [world.kemensos],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=national_mou,
        signed_on=D(2024, 6, 12),
        valid_until=D(2027, 6, 11),
        title="PKS tiga tahun",
    )
    draft = Agreement.objects.get(pk=renew(users.regency_editor, long_pks).data["id"])
    assert (draft.valid_from, draft.valid_until) == (D(2027, 6, 12), D(2028, 12, 31))
    to_the_end = make_agreement(
        world.kpu_blitar,
        [world.kemenag],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=national_mou,
        signed_on=D(2024, 6, 12),
        title="PKS sampai akhir MoU",
    )
    assert error_codes(renew(users.regency_editor, to_the_end)) == {
        "valid_from": ["pks_outlives_mou"]
    }


def test_a_national_mou_is_renewed_for_the_same_whole_years(users, world, national_mou):
    mou = make_agreement(
        world.kpu_ri,
        [world.karang_taruna],
        ["sosialisasi"],
        signed_on=D(2021, 3, 1),
        valid_until=D(2026, 2, 28),
        title="MoU lama",
    )
    draft = Agreement.objects.get(pk=renew(users.national_editor, mou).data["id"])
    assert (draft.valid_from, draft.valid_until) == (D(2026, 3, 1), D(2031, 2, 28))


def test_only_a_signed_agreement_is_renewed_and_only_once(users, world, national_mou, blitar_pks):
    draft = make_agreement(
        world.kpu_blitar,
        [world.kemenag],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=national_mou,
        status=Status.DRAFT,
        signed_on=None,
        valid_until=None,
        title="Draf",
    )
    assert error_codes(renew(users.regency_editor, draft)) == {"__all__": ["renewal_not_signed"]}
    assert renew(users.regency_editor, blitar_pks).status_code == 201
    assert error_codes(renew(users.regency_editor, blitar_pks)) == {"__all__": ["already_renewed"]}
    assert blitar_pks.renewals.count() == 1


def test_who_may_renew(users, national_mou, blitar_pks):
    assert_error(renew(users.other_regency_editor, blitar_pks), 404, "not_found")
    assert_error(renew(users.regency_editor, national_mou), 403, "permission_denied")
    assert_error(renew(users.national_viewer, blitar_pks), 403, "permission_denied")
    assert not Agreement.objects.filter(renewal_of__isnull=False).exists()


@pytest.mark.parametrize(
    "start, continuity, days",
    [
        (D(2026, 6, 12), "continuous", 0),
        (D(2026, 7, 1), "gap", 19),
        (D(2026, 1, 1), "overlap", 162),
    ],
)
def test_the_chain_says_whether_a_renewal_overlaps_or_leaves_a_gap(
    world, blitar_pks, start, continuity, days
):
    following = make_agreement(
        world.kpu_blitar,
        [world.kemensos],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=blitar_pks.parent,
        signed_on=start,
        valid_until=D(2028, 6, 11),
        renewal_of=blitar_pks,
        title="Perpanjangan PKS",
    )
    chain = renewal.renewal_chain(blitar_pks, Agreement.objects.all())
    assert chain.renews == [] and [link.renewal for link in chain.renewed_by] == [following]
    link = chain.renewed_by[0]
    assert (link.continuity, link.day_count) == (continuity, days)
    renews = renewal.renewal_chain(following, Agreement.objects.all()).renews
    assert [link.previous for link in renews] == [blitar_pks]
    assert not renewal.renewal_chain(following, Agreement.objects.exclude(pk=blitar_pks.pk))


# ---- addenda through the API ----------------------------------------------------------------


ADDENDUM = {
    "title": "Adendum Pertama PKS KPU Kota Blitar dan Kemensos",
    "owner_number": "3/ADD/3572/2025",
    "partner_numbers": ["B/77/2025"],
    "signed_on": "2025-01-06",
    "signing_place": "Blitar",
    "text": "Pasal 2 diubah sehingga berbunyi: ruang lingkup meliputi pendidikan pemilih.",
    "valid_until": "2027-06-11",
    "scopes": ["pendidikan_pemilih"],
}


def test_an_addendum_through_the_api_extends_the_pks(users, blitar_pks):
    client = client_for(users.regency_editor)
    response = client.post(f"{API}{blitar_pks.pk}/addenda/", ADDENDUM, format="json")
    assert response.status_code == 201, response.data
    assert response.data["partner_numbers"] == ["B/77/2025"]
    assert response.data["document"].endswith(f"/dokumen/adendum/{response.data['id']}/cetak/")
    detail = client.get(f"{API}{blitar_pks.pk}/").data
    assert (detail["valid_until"], detail["effective_until"]) == ("2026-06-11", "2027-06-11")
    rows = client.get(f"{API}{blitar_pks.pk}/addenda/").data["results"]
    assert [row["scopes"] for row in rows] == [["pendidikan_pemilih"]]


def test_an_addendum_breaking_a_rule_answers_its_code(users, blitar_pks):
    response = client_for(users.regency_editor).post(
        f"{API}{blitar_pks.pk}/addenda/", {**ADDENDUM, "valid_until": "2029-06-30"}, format="json"
    )
    assert error_codes(response) == {"valid_until": ["pks_outlives_mou"]}
    response = client_for(users.regency_editor).post(
        f"{API}{blitar_pks.pk}/addenda/", {**ADDENDUM, "scopes": ["penelitian"]}, format="json"
    )
    assert error_codes(response) == {"scopes": ["scope_outside_mou"]}


def test_removing_an_mou_addendum_a_pks_relies_on_answers_400(users, world, national_mou):
    client = client_for(users.national_editor)
    response = client.post(
        f"{API}{national_mou.pk}/addenda/",
        {
            **ADDENDUM,
            "title": "Adendum MoU",
            "signed_on": "2025-02-03",
            "valid_until": None,
            "scopes": ["data_informasi"],
            "partner_numbers": [],
        },
        format="json",
    )
    assert response.status_code == 201, response.data
    make_agreement(
        world.kpu_blitar,
        [world.kemensos],
        ["data_informasi"],
        kind=Kind.PKS,
        parent=national_mou,
        signed_on=D(2025, 3, 3),
        title="PKS data",
    )
    response = client.delete(f"{API}{national_mou.pk}/addenda/{response.data['id']}/")
    assert error_codes(response) == {"__all__": ["mou_change_breaks_pks"]}


def test_the_addendum_document_and_the_renewal_line(client, users, world, blitar_pks):
    addendum = (
        client_for(users.regency_editor)
        .post(f"{API}{blitar_pks.pk}/addenda/", ADDENDUM, format="json")
        .data
    )
    client.force_login(users.regency_editor)
    response = client.get(addendum["document"].replace("http://testserver", ""))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response)
    assert "ADENDUM PERTAMA PERJANJIAN KERJA SAMA" in text
    assert "NOMOR: 3/ADD/3572/2025" in text and "NOMOR: B/77/2025" in text
    assert "diperpanjang sampai dengan tanggal 11 Juni 2027" in text
    draft = Agreement.objects.get(pk=renew(users.regency_editor, blitar_pks).data["id"])
    document = client.get(f"/dokumen/{draft.pk}/cetak/")
    text = pdf_text(document).replace("/ ", "/")
    assert (
        "Perjanjian Kerja Sama ini merupakan perpanjangan dari Perjanjian Kerja Sama Nomor "
        "01/KB/2024 tanggal 12 Juni 2024"
    ) in text
    assert "berlaku sampai dengan tanggal 11 Juni 2027" in text
    client.force_login(users.other_regency_editor)
    assert client.get(addendum["document"].replace("http://testserver", "")).status_code == 404
