"""What a client locked out by django-axes is told: when to try again, in the door's own form."""

import datetime

from axes.helpers import get_cool_off
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.throttling import BaseThrottle

from kemitraan import errors


def client_ip(request):
    """The client's address, as DRF's throttles read it (``NUM_PROXIES`` behind nginx)."""
    return BaseThrottle().get_ident(request)


def lockout_seconds(request=None):
    return int(get_cool_off(request).total_seconds())


def lockout_message(seconds):
    return _(
        "Too many failed sign-ins for this account from this address: try again in "
        "%(minutes)d minutes."
    ) % {"minutes": seconds // 60}


def lockout_response(request, original_response=None, credentials=None):
    """429 with Retry-After: the API's error format under /api/, an Indonesian page elsewhere."""
    seconds = lockout_seconds(request)
    if errors.wants_json(request):
        response = errors.json_error(429, "too_many_requests", lockout_message(seconds))
    else:
        response = render(
            request,
            "accounts/locked_out.html",
            {
                "minutes": seconds // 60,
                "until": timezone.localtime() + datetime.timedelta(seconds=seconds),
            },
            status=429,
        )
    response["Retry-After"] = str(seconds)
    return response
