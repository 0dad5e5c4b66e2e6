"""Shared fixtures: a small world of election units, partners and named users.

Units: KPU RI and Bawaslu RI; KPU/Bawaslu Provinsi Jawa Timur (35) with KPU/Bawaslu Kota Blitar
(35.72); KPU/Bawaslu Provinsi Kalimantan Selatan (63) with KPU Kota Banjarmasin (63.71).
Partners: Kemensos (ministry), Kemenag with Kanwil Kemenag Provinsi Jawa Timur (vertical office),
PP GP Ansor with PC GP Ansor Kota Kraksaan (branch), Universitas Lambung Mangkurat (accredited
until 2028-12-31), Karang Taruna.
"""

import datetime
import os

os.environ.setdefault("KEMITRAAN_TESTING", "1")

import pytest  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.utils import translation  # noqa: E402

from agreements.models import Agreement, Kind, Party, ScopeArea, Status  # noqa: E402
from agreements.services import save_agreement  # noqa: E402
from partners.models import (  # noqa: E402
    Accreditation,
    Body,
    Category,
    Institution,
    Level,
    Region,
    RegionKind,
    Role,
    StaffProfile,
)

SCOPES = [
    "sosialisasi",
    "pendidikan_pemilih",
    "partisipasi_masyarakat",
    "pengawasan_partisipatif",
    "data_informasi",
    "penelitian",
    "netralitas_asn",
    "lainnya",
]


PASSWORD = "rahasia-uji-123"


@pytest.fixture(autouse=True)
def indonesian_first():
    """Every test starts in the site's language, whatever an earlier request left active."""
    translation.activate("id")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests create many users; the production hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with no throttle counts and no failed sign-ins (django-axes): the
    suite signs in far more often than the limits allow one client."""
    cache.clear()


class World:
    """Named institutions of the test world, as attributes."""


def unit(body, level, name, region=None, parent=None):
    return Institution.objects.create(
        name=name,
        category=Category.ELECTION_BODY,
        body=body,
        level=level,
        region=region,
        parent=parent,
    )


def partner(name, category, parent=None, **extra):
    return Institution.objects.create(name=name, category=category, parent=parent, **extra)


@pytest.fixture
def world(db):
    for order, code in enumerate(SCOPES):
        ScopeArea.objects.create(code=code, name=code.replace("_", " ").title(), order=order)
    jatim = Region.objects.create(code="35", name="Jawa Timur", kind=RegionKind.PROVINCE)
    blitar = Region.objects.create(
        code="35.72", name="Kota Blitar", kind=RegionKind.CITY, parent=jatim
    )
    kalsel = Region.objects.create(code="63", name="Kalimantan Selatan", kind=RegionKind.PROVINCE)
    banjarmasin = Region.objects.create(
        code="63.71", name="Kota Banjarmasin", kind=RegionKind.CITY, parent=kalsel
    )
    w = World()
    w.jatim, w.blitar, w.kalsel, w.banjarmasin = jatim, blitar, kalsel, banjarmasin
    w.kpu_ri = unit(Body.KPU, Level.NATIONAL, "Komisi Pemilihan Umum Republik Indonesia")
    w.bawaslu_ri = unit(
        Body.BAWASLU, Level.NATIONAL, "Badan Pengawas Pemilihan Umum Republik Indonesia"
    )
    w.kpu_jatim = unit(Body.KPU, Level.PROVINCE, "KPU Provinsi Jawa Timur", jatim, w.kpu_ri)
    w.kpu_blitar = unit(Body.KPU, Level.REGENCY, "KPU Kota Blitar", blitar, w.kpu_jatim)
    w.bawaslu_jatim = unit(
        Body.BAWASLU, Level.PROVINCE, "Bawaslu Provinsi Jawa Timur", jatim, w.bawaslu_ri
    )
    w.bawaslu_blitar = unit(
        Body.BAWASLU, Level.REGENCY, "Bawaslu Kota Blitar", blitar, w.bawaslu_jatim
    )
    w.kpu_kalsel = unit(
        Body.KPU, Level.PROVINCE, "KPU Provinsi Kalimantan Selatan", kalsel, w.kpu_ri
    )
    w.kpu_banjarmasin = unit(
        Body.KPU, Level.REGENCY, "KPU Kota Banjarmasin", banjarmasin, w.kpu_kalsel
    )
    w.bawaslu_kalsel = unit(
        Body.BAWASLU, Level.PROVINCE, "Bawaslu Provinsi Kalimantan Selatan", kalsel, w.bawaslu_ri
    )
    w.kemensos = partner("Kementerian Sosial", Category.MINISTRY, short_name="Kemensos")
    w.kemenag = partner("Kementerian Agama", Category.MINISTRY, short_name="Kemenag")
    w.kanwil_kemenag_jatim = partner(
        "Kanwil Kemenag Provinsi Jawa Timur", Category.VERTICAL_OFFICE, w.kemenag, region=jatim
    )
    w.gp_ansor = partner("PP GP Ansor", Category.CIVIL_SOCIETY)
    w.gp_ansor_kraksaan = partner("PC GP Ansor Kota Kraksaan", Category.CIVIL_SOCIETY, w.gp_ansor)
    w.karang_taruna = partner("Karang Taruna", Category.CIVIL_SOCIETY)
    w.ulm = partner(
        "Universitas Lambung Mangkurat",
        Category.UNIVERSITY,
        region=kalsel,
        accreditation=Accreditation.UNGGUL,
        accreditation_valid_until=datetime.date(2028, 12, 31),
    )
    return w


def make_agreement(
    owner,
    partners,
    scopes,
    *,
    kind=Kind.MOU,
    parent=None,
    status=Status.SIGNED,
    signed_on=datetime.date(2024, 1, 15),
    valid_from=None,
    valid_until=datetime.date(2028, 12, 31),
    **fields,
):
    """Create an agreement through the one validation path (ValidationError on a broken rule)."""
    agreement = Agreement(
        kind=kind,
        owner=owner,
        parent=parent,
        status=status,
        signed_on=signed_on,
        valid_from=valid_from or signed_on,
        valid_until=valid_until,
        title=fields.pop("title", f"{kind.upper()} {owner} — {', '.join(map(str, partners))}"),
        owner_number=fields.pop("owner_number", "01/KB/2024"),
        owner_signatory_name=fields.pop("owner_signatory_name", "Ahmad Fauzan"),
        owner_signatory_title=fields.pop("owner_signatory_title", f"Ketua {owner}"),
        signing_place=fields.pop("signing_place", "Jakarta"),
        **fields,
    )
    parties = [
        Party(
            institution=p,
            number=f"B/{i}/2024",
            signatory_name=f"Penanda Tangan {i}",
            signatory_title=f"Pimpinan {p}",
        )
        for i, p in enumerate(partners, 1)
    ]
    return save_agreement(agreement, parties, scopes)


@pytest.fixture
def national_mou(world):
    """KPU RI – Kemensos and Kemenag MoU, 15 January 2024 to 31 December 2028."""
    return make_agreement(
        world.kpu_ri,
        [world.kemensos, world.kemenag],
        ["sosialisasi", "pendidikan_pemilih"],
        title="Nota Kesepahaman KPU RI dengan Kemensos dan Kemenag",
    )


def make_user(django_user_model, username, unit=None, role=None, **extra):
    extra.setdefault("is_staff", True)
    user = django_user_model.objects.create_user(username=username, password=PASSWORD, **extra)
    if unit is not None:
        StaffProfile.objects.create(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def users(world, django_user_model):
    """Named users for permission tests."""
    u = World()
    u.national_admin = make_user(django_user_model, "admin_ri", world.kpu_ri, Role.APPROVER)
    u.national_editor = make_user(django_user_model, "editor_ri", world.kpu_ri, Role.EDITOR)
    u.national_viewer = make_user(django_user_model, "viewer_ri", world.kpu_ri, Role.VIEWER)
    u.provincial_editor = make_user(django_user_model, "editor_jatim", world.kpu_jatim, Role.EDITOR)
    u.provincial_approver = make_user(
        django_user_model, "approver_jatim", world.kpu_jatim, Role.APPROVER
    )
    u.regency_editor = make_user(django_user_model, "editor_blitar", world.kpu_blitar, Role.EDITOR)
    u.other_regency_editor = make_user(
        django_user_model, "editor_banjarmasin", world.kpu_banjarmasin, Role.EDITOR
    )
    u.outsider = make_user(django_user_model, "outsider", is_staff=False)
    return u


@pytest.fixture
def bawaslu_national_mou(world):
    """Bawaslu RI – Kemensos, Kemenag and PP GP Ansor MoU, 15 January 2024 to 31 December 2028."""
    return make_agreement(
        world.bawaslu_ri,
        [world.kemensos, world.kemenag, world.gp_ansor],
        ["sosialisasi", "pendidikan_pemilih", "pengawasan_partisipatif"],
        title="Nota Kesepahaman Bawaslu RI dengan Kemensos, Kemenag dan PP GP Ansor",
    )


@pytest.fixture(params=[Body.KPU, Body.BAWASLU], ids=["kpu", "bawaslu"])
def body_world(request, world, national_mou, bawaslu_national_mou):
    """One election body's units and national MoU (run once for KPU, once for Bawaslu).

    ``other_mou`` is the national MoU of the other body, with the same ministries as partners.
    """
    kpu = request.param == Body.KPU
    b = World()
    b.body = request.param
    b.national = world.kpu_ri if kpu else world.bawaslu_ri
    b.province = world.kpu_jatim if kpu else world.bawaslu_jatim
    b.regency = world.kpu_blitar if kpu else world.bawaslu_blitar
    b.mou = national_mou if kpu else bawaslu_national_mou
    b.other_mou = bawaslu_national_mou if kpu else national_mou
    return b
