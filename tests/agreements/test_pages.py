"""The pages regional offices use: sign-in, the partner lookup and the partner page."""

import datetime

import pytest
from django.urls import reverse

from agreements.models import Kind, Status
from partners.models import Accreditation, Category, Institution
from tests.conftest import PASSWORD, make_agreement

LOOKUP = reverse("agreements:lookup")


def partner_url(institution):
    return reverse("agreements:partner", args=[institution.pk])


def document_url(agreement):
    return reverse("agreements:document", args=[agreement.pk])


def text(response):
    """The page's HTML with each run of white space as one space."""
    return " ".join(response.content.decode().split())


def make_pks(owner, partners, mou, title, **fields):
    fields.setdefault("signed_on", datetime.date(2024, 3, 1))
    return make_agreement(
        owner, partners, ["sosialisasi"], kind=Kind.PKS, parent=mou, title=title, **fields
    )


@pytest.fixture
def pks(world, national_mou):
    """Two PKS under KPU RI's MoU: KPU Jatim with the Kanwil, KPU Banjarmasin with Kemenag."""
    return [
        make_pks(
            world.kpu_jatim,
            [world.kanwil_kemenag_jatim],
            national_mou,
            "PKS KPU Jatim dengan Kanwil Kemenag Jatim",
        ),
        make_pks(
            world.kpu_banjarmasin,
            [world.kemenag],
            national_mou,
            "PKS KPU Banjarmasin dengan Kemenag",
        ),
    ]


@pytest.fixture
def local_offices(world):
    """Thirty Kantor Kemenag under the Kanwil: covered two levels down from Kemenag's MoU."""
    return Institution.objects.bulk_create(
        [
            Institution(
                name=f"Kantor Kemenag Kabupaten Contoh {n:02d}",
                short_name=f"Kankemenag {n:02d}",
                category=Category.VERTICAL_OFFICE,
                parent=world.kanwil_kemenag_jatim,
            )
            for n in range(30)
        ]
    )


# ---- sign-in and navigation ---------------------------------------------------------------


def test_root_is_the_users_home_and_leads_anonymous_visitors_to_sign_in(client, users):
    assert client.get("/").url == f"{reverse('login')}?next=/"
    assert client.get(LOOKUP).url == f"{reverse('login')}?next={LOOKUP}"
    client.force_login(users.regency_editor)
    assert client.get("/").status_code == 200


def test_sign_in_page_speaks_indonesian_and_signs_in(client, users):
    page = text(client.get(reverse("login")))
    assert "<h1>Masuk</h1>" in page
    assert "Nama pengguna" in page and "Kata sandi" in page
    assert 'href="#main"' in page and "Langsung ke isi utama" in page
    response = client.post(reverse("login"), {"username": "editor_blitar", "password": PASSWORD})
    assert response.url == reverse("home")


def test_wrong_password_is_explained(client, users):
    response = client.post(reverse("login"), {"username": "editor_blitar", "password": "salah"})
    assert response.status_code == 200
    assert 'role="alert"' in text(response)
    assert "nama pengguna dan sandi" in text(response).lower()


def test_sign_out_returns_to_the_sign_in_page(client, users):
    client.force_login(users.regency_editor)
    response = client.post(reverse("logout"))
    assert response.url == reverse("login")
    assert client.get(LOOKUP).status_code == 302


def test_menu_names_the_user_unit_and_links_the_admin_only_for_admin_users(client, users):
    client.force_login(users.regency_editor)
    page = text(client.get(LOOKUP))
    assert "KPU Kota Blitar" in page
    for label in ("Cari mitra", "Dasbor", "Laporan", "Entri data (admin)", "Keluar"):
        assert label in page
    assert f'href="{reverse("agreements:report")}"' in page and 'aria-current="page"' in page
    client.force_login(users.national_viewer)
    assert "Admin (hanya baca)" in text(client.get(LOOKUP))
    client.force_login(users.outsider)
    page = text(client.get(LOOKUP))
    assert "Entri data (admin)" not in page and "Admin (hanya baca)" not in page


# ---- the lookup ----------------------------------------------------------------------------


def found(client, **params):
    """Names of the partners the lookup lists for ``params``, in order."""
    response = client.get(LOOKUP, params)
    assert response.status_code == 200
    page = response.context["page"]
    return None if page is None else [result.institution.name for result in page.object_list]


def test_empty_lookup_explains_how_to_read_the_answer(client, users):
    client.force_login(users.regency_editor)
    assert found(client) is None
    assert "Cara membaca jawabannya" in text(client.get(LOOKUP))


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("kemensos", ["Kementerian Sosial"]),
        ("KEMENTERIAN", ["Kementerian Agama", "Kementerian Sosial"]),
        ("ansor kraks", ["PC GP Ansor Kota Kraksaan"]),
        ("gp ansor", ["PP GP Ansor", "PC GP Ansor Kota Kraksaan"]),
        ("lambung", ["Universitas Lambung Mangkurat"]),
    ],
    ids=["short-name", "any-case", "partial-words", "top-level-first", "university"],
)
def test_search_by_name_or_short_name_forgives_case_and_partial_words(client, users, query, names):
    client.force_login(users.regency_editor)
    assert found(client, q=query) == names


def test_exact_short_name_comes_first(client, users, world):
    client.force_login(users.regency_editor)
    assert found(client, q="kemenag") == ["Kementerian Agama", "Kanwil Kemenag Provinsi Jawa Timur"]


def test_election_units_are_not_partners(client, users):
    client.force_login(users.regency_editor)
    assert found(client, q="blitar") == []
    assert "Tidak ada mitra yang cocok" in text(client.get(LOOKUP, {"q": "blitar"}))


def test_filters_of_the_institution_filterset_apply(
    client, users, national_mou, bawaslu_national_mou
):
    client.force_login(users.regency_editor)
    assert found(client, q="ansor", national_mou="kpu") == []
    assert found(client, q="ansor", national_mou="bawaslu") == [
        "PP GP Ansor",
        "PC GP Ansor Kota Kraksaan",
    ]
    assert found(client, category="university") == ["Universitas Lambung Mangkurat"]
    assert found(client, region="35") == ["Kanwil Kemenag Provinsi Jawa Timur"]


def test_each_result_says_per_body_until_when_and_how_many_pks(
    client, users, pks, bawaslu_national_mou
):
    client.force_login(users.regency_editor)
    page = text(client.get(LOOKUP, {"q": "kanwil"}))
    assert "MoU KPU RI berlaku s.d. 31 Desember 2028" in page
    assert "(melalui Kementerian Agama)" in page
    assert "2 PKS telah ditandatangani di bawahnya" in page
    assert "MoU Bawaslu RI berlaku s.d. 31 Desember 2028" in page
    assert "0 PKS telah ditandatangani di bawahnya" in page


def test_result_without_national_mou_says_so(client, users, national_mou):
    client.force_login(users.regency_editor)
    page = text(client.get(LOOKUP, {"q": "karang taruna"}))
    assert "Belum ada MoU KPU RI yang berlaku" in page
    assert "Belum ada MoU Bawaslu RI yang berlaku" in page


def test_expired_or_terminated_mou_does_not_count(client, users, world):
    make_agreement(
        world.kpu_ri,
        [world.karang_taruna],
        ["sosialisasi"],
        signed_on=datetime.date(2019, 1, 10),
        valid_until=datetime.date(2023, 12, 31),
    )
    client.force_login(users.regency_editor)
    assert "Belum ada MoU KPU RI yang berlaku" in text(client.get(LOOKUP, {"q": "karang"}))


def test_the_users_own_body_comes_first(client, users, world, django_user_model):
    from tests.conftest import make_user

    make_user(django_user_model, "editor_bawaslu_jatim", world.bawaslu_jatim, "editor")
    client.force_login(users.regency_editor)
    coverage = client.get(LOOKUP, {"q": "kemensos"}).context["page"].object_list[0].coverage
    assert [body.body for body in coverage] == ["kpu", "bawaslu"]
    client.login(username="editor_bawaslu_jatim", password=PASSWORD)
    coverage = client.get(LOOKUP, {"q": "kemensos"}).context["page"].object_list[0].coverage
    assert [body.body for body in coverage] == ["bawaslu", "kpu"]


def test_unaccredited_university_is_flagged(client, users, world):
    Institution.objects.filter(pk=world.ulm.pk).update(
        accreditation_valid_until=datetime.date(2020, 1, 1)
    )
    client.force_login(users.regency_editor)
    assert "Tidak ada akreditasi BAN-PT yang berlaku hari ini" in text(
        client.get(LOOKUP, {"q": "lambung"})
    )


# Session, user, staff profile, count, page, national MoUs with PKS counts, provinces; the
# header's unread notifications.
LOOKUP_QUERIES = 8


def test_lookup_runs_a_constant_number_of_queries(
    client, users, pks, bawaslu_national_mou, local_offices, django_assert_num_queries
):
    client.force_login(users.regency_editor)
    with django_assert_num_queries(LOOKUP_QUERIES):
        assert len(found(client, q="kanwil")) == 1
    with django_assert_num_queries(LOOKUP_QUERIES):
        assert len(found(client, q="kemenag")) == 20  # a full page: 32 partners match
    with django_assert_num_queries(LOOKUP_QUERIES):
        assert len(found(client, q="kemenag", page=2)) == 12


def test_pages_keep_the_search(client, users, local_offices):
    client.force_login(users.regency_editor)
    page = text(client.get(LOOKUP, {"q": "kankemenag"}))
    assert "Halaman 1 dari 2" in page
    assert 'href="?q=kankemenag&amp;page=2#results-title"' in page


# ---- the partner page ---------------------------------------------------------------------


def test_regency_editor_sees_its_own_units_answer(client, users, world, pks):
    client.force_login(users.regency_editor)
    page = text(client.get(partner_url(world.kanwil_kemenag_jatim)))
    assert "Unit Anda dapat menandatangani PKS dengan mitra ini" in page
    assert "Untuk KPU Kota Blitar" in page
    assert "tercakup melalui Kementerian Agama" in page  # the reason from check_eligibility
    assert "paling lambat sampai 31 Desember 2028" in page
    add = reverse("admin:agreements_pks_add")
    assert f'href="{add}?parent={pks[0].parent_id}&amp;owner={world.kpu_blitar.pk}"' in page


def test_uncovered_partner_says_what_is_missing(client, users, world, national_mou):
    client.force_login(users.regency_editor)
    page = text(client.get(partner_url(world.gp_ansor_kraksaan)))
    assert "Unit Anda belum dapat menandatangani PKS dengan mitra ini" in page
    assert "Yang belum terpenuhi" in page
    assert (
        "MoU yang berlaku antara KPU RI dan PC GP Ansor Kota Kraksaan atau instansi induknya:"
    ) in page
    assert "usulkan MoU tersebut kepada KPU RI" in page


def test_the_last_mou_that_ended_is_named(client, users, world):
    make_agreement(
        world.kpu_ri,
        [world.karang_taruna],
        ["sosialisasi"],
        title="MoU lama dengan Karang Taruna",
        signed_on=datetime.date(2019, 1, 10),
        valid_until=datetime.date(2023, 12, 31),
    )
    client.force_login(users.regency_editor)
    page = text(client.get(partner_url(world.karang_taruna)))
    assert "MoU terakhir, “MoU lama dengan Karang Taruna”, berakhir pada 31 Desember 2023." in page
    assert "berakhir</span>" in page  # the MoU is still listed, as ended


def test_unaccredited_university_misses_its_accreditation(client, users, world):
    university = Institution.objects.create(
        name="Universitas Contoh",
        category=Category.UNIVERSITY,
        accreditation=Accreditation.B,
        accreditation_valid_until=datetime.date(2020, 1, 1),
    )
    make_agreement(
        world.kpu_ri,
        [university],
        ["sosialisasi"],
        signed_on=datetime.date(2019, 6, 1),
        valid_until=datetime.date(2028, 12, 31),
    )
    client.force_login(users.regency_editor)
    page = text(client.get(partner_url(university)))
    assert "Unit Anda belum dapat menandatangani PKS dengan mitra ini" in page
    assert "Akreditasi BAN-PT yang berlaku hari ini." in page
    assert "Yang tercatat: B, berlaku s.d. 1 Januari 2020." in page


def test_national_staff_read_the_answer_for_regional_units(client, users, world, national_mou):
    client.force_login(users.national_viewer)
    page = text(client.get(partner_url(world.kemensos)))
    assert "Unit KPU di daerah dapat menandatangani PKS dengan mitra ini" in page
    assert "unit tingkat pusat" in page
    assert "Catat PKS baru" not in page


def test_user_without_unit_reads_both_bodies_answers(client, users, world, national_mou):
    client.force_login(users.outsider)
    page = text(client.get(partner_url(world.kemensos)))
    assert "Unit KPU di daerah dapat menandatangani PKS dengan mitra ini" in page
    assert "Unit Bawaslu di daerah belum dapat menandatangani PKS dengan mitra ini" in page
    assert "buka di admin" not in page


def test_partner_page_lists_national_mous_with_scopes(
    client, users, world, national_mou, bawaslu_national_mou
):
    client.force_login(users.regency_editor)
    page = text(client.get(partner_url(world.kanwil_kemenag_jatim)))
    assert national_mou.title in page and bawaslu_national_mou.title in page
    assert "15 Januari 2024 – 31 Desember 2028" in page
    assert "Pendidikan Pemilih</li>" in page and "Pengawasan Partisipatif</li>" in page
    assert "tidak dapat menjadi induk PKS unit KPU" in page  # the Bawaslu MoU
    assert f'href="{document_url(national_mou)}"' in page


def test_partner_page_lists_every_pks_by_province_and_unit(client, users, world, pks):
    client.force_login(users.regency_editor)
    response = client.get(partner_url(world.kanwil_kemenag_jatim))
    rows = response.context["pks_page"].object_list
    assert [(row.province_name, row.owner.name) for row in rows] == [
        ("Jawa Timur", "KPU Provinsi Jawa Timur"),
        ("Kalimantan Selatan", "KPU Kota Banjarmasin"),
    ]
    page = text(response)
    assert "2 PKS telah ditandatangani." in page
    assert "PKS KPU Banjarmasin dengan Kemenag" in page
    # The regency editor may not open other units' documents: the rows carry no link to them.
    assert not any(row.readable for row in rows)
    assert document_url(pks[0]) not in page


def test_documents_are_linked_where_the_user_may_read_them(client, users, world, pks):
    client.force_login(users.provincial_editor)
    page = text(client.get(partner_url(world.kanwil_kemenag_jatim)))
    assert document_url(pks[0]) in page
    assert reverse("admin:agreements_pks_change", args=[pks[0].pk]) in page
    assert document_url(pks[1]) not in page


def test_pks_list_filters_by_province(client, users, world, pks):
    client.force_login(users.regency_editor)
    response = client.get(partner_url(world.kanwil_kemenag_jatim), {"province": "63"})
    assert [row.owner.name for row in response.context["pks_page"].object_list] == [
        "KPU Kota Banjarmasin"
    ]


def test_draft_pks_is_not_listed(client, users, world, national_mou):
    make_pks(
        world.kpu_jatim,
        [world.kemenag],
        national_mou,
        "PKS draf",
        status=Status.DRAFT,
        signed_on=None,
        valid_until=None,
    )
    client.force_login(users.regency_editor)
    response = client.get(partner_url(world.kemenag))
    assert list(response.context["pks_page"].object_list) == []


def test_partner_page_shows_parent_and_branches(client, users, world):
    client.force_login(users.regency_editor)
    page = text(client.get(partner_url(world.kanwil_kemenag_jatim)))
    assert f'Bagian dari: <a href="{partner_url(world.kemenag)}">Kementerian Agama</a>' in page
    page = text(client.get(partner_url(world.kemenag)))
    assert "1 kantor atau cabang di bawahnya" in page
    assert f'<a href="{partner_url(world.kanwil_kemenag_jatim)}">' in page


def test_election_unit_has_no_partner_page(client, users, world):
    client.force_login(users.regency_editor)
    assert client.get(partner_url(world.kpu_jatim)).status_code == 404


def test_partner_page_needs_sign_in(client, world):
    response = client.get(partner_url(world.kemenag))
    assert response.url.startswith(reverse("login"))


# Session, user, staff profile; partner; national MoUs, their scopes, addenda and parties;
# eligibility (covering MoUs, their scopes and addenda); PKS count, page and parties; which PKS
# the user may read; provinces; branches; the header's unread notifications; the MoUs'
# renewals, the activities with the partner and their count, its contact persons.
PARTNER_QUERIES = 22


def test_partner_page_runs_a_constant_number_of_queries(
    client, users, world, national_mou, local_offices, django_assert_num_queries
):
    make_pks(world.kpu_jatim, [world.kanwil_kemenag_jatim], national_mou, "PKS pertama")
    client.force_login(users.regency_editor)
    with django_assert_num_queries(PARTNER_QUERIES):
        client.get(partner_url(world.kanwil_kemenag_jatim))
    for office in local_offices:
        make_pks(world.kpu_blitar, [office], national_mou, f"PKS dengan {office.name}")
    with django_assert_num_queries(PARTNER_QUERIES):
        response = client.get(partner_url(world.kanwil_kemenag_jatim))
    assert len(response.context["pks_page"].object_list) == 25
    assert len(response.context["branches"]) == 30
