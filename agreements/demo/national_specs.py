"""The demo's national MoUs of both bodies (including a terminated one and a draft renewal)."""

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
