"""The demo data: the news-item partnerships, loaded through the one validation path."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from agreements import addenda, demo
from agreements.models import Activity, Agreement, AgreementContact, Evaluation, Kind, Party, Status
from agreements.selectors import duties
from agreements.services import validate_agreement
from partners.models import Body, Institution, InstitutionContact, Level

SUMMARY = (
    "Data demo dimuat: 14 perjanjian (9 MoU, 5 PKS) dengan 15 mitra; baru: {created} perjanjian "
    "dan {partners} mitra, diperbarui: 0 perjanjian dan 0 mitra."
)
RECORDS = (
    "Catatan setelah penandatanganan (kegiatan, evaluasi, adendum, narahubung): 10; "
    "baru: {created}."
)


def load():
    """Run the command; return the lines it printed."""
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)
    return out.getvalue().strip().splitlines()


@pytest.fixture
def output(db):
    return load()


def agreement(owner, partner, kind=None):
    """The one agreement of ``owner`` with ``partner`` (names), of ``kind`` if given."""
    found = Agreement.objects.filter(owner__name=owner, parties__institution__name=partner)
    return found.get(kind=kind) if kind else found.get()


def assert_valid(item):
    validate_agreement(
        item,
        list(item.parties.select_related("institution")),
        list(item.scopes.values_list("code", flat=True)),
    )


def test_loads_the_reference_data_first_when_missing(output):
    assert output[0].startswith("Data referensi dimuat: 38 provinsi, 514 kabupaten/kota")
    assert output[1] == SUMMARY.format(created=14, partners=15)
    assert output[2] == RECORDS.format(created=10)
    assert Institution.objects.election_units().count() == 1106


def test_the_news_item_partnerships(output):
    kemensos = agreement("Badan Pengawas Pemilihan Umum Republik Indonesia", "Kementerian Sosial")
    assert kemensos.kind == Kind.MOU and kemensos.in_force
    assert {"pengawasan_partisipatif", "data_informasi"} <= set(
        kemensos.scopes.values_list("code", flat=True)
    )

    jatim = agreement("KPU Provinsi Jawa Timur", "Kanwil Kemenag Provinsi Jawa Timur", Kind.PKS)
    assert jatim.parent.owner.name == "Komisi Pemilihan Umum Republik Indonesia"
    assert jatim.parent.parties.get().institution.name == "Kementerian Agama"
    assert Institution.objects.get(name="Kanwil Kemenag Provinsi Jawa Timur").parent.name == (
        "Kementerian Agama"
    )

    blitar = agreement("KPU Kota Blitar", "Pemerintah Kota Blitar", Kind.PKS)
    assert blitar.parent.owner.is_national_unit and blitar.in_force

    ansor = agreement("Bawaslu Kabupaten Probolinggo", "PC GP Ansor Kota Kraksaan", Kind.PKS)
    assert ansor.parent.parties.get().institution.name == "PP GP Ansor"
    karang_taruna = agreement(
        "Bawaslu Kabupaten Probolinggo", "Karang Taruna Kabupaten Probolinggo", Kind.PKS
    )
    assert karang_taruna.parent == kemensos

    for university in (
        "Universitas Lambung Mangkurat",
        "Universitas Islam Negeri Antasari Banjarmasin",
    ):
        mou = agreement("Bawaslu Provinsi Kalimantan Selatan", university, Kind.MOU)
        assert mou.owner.level == Level.PROVINCE

    jakarta = agreement(
        "Bawaslu Provinsi DKI Jakarta", "Pemerintah Kota Administrasi Jakarta Pusat", Kind.PKS
    )
    assert jakarta.parent.owner == Institution.objects.national_unit(Body.BAWASLU)


def test_shows_every_stage_of_the_lifecycle(output):
    today = timezone.localdate()
    expiring = Agreement.objects.expiring(today)
    assert expiring.count() == 1
    assert expiring.get().valid_until <= today + datetime.timedelta(days=90)

    terminated = Agreement.objects.get(status=Status.TERMINATED)
    assert terminated.kind == Kind.MOU and terminated.termination_reason
    assert terminated.renewals.get().status == Status.DRAFT

    waiting = Agreement.objects.get(status=Status.AWAITING_APPROVAL)
    assert waiting.kind == Kind.MOU and not waiting.owner.is_national_unit

    approved = agreement("Bawaslu Provinsi Kalimantan Selatan", "Universitas Lambung Mangkurat")
    assert approved.status == Status.SIGNED
    assert approved.approval_reference.startswith("B/123/KA.BAWASLU/HK.01/")
    assert approved.approved_on <= approved.signed_on


def test_every_demo_agreement_passes_every_rule(output):
    stored = demo.demo_agreements()
    assert len(stored) == Agreement.objects.count() == 14
    for item in stored:
        assert_valid(item)
    assert_followup_valid()


def assert_followup_valid():
    """Every record after signing passes its checks, and every addendum its rules."""
    for model in (Activity, Evaluation, AgreementContact, InstitutionContact):
        for record in model.objects.all():
            record.full_clean()
    for agreement in Agreement.objects.filter(addenda__isnull=False).distinct():
        assert addenda.violations(agreement, agreement.amendments()) == []


def test_the_demo_shows_the_life_after_signing(output):
    today = timezone.localdate()
    kemenag = agreement("Komisi Pemilihan Umum Republik Indonesia", "Kementerian Agama")
    assert kemenag.is_extended and "penelitian" in kemenag.terms_on(today).scope_codes
    assert kemenag.evaluations.count() == 1
    assert list(duties.evaluation_overdue(Agreement.objects.all(), today)).count(kemenag) == 1
    assert Activity.objects.count() == 5
    assert Agreement.objects.get(status=Status.TERMINATED).renewals.get().status == Status.DRAFT
    assert duties.without_activity(Agreement.objects.all(), today).exists()


def test_second_run_changes_nothing(output):
    before = (
        sorted(Agreement.objects.values_list("pk", "updated_at")),
        sorted(Party.objects.values_list("pk", flat=True)),
        Institution.objects.count(),
        Agreement.history.count(),
        Institution.history.count(),
    )
    assert load() == [SUMMARY.format(created=0, partners=0), RECORDS.format(created=0)]
    assert (
        sorted(Agreement.objects.values_list("pk", "updated_at")),
        sorted(Party.objects.values_list("pk", flat=True)),
        Institution.objects.count(),
        Agreement.history.count(),
        Institution.history.count(),
    ) == before


@pytest.mark.parametrize("later", [datetime.date(2027, 2, 28), datetime.date(2029, 12, 31)])
def test_a_later_run_keeps_the_signed_records_and_still_obeys_the_rules(output, later):
    """Loaded again months later, the signed agreements keep the dates they were signed with
    (re-dating a signed MoU would break its PKS); only the dates of the unsigned ones follow."""
    signed_before = sorted(
        Agreement.objects.filter(ever_signed=True).values_list(
            "pk", "signed_on", "valid_from", "valid_until", "status"
        )
    )
    ids = sorted(Agreement.objects.values_list("pk", flat=True))

    summary = demo.load_demo_data(today=later)

    assert summary.agreements["created"] == 0
    assert sorted(Agreement.objects.values_list("pk", flat=True)) == ids
    assert (
        sorted(
            Agreement.objects.filter(ever_signed=True).values_list(
                "pk", "signed_on", "valid_from", "valid_until", "status"
            )
        )
        == signed_before
    )
    for item in Agreement.objects.all():
        assert_valid(item)
    assert_followup_valid()
