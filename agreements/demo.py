"""A small, realistic example: the partnerships reported in the public news items the project
started from (Bawaslu RI–Kemensos, KPU Jawa Timur and KPU Kota Blitar, Bawaslu Kabupaten
Probolinggo with GP Ansor Kota Kraksaan and Karang Taruna, Bawaslu Kalimantan Selatan and
universities, Bawaslu DKI Jakarta–Pemerintah Kota Administrasi Jakarta Pusat).

The institutions are real; the people, document numbers and dates are invented but follow real
patterns. Dates are counted from the month the demo is loaded in, so that it always shows MoUs
in force, a PKS about to expire, a draft and a regional MoU awaiting approval. Every agreement
goes through ``agreements.services.save_agreement``, so the demo obeys every rule. Loading is
idempotent: institutions are found by name, agreements by owner and title; an existing one is
saved again only if it differs from the demo.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from agreements.models import Agreement, Kind, Party, Status
from agreements.services import save_agreement
from partners.models import Accreditation, Body, Category, Institution

ROMAN_MONTHS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]

# Agreement fields the demo sets; any not given in a spec is blank.
AGREEMENT_DEFAULTS = {
    "owner_number": "",
    "owner_signatory_name": "",
    "owner_signatory_title": "",
    "signed_on": None,
    "signing_place": "",
    "valid_from": None,
    "valid_until": None,
    "status": Status.DRAFT,
    "approval_reference": "",
    "approved_on": None,
    "terminated_on": None,
    "termination_reason": "",
}


@dataclass
class PartnerSpec:
    """A partner institution of the demo; ``parent`` is the name of another partner."""

    name: str
    category: str
    short_name: str = ""
    parent: str | None = None
    region: str | None = None
    accreditation: str = ""
    accreditation_valid_until: datetime.date | None = None


@dataclass
class AgreementSpec:
    """A demo agreement; ``parent`` and ``renewal_of`` name other specs by their ``key``."""

    key: str
    kind: str
    owner: Institution
    title: str
    parties: list
    scopes: list
    fields: dict
    parent: str | None = None
    renewal_of: str | None = None


@dataclass
class DemoSummary:
    """How many demo agreements and partners there are, and how many were created or updated."""

    agreements: Counter = field(default_factory=Counter)
    partners: Counter = field(default_factory=Counter)
    kinds: Counter = field(default_factory=Counter)


def month_day(today, months, day):
    """Day ``day`` of the month ``months`` months after (or before) the month of ``today``."""
    index = today.year * 12 + today.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, day)


def term_end(start, years):
    """The last day of a term of ``years`` years starting on ``start`` (a day 1–28 of a month)."""
    return start.replace(year=start.year + years) - datetime.timedelta(days=1)


def signed(signed_on, years=None, until=None, **fields):
    """The fields of an agreement signed on ``signed_on`` and valid from that day."""
    return {
        "status": Status.SIGNED,
        "signed_on": signed_on,
        "valid_from": signed_on,
        "valid_until": until or term_end(signed_on, years),
        **fields,
    }


def roman(day):
    """The month of ``day`` in Roman numerals, as letter numbers write it."""
    return ROMAN_MONTHS[day.month - 1]


def partner_specs(today):
    """The demo's partners, each parent before its children."""
    return [
        PartnerSpec("Kementerian Sosial", Category.MINISTRY, "Kemensos"),
        # Karang Taruna is the youth social organisation fostered by Kemensos.
        PartnerSpec("Karang Taruna Nasional", Category.CIVIL_SOCIETY, parent="Kementerian Sosial"),
        PartnerSpec(
            "Karang Taruna Kabupaten Probolinggo", Category.CIVIL_SOCIETY,
            parent="Karang Taruna Nasional", region="35.13",
        ),
        PartnerSpec("Kementerian Agama", Category.MINISTRY, "Kemenag"),
        PartnerSpec(
            "Kanwil Kemenag Provinsi Jawa Timur", Category.VERTICAL_OFFICE, "Kanwil Kemenag Jatim",
            parent="Kementerian Agama", region="35",
        ),
        PartnerSpec("Kementerian Dalam Negeri", Category.MINISTRY, "Kemendagri"),
        # Regional governments are guided and supervised by Kemendagri, which signs for them.
        PartnerSpec(
            "Pemerintah Kota Blitar", Category.LOCAL_GOVERNMENT, "Pemkot Blitar",
            parent="Kementerian Dalam Negeri", region="35.72",
        ),
        PartnerSpec(
            "Pemerintah Provinsi DKI Jakarta", Category.LOCAL_GOVERNMENT, "Pemprov DKI Jakarta",
            parent="Kementerian Dalam Negeri", region="31",
        ),
        # Jakarta's cities are administrative cities of the province, not autonomous regions.
        PartnerSpec(
            "Pemerintah Kota Administrasi Jakarta Pusat", Category.LOCAL_GOVERNMENT,
            "Pemkot Jakarta Pusat", parent="Pemerintah Provinsi DKI Jakarta", region="31.71",
        ),
        PartnerSpec("PP GP Ansor", Category.CIVIL_SOCIETY, "GP Ansor"),
        PartnerSpec(
            "PC GP Ansor Kota Kraksaan", Category.CIVIL_SOCIETY,
            parent="PP GP Ansor", region="35.13",
        ),
        PartnerSpec(
            "Universitas Lambung Mangkurat", Category.UNIVERSITY, "ULM", region="63.71",
            accreditation=Accreditation.UNGGUL,
            accreditation_valid_until=datetime.date(today.year + 3, 12, 31),
        ),
        # State Islamic universities are units of the Ministry of Religious Affairs.
        PartnerSpec(
            "Universitas Islam Negeri Antasari Banjarmasin", Category.UNIVERSITY,
            "UIN Antasari Banjarmasin", parent="Kementerian Agama", region="63.71",
            accreditation=Accreditation.BAIK_SEKALI,
            accreditation_valid_until=datetime.date(today.year + 2, 6, 30),
        ),
        PartnerSpec("Kementerian Komunikasi dan Informatika", Category.MINISTRY, "Kominfo"),
        PartnerSpec("Kementerian Komunikasi dan Digital", Category.MINISTRY, "Komdigi"),
    ]


def load_partner(spec, saved):
    """Create or update one demo partner; returns it and "created", "updated" or "unchanged"."""
    wanted = {
        "short_name": spec.short_name,
        "category": spec.category,
        "parent": saved[spec.parent] if spec.parent else None,
        "region_id": spec.region,
        "accreditation": spec.accreditation,
        "accreditation_valid_until": spec.accreditation_valid_until,
    }
    institution = Institution.objects.filter(name=spec.name).order_by("pk").first()
    if institution is None:
        institution, outcome = Institution(name=spec.name), "created"
    elif any(getattr(institution, name) != value for name, value in wanted.items()):
        outcome = "updated"
    else:
        return institution, "unchanged"
    for name, value in wanted.items():
        setattr(institution, name, value)
    institution.full_clean()
    institution.save()
    return institution, outcome


def load_partners(today, summary):
    """The demo partners by name, created or updated as needed."""
    saved = {}
    for spec in partner_specs(today):
        saved[spec.name], outcome = load_partner(spec, saved)
        summary.partners[outcome] += 1
    return saved


def unit(body, region=None):
    """An election unit from the reference data: the national one, or the one for ``region``."""
    if region is None:
        return Institution.objects.national_unit(body)
    return Institution.objects.election_units().get(body=body, region_id=region)


def party(institution, number="", signatory_name="", signatory_title=""):
    return Party(
        institution=institution, number=number,
        signatory_name=signatory_name, signatory_title=signatory_title,
    )


def national_mous(p, today):
    """The national MoUs of both bodies, including a terminated one and a draft renewal."""
    kpu_ri, bawaslu_ri = unit(Body.KPU), unit(Body.BAWASLU)
    kpu_chair = {
        "owner_signatory_name": "Ahmad Fauzan Hakim",
        "owner_signatory_title": "Ketua Komisi Pemilihan Umum Republik Indonesia",
    }
    bawaslu_chair = {
        "owner_signatory_name": "Bambang Suryadi",
        "owner_signatory_title": "Ketua Badan Pengawas Pemilihan Umum Republik Indonesia",
    }
    kemensos_on = month_day(today, -26, 10)
    kemenag_on = month_day(today, -30, 14)
    kpu_kemendagri_on = month_day(today, -20, 6)
    ansor_on = month_day(today, -18, 22)
    bawaslu_kemendagri_on = month_day(today, -24, 15)
    return [
        AgreementSpec(
            "bawaslu-kemensos", Kind.MOU, bawaslu_ri,
            "Nota Kesepahaman antara Badan Pengawas Pemilihan Umum dan Kementerian Sosial "
            "tentang Pengawasan Partisipatif dan Pertukaran Data dan Informasi",
            [party(p["Kementerian Sosial"], f"B/41/{roman(kemensos_on)}/{kemensos_on.year}",
                   "Sri Wahyuni", "Menteri Sosial Republik Indonesia")],
            ["pengawasan_partisipatif", "data_informasi", "sosialisasi", "pendidikan_pemilih",
             "partisipasi_masyarakat"],
            signed(kemensos_on, 5, owner_number=f"07/NK/K1/HM.01/{kemensos_on.year}",
                   signing_place="Jakarta", **bawaslu_chair),
        ),
        AgreementSpec(
            "kpu-kemenag", Kind.MOU, kpu_ri,
            "Nota Kesepahaman antara Komisi Pemilihan Umum dan Kementerian Agama tentang "
            "Sosialisasi, Pendidikan Pemilih, dan Peningkatan Partisipasi Masyarakat",
            [party(p["Kementerian Agama"], f"B/3/{roman(kemenag_on)}/{kemenag_on.year}",
                   "Muhammad Ilham Syarif", "Menteri Agama Republik Indonesia")],
            ["sosialisasi", "pendidikan_pemilih", "partisipasi_masyarakat", "lainnya"],
            signed(kemenag_on, 5, owner_number=f"03/KB/KPU/TAHUN {kemenag_on.year}",
                   signing_place="Jakarta", **kpu_chair),
        ),
        AgreementSpec(
            "kpu-kemendagri", Kind.MOU, kpu_ri,
            "Nota Kesepahaman antara Komisi Pemilihan Umum dan Kementerian Dalam Negeri tentang "
            "Dukungan Penyelenggaraan Pemilihan Umum dan Pemilihan",
            [party(p["Kementerian Dalam Negeri"],
                   f"119/12/SJ/{kpu_kemendagri_on.year}",
                   "Hendra Gunawan", "Menteri Dalam Negeri Republik Indonesia")],
            ["sosialisasi", "pendidikan_pemilih", "partisipasi_masyarakat", "data_informasi",
             "lainnya"],
            signed(kpu_kemendagri_on, 5,
                   owner_number=f"11/KB/KPU/TAHUN {kpu_kemendagri_on.year}",
                   signing_place="Jakarta", **kpu_chair),
        ),
        AgreementSpec(
            "bawaslu-ansor", Kind.MOU, bawaslu_ri,
            "Nota Kesepahaman antara Badan Pengawas Pemilihan Umum dan Pimpinan Pusat Gerakan "
            "Pemuda Ansor tentang Pengawasan Partisipatif Pemilihan Umum dan Pemilihan",
            [party(p["PP GP Ansor"], f"057/PP/SK/{roman(ansor_on)}/{ansor_on.year}",
                   "Zainal Arifin", "Ketua Umum Pimpinan Pusat Gerakan Pemuda Ansor")],
            ["pengawasan_partisipatif", "sosialisasi", "pendidikan_pemilih",
             "partisipasi_masyarakat"],
            signed(ansor_on, 5, owner_number=f"12/NK/K1/HM.01/{ansor_on.year}",
                   signing_place="Jakarta", **bawaslu_chair),
        ),
        AgreementSpec(
            "bawaslu-kemendagri", Kind.MOU, bawaslu_ri,
            "Nota Kesepahaman antara Badan Pengawas Pemilihan Umum dan Kementerian Dalam Negeri "
            "tentang Pengawasan Pemilihan Umum dan Pemilihan serta Netralitas Aparatur Sipil "
            "Negara",
            [party(p["Kementerian Dalam Negeri"],
                   f"119/31/SJ/{bawaslu_kemendagri_on.year}",
                   "Hendra Gunawan", "Menteri Dalam Negeri Republik Indonesia")],
            ["pengawasan_partisipatif", "netralitas_asn", "data_informasi", "sosialisasi"],
            signed(bawaslu_kemendagri_on, 5,
                   owner_number=f"09/NK/K1/HM.01/{bawaslu_kemendagri_on.year}",
                   signing_place="Jakarta", **bawaslu_chair),
        ),
        # A historical MoU ended early when the ministry was reorganised in October 2024.
        AgreementSpec(
            "kpu-kominfo", Kind.MOU, kpu_ri,
            "Nota Kesepahaman antara Komisi Pemilihan Umum dan Kementerian Komunikasi dan "
            "Informatika tentang Penyebarluasan Informasi Kepemiluan",
            [party(p["Kementerian Komunikasi dan Informatika"], "B-14/M.KOMINFO/HK.03.02/02/2022",
                   "Dimas Pratama", "Menteri Komunikasi dan Informatika Republik Indonesia")],
            ["sosialisasi", "data_informasi"],
            signed(
                datetime.date(2022, 2, 16), 5, status=Status.TERMINATED,
                owner_number="02/KB/KPU/TAHUN 2022", signing_place="Jakarta",
                terminated_on=datetime.date(2024, 10, 21),
                termination_reason=(
                    "Kementerian Komunikasi dan Informatika diubah menjadi Kementerian "
                    "Komunikasi dan Digital; para pihak sepakat mengakhiri nota kesepahaman ini "
                    "dan menggantinya dengan nota kesepahaman baru."
                ),
                **kpu_chair,
            ),
        ),
        AgreementSpec(
            "kpu-komdigi", Kind.MOU, kpu_ri,
            "Nota Kesepahaman antara Komisi Pemilihan Umum dan Kementerian Komunikasi dan "
            "Digital tentang Penyebarluasan Informasi Kepemiluan dan Penanganan Disinformasi",
            [party(p["Kementerian Komunikasi dan Digital"], "",
                   "", "Menteri Komunikasi dan Digital Republik Indonesia")],
            ["sosialisasi", "data_informasi"],
            {"owner_signatory_title": kpu_chair["owner_signatory_title"]},
            renewal_of="kpu-kominfo",
        ),
    ]


def regional_mous(p, today):
    """Bawaslu Provinsi Kalimantan Selatan's MoUs with universities: one signed, one waiting."""
    bawaslu_kalsel = unit(Body.BAWASLU, "63")
    chair = {
        "owner_signatory_name": "Siti Aminah",
        "owner_signatory_title": "Ketua Badan Pengawas Pemilihan Umum Provinsi Kalimantan Selatan",
    }
    ulm_on, approved_on = month_day(today, -15, 19), month_day(today, -15, 2)
    return [
        AgreementSpec(
            "bawaslu-kalsel-ulm", Kind.MOU, bawaslu_kalsel,
            "Nota Kesepahaman antara Badan Pengawas Pemilihan Umum Provinsi Kalimantan Selatan "
            "dan Universitas Lambung Mangkurat tentang Pengawasan Partisipatif, Pendidikan, dan "
            "Penelitian Kepemiluan",
            [party(p["Universitas Lambung Mangkurat"],
                   f"214/UN8/KS/{ulm_on.year}",
                   "Prof. Dr. Hadi Susanto", "Rektor Universitas Lambung Mangkurat")],
            ["pengawasan_partisipatif", "pendidikan_pemilih", "penelitian", "sosialisasi"],
            signed(
                ulm_on, 3, owner_number=f"05/NK/KS-01/HM.01/{roman(ulm_on)}/{ulm_on.year}",
                signing_place="Banjarmasin",
                approval_reference=f"B/123/KA.BAWASLU/HK.01/{approved_on.year}",
                approved_on=approved_on, **chair,
            ),
        ),
        AgreementSpec(
            "bawaslu-kalsel-uin-antasari", Kind.MOU, bawaslu_kalsel,
            "Nota Kesepahaman antara Badan Pengawas Pemilihan Umum Provinsi Kalimantan Selatan "
            "dan Universitas Islam Negeri Antasari Banjarmasin tentang Pengawasan Partisipatif "
            "dan Penelitian Kepemiluan",
            [party(p["Universitas Islam Negeri Antasari Banjarmasin"], "", "Prof. Dr. Ahmad Rifani",
                   "Rektor Universitas Islam Negeri Antasari Banjarmasin")],
            ["pengawasan_partisipatif", "penelitian", "pendidikan_pemilih"],
            {"status": Status.AWAITING_APPROVAL, "signing_place": "Banjarmasin", **chair},
        ),
    ]


def regional_pks(p, today):
    """The PKS of regional units, each under a national MoU of its body."""
    kanwil_on, blitar_on = month_day(today, -22, 12), month_day(today, -5, 8)
    ansor_on, karang_taruna_on = month_day(today, -10, 17), month_day(today, -9, 3)
    jakarta_on = month_day(today, -7, 24)
    bawaslu_probolinggo = unit(Body.BAWASLU, "35.13")
    probolinggo_chair = {
        "owner_signatory_name": "Yusuf Effendi",
        "owner_signatory_title": "Ketua Badan Pengawas Pemilihan Umum Kabupaten Probolinggo",
    }
    return [
        AgreementSpec(
            "kpu-jatim-kanwil-kemenag", Kind.PKS, unit(Body.KPU, "35"),
            "Perjanjian Kerja Sama antara KPU Provinsi Jawa Timur dan Kantor Wilayah Kementerian "
            "Agama Provinsi Jawa Timur tentang Sosialisasi dan Pendidikan Pemilih",
            [party(p["Kanwil Kemenag Provinsi Jawa Timur"],
                   f"B-2231/Kw.13.1/HM.01/{kanwil_on.month:02d}/{kanwil_on.year}",
                   "Moh. Syaifudin",
                   "Kepala Kantor Wilayah Kementerian Agama Provinsi Jawa Timur")],
            ["sosialisasi", "pendidikan_pemilih"],
            # Ends at the end of next month: the demo's PKS about to expire.
            signed(kanwil_on, until=month_day(today, 2, 1) - datetime.timedelta(days=1),
                   owner_number=f"27/PR.07-PKS/35/Prov/{roman(kanwil_on)}/{kanwil_on.year}",
                   signing_place="Surabaya", owner_signatory_name="Rizky Firmansyah",
                   owner_signatory_title="Ketua KPU Provinsi Jawa Timur"),
            parent="kpu-kemenag",
        ),
        AgreementSpec(
            "kpu-blitar-pemkot", Kind.PKS, unit(Body.KPU, "35.72"),
            "Perjanjian Kerja Sama antara KPU Kota Blitar dan Pemerintah Kota Blitar tentang "
            "Sosialisasi, Pendidikan Pemilih, dan Peningkatan Partisipasi Masyarakat",
            [party(p["Pemerintah Kota Blitar"], f"180/14/410.010/{blitar_on.year}",
                   "Agus Prasetyo", "Wali Kota Blitar")],
            ["sosialisasi", "pendidikan_pemilih", "partisipasi_masyarakat"],
            signed(blitar_on, 2,
                   owner_number=f"9/PR.07-PKS/3572/{roman(blitar_on)}/{blitar_on.year}",
                   signing_place="Blitar", owner_signatory_name="Nur Laili Fitriani",
                   owner_signatory_title="Ketua KPU Kota Blitar"),
            parent="kpu-kemendagri",
        ),
        AgreementSpec(
            "bawaslu-probolinggo-ansor-kraksaan", Kind.PKS, bawaslu_probolinggo,
            "Perjanjian Kerja Sama antara Bawaslu Kabupaten Probolinggo dan Pimpinan Cabang "
            "GP Ansor Kota Kraksaan tentang Pengawasan Partisipatif",
            [party(p["PC GP Ansor Kota Kraksaan"],
                   f"112/PC/A-II/L-14/{roman(ansor_on)}/{ansor_on.year}",
                   "Imam Wahyudi", "Ketua Pimpinan Cabang GP Ansor Kota Kraksaan")],
            ["pengawasan_partisipatif", "sosialisasi"],
            signed(ansor_on, 2,
                   owner_number=f"31/PKS/HM.01/K.JI-19/{ansor_on.month:02d}/{ansor_on.year}",
                   signing_place="Kraksaan", **probolinggo_chair),
            parent="bawaslu-ansor",
        ),
        AgreementSpec(
            "bawaslu-probolinggo-karang-taruna", Kind.PKS, bawaslu_probolinggo,
            "Perjanjian Kerja Sama antara Bawaslu Kabupaten Probolinggo dan Karang Taruna "
            "Kabupaten Probolinggo tentang Pengawasan Partisipatif",
            [party(p["Karang Taruna Kabupaten Probolinggo"],
                   f"17/KT-KAB/{roman(karang_taruna_on)}/{karang_taruna_on.year}",
                   "Dwi Cahyono", "Ketua Karang Taruna Kabupaten Probolinggo")],
            ["pengawasan_partisipatif", "partisipasi_masyarakat"],
            signed(karang_taruna_on, 2,
                   owner_number=(f"34/PKS/HM.01/K.JI-19/{karang_taruna_on.month:02d}/"
                                 f"{karang_taruna_on.year}"),
                   signing_place="Kraksaan", **probolinggo_chair),
            parent="bawaslu-kemensos",
        ),
        AgreementSpec(
            "bawaslu-dki-jakarta-pusat", Kind.PKS, unit(Body.BAWASLU, "31"),
            "Perjanjian Kerja Sama antara Bawaslu Provinsi DKI Jakarta dan Pemerintah Kota "
            "Administrasi Jakarta Pusat tentang Pengawasan Partisipatif dan Netralitas Aparatur "
            "Sipil Negara",
            [party(p["Pemerintah Kota Administrasi Jakarta Pusat"],
                   f"e-45/PKS/{jakarta_on.year}",
                   "Rahmat Hidayat", "Wali Kota Administrasi Jakarta Pusat")],
            ["pengawasan_partisipatif", "netralitas_asn"],
            signed(jakarta_on, 1,
                   owner_number=f"18/PKS/HM.01/K.JK/{jakarta_on.month:02d}/{jakarta_on.year}",
                   signing_place="Jakarta", owner_signatory_name="Andika Saputra",
                   owner_signatory_title=(
                       "Ketua Badan Pengawas Pemilihan Umum Provinsi DKI Jakarta"
                   )),
            parent="bawaslu-kemendagri",
        ),
    ]


def agreement_specs(partners, today):
    """Every demo agreement, each after the agreements it refers to."""
    return [
        *national_mous(partners, today),
        *regional_mous(partners, today),
        *regional_pks(partners, today),
    ]


def same_as_stored(agreement, fields, parties, scopes):
    """Whether the stored agreement already has these fields, parties and scopes."""
    if any(getattr(agreement, name) != value for name, value in fields.items()):
        return False
    stored = [
        (p.institution_id, p.number, p.signatory_name, p.signatory_title)
        for p in agreement.parties.all()
    ]
    wanted = [(p.institution.pk, p.number, p.signatory_name, p.signatory_title) for p in parties]
    return stored == wanted and set(agreement.scopes.values_list("code", flat=True)) == set(scopes)


def load_agreement(spec, saved):
    """Create or update one demo agreement through save_agreement, or leave it if unchanged."""
    fields = {
        **AGREEMENT_DEFAULTS,
        **spec.fields,
        "kind": spec.kind,
        "parent": saved[spec.parent] if spec.parent else None,
        "renewal_of": saved[spec.renewal_of] if spec.renewal_of else None,
    }
    agreement = Agreement.objects.filter(owner=spec.owner, title=spec.title).order_by("pk").first()
    if agreement is None:
        agreement, outcome = Agreement(owner=spec.owner, title=spec.title), "created"
    elif same_as_stored(agreement, fields, spec.parties, spec.scopes):
        return agreement, "unchanged"
    else:
        outcome = "updated"
    for name, value in fields.items():
        setattr(agreement, name, value)
    return save_agreement(agreement, spec.parties, spec.scopes), outcome


@transaction.atomic
def load_demo_data(today=None):
    """Load or refresh the demo partners and agreements (reference data must be loaded)."""
    today = today or timezone.localdate()
    summary = DemoSummary()
    partners = load_partners(today, summary)
    saved = {}
    for spec in agreement_specs(partners, today):
        saved[spec.key], outcome = load_agreement(spec, saved)
        summary.agreements[outcome] += 1
        summary.kinds[spec.kind] += 1
    return summary


def demo_agreements(today=None):
    """The stored demo agreements (found by owner and title), for checks and tests."""
    today = today or timezone.localdate()
    partners = {
        spec.name: Institution.objects.get(name=spec.name) for spec in partner_specs(today)
    }
    return [
        Agreement.objects.get(owner=spec.owner, title=spec.title)
        for spec in agreement_specs(partners, today)
    ]
