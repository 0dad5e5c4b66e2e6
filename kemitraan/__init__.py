"""Kemitraan project package; loads the Celery application with Django (``celery -A kemitraan``)."""

from kemitraan.celery import app as celery_app

__all__ = ["celery_app"]
