"""How the report's header names the filters that were applied."""

import datetime

from django.utils.translation import gettext_lazy

from agreements.models import Agreement, Kind, Status
from kemitraan.dates import long_date
from partners.models import Body, Category, Institution, Level, Region

FILTER_LABELS = {
    "kind": gettext_lazy("Kind"),
    "status": gettext_lazy("Status"),
    "owner": gettext_lazy("First party"),
    "body": gettext_lazy("Election body"),
    "level": gettext_lazy("Level"),
    "province": gettext_lazy("Province"),
    "partner": gettext_lazy("Partner"),
    "partner_category": gettext_lazy("Partner category"),
    "parent": gettext_lazy("Parent MoU"),
    "in_force_on": gettext_lazy("In force on"),
    "expiring_within": gettext_lazy("Ending within (days)"),
    "unused_months": gettext_lazy("Not used for (months)"),
    "signed_from": gettext_lazy("Signed from"),
    "signed_until": gettext_lazy("Signed until"),
    "q": gettext_lazy("Search term"),
}
CHOICE_LABELS = {
    "kind": Kind,
    "status": Status,
    "body": Body,
    "level": Level,
    "partner_category": Category,
}
NAMED_RECORDS = {
    "province": Region,
    "owner": Institution,
    "partner": Institution,
    "parent": Agreement,
}


def describe_filters(cleaned_data):
    """The filters applied, as (label, value) for the report's header."""
    described = []
    for name, label in FILTER_LABELS.items():
        value = cleaned_data.get(name)
        if value in (None, ""):
            continue
        described.append((str(label), filter_value_label(name, value)))
    return described


def filter_value_label(name, value):
    """How the header shows one filter's value: a label, a name or a date."""
    if name in CHOICE_LABELS:
        return str(CHOICE_LABELS[name](value).label)
    if name in NAMED_RECORDS:
        record = NAMED_RECORDS[name].objects.filter(pk=value).first()
        return str(record) if record else str(value)
    if isinstance(value, datetime.date):
        return long_date(value)
    return str(value)
