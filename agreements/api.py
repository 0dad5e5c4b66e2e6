"""API v1: agreements (MoU and PKS in one resource, with their partners and scope areas)."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions, viewsets
from rest_framework.decorators import action
from rest_framework.negotiation import BaseContentNegotiation

from agreements import access, background, documents, reports
from agreements.filters import AgreementFilter
from agreements.models import Agreement, Status
from agreements.serializers import AgreementSerializer
from kemitraan.api import Conflict


class AgreementWritePermission(permissions.BasePermission):
    """Reading follows the scope; writing needs an editor or approver of the owning unit."""

    message = _("You may change only agreements of your own unit and the units under it.")

    def has_permission(self, request, view):
        return request.method in permissions.SAFE_METHODS or access.can_write(request.user)

    def has_object_permission(self, request, view, obj):
        return request.method in permissions.SAFE_METHODS or access.can_edit(request.user, obj)


class FileNegotiation(BaseContentNegotiation):
    """For the actions that answer with a file (PDF, CSV, XLSX) themselves.

    Their ``?format=`` names the file format, not one of DRF's renderers (DRF would answer 404
    to ``?format=pdf``), and a client asking ``Accept: application/pdf`` must not get 406:
    the file is returned as it is, and only an error goes through the (JSON) renderer.
    """

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None


class AgreementViewSet(viewsets.ModelViewSet):
    """MoUs and PKS. Writes are checked against every partnership rule; a violation answers
    400 with the rule's code next to the field it concerns."""

    # The serializer shows owner, parent and partner institutions as ids only: no joins needed.
    queryset = Agreement.objects.prefetch_related("scopes", "parties")
    serializer_class = AgreementSerializer
    filterset_class = AgreementFilter
    permission_classes = [permissions.IsAuthenticated, AgreementWritePermission]

    def get_queryset(self):
        return access.visible_agreements(self.request.user, super().get_queryset())

    def perform_destroy(self, instance):
        if instance.status != Status.DRAFT:
            raise Conflict(
                gettext("Only a draft may be deleted; a signed agreement is terminated, not erased."),
                code="not_deletable",
            )
        instance.delete()

    @extend_schema(
        summary="The agreement as a formal document (PDF)",
        description="The MoU or PKS rendered as its Indonesian document, A4, with a QR code "
                    "to its public verification page; a large DRAF watermark until signed.",
        responses={(200, "application/pdf"): OpenApiResponse(
            OpenApiTypes.BINARY, description="The document, shown inline.")},
    )
    @action(detail=True, methods=["get"], filter_backends=[],
            content_negotiation_class=FileNegotiation)
    def document(self, request, pk=None):
        agreement = self.get_object()
        return documents.document_response(request, agreement)

    @extend_schema(
        summary="The signed-agreement report (PDF, CSV or XLSX)",
        description="Signed agreements matching the filters (those of the list, plus `level` "
                    "and `partner_category`), grouped by province and first party, with totals "
                    "by election body, kind and partner category.",
        filters=True,
        parameters=[OpenApiParameter(
            "format", str, enum=list(reports.FORMATS), default="pdf",
            description="The file format of the report.",
        ), OpenApiParameter(
            "Prefer", str, location=OpenApiParameter.HEADER, required=False,
            description="`respond-async` (RFC 7240): build the report in the background and "
                        "answer 202 with the job's URL (`Location`) instead of the file.",
        )],
        responses={**{(200, reports.CONTENT_TYPES[name].split(";")[0]): OpenApiResponse(
            OpenApiTypes.BINARY, description="The report, as an attachment.")
            for name in reports.FORMATS},
            (202, "application/json"): OpenApiResponse(
                OpenApiTypes.OBJECT, description="With `Prefer: respond-async`: the report is "
                "being built; follow `Location` (GET report-jobs/{id}/) for its progress and "
                "download link.")},
    )
    @action(detail=False, methods=["get"], filterset_class=reports.ReportFilter,
            pagination_class=None, content_negotiation_class=FileNegotiation)
    def report(self, request):
        file_format = reports.requested_format(request.query_params)
        report = reports.report_from_params(request.user, request.query_params)
        return (background.report_job_response(request, report, file_format, request.query_params)
                or reports.report_response(report, file_format))
