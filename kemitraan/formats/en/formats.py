"""English formats: the same unambiguous dates as in Indonesian ("30 June 2021")."""

from kemitraan.formats.dates import *  # noqa: F401,F403

FIRST_DAY_OF_WEEK = 1
