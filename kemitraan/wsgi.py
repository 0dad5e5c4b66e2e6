"""WSGI entry point (gunicorn kemitraan.wsgi)."""

import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

from agreements import pdf

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kemitraan.settings")
application = get_wsgi_application()


def refuse_development_key():
    """Serving with DEBUG off needs a real SECRET_KEY (tests serve with the development key)."""
    from kemitraan.environment import env_flag
    from kemitraan.settings import DEVELOPMENT_SECRET_KEY

    if (
        not settings.DEBUG
        and settings.SECRET_KEY == DEVELOPMENT_SECRET_KEY
        and not env_flag("KEMITRAAN_TESTING")
    ):
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable, "
            "or DEBUG=1 for development."
        )


refuse_development_key()
# Each server process (a gunicorn worker, runserver after every reload) loads the PDF fonts
# now, so that its first document costs what the others do.
pdf.warm_up()
