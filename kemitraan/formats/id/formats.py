"""Indonesian formats: "30 Juni 2021", day/month/year input."""

from kemitraan.formats.dates import *  # noqa: F401,F403

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
FIRST_DAY_OF_WEEK = 1
