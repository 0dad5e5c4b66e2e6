"""Date formats shared by every language: day/month/year or ISO, never month/day.

The first input format is the one form widgets show and the admin's calendar writes
("30/06/2021"), so that a date reads the same in every input of the admin and the pages.
"""

DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # 30/06/2021, what the widgets show and the calendars write
    "%Y-%m-%d",  # 2021-06-30 (ISO)
    "%d-%m-%Y",  # 30-06-2021
    "%d.%m.%Y",  # 30.06.2021
    "%d %B %Y",  # 30 Juni 2021 (month name in the active language)
]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d-%m-%Y %H:%M",
]
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "j F Y, H.i"
SHORT_DATETIME_FORMAT = "d/m/Y H.i"
