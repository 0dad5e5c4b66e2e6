"""Date formats shared by every language: ISO or day/month/year, never month/day."""

DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # 2021-06-30, the form widgets show this one
    "%d/%m/%Y",  # 30/06/2021
    "%d-%m-%Y",  # 30-06-2021
    "%d.%m.%Y",  # 30.06.2021
    "%d %B %Y",  # 30 Juni 2021 (month name in the active language)
]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d/%m/%Y %H:%M",
    "%d-%m-%Y %H:%M",
]
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "j F Y, H.i"
SHORT_DATETIME_FORMAT = "d/m/Y H.i"
