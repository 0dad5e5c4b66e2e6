"""The dashboard (/dasbor/): where cooperation stands (``agreements.selectors.dashboard``)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from agreements.access import is_national
from agreements.coverage_map import coverage_map
from agreements.models import EXPIRING_WITHIN_DAYS, Status
from agreements.selectors import dashboard as statistics
from agreements.selectors import followup
from agreements.selectors.province import units_with_pks
from partners.models import Body


def province_of(request, provinces, day):
    """The province asked for with ``?province=<code>`` (the map's links), with its election
    units holding a PKS in force; None without; 404 for a code that is no province."""
    code = request.GET.get("province")
    if not code:
        return None
    province = next((row for row in provinces if row.code == code), None)
    if province is None:
        raise Http404("No such province")
    province.units = units_with_pks(code, day)
    province.by_body = list(zip(Body.labels, province.cells, strict=True))
    return province


@login_required
def dashboard(request):
    """Counts by kind, status and body; agreements ending soon; coverage by province (one of
    them in detail with ``?province=``); partners by category."""
    day = timezone.localdate()
    expiring_shown, expiring_total = statistics.expiring(request.user, day)
    without_pks, without_pks_total = statistics.without_pks(request.user, day)
    waiting, waiting_total = statistics.waiting_for_approval(request.user)
    counts = statistics.agreement_counts(day)  # first: it brings the tally to today
    provinces, coverage_total = statistics.coverage_by_province(day)
    selected = province_of(request, provinces, day)
    categories = statistics.partners_by_category()
    return render(
        request,
        "pages/dashboard.html",
        {
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
            "selected_province": selected,
            "uncovered_provinces": [p for p in provinces if not any(c.covered for c in p.cells)],
            "province_map": coverage_map(provinces),
            "coverage_total": coverage_total,
            "categories": categories,
            **followup.dashboard_lists(request.user, day),
        },
    )
