"""Error answers outside DRF's own handler: the API's JSON format under /api/, Indonesian pages
elsewhere (handler400/403/404/500 in kemitraan.urls).

A database that cannot be reached (down, restarting, or out of connections), or the Redis cache
(CACHE_URL), answers 503 with Retry-After instead of a bare 500, and a body over Django's size
limit answers 413.
"""

import sys

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _
from redis import exceptions as redis_errors

from kemitraan.api import PayloadTooLarge

UNAVAILABLE = (
    OperationalError,
    InterfaceError,
    redis_errors.ConnectionError,
    redis_errors.TimeoutError,
)


def wants_json(request):
    return request.path.startswith("/api/")


def json_error(status, code, detail):
    """An answer in the API's error format, {"detail", "code"}."""
    return JsonResponse({"detail": detail, "code": code}, status=status)


def bad_request(request, exception=None):
    if isinstance(exception, RequestDataTooBig):
        return payload_too_large(request)
    if wants_json(request):
        return json_error(400, "bad_request", _("The request could not be understood."))
    return render(request, "400.html", status=400)


def payload_too_large(request):
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if wants_json(request):
        error = PayloadTooLarge(limit)
        return json_error(413, error.default_code, str(error.detail))
    return render(request, "413.html", {"megabytes": f"{limit / 1024 / 1024:.1f}"}, status=413)


def permission_denied(request, exception=None):
    if wants_json(request):
        return json_error(
            403, "permission_denied", _("You do not have permission to perform this action.")
        )
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    if wants_json(request):
        return json_error(404, "not_found", _("Not found."))
    return render(request, "404.html", status=404)


def server_error(request):
    """500, or 503 when what failed is the connection to the database or the cache.

    Django calls this inside its handling of the exception, so the exception is at hand; it has
    already been logged, with its traceback, to the ``django.request`` logger.
    """
    if isinstance(sys.exc_info()[1], UNAVAILABLE):
        return service_unavailable(request)
    if wants_json(request):
        return json_error(
            500,
            "server_error",
            _("An error occurred on the server. It has been recorded; try again later."),
        )
    return _plain_response(request, "500.html", 500)


def service_unavailable(request):
    if wants_json(request):
        response = json_error(
            503,
            "service_unavailable",
            _("The database cannot be reached for the moment: try again in a few seconds."),
        )
    else:
        response = _plain_response(request, "503.html", 503)
    response["Retry-After"] = str(settings.DATABASE_RETRY_AFTER)
    return response


def _plain_response(request, template, status):
    """A page that needs nothing but the template: no user, no session, no database, since
    any of them may be what failed."""
    return HttpResponse(loader.render_to_string(template), status=status)
