"""The demo's agreements: national MoUs of both bodies, regional MoUs and the PKS under the
national MoUs, each after the agreements it refers to."""

import datetime

from agreements.demo.specs import AgreementSpec, month_day, party, roman, signed, unit
from agreements.models import Kind, Status
from partners.models import Body


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
            "bawaslu-kemensos",
            Kind.MOU,
            bawaslu_ri,
            "Nota Kesepahaman antara Badan Pengawas Pemilihan Umum dan Kementerian Sosial "
            "tentang Pengawasan Partisipatif dan Pertukaran Data dan Informasi",
            [
                party(
                    p["Kementerian Sosial"],
                    f"B/41/{roman(kemensos_on)}/{kemensos_on.year}",
                    "Sri Wahyuni",
                    "Menteri Sosial Republik Indonesia",
                )
            ],
            [
                "pengawasan_partisipatif",
                "data_informasi",
                "sosialisasi",
                "pendidikan_pemilih",
                "partisipasi_masyarakat",
            ],
            signed(
                kemensos_on,
                5,
                owner_number=f"07/NK/K1/HM.01/{kemensos_on.year}",
                signing_place="Jakarta",
                **bawaslu_chair,
            ),
        ),
        AgreementSpec(
            "kpu-kemenag",
            Kind.MOU,
            kpu_ri,
            "Nota Kesepahaman antara Komisi Pemilihan Umum dan Kementerian Agama tentang "
            "Sosialisasi, Pendidikan Pemilih, dan Peningkatan Partisipasi Masyarakat",
            [
                party(
                    p["Kementerian Agama"],
                    f"B/3/{roman(kemenag_on)}/{kemenag_on.year}",
                    "Muhammad Ilham Syarif",
                    "Menteri Agama Republik Indonesia",
                )
            ],
            ["sosialisasi", "pendidikan_pemilih", "partisipasi_masyarakat", "lainnya"],
            signed(
                kemenag_on,
                5,
                owner_number=f"03/KB/KPU/TAHUN {kemenag_on.year}",
                signing_place="Jakarta",
                **kpu_chair,
            ),
        ),
        AgreementSpec(
            "kpu-kemendagri",
            Kind.MOU,
            kpu_ri,
            "Nota Kesepahaman antara Komisi Pemilihan Umum dan Kementerian Dalam Negeri tentang "
            "Dukungan Penyelenggaraan Pemilihan Umum dan Pemilihan",
            [
                party(
                    p["Kementerian Dalam Negeri"],
                    f"119/12/SJ/{kpu_kemendagri_on.year}",
                    "Hendra Gunawan",
                    "Menteri Dalam Negeri Republik Indonesia",
                )
            ],
            [
                "sosialisasi",
                "pendidikan_pemilih",
                "partisipasi_masyarakat",
                "data_informasi",
                "lainnya",
            ],
            signed(
                kpu_kemendagri_on,
                5,
                owner_number=f"11/KB/KPU/TAHUN {kpu_kemendagri_on.year}",
                signing_place="Jakarta",
                **kpu_chair,
            ),
        ),
        AgreementSpec(
            "bawaslu-ansor",
            Kind.MOU,
            bawaslu_ri,
            "Nota Kesepahaman antara Badan Pengawas Pemilihan Umum dan Pimpinan Pusat Gerakan "
            "Pemuda Ansor tentang Pengawasan Partisipatif Pemilihan Umum dan Pemilihan",
            [
                party(
                    p["PP GP Ansor"],
                    f"057/PP/SK/{roman(ansor_on)}/{ansor_on.year}",
                    "Zainal Arifin",
                    "Ketua Umum Pimpinan Pusat Gerakan Pemuda Ansor",
                )
            ],
            [
                "pengawasan_partisipatif",
                "sosialisasi",
                "pendidikan_pemilih",
                "partisipasi_masyarakat",
            ],
            signed(
                ansor_on,
                5,
                owner_number=f"12/NK/K1/HM.01/{ansor_on.year}",
                signing_place="Jakarta",
                **bawaslu_chair,
            ),
        ),
        AgreementSpec(
            "bawaslu-kemendagri",
            Kind.MOU,
            bawaslu_ri,
            "Nota Kesepahaman antara Badan Pengawas Pemilihan Umum dan Kementerian Dalam Negeri "
            "tentang Pengawasan Pemilihan Umum dan Pemilihan serta Netralitas Aparatur Sipil "
            "Negara",
            [
                party(
                    p["Kementerian Dalam Negeri"],
                    f"119/31/SJ/{bawaslu_kemendagri_on.year}",
                    "Hendra Gunawan",
                    "Menteri Dalam Negeri Republik Indonesia",
                )
            ],
            ["pengawasan_partisipatif", "netralitas_asn", "data_informasi", "sosialisasi"],
            signed(
                bawaslu_kemendagri_on,
                5,
                owner_number=f"09/NK/K1/HM.01/{bawaslu_kemendagri_on.year}",
                signing_place="Jakarta",
                **bawaslu_chair,
            ),
        ),
        # A historical MoU ended early when the ministry was reorganised in October 2024.
        AgreementSpec(
            "kpu-kominfo",
            Kind.MOU,
            kpu_ri,
            "Nota Kesepahaman antara Komisi Pemilihan Umum dan Kementerian Komunikasi dan "
            "Informatika tentang Penyebarluasan Informasi Kepemiluan",
            [
                party(
                    p["Kementerian Komunikasi dan Informatika"],
                    "B-14/M.KOMINFO/HK.03.02/02/2022",
                    "Dimas Pratama",
                    "Menteri Komunikasi dan Informatika Republik Indonesia",
                )
            ],
            ["sosialisasi", "data_informasi"],
            signed(
                datetime.date(2022, 2, 16),
                5,
                status=Status.TERMINATED,
                owner_number="02/KB/KPU/TAHUN 2022",
                signing_place="Jakarta",
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
            "kpu-komdigi",
            Kind.MOU,
            kpu_ri,
            "Nota Kesepahaman antara Komisi Pemilihan Umum dan Kementerian Komunikasi dan "
            "Digital tentang Penyebarluasan Informasi Kepemiluan dan Penanganan Disinformasi",
            [
                party(
                    p["Kementerian Komunikasi dan Digital"],
                    "",
                    "",
                    "Menteri Komunikasi dan Digital Republik Indonesia",
                )
            ],
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
