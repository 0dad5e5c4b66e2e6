"""The admin as a clerk uses it: rule errors on the form, scoping, scans, history, lists."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agreements.models import Agreement, Party
from tests.conftest import make_agreement

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
FOLLOWUP_PREFIXES = ("activities", "evaluations", "addenda", "attachments", "contacts")


def form_data(owner, partners, scopes, parent=None, **fields):
    """POST data of the MoU/PKS admin form with its partner inline."""
    data = {
        "title": "PKS Sosialisasi Pemilu",
        "owner": owner.pk,
        "owner_number": "12/PKS/2024",
        "owner_signatory_name": "Aang Kunaifi",
        "owner_signatory_title": "Ketua",
        "parent": parent.pk if parent else "",
        "scopes": scopes,
        "signed_on": "2024-02-01",
        "signing_place": "Surabaya",
        "valid_from": "2024-02-01",
        "valid_until": "2025-02-01",
        "status": "signed",
        "terminated_on": "",
        "termination_reason": "",
        "renewal_of": "",
        "parties-TOTAL_FORMS": len(partners),
        "parties-INITIAL_FORMS": 0,
        "parties-MIN_NUM_FORMS": 0,
        "parties-MAX_NUM_FORMS": 1000,
    }
    # The inlines of what happens after signing, on a saved agreement's page: no rows.
    for prefix in FOLLOWUP_PREFIXES:
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    for index, partner in enumerate(partners):
        data[f"parties-{index}-institution"] = partner.pk
        data[f"parties-{index}-number"] = f"B/{index + 1}/2024"
        data[f"parties-{index}-signatory_name"] = f"Penanda Tangan {index + 1}"
        data[f"parties-{index}-signatory_title"] = f"Pimpinan {partner}"
    data.update(fields)
    return data


@pytest.fixture
def provincial_mou(world):
    """An MoU of KPU Jatim itself (approved by KPU RI): not a valid parent for a PKS."""
    return make_agreement(
        world.kpu_jatim,
        [world.kemensos],
        ["sosialisasi"],
        title="MoU KPU Jatim – Kemensos",
        approval_reference="B/1/KPU/2024",
        approved_on=datetime.date(2024, 1, 2),
    )


def test_pks_under_a_provincial_mou_shows_the_rule_and_the_qualifying_mous(
    client, users, world, national_mou, provincial_mou
):
    client.force_login(users.provincial_editor)
    response = client.post(
        reverse("admin:agreements_pks_add"),
        form_data(world.kpu_jatim, [world.kemensos], ["sosialisasi"], parent=provincial_mou),
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    # The rule and the MoUs that would do, both next to the parent MoU field.
    assert [e.code for e in form.errors.as_data()["parent"]] == [
        "national_mou_required",
        "qualifying_mous",
    ]
    page = response.content.decode()
    assert "MoU nasional diperlukan" in page
    assert national_mou.title in page  # named as the MoU that would qualify
    assert not Agreement.objects.filter(kind="pks").exists()


def test_valid_pks_is_saved_with_its_partners_and_scopes(client, users, world, national_mou):
    client.force_login(users.provincial_editor)
    response = client.post(
        reverse("admin:agreements_pks_add"),
        form_data(
            world.kpu_jatim, [world.kanwil_kemenag_jatim], ["sosialisasi"], parent=national_mou
        ),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    pks = Agreement.objects.get(kind="pks")
    assert list(pks.parties.values_list("institution", flat=True)) == [
        world.kanwil_kemenag_jatim.pk
    ]
    assert list(pks.scopes.values_list("code", flat=True)) == ["sosialisasi"]
    assert pks.history.first().history_user == users.provincial_editor


def test_admin_numbers_the_parties_as_the_api_does(client, users, world):
    """The admin saves through the API's write path: parties in the order of the rows, 1..n."""
    client.force_login(users.national_admin)
    data = form_data(
        world.kpu_ri,
        [world.kemenag, world.kemensos, world.karang_taruna],
        ["sosialisasi"],
        title="MoU tiga mitra",
    )
    assert client.post(reverse("admin:agreements_mou_add"), data).status_code == 302
    mou = Agreement.objects.get(title="MoU tiga mitra")
    assert list(mou.parties.values_list("institution", "order")) == [
        (world.kemenag.pk, 1),
        (world.kemensos.pk, 2),
        (world.karang_taruna.pk, 3),
    ]
    # Changing one row keeps the others (and their history) and the numbering.
    rows = list(mou.parties.all())
    data.update(
        {
            "parties-INITIAL_FORMS": 3,
            "parties-1-number": "B/99/2024",
            **{f"parties-{i}-id": row.pk for i, row in enumerate(rows)},
            **{f"parties-{i}-agreement": mou.pk for i in range(3)},
        }
    )
    assert (
        client.post(reverse("admin:agreements_mou_change", args=[mou.pk]), data).status_code == 302
    )
    assert list(mou.parties.values_list("pk", "order", "number")) == [
        (rows[0].pk, 1, "B/1/2024"),
        (rows[1].pk, 2, "B/99/2024"),
        (rows[2].pk, 3, "B/3/2024"),
    ]


def test_approval_entered_in_the_admin_names_the_approver(client, users, world):
    """The admin records the approval through the one approval path (services)."""
    client.force_login(users.national_admin)
    data = form_data(
        world.kpu_jatim,
        [world.kemensos],
        ["sosialisasi"],
        title="MoU Jatim",
        approval_reference="B/7/KPU/2024",
        approved_on="2024-01-20",
    )
    assert client.post(reverse("admin:agreements_mou_add"), data).status_code == 302
    mou = Agreement.objects.get(title="MoU Jatim")
    assert (mou.approval_reference, mou.approved_by) == ("B/7/KPU/2024", users.national_admin)


def test_scope_outside_the_mou_is_a_form_error_on_the_scopes(client, users, world, national_mou):
    client.force_login(users.provincial_editor)
    response = client.post(
        reverse("admin:agreements_pks_add"),
        form_data(world.kpu_jatim, [world.kemensos], ["netralitas_asn"], parent=national_mou),
    )
    errors = response.context["adminform"].form.errors.as_data()
    assert [e.code for e in errors["scopes"]] == ["scope_outside_mou"]


def partner_rows(response):
    """The partner inline's formset of an admin form answer."""
    return response.context["inline_admin_formsets"][0].formset


def test_partner_rule_errors_sit_on_the_partners_row(client, users, world, national_mou):
    """A partner the MoU does not cover is named on its own row, not at the top of the form."""
    client.force_login(users.provincial_editor)
    response = client.post(
        reverse("admin:agreements_pks_add"),
        form_data(
            world.kpu_jatim,
            [world.kanwil_kemenag_jatim, world.karang_taruna],
            ["sosialisasi"],
            parent=national_mou,
        ),
    )
    rows = partner_rows(response)
    assert rows.forms[0].errors == {}
    (error,) = rows.forms[1].errors.as_data()["institution"]
    assert error.code == "partner_not_covered"
    assert error.message.count("Nota Kesepahaman") == 1  # "MoU, “Nota Kesepahaman …”", once
    assert not response.context["adminform"].form.non_field_errors()
    page = response.content.decode()
    assert page.index("Karang Taruna bukan pihak") > page.index('id="parties-group"')
    assert not Agreement.objects.filter(kind="pks").exists()


def test_missing_partner_signature_sits_on_its_row(client, users, world, national_mou):
    client.force_login(users.provincial_editor)
    data = form_data(
        world.kpu_jatim, [world.kanwil_kemenag_jatim], ["sosialisasi"], parent=national_mou
    )
    data["parties-0-signatory_name"] = ""
    rows = partner_rows(client.post(reverse("admin:agreements_pks_add"), data))
    assert [e.code for e in rows.forms[0].errors.as_data()["institution"]] == [
        "signature_details_required"
    ]


def test_an_agreement_without_partners_is_told_so_above_the_rows(client, users, world):
    client.force_login(users.national_admin)
    response = client.post(
        reverse("admin:agreements_mou_add"),
        form_data(world.kpu_ri, [], ["sosialisasi"], title="MoU tanpa mitra"),
    )
    assert [e.code for e in partner_rows(response).non_form_errors().as_data()] == [
        "partner_required"
    ]
    assert not Agreement.objects.filter(title="MoU tanpa mitra").exists()


def test_editor_cannot_enter_an_agreement_for_another_province(client, users, world, national_mou):
    client.force_login(users.provincial_editor)
    response = client.post(
        reverse("admin:agreements_pks_add"),
        form_data(world.kpu_banjarmasin, [world.kemensos], ["sosialisasi"], parent=national_mou),
    )
    assert "owner" in response.context["adminform"].form.errors
    assert not Agreement.objects.filter(kind="pks").exists()


def test_regency_editor_of_another_province_cannot_open_or_change_a_pks(
    client, users, world, national_mou
):
    pks = make_agreement(
        world.kpu_blitar,
        [world.kemensos],
        ["sosialisasi"],
        kind="pks",
        parent=national_mou,
        title="PKS KPU Kota Blitar",
    )
    client.force_login(users.other_regency_editor)
    url = reverse("admin:agreements_pks_change", args=[pks.pk])
    assert client.get(url).status_code == 302  # "does not exist" for this user
    response = client.post(
        url,
        form_data(
            world.kpu_blitar, [world.kemensos], ["sosialisasi"], parent=national_mou, title="Diubah"
        ),
    )
    assert response.status_code == 302
    pks.refresh_from_db()
    assert pks.title == "PKS KPU Kota Blitar"


def test_provincial_editor_may_read_but_not_change_a_national_mou(
    client, users, world, national_mou
):
    client.force_login(users.provincial_editor)
    url = reverse("admin:agreements_mou_change", args=[national_mou.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    response = client.post(
        url, form_data(world.kpu_ri, [world.kemensos], ["sosialisasi"], title="Diubah")
    )
    assert response.status_code == 403
    national_mou.refresh_from_db()
    assert national_mou.title != "Diubah"


def test_only_national_approvers_see_the_approval_fields_as_editable(client, users):
    client.force_login(users.provincial_approver)
    fields = client.get(reverse("admin:agreements_mou_add")).context["adminform"].form.fields
    assert "approval_reference" not in fields
    client.force_login(users.national_admin)
    fields = client.get(reverse("admin:agreements_mou_add")).context["adminform"].form.fields
    assert "approval_reference" in fields


@pytest.mark.parametrize(
    "upload, code",
    [
        (SimpleUploadedFile("scan.docx", b"PK\x03\x04word", "application/pdf"), "scan_not_pdf"),
        (
            SimpleUploadedFile("scan.pdf", b"<html>not a pdf</html>", "application/pdf"),
            "scan_not_pdf",
        ),
        (
            SimpleUploadedFile("scan.pdf", PDF_BYTES + b"0" * 2048, "application/pdf"),
            "scan_too_large",
        ),
    ],
)
def test_bad_scan_is_a_form_error_and_nothing_is_saved(
    client, settings, users, world, national_mou, upload, code
):
    settings.SIGNED_SCAN_MAX_BYTES = 1024
    client.force_login(users.provincial_editor)
    response = client.post(
        reverse("admin:agreements_pks_add"),
        form_data(
            world.kpu_jatim,
            [world.kemensos],
            ["sosialisasi"],
            parent=national_mou,
            signed_scan=upload,
        ),
    )
    errors = response.context["adminform"].form.errors.as_data()
    assert [e.code for e in errors["signed_scan"]] == [code]
    assert not Agreement.objects.filter(kind="pks").exists()
    assert not Party.objects.filter(agreement__kind="pks").exists()


def test_scan_is_fingerprinted_and_downloaded_only_as_attachment(
    client, settings, tmp_path, users, world, national_mou
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(users.provincial_editor)
    response = client.post(
        reverse("admin:agreements_pks_add"),
        form_data(
            world.kpu_jatim,
            [world.kemensos],
            ["sosialisasi"],
            parent=national_mou,
            signed_scan=SimpleUploadedFile("pindaian.pdf", PDF_BYTES, "application/pdf"),
        ),
    )
    assert response.status_code == 302
    pks = Agreement.objects.get(kind="pks")
    import hashlib

    assert pks.signed_scan_sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    url = reverse("agreements:signed-scan", args=[pks.pk])
    download = client.get(url)
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == PDF_BYTES
    client.logout()
    assert client.get(url).status_code == 302  # to the sign-in page
    client.force_login(users.other_regency_editor)
    assert client.get(url).status_code == 404


def test_history_shows_who_changed_what(client, users, world, national_mou):
    client.force_login(users.national_admin)
    url = reverse("admin:agreements_mou_change", args=[national_mou.pk])
    data = form_data(
        world.kpu_ri,
        [world.kemensos, world.kemenag],
        ["sosialisasi", "pendidikan_pemilih"],
        title="Judul baru",
        signed_on="2024-01-15",
        valid_from="2024-01-15",
        valid_until="2028-12-31",
        approval_reference="",
        approved_on="",
    )
    data["parties-INITIAL_FORMS"] = 0
    Party.objects.filter(agreement=national_mou).delete()
    assert client.post(url, data).status_code == 302
    history = client.get(reverse("admin:agreements_mou_history", args=[national_mou.pk]))
    page = history.content.decode()
    agreement_part, party_part = page.split('id="party-history"')
    assert "admin_ri" in agreement_part
    assert "Judul baru" in agreement_part
    assert "Kementerian Agama" in party_part and "admin_ri" in party_part


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("2024-02-01", "2024-02-01"),
        ("01/02/2024", "2024-02-01"),
        ("01-02-2024", "2024-02-01"),
    ],
)
def test_dates_are_read_as_iso_or_day_month_year(client, users, world, national_mou, typed, stored):
    client.force_login(users.provincial_editor)
    response = client.post(
        reverse("admin:agreements_pks_add"),
        form_data(
            world.kpu_jatim,
            [world.kemensos],
            ["sosialisasi"],
            parent=national_mou,
            signed_on=typed,
            valid_from=typed,
        ),
    )
    assert response.status_code == 302
    assert str(Agreement.objects.get(kind="pks").signed_on) == stored


def test_month_day_year_is_not_accepted(client, users, world, national_mou):
    client.force_login(users.provincial_editor)
    response = client.post(
        reverse("admin:agreements_pks_add"),
        form_data(
            world.kpu_jatim,
            [world.kemensos],
            ["sosialisasi"],
            parent=national_mou,
            signed_on="02/13/2024",
        ),
    )
    assert "signed_on" in response.context["adminform"].form.errors


def test_mou_changelist_query_count_does_not_grow_with_rows(
    client, users, world, national_mou, django_assert_max_num_queries
):
    client.force_login(users.national_admin)
    url = reverse("admin:agreements_mou_changelist")
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for number in range(10):
        make_agreement(
            world.kpu_ri,
            [world.kemenag],
            ["sosialisasi"],
            title=f"MoU {number}",
            owner_number=f"{number}/KB/2024",
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.context["cl"].result_count == 11


def test_changelist_filters_in_force_and_province(client, users, world, national_mou):
    make_agreement(
        world.kpu_blitar,
        [world.kemensos],
        ["sosialisasi"],
        kind="pks",
        parent=national_mou,
        title="PKS Blitar",
    )
    client.force_login(users.national_admin)
    url = reverse("admin:agreements_pks_changelist")
    assert client.get(url, {"province": "35"}).context["cl"].result_count == 1
    assert client.get(url, {"province": "63"}).context["cl"].result_count == 0
    assert client.get(url, {"in_force": "today"}).context["cl"].result_count == 1
    assert client.get(url, {"q": "Kemensos"}).context["cl"].result_count == 1


def test_owner_autocomplete_offers_only_the_editors_units(client, users, world):
    client.force_login(users.provincial_editor)
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "agreements",
            "model_name": "pks",
            "field_name": "owner",
            "term": "KPU",
        },
    )
    names = {result["text"] for result in response.json()["results"]}
    assert names == {"KPU Provinsi Jawa Timur", "KPU Kota Blitar"}


def autocomplete_texts(client, model_name, field_name, term=""):
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "agreements",
            "model_name": model_name,
            "field_name": field_name,
            "term": term,
        },
    )
    return {result["text"] for result in response.json()["results"]}


def test_parent_autocomplete_offers_signed_national_mous_of_the_users_body(
    client, users, world, national_mou, bawaslu_national_mou
):
    make_agreement(
        world.kpu_ri,
        [world.kemenag],
        ["sosialisasi"],
        title="MoU draf KPU RI",
        status="draft",
        signed_on=None,
        valid_until=None,
    )
    client.force_login(users.regency_editor)
    assert autocomplete_texts(client, "pks", "parent") == {national_mou.title}
    client.force_login(users.national_admin)
    assert autocomplete_texts(client, "pks", "parent") == {
        national_mou.title,
        bawaslu_national_mou.title,
    }


def test_pks_status_cannot_be_awaiting_approval(client, users):
    client.force_login(users.provincial_editor)
    pks_choices = (
        client.get(reverse("admin:agreements_pks_add"))
        .context["adminform"]
        .form.fields["status"]
        .choices
    )
    assert [value for value, _label in pks_choices] == ["draft", "signed", "terminated"]
    mou_choices = (
        client.get(reverse("admin:agreements_mou_add"))
        .context["adminform"]
        .form.fields["status"]
        .choices
    )
    assert "awaiting_approval" in [value for value, _label in mou_choices]


def test_english_browser_still_gets_indonesian_unless_english_is_chosen(client, users):
    client.force_login(users.provincial_editor)
    url = reverse("admin:agreements_mou_changelist")
    assert (
        "Daftar MoU (nota kesepahaman)"
        in client.get(url, HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    )
    client.post(reverse("set_language"), {"language": "en", "next": url})
    assert "Select MoU (memorandum of understanding)" in client.get(url).content.decode()


def test_api_follows_accept_language(client, users):
    client.force_login(users.provincial_editor)
    answer = client.get(
        "/api/v1/agreements/", {"in_force_on": "bukan-tanggal"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert answer.status_code == 400
    assert answer.json()["detail"] == "The request is invalid: see the errors by field."
