"""What the pages show of the life after signing: the dashboard's lists (agreements whose
yearly evaluation is overdue, agreements signed but not used; beside ``dashboard``, whose
``first_shown`` they use, the queries being in ``duties``) and the partner page's contacts,
activities and renewals of its MoUs."""

from django.db.models import F, OuterRef, Q, Subquery
from django.utils.translation import gettext as _

from agreements import periods, renewal
from agreements.access import profile_of, visible_agreements
from agreements.models import Activity, Party
from agreements.selectors import duties
from agreements.selectors.dashboard import first_shown
from kemitraan.dates import long_date

ACTIVITIES_SHOWN = 10


def evaluations_overdue(user, day):
    """The agreements the user may read whose evaluation is overdue, the longest waiting first
    (at most ``dashboard.EXPIRING_SHOWN``), and how many there are in all."""
    shown, total = first_shown(duties.evaluation_overdue(visible_agreements(user), day))
    for agreement in shown:
        agreement.listed_on = periods.due_on(
            agreement.valid_from, agreement.last_evaluated, agreement.runs_until
        )
        agreement.note = (
            _("last period evaluated: until %(day)s") % {"day": long_date(agreement.last_evaluated)}
            if agreement.last_evaluated
            else _("never evaluated")
        )
    return shown, total


def signed_unused(user, day, months=duties.UNUSED_MONTHS):
    """The agreements the user may read that are in force with no activity for ``months``
    months, those never used first, and how many there are in all."""
    last = Activity.objects.filter(agreement=OuterRef("pk")).order_by("-date").values("date")[:1]
    agreements = (
        duties.without_activity(visible_agreements(user), day, months)
        .annotate(last_activity=Subquery(last))
        .order_by(F("last_activity").asc(nulls_first=True), "valid_from", "pk")
    )
    shown, total = first_shown(agreements)
    for agreement in shown:
        agreement.listed_on = agreement.last_activity or agreement.valid_from
        agreement.note = (
            _("date of the last activity")
            if agreement.last_activity
            else _("never used: the day it came into force")
        )
    return shown, total


def dashboard_lists(user, day):
    """The dashboard's context for ``pages/includes/dashboard_followup.html``."""
    overdue, overdue_total = evaluations_overdue(user, day)
    unused, unused_total = signed_unused(user, day)
    return {
        "evaluations_overdue": overdue,
        "evaluations_overdue_total": overdue_total,
        "unused": unused,
        "unused_total": unused_total,
        "unused_months": duties.UNUSED_MONTHS,
    }


# ---- the partner page: its contacts, the activities with it, its MoUs' renewals ----------


def with_renewals(user, mous):
    """Attach to each of ``mous`` what it renews (``renews``: a ``renewal.Link`` or None) and
    what renews it (``renewed_by``: links), among the agreements the user may read, in one
    query."""
    ids = [mou.pk for mou in mous]
    previous_ids = [mou.renewal_of_id for mou in mous if mou.renewal_of_id]
    related = (
        list(
            visible_agreements(user)
            .filter(Q(renewal_of__in=ids) | Q(pk__in=previous_ids))
            .order_by("pk")
        )
        if mous
        else []
    )
    by_id = {agreement.pk: agreement for agreement in related}
    for mou in mous:
        previous = by_id.get(mou.renewal_of_id)
        mou.renews = renewal.Link(previous, mou) if previous else None
        mou.renewed_by = [
            renewal.Link(mou, other) for other in related if other.renewal_of_id == mou.pk
        ]
    return mous


def partner_activities(institution):
    """The latest activities under agreements to which ``institution`` is a party, or in which
    it took part (at most ``ACTIVITIES_SHOWN``), and how many in all."""
    under = Party.objects.filter(institution=institution).values("agreement")
    activities = (
        Activity.objects.filter(Q(agreement__in=under) | Q(partners=institution))
        .distinct()
        .select_related("agreement__owner")
        .order_by("-date", "-pk")
    )
    return list(activities[:ACTIVITIES_SHOWN]), activities.count()


def partner_extras(user, institution, mous):
    """The partner page's context for ``pages/includes/partner_followup.html``: its contact
    persons (staff of a unit only), the activities with it, and its MoUs' renewals."""
    with_renewals(user, mous)
    activities, total = partner_activities(institution)
    staff = user.is_superuser or profile_of(user) is not None
    return {
        "contacts": list(institution.contacts.all()) if staff else None,
        "activities": activities,
        "activities_total": total,
    }
