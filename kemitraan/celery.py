"""The Celery application: the tasks of every app, configured from the Django settings
(``CELERY_*``). Without ``CELERY_BROKER_URL`` tasks run in-process
(``CELERY_TASK_ALWAYS_EAGER``)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kemitraan.settings")

app = Celery("kemitraan")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
