"""WSGI entry point (gunicorn kemitraan.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kemitraan.settings")
application = get_wsgi_application()
