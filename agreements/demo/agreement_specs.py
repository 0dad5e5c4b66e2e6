"""The demo's agreements: the national MoUs (``national_specs``), regional MoUs and the PKS under
the national MoUs, each after the agreements it refers to."""

import datetime

from agreements.demo.national_specs import national_mous
from agreements.demo.specs import AgreementSpec, month_day, party, roman, signed, unit
from agreements.models import Kind, Status
from partners.models import Body


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
            "bawaslu-kalsel-ulm",
            Kind.MOU,
            bawaslu_kalsel,
            "Nota Kesepahaman antara Badan Pengawas Pemilihan Umum Provinsi Kalimantan Selatan "
            "dan Universitas Lambung Mangkurat tentang Pengawasan Partisipatif, Pendidikan, dan "
            "Penelitian Kepemiluan",
            [
                party(
                    p["Universitas Lambung Mangkurat"],
                    f"214/UN8/KS/{ulm_on.year}",
                    "Prof. Dr. Hadi Susanto",
                    "Rektor Universitas Lambung Mangkurat",
                )
            ],
            ["pengawasan_partisipatif", "pendidikan_pemilih", "penelitian", "sosialisasi"],
            signed(
                ulm_on,
                3,
                owner_number=f"05/NK/KS-01/HM.01/{roman(ulm_on)}/{ulm_on.year}",
                signing_place="Banjarmasin",
                approval_reference=f"B/123/KA.BAWASLU/HK.01/{approved_on.year}",
                approved_on=approved_on,
                **chair,
            ),
        ),
        AgreementSpec(
            "bawaslu-kalsel-uin-antasari",
            Kind.MOU,
            bawaslu_kalsel,
            "Nota Kesepahaman antara Badan Pengawas Pemilihan Umum Provinsi Kalimantan Selatan "
            "dan Universitas Islam Negeri Antasari Banjarmasin tentang Pengawasan Partisipatif "
            "dan Penelitian Kepemiluan",
            [
                party(
                    p["Universitas Islam Negeri Antasari Banjarmasin"],
                    "",
                    "Prof. Dr. Ahmad Rifani",
                    "Rektor Universitas Islam Negeri Antasari Banjarmasin",
                )
            ],
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
            "kpu-jatim-kanwil-kemenag",
            Kind.PKS,
            unit(Body.KPU, "35"),
            "Perjanjian Kerja Sama antara KPU Provinsi Jawa Timur dan Kantor Wilayah Kementerian "
            "Agama Provinsi Jawa Timur tentang Sosialisasi dan Pendidikan Pemilih",
            [
                party(
                    p["Kanwil Kemenag Provinsi Jawa Timur"],
                    f"B-2231/Kw.13.1/HM.01/{kanwil_on.month:02d}/{kanwil_on.year}",
                    "Moh. Syaifudin",
                    "Kepala Kantor Wilayah Kementerian Agama Provinsi Jawa Timur",
                )
            ],
            ["sosialisasi", "pendidikan_pemilih"],
            # Ends at the end of next month: the demo's PKS about to expire.
            signed(
                kanwil_on,
                until=month_day(today, 2, 1) - datetime.timedelta(days=1),
                owner_number=f"27/PR.07-PKS/35/Prov/{roman(kanwil_on)}/{kanwil_on.year}",
                signing_place="Surabaya",
                owner_signatory_name="Rizky Firmansyah",
                owner_signatory_title="Ketua KPU Provinsi Jawa Timur",
            ),
            parent="kpu-kemenag",
        ),
        AgreementSpec(
            "kpu-blitar-pemkot",
            Kind.PKS,
            unit(Body.KPU, "35.72"),
            "Perjanjian Kerja Sama antara KPU Kota Blitar dan Pemerintah Kota Blitar tentang "
            "Sosialisasi, Pendidikan Pemilih, dan Peningkatan Partisipasi Masyarakat",
            [
                party(
                    p["Pemerintah Kota Blitar"],
                    f"180/14/410.010/{blitar_on.year}",
                    "Agus Prasetyo",
                    "Wali Kota Blitar",
                )
            ],
            ["sosialisasi", "pendidikan_pemilih", "partisipasi_masyarakat"],
            signed(
                blitar_on,
                2,
                owner_number=f"9/PR.07-PKS/3572/{roman(blitar_on)}/{blitar_on.year}",
                signing_place="Blitar",
                owner_signatory_name="Nur Laili Fitriani",
                owner_signatory_title="Ketua KPU Kota Blitar",
            ),
            parent="kpu-kemendagri",
        ),
        AgreementSpec(
            "bawaslu-probolinggo-ansor-kraksaan",
            Kind.PKS,
            bawaslu_probolinggo,
            "Perjanjian Kerja Sama antara Bawaslu Kabupaten Probolinggo dan Pimpinan Cabang "
            "GP Ansor Kota Kraksaan tentang Pengawasan Partisipatif",
            [
                party(
                    p["PC GP Ansor Kota Kraksaan"],
                    f"112/PC/A-II/L-14/{roman(ansor_on)}/{ansor_on.year}",
                    "Imam Wahyudi",
                    "Ketua Pimpinan Cabang GP Ansor Kota Kraksaan",
                )
            ],
            ["pengawasan_partisipatif", "sosialisasi"],
            signed(
                ansor_on,
                2,
                owner_number=f"31/PKS/HM.01/K.JI-19/{ansor_on.month:02d}/{ansor_on.year}",
                signing_place="Kraksaan",
                **probolinggo_chair,
            ),
            parent="bawaslu-ansor",
        ),
        AgreementSpec(
            "bawaslu-probolinggo-karang-taruna",
            Kind.PKS,
            bawaslu_probolinggo,
            "Perjanjian Kerja Sama antara Bawaslu Kabupaten Probolinggo dan Karang Taruna "
            "Kabupaten Probolinggo tentang Pengawasan Partisipatif",
            [
                party(
                    p["Karang Taruna Kabupaten Probolinggo"],
                    f"17/KT-KAB/{roman(karang_taruna_on)}/{karang_taruna_on.year}",
                    "Dwi Cahyono",
                    "Ketua Karang Taruna Kabupaten Probolinggo",
                )
            ],
            ["pengawasan_partisipatif", "partisipasi_masyarakat"],
            signed(
                karang_taruna_on,
                2,
                owner_number=(
                    f"34/PKS/HM.01/K.JI-19/{karang_taruna_on.month:02d}/{karang_taruna_on.year}"
                ),
                signing_place="Kraksaan",
                **probolinggo_chair,
            ),
            parent="bawaslu-kemensos",
        ),
        AgreementSpec(
            "bawaslu-dki-jakarta-pusat",
            Kind.PKS,
            unit(Body.BAWASLU, "31"),
            "Perjanjian Kerja Sama antara Bawaslu Provinsi DKI Jakarta dan Pemerintah Kota "
            "Administrasi Jakarta Pusat tentang Pengawasan Partisipatif dan Netralitas Aparatur "
            "Sipil Negara",
            [
                party(
                    p["Pemerintah Kota Administrasi Jakarta Pusat"],
                    f"e-45/PKS/{jakarta_on.year}",
                    "Rahmat Hidayat",
                    "Wali Kota Administrasi Jakarta Pusat",
                )
            ],
            ["pengawasan_partisipatif", "netralitas_asn"],
            signed(
                jakarta_on,
                1,
                owner_number=f"18/PKS/HM.01/K.JK/{jakarta_on.month:02d}/{jakarta_on.year}",
                signing_place="Jakarta",
                owner_signatory_name="Andika Saputra",
                owner_signatory_title=("Ketua Badan Pengawas Pemilihan Umum Provinsi DKI Jakarta"),
            ),
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
