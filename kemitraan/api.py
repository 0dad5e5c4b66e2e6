"""API pieces shared by the apps: the error format, pagination, validation helpers."""

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext
from rest_framework import exceptions, serializers, status
from rest_framework.pagination import CursorPagination
from rest_framework.views import exception_handler

from kemitraan import text, versioning

CLIENT_ERRORS = {
    "400": "The request is invalid or breaks a rule; `errors` names the field and the rule code.",
    "401": "Not signed in: send `Authorization: Token <key>` or a session cookie.",
    "403": "Signed in, but not allowed to do this.",
    "404": "Not found, or not visible to this user.",
    "409": "The record cannot be changed this way (e.g. a signed agreement cannot be deleted).",
    "412": "`If-Match` names a version that is no longer the current one: read the record again.",
    "413": "The request body is larger than the server accepts (2.5 MB of JSON).",
    "429": "Too many requests, or too many failed sign-ins: wait the seconds `Retry-After` gives.",
    "503": "The database cannot be reached for the moment: retry after `Retry-After` seconds.",
}


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"
    default_detail = "Conflict."


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "precondition_failed"
    default_detail = _lazy(
        "The record was changed by someone else since you read it (If-Match names an older "
        "version). Read it again, then repeat your change."
    )


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "payload_too_large"

    def __init__(self, limit):
        super().__init__(
            _("The request body is larger than %(megabytes)s MB: send less at once.")
            % {"megabytes": f"{limit / 1024 / 1024:.1f}"}
        )


class TooManyRequests(exceptions.Throttled):
    default_code = "too_many_requests"

    def __init__(self, wait=None, detail=None):
        seconds = int(wait or 1)
        super().__init__(
            wait=wait,
            detail=detail
            or ngettext(
                "Too many requests: try again in %(seconds)d second.",
                "Too many requests: try again in %(seconds)d seconds.",
                seconds,
            )
            % {"seconds": seconds},
        )


class CursorPage(CursorPagination):
    """Cursor pagination: no COUNT and no OFFSET, so a page costs the same on any table size."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "-id"

    def decode_cursor(self, request):
        """A malformed cursor is a bad request (400), like any other bad parameter."""
        try:
            return super().decode_cursor(request)
        except exceptions.NotFound as error:
            raise exceptions.ValidationError(
                {
                    "cursor": [
                        exceptions.ErrorDetail(self.invalid_cursor_message, code="invalid_cursor")
                    ]
                }
            ) from error


class ErrorItemSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable code, e.g. `national_mou_required`.")
    message = serializers.CharField(help_text="Explanation in the request's language.")


class ErrorResponseSerializer(serializers.Serializer):
    """Every error answer: a summary, a code and, for 400, the errors by field."""

    detail = serializers.CharField()
    code = serializers.CharField()
    errors = serializers.DictField(
        child=serializers.ListField(child=ErrorItemSerializer()),
        required=False,
        help_text="For 400: field name → its errors (non_field_errors for the request as a whole).",
    )


def validation_error(django_error):
    """A Django ValidationError as DRF's, keeping each error's field and code."""
    return exceptions.ValidationError(serializers.as_serializer_error(django_error))


def flat_errors(details):
    """DRF's nested error details as {field: [{code, message}]}; nested fields get dotted names."""
    if (
        isinstance(details, list)
        and details
        and isinstance(details[0], dict)
        and "code" in details[0]
    ):
        return {"non_field_errors": details}
    flat = {}
    for field, value in details.items():
        if isinstance(value, list) and all(
            isinstance(item, dict) and "code" in item for item in value
        ):
            flat[field] = value
            continue
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, nested in items:
            prefix = field if key == "non_field_errors" else f"{field}.{key}"
            for name, errors in flat_errors(nested).items():
                suffix = "" if name == "non_field_errors" else f".{name}"
                flat[f"{prefix}{suffix}"] = errors
    return flat


def error_response(exc, context):
    """DRF exception handler: every error body is {detail, code[, errors]}."""
    if isinstance(exc, DjangoValidationError):
        exc = validation_error(exc)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    elif isinstance(exc, versioning.StaleVersion):
        exc = PreconditionFailed()
    elif isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    elif isinstance(exc, exceptions.Throttled) and not isinstance(exc, TooManyRequests):
        exc = TooManyRequests(wait=exc.wait)
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        details = exc.get_full_details()
        response.data = {
            "detail": _("The request is invalid: see the errors by field."),
            "code": "invalid",
            "errors": flat_errors(details if isinstance(details, (dict, list)) else [details]),
        }
    else:
        details = exc.get_full_details()
        response.data = {"detail": str(details["message"]), "code": details["code"]}
    return response


class NulRejectingMixin:
    """Refuse text with a NUL character before it reaches the database (PostgreSQL rejects it)."""

    default_error_messages = {"null_characters": "Null characters are not allowed."}

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("null_characters")
        return super().to_internal_value(data)


class PrimaryKeyField(NulRejectingMixin, serializers.PrimaryKeyRelatedField):
    """A related record by primary key (string keys too, such as region codes)."""


class SlugField(NulRejectingMixin, serializers.SlugRelatedField):
    """A related record by a code (scope areas)."""


class BlankAsNullChoiceField(serializers.ChoiceField):
    """A choice stored as "" when absent, shown and accepted as null."""

    def __init__(self, **kwargs):
        super().__init__(allow_null=True, required=False, **kwargs)

    def to_representation(self, value):
        return value or None

    def to_internal_value(self, data):
        return "" if data in (None, "") else super().to_internal_value(data)

    def validate_empty_values(self, data):
        if data is None:
            return True, ""
        return super().validate_empty_values(data)


class CharField(serializers.CharField):
    """Text whose length limit holds for what the client sent, as the schema's ``maxLength``
    says: surrounding whitespace is trimmed only once the length is checked. Control and
    text-direction characters are refused (``invalid_character``), as the models refuse them."""

    multiline = False

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators.append(text.PlainTextValidator(multiline=self.multiline))

    def run_validation(self, data=serializers.empty):
        if isinstance(data, str) and self.max_length is not None and len(data) > self.max_length:
            self.fail("max_length", max_length=self.max_length)
        return super().run_validation(data)

    def to_internal_value(self, data):
        # The schema says string: a number is refused, not silently turned into text.
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class TextField(CharField):
    """Longer text: line breaks and tabs are allowed."""

    multiline = True


class ModelSerializer(serializers.ModelSerializer):
    """The project's model serializers: text fields are ``CharField`` and ``TextField`` above."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: CharField,
        models.TextField: TextField,
    }


class VersionedViewMixin:
    """Details answer with an ``ETag`` of the record's version; a write (PUT, PATCH, DELETE)
    with ``If-Match`` goes through only while the record is still at that version, else 412
    ``precondition_failed``. The check is made by the write service under a row lock; this
    mixin hands it the version the client asked to write over (``expected_version``)."""

    def expected_version(self, instance):
        return versioning.if_match_version(self.request.headers.get("If-Match"), instance)

    def perform_update(self, serializer):
        serializer.save(expected_version=self.expected_version(serializer.instance))

    versioned = None  # the record the request read or wrote
    TAGGED_ACTIONS = ("retrieve", "create", "update", "partial_update")

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        tagged = getattr(self, "action", None) in self.TAGGED_ACTIONS
        if tagged and self.versioned is not None and response.status_code in (200, 201):
            response["ETag"] = versioning.etag(self.versioned)
        return response

    def get_object(self):
        self.versioned = super().get_object()
        return self.versioned

    def perform_create(self, serializer):
        serializer.save()
        self.versioned = serializer.instance
