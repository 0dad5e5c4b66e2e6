"""The dashboard's lists of what happens after signing: agreements whose yearly evaluation is
overdue, and agreements signed but not used (no activity for months). Beside ``dashboard``,
whose ``first_shown`` they use; the queries themselves are in ``duties``."""

from django.db.models import F, OuterRef, Subquery
from django.utils.translation import gettext as _

from agreements import periods
from agreements.access import visible_agreements
from agreements.models import Activity
from agreements.selectors import duties
from agreements.selectors.dashboard import first_shown
from kemitraan.dates import long_date


def evaluations_overdue(user, day):
    """The agreements the user may read whose evaluation is overdue, the longest waiting first
    (at most ``dashboard.EXPIRING_SHOWN``), and how many there are in all."""
    shown, total = first_shown(duties.evaluation_overdue(visible_agreements(user), day))
    for agreement in shown:
        agreement.listed_on = periods.due_on(agreement.valid_from, agreement.last_evaluated,
                                             agreement.runs_until)
        agreement.note = (_("last period evaluated: until %(day)s")
                          % {"day": long_date(agreement.last_evaluated)}
                          if agreement.last_evaluated else _("never evaluated"))
    return shown, total


def signed_unused(user, day, months=duties.UNUSED_MONTHS):
    """The agreements the user may read that are in force with no activity for ``months``
    months, those never used first, and how many there are in all."""
    last = (Activity.objects.filter(agreement=OuterRef("pk")).order_by("-date")
            .values("date")[:1])
    agreements = (duties.without_activity(visible_agreements(user), day, months)
                  .annotate(last_activity=Subquery(last))
                  .order_by(F("last_activity").asc(nulls_first=True), "valid_from", "pk"))
    shown, total = first_shown(agreements)
    for agreement in shown:
        agreement.listed_on = agreement.last_activity or agreement.valid_from
        agreement.note = (_("last activity") if agreement.last_activity
                          else _("in force since; no activity recorded"))
    return shown, total


def dashboard_lists(user, day):
    """The dashboard's context for ``pages/includes/dashboard_followup.html``."""
    overdue, overdue_total = evaluations_overdue(user, day)
    unused, unused_total = signed_unused(user, day)
    return {"evaluations_overdue": overdue, "evaluations_overdue_total": overdue_total,
            "unused": unused, "unused_total": unused_total, "unused_months": duties.UNUSED_MONTHS}
