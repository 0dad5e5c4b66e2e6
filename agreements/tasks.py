"""Background tasks of the agreements app (Celery; in-process without a broker)."""

from celery import shared_task
from django.utils import timezone

from agreements import tally


@shared_task
def count_the_new_day():
    """Count "in force" for the new day before the first dashboard visitor has to wait for it
    (``agreements.tally``; nothing to do on databases without the tally)."""
    if tally.kept():
        tally.rebuild(timezone.localdate())
