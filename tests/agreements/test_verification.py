"""The public verification page the QR code opens: what the copy states and whether the agreement
is in force, nothing more."""

import datetime
import re
import uuid

import pytest
from django.urls import reverse

from agreements.models import Agreement, Party, Status
from tests.conftest import make_agreement

SHA = "9f2c" * 16


def verification_page(client, agreement):
    response = client.get(reverse("agreements:verification", args=[agreement.uuid]))
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    return response.content.decode()


@pytest.fixture
def mou(national_mou):
    """In force: 15 January 2024 to 31 December 2028, with signatories and a scan."""
    Agreement.objects.filter(pk=national_mou.pk).update(
        owner_signatory_name="Ahmad Fauzan Hakim", signed_scan_sha256=SHA
    )
    Party.objects.filter(agreement=national_mou).update(signatory_name="Sri Wahyuni")
    national_mou.refresh_from_db()
    return national_mou


def test_anyone_sees_what_the_copy_states(client, mou):
    html = verification_page(client, mou)
    for expected in (
        "Nota Kesepahaman",
        mou.title,
        "Komisi Pemilihan Umum Republik Indonesia",
        "Kementerian Sosial",
        "Kementerian Agama",
        "01/KB/2024",
        "B/1/2024",
        "B/2/2024",
        "15 Januari 2024",
        "31 Desember 2028",
        "Berlaku",
        SHA,
    ):
        assert expected in html


def test_nothing_else_is_shown(client, mou):
    Agreement.objects.filter(pk=mou.pk).update(
        approval_reference="B/99/RAHASIA/2024", approved_on=datetime.date(2024, 1, 2)
    )
    html = verification_page(client, mou)
    for hidden in ("Ahmad Fauzan Hakim", "Sri Wahyuni", "B/99/RAHASIA/2024", "pindaian/"):
        assert hidden not in html


def test_no_fingerprint_without_a_scan(client, national_mou):
    assert "SHA-256" not in verification_page(client, national_mou)


def test_a_terminated_agreement_is_not_in_force(client, world):
    ended = make_agreement(
        world.kpu_ri,
        [world.kemensos],
        ["sosialisasi"],
        status=Status.TERMINATED,
        terminated_on=datetime.date(2024, 10, 21),
        termination_reason="Kementerian direorganisasi; alasan internal.",
    )
    html = verification_page(client, ended)
    assert "Tidak berlaku" in html
    assert "telah diakhiri pada 21 Oktober 2024" in html
    assert "alasan internal" not in html


def test_an_expired_agreement_is_not_in_force(client, world):
    expired = make_agreement(
        world.kpu_ri,
        [world.kemensos],
        ["sosialisasi"],
        signed_on=datetime.date(2015, 1, 5),
        valid_until=datetime.date(2020, 1, 4),
    )
    html = verification_page(client, expired)
    assert "Tidak berlaku" in html and "berakhir pada 4 Januari 2020" in html


def without_csrf_tokens(response):
    """The page's HTML; the language form's CSRF token differs from one answer to the next (and
    its return address is the page's own)."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


NOT_REGISTERED = "tidak ada dokumen bertanda tangan dengan pengenal ini yang terdaftar"


@pytest.mark.parametrize(
    "status, approval",
    [
        (Status.DRAFT, {}),
        (Status.AWAITING_APPROVAL, {}),
        (
            Status.APPROVED,
            {
                "approval_reference": "12/PY.01-SD/02/2024",
                "approved_on": datetime.date(2024, 2, 20),
            },
        ),
    ],
)
def test_an_unsigned_agreement_is_answered_as_an_unknown_identifier(
    client, world, status, approval
):
    """Issue 8: the page showed a draft's (or an MoU awaiting approval's) title and parties."""
    unsigned = make_agreement(
        world.kpu_jatim,
        [world.kanwil_kemenag_jatim],
        ["sosialisasi"],
        status=status,
        signed_on=None,
        valid_until=None,
        title="Rancangan MoU Rahasia KPU Jawa Timur",
        **approval,
    )
    response = client.get(reverse("agreements:verification", args=[unsigned.uuid]))
    unknown = client.get(reverse("agreements:verification", args=[uuid.uuid4()]))
    assert response.status_code == unknown.status_code == 404
    html = without_csrf_tokens(response)
    assert html.replace(str(unsigned.uuid), "…") == without_csrf_tokens(unknown).replace(
        unknown.wsgi_request.path.split("/")[2], "…"
    )
    assert NOT_REGISTERED in html
    for hidden in (
        "Rancangan MoU Rahasia",
        "Kanwil Kemenag",
        "KPU Provinsi Jawa Timur",
        "01/KB/2024",
    ):
        assert hidden not in html


def test_unknown_identifier(client, db):
    response = client.get(reverse("agreements:verification", args=[uuid.uuid4()]))
    assert response.status_code == 404
    assert response["X-Robots-Tag"] == "noindex"
    assert NOT_REGISTERED in response.content.decode()
    assert client.get("/verifikasi/12/").status_code == 404
