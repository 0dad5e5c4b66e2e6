"""The admin's history pages as a clerk reads them (django-simple-history's context helper)."""

import datetime
import posixpath

from django.db.models.fields.files import FieldFile
from django.utils.html import conditional_escape
from django.utils.translation import gettext as _
from simple_history.template_utils import HistoricalRecordContextHelper

from kemitraan.dates import long_date

NOTHING = "—"


def readable(field, value):
    """A field's value in words: "A, B" for a list, "30 Juni 2021" for a date, a choice by its
    label, "ya"/"tidak", a file by its name, "—" for nothing."""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or NOTHING
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if value is None or value == "":
        return NOTHING
    if isinstance(value, datetime.date):
        return long_date(value)
    if isinstance(value, FieldFile):
        return posixpath.basename(value.name) if value.name else NOTHING
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


class ReadableHistory(HistoricalRecordContextHelper):
    """Each change whole (titles and scope lists are long), in words rather than as Python
    values: no "[] → [Sosialisasi …]", no "2024-06-14", no choice codes."""

    def prepare_delta_change_value(self, change, value):
        prepared = super().prepare_delta_change_value(change, value)
        return readable(self.model._meta.get_field(change.field), prepared)

    def stringify_delta_change_values(self, change, old, new):
        return conditional_escape(old), conditional_escape(new)


class ReadableHistoryMixin:
    """For SimpleHistoryAdmins: the history list in words (``ReadableHistory``)."""

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableHistory(self.model, historical_record)
