"""The Celery application: settings from Django's (CELERY_*), tasks found in the apps."""

from celery import Celery

app = Celery("kemitraan")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
