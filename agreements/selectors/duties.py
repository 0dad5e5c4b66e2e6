"""What needs doing: the agreements the reminders (notifications) and the dashboard both list
("ending soon", "MoUs still without a PKS", "awaiting approval", "evaluation overdue") and the
agreements signed but not used. Each takes a queryset of agreements (scoped or not) and returns
one, so the caller may scope, count or page it."""

import datetime

from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Least

from agreements.models import SIGNED_STATUSES, Activity, Agreement, Evaluation, Kind, Status
from agreements.periods import add_months, overdue_threshold
from partners.models import Level

PKS_DUE_MONTHS = 6
# "Signed and unused": in force this many months with no activity in them, by default.
UNUSED_MONTHS = 12


def with_end(queryset):
    """Annotate ``parent_ends_on`` (a PKS's parent MoU ends: its termination or its end of
    validity, whichever is first) and ``ends_on`` (the earlier of the agreement's own end and
    its parent's: when a PKS loses its basis, it ends in practice). Ends of validity count
    the addenda (``effective_until``)."""
    parent_end = Least(
        Coalesce("parent__terminated_on", "parent__effective_until"), "parent__effective_until"
    )
    return queryset.annotate(
        parent_ends_on=parent_end,
        ends_on=Least("effective_until", Coalesce(parent_end, "effective_until")),
    )


def ending_within(queryset, day, days):
    """Agreements signed and in force on ``day`` (not being terminated) that end, by
    ``ends_on``, within ``days`` days: the soonest first."""
    return (
        with_end(queryset.in_force_on(day).filter(status=Status.SIGNED))
        .filter(ends_on__gte=day, ends_on__lte=day + datetime.timedelta(days=days))
        .order_by("ends_on", "pk")
    )


def mous_without_pks(queryset, day):
    """National MoUs in force on ``day``, signed at least six months before it, with no signed
    PKS under them: the guideline (Perbawaslu 7/2023) asks for a PKS within six months.

    Only national MoUs can have a PKS (rule ``national_mou_required``), so a regional one is
    never listed. ``signed_on`` may be up to three days later than ``day`` minus six months
    (month ends): check each with ``pks_due_on(mou) <= day``.
    """
    signed_pks = Agreement.objects.filter(
        parent=OuterRef("pk"), kind=Kind.PKS, status__in=SIGNED_STATUSES
    )
    latest = add_months(day, -PKS_DUE_MONTHS) + datetime.timedelta(days=3)
    return (
        queryset.in_force_on(day)
        .filter(
            kind=Kind.MOU, status=Status.SIGNED, owner__level=Level.NATIONAL, signed_on__lte=latest
        )
        .filter(~Exists(signed_pks))
        .order_by("signed_on", "pk")
    )


def pks_due_on(signed_on):
    """The day by which an MoU signed on ``signed_on`` should have a PKS."""
    return add_months(signed_on, PKS_DUE_MONTHS)


def awaiting_approval(queryset):
    """Regional MoUs waiting for the national chair's approval, the longest waiting first."""
    return (
        queryset.filter(kind=Kind.MOU, status=Status.AWAITING_APPROVAL)
        .filter(~Q(owner__level=Level.NATIONAL))
        .order_by("updated_at", "pk")
    )


def evaluation_overdue(queryset, day):
    """Agreements signed and in force on ``day`` whose yearly evaluation is overdue: the year
    after the last period evaluated (or, with none, the first year from ``valid_from``) ended
    before ``day``. Annotated with ``last_evaluated`` (the end of that period, or None); the
    longest waiting first."""
    threshold = overdue_threshold(day)
    last = (
        Evaluation.objects.filter(agreement=OuterRef("pk"))
        .order_by("-period_end")
        .values("period_end")[:1]
    )
    return (
        queryset.in_force_on(day)
        .filter(status=Status.SIGNED)
        .annotate(last_evaluated=Subquery(last))
        .filter(
            Q(last_evaluated__isnull=True, valid_from__lte=threshold)
            | Q(last_evaluated__lt=threshold)
        )
        .order_by(Coalesce("last_evaluated", "valid_from"), "pk")
    )


def without_activity(queryset, day, months=UNUSED_MONTHS):
    """Agreements signed and in force on ``day``, for ``months`` months at least, with no
    activity recorded in the ``months`` months up to ``day``: signed, and not used."""
    since = add_months(day, -months)
    recent = Activity.objects.filter(agreement=OuterRef("pk"), date__gt=since, date__lte=day)
    return (
        queryset.in_force_on(day)
        .filter(status=Status.SIGNED, valid_from__lte=since)
        .filter(~Exists(recent))
    )
