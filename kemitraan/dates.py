"""Dates as people read them: "30 Juni 2021" in running text, "30/06/2021" in tables.

The one place that formats dates for messages, pages, reports and documents, so that they read
the same everywhere. Formats follow the active language (``kemitraan.formats``); a legal
document passes ``language="id"`` to stay Indonesian whatever the reader's choice.
"""

from django.utils import formats, translation


def _formatted(day, format_name, blank, language):
    if day is None:
        return blank
    if language is None:
        return formats.date_format(day, format_name)
    with translation.override(language):
        return formats.date_format(day, format_name)


def long_date(day, blank="", language=None):
    """ "30 Juni 2021"; ``blank`` when there is no date."""
    return _formatted(day, "DATE_FORMAT", blank, language)


def short_date(day, blank="", language=None):
    """ "30/06/2021"; ``blank`` when there is no date."""
    return _formatted(day, "SHORT_DATE_FORMAT", blank, language)


def long_datetime(moment, blank="", language=None):
    """ "30 Juni 2021, 14.05" (in the time zone the caller gives ``moment`` in)."""
    return _formatted(moment, "DATETIME_FORMAT", blank, language)


def day_name(day, language=None):
    """The weekday's name: "Senin"."""
    return _formatted(day, "l", "", language)


def month_name(day, language=None):
    """The month's name: "Januari"."""
    return _formatted(day, "F", "", language)
