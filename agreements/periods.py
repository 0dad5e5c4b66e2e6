"""Calendar periods: months added the way people count them, and the yearly evaluation periods
of an agreement (every document's Pasal Evaluasi: the parties evaluate it each year).

A period starts on ``valid_from`` (or the day after the last period evaluated) and runs a year
less a day; its evaluation is due on its last day, or on the agreement's end if that is sooner.
"""

import calendar
import datetime

EVALUATION_MONTHS = 12
ONE_DAY = datetime.timedelta(days=1)


def add_months(day, months):
    """``day`` plus ``months`` calendar months (31 August + 6 months is the last of February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def period_from(start, agreement_end):
    """The evaluation period that starts on ``start``: (start, end), the end a year less a day
    later or the agreement's end if sooner; None if the agreement has ended by ``start``."""
    if agreement_end is not None and start > agreement_end:
        return None
    end = add_months(start, EVALUATION_MONTHS) - ONE_DAY
    return start, min(end, agreement_end) if agreement_end else end


def next_period(valid_from, last_period_end, agreement_end):
    """The period to evaluate after the one that ended on ``last_period_end`` (None: none
    evaluated yet, so the first, from ``valid_from``)."""
    start = valid_from if last_period_end is None else last_period_end + ONE_DAY
    return period_from(start, agreement_end) if start else None


def due_on(valid_from, last_period_end, agreement_end):
    """The day the next evaluation is due (the last day of the next period), or None."""
    period = next_period(valid_from, last_period_end, agreement_end)
    return period[1] if period else None


def overdue_threshold(day):
    """The latest start of a period whose full year (its due day) has passed before ``day``.

    A period starting on ``start`` is due on ``add_months(start, 12) - 1 day``, so it is
    overdue on ``day`` exactly when ``start`` is on or before this threshold: the SQL filter of
    overdue evaluations compares with it.
    """
    threshold = add_months(day, -EVALUATION_MONTHS)
    while add_months(threshold + ONE_DAY, EVALUATION_MONTHS) <= day:
        threshold += ONE_DAY
    while add_months(threshold, EVALUATION_MONTHS) > day:
        threshold -= ONE_DAY
    return threshold
