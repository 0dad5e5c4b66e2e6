"""API v1: agreements (MoU and PKS in one resource, with their partners and scope areas), and
the institutions with what needs agreements (the ``national_mou`` filter, eligibility)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions, viewsets
from rest_framework.decorators import action
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.response import Response

from agreements import access, background, documents, reports, services
from agreements.filters import AgreementFilter, InstitutionCoverageFilter
from agreements.followup_api import RenewalMixin
from agreements.models import Agreement
from agreements.selectors.eligibility import check_eligibility
from agreements.serializers import (
    AgreementSerializer,
    EligibilityQuerySerializer,
    EligibilitySerializer,
    RefusalSerializer,
    agreement_rows,
)
from kemitraan.api import Conflict, ErrorResponseSerializer, VersionedViewMixin
from partners import api as partners_api
from partners.models import PARENT_CHAIN, Institution


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


class AgreementViewSet(RenewalMixin, VersionedViewMixin, viewsets.ModelViewSet):
    """MoUs and PKS. Writes are checked against every partnership rule; a violation answers
    400 with the rule's code next to the field it concerns."""

    # The serializer shows owner, parent and partner institutions as ids only: no joins needed.
    queryset = Agreement.objects.prefetch_related("scopes", "parties")
    serializer_class = AgreementSerializer
    filterset_class = AgreementFilter
    permission_classes = [permissions.IsAuthenticated, AgreementWritePermission]

    def get_queryset(self):
        return access.visible_agreements(self.request.user, super().get_queryset())

    def list(self, request, *args, **kwargs):
        """The page as ``AgreementSerializer`` shows it, read from ``values()`` rows: no model
        instances, no per-row field machinery (``kemitraan.api_rows``)."""
        rows = agreement_rows()
        page = self.paginate_queryset(rows.values(self.filter_queryset(self.get_queryset())))
        return self.get_paginated_response(rows.represent(page))

    def perform_destroy(self, instance):
        try:
            services.delete_agreement(
                instance, self.request.user, expected_version=self.expected_version(instance)
            )
        except services.NotDeletable as error:
            raise Conflict(str(error), code="not_deletable") from error

    @extend_schema(
        summary="Refuse the approval of a regional MoU awaiting it",
        description="A national approver of the owner's body sends the MoU back to draft with "
        "the reason; the unit's editors are notified.",
        request=RefusalSerializer,
        responses={200: AgreementSerializer},
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def refuse(self, request, pk=None):
        agreement = self.get_object()
        body = RefusalSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        refused = services.refuse_approval(agreement, body.validated_data["reason"], request.user)
        return Response(AgreementSerializer(refused, context=self.get_serializer_context()).data)

    @extend_schema(
        summary="The agreement as a formal document (PDF)",
        description="The MoU or PKS rendered as its Indonesian document, A4, with a QR code "
        "to its public verification page; a large DRAF watermark until signed. A "
        "signed agreement lacking a number, signatory or place its signed copy "
        "states answers 409 `document_incomplete`.",
        responses={
            (200, "application/pdf"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The document, shown inline."
            )
        },
    )
    @action(
        detail=True, methods=["get"], filter_backends=[], content_negotiation_class=FileNegotiation
    )
    def document(self, request, pk=None):
        agreement = self.get_object()
        try:
            return documents.document_response(request, agreement)
        except documents.DocumentIncomplete as incomplete:
            raise Conflict(str(incomplete), code="document_incomplete") from incomplete

    @extend_schema(
        summary="The signed-agreement report (PDF, CSV or XLSX)",
        description="Signed agreements matching the filters (those of the list, plus `level` "
        "and `partner_category`), grouped by province and first party, with totals "
        "by election body, kind and partner category.",
        filters=True,
        parameters=[
            OpenApiParameter(
                "format",
                str,
                enum=[*reports.FORMATS],
                default="pdf",
                description="The file format of the report.",
            ),
            OpenApiParameter(
                "Prefer",
                str,
                location=OpenApiParameter.HEADER,
                required=False,
                description="`respond-async` (RFC 7240): build the report in the background and "
                "answer 202 with the job's URL (`Location`) instead of the file.",
            ),
        ],
        responses={
            **{
                (200, reports.CONTENT_TYPES[name].split(";")[0]): OpenApiResponse(
                    OpenApiTypes.BINARY, description="The report, as an attachment."
                )
                for name in reports.FORMATS
            },
            (202, "application/json"): OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="With `Prefer: respond-async`: the report is "
                "being built; follow `Location` (GET report-jobs/{id}/) for its progress and "
                "download link.",
            ),
        },
    )
    @action(
        detail=False,
        methods=["get"],
        filterset_class=reports.ReportFilter,
        pagination_class=None,
        content_negotiation_class=FileNegotiation,
    )
    def report(self, request):
        file_format = reports.requested_format(request.query_params)
        report = reports.report_from_params(request.user, request.query_params)
        return background.report_job_response(
            request, report, file_format, request.query_params
        ) or reports.report_response(report, file_format)


class InstitutionViewSet(partners_api.InstitutionViewSet):
    """Election units and partner institutions (no deletion: records are ended, not erased)."""

    filterset_class = InstitutionCoverageFilter

    @extend_schema(
        parameters=[EligibilityQuerySerializer],
        responses={200: EligibilitySerializer, 400: ErrorResponseSerializer},
        summary="May a regional unit of this body sign a PKS with this partner?",
    )
    @action(
        detail=True,
        filterset_class=None,
        pagination_class=None,
        queryset=Institution.objects.select_related(PARENT_CHAIN),
    )
    def eligibility(self, request, pk=None):
        query = EligibilityQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        day = query.validated_data.get("on") or timezone.localdate()
        answer = check_eligibility(self.get_object(), query.validated_data["body"], day)
        return Response(EligibilitySerializer(answer).data)
