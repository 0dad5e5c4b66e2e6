"""The project's settings, with the benchmark's URLs (the raw view next to the app's)."""

from kemitraan.settings import *  # noqa: F403 (the project's settings, unchanged)

ROOT_URLCONF = "rawview.urls"
