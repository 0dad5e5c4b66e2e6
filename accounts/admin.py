"""The admin of signing in: the API tokens are not listed.

Tokens are kept as hashes (knox), issued through ``POST /api/v1/auth/token/`` and revoked on
sign-out, on a password change and through ``POST /api/v1/auth/logout/``: a list of digests would
help nobody, so knox's admin is removed. django-axes keeps its admin (failed sign-ins, lockouts).
"""

from django.contrib import admin
from knox.models import AuthToken

if admin.site.is_registered(AuthToken):
    admin.site.unregister(AuthToken)
