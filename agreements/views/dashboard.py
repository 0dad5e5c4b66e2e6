"""The dashboard (/dasbor/): where cooperation stands (``agreements.selectors.dashboard``)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from agreements.access import is_national
from agreements.coverage_map import coverage_map
from agreements.models import EXPIRING_WITHIN_DAYS, Status
from agreements.selectors import dashboard as statistics
from agreements.selectors import followup
from partners.models import Body


@login_required
def dashboard(request):
    """Counts by kind, status and body; agreements ending soon; coverage by province;
    partners by category."""
    day = timezone.localdate()
    expiring_shown, expiring_total = statistics.expiring(request.user, day)
    without_pks, without_pks_total = statistics.without_pks(request.user, day)
    waiting, waiting_total = statistics.waiting_for_approval(request.user)
    provinces, coverage_total = statistics.coverage_by_province(day)
    counts = statistics.agreement_counts(day)
    categories = statistics.partners_by_category()
    return render(request, "pages/dashboard.html", {
        "today": day,
        "statuses": Status.choices,
        "bodies": Body.choices,
        "counts": counts,
        "in_force": statistics.in_force_by_kind(counts),
        "partner_total": sum(bar.value for bar in categories),
        "expiring": expiring_shown,
        "expiring_total": expiring_total,
        "expiring_days": EXPIRING_WITHIN_DAYS,
        "without_pks": without_pks,
        "without_pks_total": without_pks_total,
        "waiting": waiting,
        "waiting_total": waiting_total,
        "sees_everything": is_national(request.user),
        "provinces": provinces,
        "province_map": coverage_map(provinces),
        "coverage_total": coverage_total,
        "categories": categories,
        **followup.dashboard_lists(request.user, day),
    })
