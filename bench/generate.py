"""Generate a large, realistic, rule-consistent data set for benchmarks.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_100k \\
        .venv/bin/python bench/generate.py --agreements 100000 --institutions 20000

Migrates the database and loads the reference data if they are missing, then writes, with
``bulk_create`` in one transaction (bypassing ``services.save_agreement``, which would take
hours at this size):

- ``--institutions`` partner institutions: ministries and central agencies; their vertical
  offices (Kanwil Kemenag Provinsi X → Kantor Kemenag Kabupaten Y, BPS, Polda/Polres, …);
  regional governments under Kemendagri with their agencies (Kesbangpol, Dukcapil);
  universities (BAN-PT grades, some expired, a few without any; UIN/IAIN under Kemenag);
  national civil-society organisations with provincial and regency branches (GP Ansor, NU,
  Muhammadiyah, HMI, PMII, Karang Taruna under Kemensos, …) and independent local ones;
  national and local media; DPRD, BAZNAS and other bodies.
- ``--agreements`` agreements, half MoUs and half PKS. A few hundred national MoUs (KPU RI or
  Bawaslu RI, in renewal chains since 2015); the other MoUs are regional (provincial and
  regency/city units) with their national approval; every PKS is owned by a regional unit and
  derives from a national MoU of the same body, in force on its signing date, with partners
  that are parties of that MoU or their descendants, a subset of its scopes, ending no later.
  Dates spread from 2015 to 2031 (validity), some agreements terminated, some drafts and
  regional MoUs waiting for approval.

The data obeys every rule of DESIGN.md; ``--verify N`` re-checks N random agreements with the
project's own validation (``agreements.services.validate_agreement``). The audit history is not
written for generated rows.

``--reset`` first deletes every agreement (with parties, scopes and their history) and every
institution that is not an election unit: all data other than the reference data and users.
Without it the generator refuses to run on a database that already holds such data.
"""

import argparse
import bisect
import datetime
import itertools
import os
import random
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django():
    """Configure Django for a script run from anywhere (the development key is accepted)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kemitraan.settings")
    os.environ.setdefault("KEMITRAAN_TESTING", "1")
    import django

    django.setup()


ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]

# Names used in institution names where the data set's province name is not the usual one.
PROVINCE_DISPLAY = {"31": "DKI Jakarta", "34": "DI Yogyakarta"}

# (name, short name); every one may be a party to a national MoU.
MINISTRIES = [
    ("Kementerian Dalam Negeri", "Kemendagri"),
    ("Kementerian Agama", "Kemenag"),
    ("Kementerian Sosial", "Kemensos"),
    ("Kementerian Pendidikan Dasar dan Menengah", "Kemendikdasmen"),
    ("Kementerian Pendidikan Tinggi, Sains, dan Teknologi", "Kemdiktisaintek"),
    ("Kementerian Kesehatan", "Kemenkes"),
    ("Kementerian Keuangan", "Kemenkeu"),
    ("Kementerian Hukum", "Kemenkum"),
    ("Kementerian Hak Asasi Manusia", "KemenHAM"),
    ("Kementerian Luar Negeri", "Kemenlu"),
    ("Kementerian Komunikasi dan Digital", "Komdigi"),
    ("Kementerian Komunikasi dan Informatika", "Kominfo"),
    ("Kementerian Pemuda dan Olahraga", "Kemenpora"),
    ("Kementerian Pemberdayaan Perempuan dan Perlindungan Anak", "KemenPPPA"),
    ("Kementerian Desa dan Pembangunan Daerah Tertinggal", "Kemendes PDT"),
    ("Kementerian Ketenagakerjaan", "Kemnaker"),
    ("Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi", "KemenPANRB"),
    ("Kementerian Koordinator Bidang Politik dan Keamanan", "Kemenko Polkam"),
    ("Kementerian Pertahanan", "Kemhan"),
    ("Kementerian Sekretariat Negara", "Kemensetneg"),
    ("Kementerian Perhubungan", "Kemenhub"),
    ("Kementerian Imigrasi dan Pemasyarakatan", "KemenImipas"),
    ("Kementerian Perencanaan Pembangunan Nasional/Bappenas", "Bappenas"),
    ("Kementerian Badan Usaha Milik Negara", "Kementerian BUMN"),
    ("Kepolisian Negara Republik Indonesia", "Polri"),
    ("Tentara Nasional Indonesia", "TNI"),
    ("Kejaksaan Republik Indonesia", "Kejaksaan RI"),
    ("Mahkamah Agung Republik Indonesia", "MA"),
    ("Mahkamah Konstitusi Republik Indonesia", "MK"),
    ("Badan Pusat Statistik", "BPS"),
    ("Badan Kepegawaian Negara", "BKN"),
    ("Badan Narkotika Nasional", "BNN"),
    ("Badan Siber dan Sandi Negara", "BSSN"),
    ("Badan Riset dan Inovasi Nasional", "BRIN"),
    ("Badan Informasi Geospasial", "BIG"),
    ("Badan Kependudukan dan Keluarga Berencana Nasional", "BKKBN"),
    ("Badan Meteorologi, Klimatologi, dan Geofisika", "BMKG"),
    ("Badan Pengawasan Keuangan dan Pembangunan", "BPKP"),
    ("Badan Pemeriksa Keuangan", "BPK"),
    ("Badan Nasional Penanggulangan Bencana", "BNPB"),
    ("Badan Pembinaan Ideologi Pancasila", "BPIP"),
    ("Ombudsman Republik Indonesia", "Ombudsman RI"),
    ("Komisi Nasional Hak Asasi Manusia", "Komnas HAM"),
    ("Komisi Penyiaran Indonesia", "KPI"),
    ("Komisi Informasi Pusat", "KI Pusat"),
    ("Komisi Pemberantasan Korupsi", "KPK"),
    ("Pusat Pelaporan dan Analisis Transaksi Keuangan", "PPATK"),
    ("Dewan Pers", "Dewan Pers"),
    ("Perpustakaan Nasional Republik Indonesia", "Perpusnas"),
    ("Arsip Nasional Republik Indonesia", "ANRI"),
    ("Lembaga Administrasi Negara", "LAN"),
]

# Vertical offices: ministry short name → (provincial office pattern, regency/city office
# pattern); {p} is the province, {r} the regency/city ("Kabupaten X"), {b} its bare name.
VERTICAL = {
    "Kemenag": ("Kanwil Kemenag Provinsi {p}", "Kantor Kemenag {r}"),
    "BPS": ("BPS Provinsi {p}", "BPS {r}"),
    "Polri": ("Kepolisian Daerah {p}", "Kepolisian Resor {b}"),
    "Kejaksaan RI": ("Kejaksaan Tinggi {p}", "Kejaksaan Negeri {b}"),
    "BNN": ("BNN Provinsi {p}", "BNN {r}"),
    "MA": ("Pengadilan Tinggi {p}", "Pengadilan Negeri {b}"),
    "KemenImipas": ("Kanwil Ditjen Pemasyarakatan {p}", "Lembaga Pemasyarakatan {b}"),
    "Kemenkum": ("Kanwil Kementerian Hukum {p}", None),
    "BKKBN": ("Perwakilan BKKBN Provinsi {p}", None),
    "BPKP": ("Perwakilan BPKP Provinsi {p}", None),
    "BPK": ("BPK Perwakilan Provinsi {p}", None),
    "Ombudsman RI": ("Ombudsman RI Perwakilan {p}", None),
    "Kemenkeu": ("Kanwil Ditjen Perbendaharaan Provinsi {p}", "KPPN {b}"),
    "TNI": ("Komando Resor Militer {p}", "Komando Distrik Militer {b}"),
}

# National civil-society organisations: (name, short name, province branch, regency branch,
# parent ministry short name or None).
ORGANISATIONS = [
    (
        "Pimpinan Pusat Gerakan Pemuda Ansor",
        "PP GP Ansor",
        "PW GP Ansor {p}",
        "PC GP Ansor {r}",
        None,
    ),
    ("Pengurus Besar Nahdlatul Ulama", "PBNU", "PWNU {p}", "PCNU {r}", None),
    (
        "Pimpinan Pusat Muhammadiyah",
        "PP Muhammadiyah",
        "PW Muhammadiyah {p}",
        "PD Muhammadiyah {r}",
        None,
    ),
    (
        "Pimpinan Pusat Pemuda Muhammadiyah",
        "PP Pemuda Muhammadiyah",
        "PW Pemuda Muhammadiyah {p}",
        "PD Pemuda Muhammadiyah {r}",
        None,
    ),
    ("Pimpinan Pusat 'Aisyiyah", "PP 'Aisyiyah", "PW 'Aisyiyah {p}", "PD 'Aisyiyah {r}", None),
    ("Pimpinan Pusat Fatayat NU", "PP Fatayat NU", "PW Fatayat NU {p}", "PC Fatayat NU {r}", None),
    ("Pengurus Besar Himpunan Mahasiswa Islam", "PB HMI", "Badko HMI {p}", "HMI Cabang {b}", None),
    (
        "Pengurus Besar Pergerakan Mahasiswa Islam Indonesia",
        "PB PMII",
        "PKC PMII {p}",
        "PC PMII {r}",
        None,
    ),
    ("DPP Gerakan Mahasiswa Nasional Indonesia", "DPP GMNI", "DPD GMNI {p}", "DPC GMNI {r}", None),
    (
        "Pengurus Pusat Gerakan Mahasiswa Kristen Indonesia",
        "PP GMKI",
        None,
        "GMKI Cabang {b}",
        None,
    ),
    (
        "Pengurus Pusat Perhimpunan Mahasiswa Katolik Republik Indonesia",
        "PP PMKRI",
        None,
        "PMKRI Cabang {b}",
        None,
    ),
    (
        "Dewan Pimpinan Pusat Ikatan Mahasiswa Muhammadiyah",
        "DPP IMM",
        "DPD IMM {p}",
        "PC IMM {r}",
        None,
    ),
    (
        "Pimpinan Pusat Ikatan Pelajar Nahdlatul Ulama",
        "PP IPNU",
        "PW IPNU {p}",
        "PC IPNU {r}",
        None,
    ),
    ("Pimpinan Pusat Ikatan Pelajar Muhammadiyah", "PP IPM", "PW IPM {p}", "PD IPM {r}", None),
    (
        "DPP Komite Nasional Pemuda Indonesia",
        "DPP KNPI",
        "DPD KNPI Provinsi {p}",
        "DPD KNPI {r}",
        None,
    ),
    (
        "Karang Taruna Nasional",
        "Karang Taruna",
        "Karang Taruna Provinsi {p}",
        "Karang Taruna {r}",
        "Kemensos",
    ),
    (
        "Kwartir Nasional Gerakan Pramuka",
        "Kwarnas",
        "Kwartir Daerah Gerakan Pramuka {p}",
        "Kwartir Cabang Gerakan Pramuka {r}",
        None,
    ),
    ("Palang Merah Indonesia", "PMI", "PMI Provinsi {p}", "PMI {r}", None),
    ("Jaringan Pendidikan Pemilih untuk Rakyat", "JPPR", "JPPR Provinsi {p}", "JPPR {r}", None),
    ("Komite Independen Pemantau Pemilu", "KIPP Indonesia", "KIPP Provinsi {p}", "KIPP {r}", None),
    ("Persatuan Penyandang Disabilitas Indonesia", "PPDI", "DPD PPDI {p}", "DPC PPDI {r}", None),
    ("Persatuan Tunanetra Indonesia", "Pertuni", "DPD Pertuni {p}", "DPC Pertuni {r}", None),
    (
        "Gerakan Kesejahteraan Tunarungu Indonesia",
        "Gerkatin",
        "DPD Gerkatin {p}",
        "DPC Gerkatin {r}",
        None,
    ),
    (
        "Pengurus Besar Persatuan Guru Republik Indonesia",
        "PB PGRI",
        "PGRI Provinsi {p}",
        "PGRI {r}",
        None,
    ),
    ("Majelis Ulama Indonesia", "MUI", "MUI Provinsi {p}", "MUI {r}", None),
    ("Persekutuan Gereja-gereja di Indonesia", "PGI", "PGI Wilayah {p}", None, None),
    ("Konferensi Waligereja Indonesia", "KWI", None, None, None),
    (
        "Majelis Pimpinan Nasional Pemuda Pancasila",
        "MPN Pemuda Pancasila",
        "MPW Pemuda Pancasila {p}",
        "MPC Pemuda Pancasila {r}",
        None,
    ),
    ("Persatuan Wartawan Indonesia", "PWI Pusat", "PWI Provinsi {p}", "PWI {r}", None),
    ("Aliansi Jurnalis Independen", "AJI Indonesia", None, "AJI {b}", None),
    ("Perkumpulan untuk Pemilu dan Demokrasi", "Perludem", None, None, None),
    ("Indonesia Corruption Watch", "ICW", None, None, None),
    ("Kongres Wanita Indonesia", "Kowani", None, None, None),
    ("Komite Pemantau Legislatif", "Kopel Indonesia", None, None, None),
]
LOCAL_ORGANISATIONS = [
    "Forum Pemuda Peduli Demokrasi {r}",
    "Lembaga Kajian Pemilu dan Demokrasi {b}",
    "Komunitas Pemilih Muda {b}",
    "Forum Kerukunan Umat Beragama {r}",
    "Yayasan Pendidikan Politik {b}",
    "Forum Anak {r}",
    "Komunitas Peduli Disabilitas {b}",
]

# (pattern, parent ministry short name, only in a kota); {b} is the bare regency/city name.
UNIVERSITIES = [
    ("Universitas {b}", None, False),
    ("Universitas Muhammadiyah {b}", None, False),
    ("Universitas Islam {b}", None, False),
    ("Universitas Nahdlatul Ulama {b}", None, False),
    ("Universitas Kristen {b}", None, True),
    ("Universitas PGRI {b}", None, False),
    ("Universitas Negeri {b}", None, True),
    ("Universitas Islam Negeri {b}", "Kemenag", True),
    ("Institut Agama Islam Negeri {b}", "Kemenag", False),
    ("Sekolah Tinggi Agama Islam {b}", None, False),
    ("Sekolah Tinggi Ilmu Ekonomi {b}", None, False),
    ("Sekolah Tinggi Ilmu Hukum {b}", None, False),
    ("Sekolah Tinggi Keguruan dan Ilmu Pendidikan {b}", None, False),
    ("Sekolah Tinggi Ilmu Administrasi {b}", None, False),
    ("Sekolah Tinggi Ilmu Kesehatan {b}", None, False),
    ("Politeknik Negeri {b}", None, True),
    ("Politeknik Kesehatan {b}", "Kemenkes", True),
    ("Institut Teknologi {b}", None, True),
    ("Akademi Keperawatan {b}", None, False),
]
# Well-known universities: (name, short name, regency/city name).
NATIONAL_UNIVERSITIES = [
    ("Universitas Indonesia", "UI", "Kota Depok"),
    ("Universitas Gadjah Mada", "UGM", "Kabupaten Sleman"),
    ("Institut Teknologi Bandung", "ITB", "Kota Bandung"),
    ("Institut Pertanian Bogor", "IPB", "Kota Bogor"),
    ("Universitas Airlangga", "Unair", "Kota Surabaya"),
    ("Universitas Diponegoro", "Undip", "Kota Semarang"),
    ("Universitas Padjadjaran", "Unpad", "Kabupaten Sumedang"),
    ("Universitas Hasanuddin", "Unhas", "Kota Makassar"),
    ("Universitas Brawijaya", "UB", "Kota Malang"),
    ("Universitas Sumatera Utara", "USU", "Kota Medan"),
    ("Universitas Andalas", "Unand", "Kota Padang"),
    ("Universitas Sebelas Maret", "UNS", "Kota Surakarta"),
    ("Universitas Lambung Mangkurat", "ULM", "Kota Banjarmasin"),
    ("Universitas Udayana", "Unud", "Kota Denpasar"),
    ("Universitas Sriwijaya", "Unsri", "Kabupaten Ogan Ilir"),
    ("Universitas Mulawarman", "Unmul", "Kota Samarinda"),
    ("Universitas Sam Ratulangi", "Unsrat", "Kota Manado"),
    ("Universitas Cenderawasih", "Uncen", "Kota Jayapura"),
    ("Universitas Pattimura", "Unpatti", "Kota Ambon"),
    ("Universitas Syiah Kuala", "USK", "Kota Banda Aceh"),
    ("Universitas Jember", "Unej", "Kabupaten Jember"),
    ("Universitas Jenderal Soedirman", "Unsoed", "Kabupaten Banyumas"),
    ("Universitas Tanjungpura", "Untan", "Kota Pontianak"),
    ("Universitas Mataram", "Unram", "Kota Mataram"),
    ("Universitas Nusa Cendana", "Undana", "Kota Kupang"),
]

# Media: national groups (name, short, provincial pattern, regency pattern, kota only).
MEDIA_GROUPS = [
    (
        "Lembaga Penyiaran Publik Televisi Republik Indonesia",
        "LPP TVRI",
        "TVRI Stasiun {p}",
        None,
        False,
    ),
    ("Lembaga Penyiaran Publik Radio Republik Indonesia", "LPP RRI", None, "RRI {b}", True),
    ("Perum Lembaga Kantor Berita Nasional Antara", "LKBN Antara", "Antara Biro {p}", None, False),
    ("Jawa Pos Group", "Jawa Pos", None, "Radar {b}", False),
    ("Tribun Network", "Tribun", None, "Tribun {b}", True),
    ("Kompas Gramedia", "Kompas", None, None, False),
    ("Tempo Inti Media", "Tempo", None, None, False),
    ("Media Indonesia", "Media Indonesia", None, None, False),
    ("Republika", "Republika", None, None, False),
    ("Detikcom", "Detikcom", None, None, False),
    ("Kumparan", "Kumparan", None, None, False),
    ("Metro TV", "Metro TV", None, None, False),
    ("CNN Indonesia", "CNN Indonesia", None, None, False),
]
LOCAL_MEDIA = ["Harian {b} Pos", "Radio Suara {b}", "{b} TV", "Warta {b}", "Kabar {b}"]

# Other bodies: (name, short, provincial pattern, regency pattern).
OTHER_BODIES = [
    ("Badan Amil Zakat Nasional", "BAZNAS", "BAZNAS Provinsi {p}", "BAZNAS {r}"),
    ("Dewan Kehormatan Penyelenggara Pemilu", "DKPP", None, None),
    ("PT Pos Indonesia (Persero)", "Pos Indonesia", None, None),
    ("PT Telkom Indonesia (Persero) Tbk", "Telkom", None, None),
    ("PT Bank Rakyat Indonesia (Persero) Tbk", "BRI", None, None),
]
OTHER_REGIONAL = [
    "DPRD Provinsi {p}",
    "Komisi Informasi Provinsi {p}",
    "Komisi Penyiaran Indonesia Daerah {p}",
]
OTHER_LOCAL = ["DPRD {r}"]

# National partners that have an MoU with both bodies at every moment (the eligibility benchmark
# asks about their vertical offices and branches).
ALWAYS_COVERED = ["Kemenag", "Kemendagri", "Kemensos", "BPS", "Polri", "PP GP Ansor"]

KPU_SCOPES = {
    "sosialisasi": 6,
    "pendidikan_pemilih": 6,
    "partisipasi_masyarakat": 4,
    "data_informasi": 3,
    "penelitian": 2,
    "netralitas_asn": 1,
    "lainnya": 2,
    "pengawasan_partisipatif": 1,
}
BAWASLU_SCOPES = {
    "pengawasan_partisipatif": 6,
    "netralitas_asn": 4,
    "sosialisasi": 3,
    "pendidikan_pemilih": 2,
    "data_informasi": 3,
    "penelitian": 2,
    "lainnya": 2,
    "partisipasi_masyarakat": 2,
}

FIRST_NAMES = [
    "Agus",
    "Budi",
    "Siti",
    "Dewi",
    "Ahmad",
    "Muhammad",
    "Rina",
    "Sri",
    "Hendra",
    "Yusuf",
    "Nur",
    "Eko",
    "Dian",
    "Fitri",
    "Rudi",
    "Indah",
    "Bambang",
    "Wahyu",
    "Lestari",
    "Hasyim",
    "Rahmat",
    "Putri",
    "Andi",
    "Made",
    "Ketut",
    "Yohanes",
    "Maria",
    "Fransiskus",
    "Teguh",
    "Ratna",
    "Arif",
    "Sutrisno",
    "Mochammad",
]
LAST_NAMES = [
    "Santoso",
    "Wijaya",
    "Saputra",
    "Hidayat",
    "Nugroho",
    "Lubis",
    "Siregar",
    "Harahap",
    "Pratama",
    "Kurniawan",
    "Rahman",
    "Hasibuan",
    "Setiawan",
    "Utami",
    "Wibowo",
    "Syahputra",
    "Gunawan",
    "Suryadi",
    "Tanjung",
    "Nasution",
    "Rahayu",
    "Susanto",
    "Permana",
    "Sembiring",
    "Mahendra",
    "Pangaribuan",
    "Afifuddin",
]
TERMINATION_REASONS = [
    "Diakhiri atas kesepakatan para pihak.",
    "Digantikan oleh nota kesepahaman yang baru.",
    "Perubahan nomenklatur kementerian/lembaga mitra.",
    "Pihak mitra tidak lagi menjalankan kegiatan yang disepakati.",
    "Restrukturisasi organisasi pihak mitra.",
]


def add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def term_end(start, years):
    return add_years(start, years) - datetime.timedelta(days=1)


class Node:
    """A partner institution to be created."""

    __slots__ = (
        "id",
        "name",
        "short",
        "category",
        "region",
        "parent",
        "depth",
        "accreditation",
        "valid_until",
        "descendants",
        "province",
        "title",
    )

    def __init__(self, name, category, short="", region=None, parent=None):
        self.id = None
        self.name, self.short, self.category = name, short, category
        self.region, self.parent = region, parent
        self.depth = 0 if parent is None else parent.depth + 1
        self.accreditation, self.valid_until = "", None
        self.descendants = None
        self.province = region[:2] if region else None
        self.title = ""

    def accredited_on(self, day):
        return self.category != "university" or (
            self.valid_until is not None and day <= self.valid_until
        )


class Plan:
    """An agreement to be created, with its partners (Nodes) and scope codes."""

    __slots__ = (
        "id",
        "kind",
        "owner",
        "parent",
        "renewal_of",
        "partners",
        "scopes",
        "signed_on",
        "valid_from",
        "valid_until",
        "status",
        "approved_on",
        "terminated_on",
        "entered",
        "window_end",
        "covered",
        "by_province",
    )

    def __init__(self, kind, owner, partners, scopes, parent=None):
        self.id = None
        self.kind, self.owner, self.partners, self.scopes = kind, owner, partners, scopes
        self.parent, self.renewal_of = parent, None
        self.signed_on = self.valid_from = self.valid_until = None
        self.approved_on = self.terminated_on = None
        self.status = "draft"
        self.entered = None
        self.window_end = None
        self.covered = None
        self.by_province = None

    @property
    def is_signed(self):
        return self.status in ("signed", "terminated")

    def in_force_on(self, day):
        return (
            self.is_signed
            and (self.terminated_on is None or self.terminated_on >= day)
            and self.valid_from <= day <= self.valid_until
        )


class Weighted:
    """Repeated weighted choice in O(log n)."""

    def __init__(self, items, weights):
        self.items = list(items)
        self.cumulative = list(itertools.accumulate(weights))

    def pick(self, rng):
        point = rng.random() * self.cumulative[-1]
        return self.items[bisect.bisect_right(self.cumulative, point)]


class Generator:
    def __init__(self, args, today):
        self.args = args
        self.rng = random.Random(args.seed)
        self.today = today

    # ---- set-up -------------------------------------------------------------------------

    def phase(self, name, started):
        elapsed = time.perf_counter() - started
        print(f"  {name:<44} {elapsed:7.2f} s", flush=True)
        return time.perf_counter()

    def load_reference(self):
        from django.contrib.auth import get_user_model

        from agreements import reference
        from partners.models import Institution, Region, StaffProfile

        if not reference.is_loaded():
            print("  loading reference data", flush=True)
            reference.load_reference_data()
        self.regions = {region.code: region for region in Region.objects.all()}
        self.provinces = sorted(code for code, r in self.regions.items() if r.parent_id is None)
        self.regencies = sorted(code for code, r in self.regions.items() if r.parent_id)
        self.regencies_of = {code: [] for code in self.provinces}
        for code in self.regencies:
            self.regencies_of[code[:2]].append(code)
        units = list(Institution.objects.election_units())
        self.national = {u.body: u for u in units if u.level == "national"}
        self.unit_at = {(u.body, u.region_id): u for u in units if u.region_id}
        User = get_user_model()
        self.approvers = {}
        for body, unit in self.national.items():
            user, created = User.objects.get_or_create(username=f"bench_{body}_ri")
            if created:
                user.set_unusable_password()
                user.save()
            StaffProfile.objects.update_or_create(
                user=user, defaults={"unit": unit, "role": "approver"}
            )
            self.approvers[body] = user.pk

    def province_name(self, code):
        return PROVINCE_DISPLAY.get(code, self.regions[code].name)

    def bare(self, code):
        name = self.regions[code].name
        for prefix in ("Kabupaten Administrasi ", "Kota Administrasi ", "Kabupaten ", "Kota "):
            if name.startswith(prefix):
                return name[len(prefix) :]
        return name

    def is_kota(self, code):
        return int(code.split(".")[1]) >= 71

    def fill(self, pattern, code):
        if "." in code:
            return pattern.format(
                r=self.regions[code].name, b=self.bare(code), p=self.province_name(code[:2])
            )
        return pattern.format(p=self.province_name(code))

    # ---- institutions -------------------------------------------------------------------

    def candidate_institutions(self):
        """Every institution the generator may create, grouped by category; roots are core."""
        core, groups = (
            [],
            {
                c: []
                for c in (
                    "vertical_office",
                    "local_government",
                    "university",
                    "media",
                    "other",
                    "civil_society",
                )
            },
        )
        self.by_short = {}

        def root(name, category, short):
            node = Node(name, category, short)
            core.append(node)
            self.by_short[short] = node
            return node

        for name, short in MINISTRIES:
            root(name, "ministry", short)
        for short, (province_pattern, regency_pattern) in VERTICAL.items():
            ministry = self.by_short[short]
            offices = {}
            for code in self.provinces:
                if province_pattern:
                    offices[code] = Node(
                        self.fill(province_pattern, code),
                        "vertical_office",
                        region=code,
                        parent=ministry,
                    )
                    groups["vertical_office"].append(offices[code])
            if regency_pattern:
                for code in self.regencies:
                    groups["vertical_office"].append(
                        Node(
                            self.fill(regency_pattern, code),
                            "vertical_office",
                            region=code,
                            parent=offices.get(code[:2], ministry),
                        )
                    )
        kemendagri = self.by_short["Kemendagri"]
        for code in self.provinces:
            province = Node(
                f"Pemerintah Provinsi {self.province_name(code)}",
                "local_government",
                f"Pemprov {self.province_name(code)}",
                code,
                kemendagri,
            )
            groups["local_government"].append(province)
            groups["local_government"].append(
                Node(
                    f"Badan Kesatuan Bangsa dan Politik Provinsi {self.province_name(code)}",
                    "local_government",
                    region=code,
                    parent=province,
                )
            )
            for regency in self.regencies_of[code]:
                name = self.regions[regency].name
                # Jakarta's cities are administrative cities of the province, not autonomous.
                government = Node(
                    f"Pemerintah {name}",
                    "local_government",
                    f"Pem{'kot' if self.is_kota(regency) else 'kab'} {self.bare(regency)}",
                    regency,
                    province if code == "31" else kemendagri,
                )
                groups["local_government"].append(government)
                for agency in (
                    "Badan Kesatuan Bangsa dan Politik",
                    "Dinas Kependudukan dan Pencatatan Sipil",
                    "Dinas Pendidikan",
                ):
                    groups["local_government"].append(
                        Node(
                            f"{agency} {name}",
                            "local_government",
                            region=regency,
                            parent=government,
                        )
                    )
        seen = set()
        for name, short, regency_name in NATIONAL_UNIVERSITIES:
            code = next(c for c in self.regencies if self.regions[c].name == regency_name)
            node = root(name, "university", short)
            node.region, node.province = code, code[:2]
            seen.add(name)
        for code in self.regencies:
            for pattern, parent, kota_only in UNIVERSITIES:
                name = self.fill(pattern, code)
                if (kota_only and not self.is_kota(code)) or name in seen:
                    continue
                seen.add(name)
                groups["university"].append(
                    Node(
                        name,
                        "university",
                        region=code,
                        parent=self.by_short[parent] if parent else None,
                    )
                )
        for name, short, province_pattern, regency_pattern, parent in ORGANISATIONS:
            organisation = root(name, "civil_society", short)
            if parent:
                organisation.parent = self.by_short[parent]
                organisation.depth = 1
            branches = {}
            for code in self.provinces:
                if province_pattern:
                    branches[code] = Node(
                        self.fill(province_pattern, code),
                        "civil_society",
                        region=code,
                        parent=organisation,
                    )
                    groups["civil_society"].append(branches[code])
            if regency_pattern:
                for code in self.regencies:
                    groups["civil_society"].append(
                        Node(
                            self.fill(regency_pattern, code),
                            "civil_society",
                            region=code,
                            parent=branches.get(code[:2], organisation),
                        )
                    )
        for code in self.regencies:
            for pattern in LOCAL_ORGANISATIONS:
                groups["civil_society"].append(
                    Node(self.fill(pattern, code), "civil_society", region=code)
                )
        for name, short, province_pattern, regency_pattern, kota_only in MEDIA_GROUPS:
            group = root(name, "media", short)
            if province_pattern:
                for code in self.provinces:
                    groups["media"].append(
                        Node(self.fill(province_pattern, code), "media", region=code, parent=group)
                    )
            if regency_pattern:
                for code in self.regencies:
                    if not kota_only or self.is_kota(code):
                        groups["media"].append(
                            Node(
                                self.fill(regency_pattern, code), "media", region=code, parent=group
                            )
                        )
        for code in self.regencies:
            for pattern in LOCAL_MEDIA:
                groups["media"].append(Node(self.fill(pattern, code), "media", region=code))
        for name, short, province_pattern, regency_pattern in OTHER_BODIES:
            body = root(name, "other", short)
            offices = {}
            for code in self.provinces:
                if province_pattern:
                    offices[code] = Node(
                        self.fill(province_pattern, code), "other", region=code, parent=body
                    )
                    groups["other"].append(offices[code])
            if regency_pattern:
                for code in self.regencies:
                    groups["other"].append(
                        Node(
                            self.fill(regency_pattern, code),
                            "other",
                            region=code,
                            parent=offices.get(code[:2], body),
                        )
                    )
        for code in self.provinces:
            for pattern in OTHER_REGIONAL:
                groups["other"].append(Node(self.fill(pattern, code), "other", region=code))
        for code in self.regencies:
            for pattern in OTHER_LOCAL:
                groups["other"].append(Node(self.fill(pattern, code), "other", region=code))
        return core, groups

    def choose_institutions(self):
        """Pick ``--institutions`` of the candidates, each with its parents; set the details."""
        core, groups = self.candidate_institutions()
        total = self.args.institutions
        chosen = {}
        for node in core[:total]:
            chosen[id(node)] = node
        shares = [
            ("vertical_office", 0.24),
            ("local_government", 0.11),
            ("university", 0.22),
            ("media", 0.10),
            ("other", 0.05),
            ("civil_society", 1.0),
        ]
        for category, share in shares:
            left = total - len(chosen)
            quota = left if category == "civil_society" else min(left, round(total * share))
            candidates = groups[category]
            self.rng.shuffle(candidates)
            taken = 0
            for node in candidates:
                if taken >= quota:
                    break
                chain, current = [], node
                while current is not None and id(current) not in chosen:
                    chain.append(current)
                    current = current.parent
                if taken + len(chain) > quota:
                    continue
                for member in chain:
                    chosen[id(member)] = member
                taken += len(chain)
        nodes = sorted(chosen.values(), key=lambda n: n.depth)
        for node in nodes:
            self.describe(node)
        return nodes

    def describe(self, node):
        """Accreditation of a university; the title of the partner's signatory."""
        rng = self.rng
        if node.category == "university":
            grade = Weighted(
                ["unggul", "baik_sekali", "baik", "a", "b", "c", ""], [14, 33, 28, 6, 5, 3, 11]
            ).pick(rng)
            if node.parent is None and node.short:  # a well-known university
                grade = "unggul"
            if grade in ("unggul", "baik_sekali", "baik"):
                node.valid_until = datetime.date(2024, 1, 1) + datetime.timedelta(
                    days=rng.randint(0, 365 * 7)
                )
            elif grade:
                node.valid_until = datetime.date(2018, 1, 1) + datetime.timedelta(
                    days=rng.randint(0, 365 * 7)
                )
            if node.parent is None and node.short:
                node.valid_until = datetime.date(2029, 12, 31)
            node.accreditation = grade
            lead = node.name.split()[0]
            node.title = {"Politeknik": "Direktur", "Akademi": "Direktur", "Sekolah": "Ketua"}.get(
                lead, "Rektor"
            )
        elif node.category == "ministry":
            node.title = (
                f"Menteri {node.name.removeprefix('Kementerian ')}"
                if node.name.startswith("Kementerian")
                else f"Kepala {node.short}"
            )
        elif node.category == "local_government":
            if node.name.startswith("Pemerintah Provinsi"):
                node.title = "Gubernur"
            elif node.name.startswith("Pemerintah Kota"):
                node.title = "Wali Kota"
            elif node.name.startswith("Pemerintah Kabupaten"):
                node.title = "Bupati"
            else:
                node.title = "Kepala"
        else:
            node.title = {
                "vertical_office": "Kepala",
                "civil_society": "Ketua",
                "media": "Pemimpin Redaksi",
                "other": "Ketua",
            }[node.category]

    def save_institutions(self, nodes):
        from django.db.models import Max

        from partners.models import Institution

        next_id = (Institution.objects.aggregate(top=Max("id"))["top"] or 0) + 1
        for offset, node in enumerate(nodes):
            node.id = next_id + offset
        Institution.objects.bulk_create(
            [
                Institution(
                    id=node.id,
                    name=node.name,
                    short_name=node.short,
                    category=node.category,
                    region_id=node.region,
                    parent_id=node.parent.id if node.parent else None,
                    accreditation=node.accreditation,
                    accreditation_valid_until=node.valid_until if node.accreditation else None,
                )
                for node in nodes
            ],
            batch_size=self.args.batch_size,
        )
        for node in nodes:
            node.descendants = []
        for node in nodes:
            parent = node.parent
            while parent is not None:
                parent.descendants.append(node)
                parent = parent.parent
        self.nodes = nodes

    # ---- agreements ---------------------------------------------------------------------

    def date_between(self, start, end):
        return start + datetime.timedelta(days=self.rng.randint(0, max(0, (end - start).days)))

    def pick_scopes(self, body, weights):
        table = KPU_SCOPES if body == "kpu" else BAWASLU_SCOPES
        count = Weighted([1, 2, 3, 4], weights).pick(self.rng)
        codes, pool = [], dict(table)
        while len(codes) < count:
            code = Weighted(pool.keys(), pool.values()).pick(self.rng)
            codes.append(code)
            del pool[code]
        return codes

    def sign(self, plan, signed_on, years, start_delay=14):
        plan.status = "signed"
        plan.signed_on = signed_on
        plan.valid_from = signed_on + datetime.timedelta(days=self.rng.randint(0, start_delay))
        plan.valid_until = term_end(plan.valid_from, years)

    def terminate(self, plan):
        """End ``plan`` early, at least three months into its term and not after today."""
        start = plan.valid_from + datetime.timedelta(days=90)
        end = min(plan.valid_until, self.today)
        if end <= start:
            return
        plan.status = "terminated"
        plan.terminated_on = self.date_between(start, end)

    def national_mous(self, count):
        """Renewal chains of national MoUs, the partners everyone needs covered first."""
        rng, plans = self.rng, []
        nodes_by_short = {node.short: node for node in self.nodes if node.short and node.depth <= 1}
        # National partners: those without a region (ministries, national organisations and
        # media, Karang Taruna Nasional under Kemensos) and the well-known universities.
        roots = [
            node
            for node in self.nodes
            if node.region is None
            or (node.category == "university" and node.parent is None and node.short)
        ]
        weights = [
            12
            if node.category == "ministry"
            else 6
            if node.category == "civil_society"
            else 3
            if node.category == "university"
            else 2
            if node.category == "media"
            else 1
            for node in roots
        ]
        weights = [
            w * (1 + min(len(node.descendants), 600) / 60)
            for w, node in zip(weights, roots, strict=True)
        ]
        choose_root = Weighted(roots, weights)
        guaranteed = [
            (body, nodes_by_short[short])
            for short in ALWAYS_COVERED
            for body in ("kpu", "bawaslu")
            if short in nodes_by_short
        ]
        while len(plans) < count:
            if guaranteed:
                body, main = guaranteed.pop(0)
                seamless = True
            else:
                body, main = rng.choice(("kpu", "bawaslu")), choose_root.pick(rng)
                seamless = False
            partners = [main]
            for _ in range(Weighted([0, 1, 2], [80, 15, 5]).pick(rng)):
                extra = choose_root.pick(rng)
                if extra not in partners:
                    partners.append(extra)
            scopes = self.pick_scopes(body, [10, 30, 35, 25])
            signed_on = self.date_between(datetime.date(2015, 1, 5), datetime.date(2019, 12, 20))
            previous = None
            while len(plans) < count:
                plan = Plan("mou", self.national[body], list(partners), list(scopes))
                plan.renewal_of = previous
                if signed_on > self.today:
                    if (
                        previous is not None
                        and previous.valid_until <= add_years(self.today, 1)
                        and all(p.accredited_on(self.today) for p in partners)
                        and rng.random() < 0.5
                    ):
                        plans.append(plan)  # the renewal being prepared: a draft
                    break
                years = 5 if seamless else Weighted([5, 3, 2], [70, 20, 10]).pick(rng)
                self.sign(plan, signed_on, years, 0 if seamless else 14)
                if not all(p.accredited_on(signed_on) for p in plan.partners):
                    break
                plans.append(plan)
                if not seamless and rng.random() < 0.06:
                    self.terminate(plan)
                if plan.status == "terminated":
                    signed_on = plan.terminated_on + datetime.timedelta(days=rng.randint(30, 400))
                    previous = None
                    continue
                if not seamless and rng.random() < 0.12:
                    break  # not renewed
                previous = plan
                signed_on = (
                    plan.valid_until + datetime.timedelta(days=1)
                    if seamless
                    else plan.valid_until + datetime.timedelta(days=rng.randint(-60, 180))
                )
                if rng.random() < 0.25 and not seamless:
                    scopes = self.pick_scopes(body, [10, 30, 35, 25])
        return plans

    def regional_pool(self):
        self.located = {}
        for node in self.nodes:
            if node.region:
                self.located.setdefault(node.region, []).append(node)
        self.in_province = {code: [] for code in self.provinces}
        for node in self.nodes:
            if node.province:
                self.in_province[node.province].append(node)

    def pick_regional_unit(self, body):
        if self.rng.random() < 0.2:
            return self.unit_at[(body, self.rng.choice(self.provinces))]
        return self.unit_at[(body, self.rng.choice(self.regencies))]

    def local_partner(self, owner, day):
        """A partner located where ``owner`` is: its regency/city, else its province."""
        rng = self.rng
        for _ in range(8):
            region = owner.region_id
            if "." in region:
                pool = (
                    self.located.get(region)
                    if rng.random() < 0.85
                    else self.located.get(region[:2])
                )
            else:
                pool = (
                    self.located.get(region) if rng.random() < 0.5 else self.in_province.get(region)
                )
            if not pool:
                pool = self.in_province.get(region[:2])
            if not pool:
                return None
            node = rng.choice(pool)
            if node.accredited_on(day):
                return node
        return None

    def regional_mous(self, count):
        """MoUs of provincial and regency/city units, in renewal chains, approved when signed."""
        rng, plans = self.rng, []
        first_day = datetime.date(2015, 1, 5)
        while len(plans) < count:
            body = "kpu" if rng.random() < 0.55 else "bawaslu"
            owner = self.pick_regional_unit(body)
            signed_on = self.date_between(first_day, self.today)
            partners = []
            for _ in range(Weighted([1, 2, 3], [70, 22, 8]).pick(rng)):
                node = self.local_partner(owner, signed_on)
                if node is not None and node not in partners:
                    partners.append(node)
            if not partners:
                continue
            scopes = self.pick_scopes(body, [30, 35, 25, 10])
            previous = None
            while len(plans) < count:
                plan = Plan("mou", owner, list(partners), list(scopes))
                plan.renewal_of = previous
                if not all(p.accredited_on(min(signed_on, self.today)) for p in partners):
                    break
                if signed_on > self.today or rng.random() < 0.07:
                    # Not signed yet: a draft, waiting for approval, or approved.
                    state = Weighted(["draft", "awaiting_approval", "approved"], [45, 35, 20]).pick(
                        rng
                    )
                    if not all(p.accredited_on(self.today) for p in partners):
                        break
                    plan.status = state
                    if state == "approved":
                        plan.approved_on = self.today - datetime.timedelta(days=rng.randint(0, 90))
                    plan.entered = self.today - datetime.timedelta(days=rng.randint(0, 150))
                    plans.append(plan)
                    break
                years = Weighted([5, 3, 2, 1], [40, 30, 20, 10]).pick(rng)
                self.sign(plan, signed_on, years)
                plan.approved_on = signed_on - datetime.timedelta(days=rng.randint(0, 60))
                plans.append(plan)
                if rng.random() < 0.06:
                    self.terminate(plan)
                    break
                if rng.random() < 0.6:
                    break
                previous = plan
                signed_on = plan.valid_until + datetime.timedelta(days=rng.randint(-60, 200))
        return plans

    def pks_parents(self, national):
        """Weighted choice of parent MoUs for signed PKS; the MoUs in force today, for drafts."""
        usable = []
        for mou in national:
            if not mou.is_signed:
                continue
            end = min(mou.valid_until, mou.terminated_on or mou.valid_until, self.today)
            if end < mou.valid_from:
                continue
            mou.window_end = end
            covered = list(mou.partners)
            for partner in mou.partners:
                covered.extend(partner.descendants)
            mou.covered = covered
            mou.by_province = {}
            for node in covered:
                if node.province:
                    mou.by_province.setdefault(node.province, []).append(node)
            usable.append(mou)
        weights = [
            (1 + min(len(m.covered), 800) / 20) * ((m.window_end - m.valid_from).days + 30)
            for m in usable
        ]
        in_force = [m for m in usable if m.in_force_on(self.today)]
        return Weighted(usable, weights), in_force

    def pks(self, count, national):
        """PKS of regional units under national MoUs of their body, following every rule."""
        rng, plans = self.rng, []
        parents, in_force_today = self.pks_parents(national)
        while len(plans) < count:
            draft = rng.random() < 0.05 and in_force_today
            mou = rng.choice(in_force_today) if draft else parents.pick(rng)
            day = self.today if draft else self.date_between(mou.valid_from, mou.window_end)
            body = mou.owner.body
            first = None
            for _ in range(6):
                candidate = (
                    rng.choice(mou.partners)
                    if rng.random() < 0.04 or len(mou.covered) == len(mou.partners)
                    else rng.choice(mou.covered)
                )
                if candidate.accredited_on(day):
                    first = candidate
                    break
            if first is None:
                continue
            if first.region is None:
                owner = self.pick_regional_unit(body)
            elif "." in first.region:
                owner = (
                    self.unit_at[(body, first.region)]
                    if rng.random() < 0.75
                    else self.unit_at[(body, first.province)]
                )
            else:
                owner = (
                    self.unit_at[(body, first.region)]
                    if rng.random() < 0.6
                    else self.unit_at[(body, rng.choice(self.regencies_of[first.region]))]
                )
            partners = [first]
            nearby = mou.by_province.get(owner.region_id[:2], ())
            for _ in range(Weighted([0, 1, 2], [78, 17, 5]).pick(rng)):
                extra = (
                    rng.choice(nearby)
                    if nearby and rng.random() < 0.8
                    else rng.choice(mou.partners)
                )
                if extra not in partners and extra.accredited_on(day):
                    partners.append(extra)
            size = Weighted([1, 2, 3, 4], [45, 35, 15, 5]).pick(rng)
            scopes = rng.sample(mou.scopes, min(size, len(mou.scopes)))
            plan = Plan("pks", owner, partners, scopes, parent=mou)
            if draft:
                start = self.today + datetime.timedelta(days=rng.randint(15, 60))
                if start <= mou.valid_until:
                    plan.valid_from = start
                    plan.valid_until = min(mou.valid_until, term_end(start, 1))
                plan.entered = self.today - datetime.timedelta(days=rng.randint(0, 60))
            else:
                years = Weighted([1, 2, 3], [50, 30, 20]).pick(rng)
                plan.status = "signed"
                plan.signed_on = day
                plan.valid_from = min(
                    day + datetime.timedelta(days=rng.randint(0, 30)), mou.valid_until
                )
                plan.valid_until = min(term_end(plan.valid_from, years), mou.valid_until)
                if rng.random() < 0.05:
                    self.terminate(plan)
            plans.append(plan)
        return plans

    def number_plans(self, plans):
        """Ids in the order the agreements were entered, roughly their signing order."""
        rng = self.rng
        for plan in plans:
            if plan.entered is None:
                base = plan.signed_on or self.today
                plan.entered = min(self.today, base + datetime.timedelta(days=rng.randint(0, 45)))
        plans.sort(key=lambda p: (p.entered, rng.random()))

    def save_agreements(self, plans):
        from django.db.models import Max
        from django.utils import timezone

        from agreements.models import Agreement, Party

        rng = self.rng
        next_id = (Agreement.objects.aggregate(top=Max("id"))["top"] or 0) + 1
        for offset, plan in enumerate(plans):
            plan.id = next_id + offset
        scope_names = self.scope_names
        sequence = {}
        zone = timezone.get_current_timezone()
        agreements, parties, links = [], [], []
        Through = Agreement.scopes.through
        for plan in plans:
            owner, body = plan.owner, plan.owner.body
            year = (plan.signed_on or plan.entered).year
            month = (plan.signed_on or plan.entered).month
            code = owner.region_id.replace(".", "") if owner.region_id else "RI"
            number = ""
            if plan.is_signed:
                key = (owner.pk, year)
                sequence[key] = sequence.get(key, 0) + 1
                seq = sequence[key]
                if body == "kpu":
                    letter = "NK" if plan.kind == "mou" else "PKS"
                    number = (
                        f"{seq:02d}/KB/KPU/TAHUN {year}"
                        if owner.region_id is None
                        else f"{seq:03d}/HK.06-{letter}/{code}/{year}"
                    )
                else:
                    number = (
                        f"{'NK' if plan.kind == 'mou' else 'PKS'}-{seq:03d}/HK.01/"
                        f"{'K1' if owner.region_id is None else code}/{month:02d}/{year}"
                    )
            approval = ""
            if plan.approved_on:
                key = (body, "approval", plan.approved_on.year)
                sequence[key] = sequence.get(key, 0) + 1
                approval = (
                    f"{sequence[key]}/HK.06-SD/01/{plan.approved_on.year}"
                    if body == "kpu"
                    else f"{sequence[key]}/HK.01/K1/{plan.approved_on.month:02d}/"
                    f"{plan.approved_on.year}"
                )
            what = " serta ".join(scope_names[c] for c in plan.scopes[:2])
            names = ", ".join(p.name for p in plan.partners)
            label = "Nota Kesepahaman" if plan.kind == "mou" else "Perjanjian Kerja Sama"
            title = f"{label} antara {owner.name} dan {names} tentang {what}"[:500]
            place = (
                "Jakarta"
                if owner.region_id is None
                else self.bare(owner.region_id)
                if "." in owner.region_id
                else self.province_name(owner.region_id)
            )
            created = datetime.datetime.combine(
                plan.entered, datetime.time(rng.randint(8, 16), rng.randint(0, 59)), zone
            )
            updated = created
            if plan.terminated_on:
                updated = max(
                    created,
                    datetime.datetime.combine(plan.terminated_on, datetime.time(10, 0), zone),
                )
            agreements.append(
                Agreement(
                    id=plan.id,
                    uuid=uuid.UUID(int=rng.getrandbits(128), version=4),
                    kind=plan.kind,
                    title=title,
                    owner_id=owner.pk,
                    owner_number=number,
                    owner_signatory_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                    owner_signatory_title=f"Ketua {owner.name}",
                    parent_id=plan.parent.id if plan.parent else None,
                    signed_on=plan.signed_on,
                    signing_place=place if plan.is_signed else "",
                    valid_from=plan.valid_from,
                    valid_until=plan.valid_until,
                    status=plan.status,
                    effective_until=plan.valid_until,
                    ever_signed=plan.is_signed,
                    approval_reference=approval,
                    approved_on=plan.approved_on,
                    approved_by_id=self.approvers[body] if plan.approved_on else None,
                    terminated_on=plan.terminated_on,
                    termination_reason=rng.choice(TERMINATION_REASONS)
                    if plan.terminated_on
                    else "",
                    renewal_of_id=plan.renewal_of.id if plan.renewal_of else None,
                    created_at=created,
                    updated_at=updated,
                )
            )
            for order, partner in enumerate(plan.partners, start=1):
                parties.append(
                    Party(
                        agreement_id=plan.id,
                        institution_id=partner.id,
                        order=order,
                        number=(
                            f"B/{rng.randint(1, 999)}/{ROMAN[month - 1]}/{year}"
                            if plan.is_signed
                            else ""
                        ),
                        signatory_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                        signatory_title=partner.title,
                    )
                )
            for scope in plan.scopes:
                links.append(Through(agreement_id=plan.id, scopearea_id=scope))
        return agreements, parties, links

    # ---- running ------------------------------------------------------------------------

    def run(self):
        from django.core.management.color import no_style
        from django.db import connection, transaction

        from agreements.models import Agreement, Party, ScopeArea
        from partners.models import Institution

        started = time.perf_counter()
        total_started = started
        self.load_reference()
        self.scope_names = {s.code: s.name for s in ScopeArea.objects.all()}
        started = self.phase("reference data, users", started)
        with transaction.atomic():
            if self.args.reset:
                reset()
                started = self.phase("reset", started)
            elif (
                Agreement.objects.exists()
                or Institution.objects.exclude(category="election_body").exists()
            ):
                sys.exit(
                    "The database already holds agreements or partner institutions: "
                    "use --reset to replace them."
                )
            nodes = self.choose_institutions()
            self.save_institutions(nodes)
            started = self.phase(f"{len(nodes):,} institutions", started)
            n = self.args.agreements
            n_mou = n // 2
            n_national = self.args.national_mous
            if n_national is None:
                n_national = min(300, max(10, n // 20))
            self.regional_pool()
            national = self.national_mous(n_national)
            regional = self.regional_mous(n_mou - len(national))
            pks = self.pks(n - n_mou, national)
            plans = national + regional + pks
            self.number_plans(plans)
            started = self.phase(f"planned {len(plans):,} agreements", started)
            agreements, parties, links = self.save_agreements(plans)
            started = self.phase("built model instances", started)
            with auto_timestamps_off(Agreement):
                Agreement.objects.bulk_create(agreements, batch_size=self.args.batch_size)
            started = self.phase(f"{len(agreements):,} agreements", started)
            Party.objects.bulk_create(parties, batch_size=self.args.batch_size)
            started = self.phase(f"{len(parties):,} parties", started)
            Agreement.scopes.through.objects.bulk_create(links, batch_size=self.args.batch_size)
            started = self.phase(f"{len(links):,} scope links", started)
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(
                    no_style(), [Institution, Agreement, Party, Agreement.scopes.through]
                ):
                    cursor.execute(statement)
        # Fresh statistics and visibility maps, as autovacuum would leave them on PostgreSQL
        # (index-only scans need the latter); SQLite never gathers statistics by itself and
        # then picks worse plans (e.g. for the eligibility question).
        if connection.vendor in ("postgresql", "sqlite"):
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
            started = self.phase("vacuum, analyze", started)
        total = time.perf_counter() - total_started
        kinds = {"national MoU": len(national), "regional MoU": len(regional), "PKS": len(pks)}
        print("  " + ", ".join(f"{v:,} {k}" for k, v in kinds.items()))
        print(f"  total {total:.1f} s")
        return total


@contextmanager
def auto_timestamps_off(model):
    """Let bulk_create keep the generated created_at/updated_at (entry dates in the past)."""
    fields = [
        f
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def reset():
    """Delete every agreement, party, scope link and their history, and every partner."""
    from django.apps import apps
    from django.db import connection

    from agreements.models import Agreement, Party
    from partners.models import Institution

    quote = connection.ops.quote_name
    agreement_tables = [
        Agreement.scopes.through._meta.db_table,
        Party._meta.db_table,
        Agreement._meta.db_table,
    ]
    agreement_tables += [
        m._meta.db_table
        for m in apps.get_app_config("agreements").get_models()
        if m.__name__.startswith("Historical")
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("TRUNCATE " + ", ".join(quote(t) for t in agreement_tables))
        else:
            for table in agreement_tables:
                cursor.execute(f"DELETE FROM {quote(table)}")
        for model in (Institution.history.model, Institution):
            cursor.execute(
                f"DELETE FROM {quote(model._meta.db_table)} WHERE category <> %s", ["election_body"]
            )


def verify(sample, seed):
    """Re-check ``sample`` random agreements with the project's own validation."""
    from django.core.exceptions import ValidationError

    from agreements.models import Agreement
    from agreements.services import validate_agreement

    rng = random.Random(seed)
    ids = list(Agreement.objects.values_list("id", flat=True))
    picked = rng.sample(ids, min(sample, len(ids)))
    failures = 0
    queryset = Agreement.objects.select_related("owner", "parent__owner").prefetch_related(
        "parties__institution", "scopes"
    )
    for start in range(0, len(picked), 500):
        for agreement in queryset.filter(id__in=picked[start : start + 500]):
            try:
                validate_agreement(
                    agreement,
                    list(agreement.parties.all()),
                    [s.code for s in agreement.scopes.all()],
                )
            except ValidationError as error:
                failures += 1
                if failures <= 10:
                    print(
                        f"  agreement {agreement.pk} ({agreement.kind}, {agreement.status}): "
                        f"{error.message_dict}"
                    )
    print(
        f"  verified {len(picked)} random agreements with the project's rules: {failures} failing"
    )
    return failures


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--agreements", type=int, default=100_000)
    parser.add_argument(
        "--institutions",
        type=int,
        default=20_000,
        help="partner institutions, besides the 1,106 election units",
    )
    parser.add_argument(
        "--national-mous",
        type=int,
        default=None,
        help="national MoUs (default: min(300, agreements / 20))",
    )
    parser.add_argument(
        "--reset", action="store_true", help="delete all agreements and partner institutions first"
    )
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument(
        "--verify",
        type=int,
        default=0,
        metavar="N",
        help="afterwards, check N random agreements with the project's rules",
    )
    parser.add_argument(
        "--today",
        type=datetime.date.fromisoformat,
        default=None,
        help="the day the data is generated for (default: today, Asia/Jakarta)",
    )
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    setup_django()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    today = args.today or timezone.localdate()
    print(
        f"Generating {args.agreements:,} agreements and {args.institutions:,} institutions "
        f"into {connection.vendor} database {connection.settings_dict['NAME']} "
        f"(today = {today})",
        flush=True,
    )
    call_command("migrate", verbosity=0, interactive=False)
    Generator(args, today).run()
    if args.verify:
        failures = verify(args.verify, args.seed)
        if failures:
            sys.exit(1)


if __name__ == "__main__":
    main()
