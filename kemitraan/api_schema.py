"""The OpenAPI schema class: documents the error answers of every operation.

Kept apart from kemitraan.api because drf-spectacular imports DRF's generic views, which
import the pagination class from kemitraan.api.
"""

from drf_spectacular.openapi import AutoSchema
from rest_framework.permissions import AllowAny

from kemitraan.api import CLIENT_ERRORS, ErrorResponseSerializer, VersionedViewMixin


class ErrorDocumentingSchema(AutoSchema):
    """Adds the error answers each operation can give (400, 401, 403, 404, 409, 412, 413, 429,
    503) to the schema."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code in self.error_codes():
            responses.setdefault(
                code,
                self._get_response_for_code(ErrorResponseSerializer, code, direction=direction),
            )
            responses[code]["description"] = CLIENT_ERRORS[code]
        return responses

    def error_codes(self):
        public = any(isinstance(permission, AllowAny) for permission in self.view.get_permissions())
        codes = [] if public else ["401", "403"]
        takes_body = self.method in ("POST", "PUT", "PATCH")
        # A paginated list answers 400 to a malformed cursor, as a filtered one to a bad filter.
        paginated = (
            self.method == "GET"
            and self._is_list_view()
            and getattr(self.view, "pagination_class", None)
        )
        if takes_body or getattr(self.view, "filterset_class", None) or paginated:
            codes.append("400")
        if "{" in self.path:
            codes.append("404")
        if self.method == "DELETE":
            codes.append("409")
        if self.method in ("PUT", "PATCH", "DELETE") and isinstance(self.view, VersionedViewMixin):
            codes.append("412")
        if takes_body:
            codes.append("413")
        if self.view.get_throttles():
            codes.append("429")
        codes.append("503")
        return codes
