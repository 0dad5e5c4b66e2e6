"""Two writers at once, on two real PostgreSQL connections: a PKS being signed while its MoU is
ended, and two clerks saving the same agreement. The rows the rules read are locked, so the
second writer waits, then sees what the first one committed."""

import datetime
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from agreements import services
from agreements.models import Agreement, Kind, Party, Status
from kemitraan.versioning import StaleVersion
from tests.conftest import make_agreement

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks need PostgreSQL (SQLite locks the whole file)",
    ),
]
PKS_SIGNED = datetime.date(2024, 6, 1)
WAIT = 10  # seconds a thread waits for the other at most


class Writer(threading.Thread):
    """Runs ``work`` in a transaction on its own database connection; can hold the
    transaction open after the work until ``release`` is set."""

    def __init__(self, work, hold=False):
        super().__init__(daemon=True)
        self.work, self.hold = work, hold
        self.done, self.release = threading.Event(), threading.Event()
        self.error = None

    def run(self):
        try:
            with transaction.atomic():
                self.work()
                self.done.set()
                if self.hold:
                    self.release.wait(WAIT)
        except Exception as error:  # noqa: BLE001 (reported to the test)
            self.error = error
        finally:
            self.done.set()
            connection.close()


def new_pks(world, mou_id):
    """Sign a PKS of KPU Jatim with Kanwil Kemenag under the MoU, on 1 June 2024."""

    def work():
        mou = Agreement.objects.get(pk=mou_id)
        make_agreement(
            world.kpu_jatim,
            [world.kanwil_kemenag_jatim],
            ["sosialisasi"],
            kind=Kind.PKS,
            parent=mou,
            signed_on=PKS_SIGNED,
            valid_until=datetime.date(2026, 5, 31),
            title="PKS yang berlomba",
        )

    return work


def terminate(mou_id, day=datetime.date(2024, 3, 1)):
    """End the MoU early, on a day before the PKS would be signed."""

    def work():
        mou = Agreement.objects.get(pk=mou_id)
        mou.status, mou.terminated_on = Status.TERMINATED, day
        mou.termination_reason = "Diakhiri lebih awal"
        services.save_agreement(
            mou, services.current_parties(mou), services.current_scope_codes(mou)
        )

    return work


def blocked(thread, seconds=0.5):
    """Whether ``thread`` is still waiting (for the other one's lock) after ``seconds``."""
    time.sleep(seconds)
    return not thread.done.is_set()


def codes(error):
    return {code for errors in error.error_dict.values() for e in errors for code in [e.code]}


def test_an_mou_ended_while_a_pks_is_signed_under_it_waits_and_is_refused(world, national_mou):
    signing = Writer(new_pks(world, national_mou.pk), hold=True)
    signing.start()
    assert signing.done.wait(WAIT) and signing.error is None
    ending = Writer(terminate(national_mou.pk))
    ending.start()
    assert blocked(ending), "the MoU's row should be locked by the PKS being signed"
    signing.release.set()
    signing.join(WAIT)
    ending.join(WAIT)
    assert isinstance(ending.error, ValidationError)
    assert codes(ending.error) == {"mou_change_breaks_pks"}
    assert Agreement.objects.get(pk=national_mou.pk).status == Status.SIGNED
    assert Agreement.objects.filter(title="PKS yang berlomba").exists()


def test_a_pks_signed_while_its_mou_is_ended_waits_and_is_refused(world, national_mou):
    ending = Writer(terminate(national_mou.pk), hold=True)
    ending.start()
    assert ending.done.wait(WAIT) and ending.error is None
    signing = Writer(new_pks(world, national_mou.pk))
    signing.start()
    assert blocked(signing), "the PKS should wait for the MoU being ended"
    ending.release.set()
    ending.join(WAIT)
    signing.join(WAIT)
    assert isinstance(signing.error, ValidationError)
    assert codes(signing.error) == {"mou_not_in_force"}
    assert not Agreement.objects.filter(title="PKS yang berlomba").exists()


@pytest.mark.parametrize("trial", range(7))
def test_of_a_pair_started_together_never_both_succeed(world, national_mou, trial):
    """The issue's seven concurrent pairs: now at most one of each pair succeeds, and what is
    stored obeys every rule."""
    start = threading.Barrier(2)
    writers = [
        Writer(lambda work=work: (start.wait(WAIT), work()))
        for work in (new_pks(world, national_mou.pk), terminate(national_mou.pk))
    ]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(WAIT)
    assert sum(writer.error is None for writer in writers) == 1, [w.error for w in writers]
    mou = Agreement.objects.get(pk=national_mou.pk)
    for pks in Agreement.objects.filter(parent=mou):
        services.validate_agreement(pks, list(pks.parties.all()), services.current_scope_codes(pks))


def test_two_clerks_saving_the_same_version_cannot_both_win(world, national_mou):
    """Both read version N; the first save wins, the second is refused, nothing is lost."""
    read = Agreement.objects.get(pk=national_mou.pk).version

    def rename(title):
        def work():
            mou = Agreement.objects.get(pk=national_mou.pk)
            mou.title = title
            services.save_agreement(
                mou,
                services.current_parties(mou),
                services.current_scope_codes(mou),
                expected_version=read,
            )

        return work

    first = Writer(rename("Judul pertama"), hold=True)
    first.start()
    assert first.done.wait(WAIT) and first.error is None
    second = Writer(rename("Judul kedua"))
    second.start()
    assert blocked(second)
    first.release.set()
    first.join(WAIT)
    second.join(WAIT)
    assert isinstance(second.error, StaleVersion)
    stored = Agreement.objects.get(pk=national_mou.pk)
    assert (stored.title, stored.version) == ("Judul pertama", read + 1)
    assert Party.objects.filter(agreement=stored).count() == 2
