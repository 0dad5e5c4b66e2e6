"""The dashboard's counts of the register: per owner unit, kind and status, how many agreements
there are and how many are in force on a day.

On PostgreSQL they are kept in ``AgreementTally`` by triggers (migration
``0009_agreement_tally_triggers``): every insert, update or delete of an agreement, whatever
made it (the write service, ``bulk_create``, a queryset update, raw SQL), adjusts its rows in
the same transaction, so the numbers are true as soon as the change is committed, and the
dashboard reads a few thousand rows however many agreements there are. "In force" depends on
the day: the triggers count it for the day in ``TallyDay``, and the first reader on a new day
rebuilds the tally for that day (under a lock that holds writers back for the moment it takes).
Other databases count the agreements table itself.
"""

from django.db import connection, transaction
from django.db.models import Count, Exists, Sum

from agreements.models import Agreement, AgreementTally, Kind, TallyDay, in_force_condition
from partners.models import Category

TALLY_DAY_ID = 1  # the one row of TallyDay, as the triggers read it


def kept():
    return connection.vendor == "postgresql"


def live(day):
    """The tally's rows counted from the agreements table (what the triggers maintain)."""
    return (
        Agreement.objects.order_by()
        .values("owner_id", "kind", "status")
        .annotate(total=Count("pk"), in_force=Count("pk", filter=in_force_condition(day)))
    )


def counts(day):
    """(body, kind, status, total, in force on ``day``) for the whole register (one query;
    on PostgreSQL, on the first call of a new day, the rebuild first)."""
    if not kept():
        return list(
            Agreement.objects.order_by()
            .values_list("owner__body", "kind", "status")
            .annotate(total=Count("pk"), in_force=Count("pk", filter=in_force_condition(day)))
        )
    # Owners are election units (rule owner_not_election_body): naming the category lets the
    # join read those 1,106 rows by index rather than hash every institution.
    rows = list(
        AgreementTally.objects.filter(owner__category=Category.ELECTION_BODY)
        .order_by()
        .annotate(current=Exists(TallyDay.objects.filter(day=day)))
        .values_list("owner__body", "kind", "status", "current")
        .annotate(total=Sum("total"), in_force=Sum("in_force"))
    )
    if (not rows or not all(row[3] for row in rows)) and rebuild(day):
        return counts(day)
    return [
        (body, kind, status, total, in_force) for body, kind, status, _, total, in_force in rows
    ]


def pks_holders(day):
    """The owners with at least one PKS in force on ``day``, as a subquery. On PostgreSQL it
    reads the tally, so call ``counts(day)`` first (it rebuilds a tally of another day)."""
    if not kept():
        return Agreement.objects.pks().in_force_on(day).values("owner")
    return AgreementTally.objects.filter(
        Exists(TallyDay.objects.filter(day=day)), kind=Kind.PKS, in_force__gt=0
    ).values("owner")


def rebuild(day):
    """Count the register afresh for ``day``, unless the tally already is for it; whether it
    was rebuilt. Writers wait for the lock (they would change what is being counted)."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("LOCK TABLE agreements_agreement IN SHARE ROW EXCLUSIVE MODE")
        if TallyDay.objects.filter(pk=TALLY_DAY_ID, day=day).exists():
            return False
        AgreementTally.objects.all().delete()
        AgreementTally.objects.bulk_create(AgreementTally(**row) for row in live(day))
        TallyDay.objects.update_or_create(pk=TALLY_DAY_ID, defaults={"day": day})
    return True
