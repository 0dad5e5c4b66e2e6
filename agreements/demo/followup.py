"""The demo's records after signing: a few activities, the first yearly evaluation of KPU RI's
MoU with Kementerian Agama (its second is then overdue, for the dashboard), an addendum that
extends that MoU and adds a scope area, and contact persons. (The draft renewal of the
terminated Kominfo MoU is one of the agreements, ``agreement_specs``.)

Loaded through the follow-up write paths (``agreements.followup``, ``agreements.addenda``), so
each obeys every rule; found again by agreement and title (an evaluation by its period), so a
second load creates nothing. Dates are counted from the agreements' own, as stored.
"""

import datetime
from collections import Counter

from agreements import addenda, followup, periods
from agreements.demo.specs import month_day
from agreements.models import Activity, Addendum, AgreementContact, Evaluation
from partners import services as partner_services
from partners.models import InstitutionContact

ACTIVITIES = [
    (
        "kpu-blitar-pemkot",
        2,
        "Sosialisasi Pemilih Pemula di SMA Negeri 1 Kota Blitar",
        "SMA Negeri 1 Kota Blitar",
        240,
        "Sosialisasi tahapan pemilihan dan cara mencoblos bagi "
        "siswa kelas XII, bersama Bagian Pemerintahan Sekretariat Daerah Kota Blitar.",
    ),
    (
        "kpu-blitar-pemkot",
        4,
        "Rapat Koordinasi Pendidikan Pemilih Tingkat Kelurahan",
        "Aula Kantor Wali Kota Blitar",
        45,
        "Penyusunan jadwal pendidikan pemilih di 21 kelurahan.",
    ),
    (
        "bawaslu-probolinggo-ansor-kraksaan",
        2,
        "Pelatihan Pengawas Partisipatif Kader GP Ansor",
        "Gedung PC GP Ansor Kota Kraksaan",
        60,
        "Pelatihan pengawasan partisipatif dan pelaporan "
        "dugaan pelanggaran bagi kader Banser dan GP Ansor.",
    ),
    (
        "kpu-jatim-kanwil-kemenag",
        8,
        "Pendidikan Pemilih di Madrasah Aliyah se-Jawa Timur",
        "MAN 1 Surabaya",
        320,
        "Pendidikan pemilih bagi siswa madrasah aliyah bersama Bidang "
        "Pendidikan Madrasah Kanwil Kemenag Provinsi Jawa Timur.",
    ),
    (
        "kpu-kemenag",
        6,
        "Sosialisasi Kepemiluan bagi Penyuluh Agama",
        "Auditorium H.M. Rasjidi, Kementerian Agama, Jakarta",
        150,
        "Penyuluh agama Islam dari 34 provinsi sebagai agen sosialisasi kepemiluan.",
    ),
]
ADDENDUM_TITLE = (
    "Adendum Pertama Nota Kesepahaman antara Komisi Pemilihan Umum dan Kementerian "
    "Agama tentang Perpanjangan Jangka Waktu dan Penambahan Ruang Lingkup"
)
ADDENDUM_TEXT = (
    "Ketentuan Pasal 2 Nota Kesepahaman diubah dengan menambahkan ruang lingkup penelitian dan "
    "kajian kepemiluan di perguruan tinggi keagamaan.\n"
    "Ketentuan Pasal 6 ayat (1) Nota Kesepahaman diubah sehingga jangka waktunya diperpanjang "
    "selama 1 (satu) tahun."
)
INSTITUTION_CONTACTS = [
    (
        "Kementerian Agama",
        "Hj. Nur Azizah",
        "Kepala Biro Hubungan Masyarakat dan Kerja Sama",
        "humas@kemenag.go.id",
        "021 3483 3004",
    ),
    (
        "Pemerintah Kota Blitar",
        "Dimas Ardiansyah",
        "Kepala Bagian Pemerintahan",
        "pemerintahan@blitarkota.go.id",
        "0342 801 411",
    ),
]
AGREEMENT_CONTACTS = [
    (
        "kpu-blitar-pemkot",
        "Rina Wulandari",
        "Kepala Subbagian Teknis dan Partisipasi Masyarakat",
        "rina.wulandari@kpu.go.id",
        "0812 3456 7890",
    ),
]


def after(agreement, months):
    """A day ``months`` months after the agreement came into force (the 10th of the month)."""
    return month_day(agreement.valid_from, months, 10)


def load_activities(saved, outcomes):
    for key, months, title, place, participants, description in ACTIVITIES:
        agreement = saved[key]
        if Activity.objects.filter(agreement=agreement, title=title).exists():
            outcomes["unchanged"] += 1
            continue
        units = [agreement.owner]
        partners = [party.institution for party in agreement.parties.all()]
        followup.save_record(
            Activity(
                agreement=agreement,
                date=after(agreement, months),
                title=title,
                place=place,
                participants=participants,
                description=description,
            ),
            related={"units": units, "partners": partners},
        )
        outcomes["created"] += 1


def load_evaluation(mou, outcomes):
    """The first year of the MoU evaluated; the second, due since, is left overdue."""
    start, end = periods.next_period(mou.valid_from, None, mou.runs_until)
    if Evaluation.objects.filter(agreement=mou, period_start=start).exists():
        outcomes["unchanged"] += 1
        return
    followup.save_record(
        Evaluation(
            agreement=mou,
            period_start=start,
            period_end=end,
            recommendation="continue",
            findings="Sosialisasi melalui penyuluh agama menjangkau 34 provinsi; pertukaran data "
            "pemilih di lingkungan madrasah perlu dipercepat.",
        )
    )
    outcomes["created"] += 1


def load_addendum(mou, today, outcomes):
    """A year more for the MoU, and research added to its scope, signed two months ago."""
    if Addendum.objects.filter(agreement=mou, title=ADDENDUM_TITLE).exists():
        outcomes["unchanged"] += 1
        return
    signed_on = month_day(today, -2, 5)
    addenda.save_addendum(
        Addendum(
            agreement=mou,
            title=ADDENDUM_TITLE,
            owner_number=f"03.A/KB/KPU/TAHUN {signed_on.year}",
            partner_numbers=f"B/3.A/{signed_on.month:02d}/{signed_on.year}",
            signed_on=signed_on,
            signing_place="Jakarta",
            text=ADDENDUM_TEXT,
            valid_until=mou.valid_until + datetime.timedelta(days=365),
        ),
        ["penelitian"],
    )
    outcomes["created"] += 1


def load_contacts(saved, partners, outcomes):
    for name, person, position, email, telephone in INSTITUTION_CONTACTS:
        institution = partners[name]
        if institution.contacts.filter(name=person).exists():
            outcomes["unchanged"] += 1
            continue
        partner_services.save_contact(
            InstitutionContact(
                institution=institution,
                name=person,
                position=position,
                email=email,
                telephone=telephone,
            )
        )
        outcomes["created"] += 1
    for key, person, position, email, telephone in AGREEMENT_CONTACTS:
        agreement = saved[key]
        if agreement.contacts.filter(name=person).exists():
            outcomes["unchanged"] += 1
            continue
        followup.save_record(
            AgreementContact(
                agreement=agreement,
                name=person,
                position=position,
                email=email,
                telephone=telephone,
            )
        )
        outcomes["created"] += 1


def load_followup(saved, partners, today):
    """Load the demo's records after signing; how many were created and left unchanged."""
    outcomes = Counter()
    load_activities(saved, outcomes)
    load_evaluation(saved["kpu-kemenag"], outcomes)
    load_addendum(saved["kpu-kemenag"], today, outcomes)
    load_contacts(saved, partners, outcomes)
    return outcomes
