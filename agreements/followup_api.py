"""API v1 under each agreement: ``agreements/{id}/activities/`` (with ``activities/{id}/
evidence/``), ``evaluations/``, ``addenda/``, ``attachments/`` and ``contacts/``, and the
``renew`` action of an agreement.

Everything under an agreement is read by whoever may read the agreement and written by whoever
may change it; any other agreement answers 404 (not visible) or 403 (visible, not changeable),
whatever the record id. Contact persons are personal data: only staff with a unit read them.
"""

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from agreements import access, addenda, addendum_documents, followup, renewal
from agreements.followup_serializers import (
    ActivitySerializer,
    AddendumSerializer,
    AttachmentSerializer,
    ContactSerializer,
    EvaluationSerializer,
    EvidenceSerializer,
)
from agreements.models import (
    Activity,
    ActivityEvidence,
    Addendum,
    AgreementContact,
    Attachment,
    Evaluation,
)
from agreements.serializers import AgreementSerializer
from kemitraan.filters import BIGINT_MAX
from kemitraan.parsers import JSONParser
from partners.api import StaffOnly

AGREEMENT_ID = OpenApiParameter(
    "agreement_pk", int, OpenApiParameter.PATH, description="The agreement's id."
)
ACTIVITY_ID = OpenApiParameter(
    "activity_pk", int, OpenApiParameter.PATH, description="The activity's id."
)
FILE_PARSERS = [MultiPartParser, FormParser, JSONParser]


@extend_schema(parameters=[AGREEMENT_ID])
class AgreementRecordViewSet(viewsets.ModelViewSet):
    """Records under one agreement (the route's ``agreement_pk``); writes through the services,
    which refuse (403) a user who may not change the agreement."""

    permission_classes = [permissions.IsAuthenticated]
    agreement_cached = None

    def get_agreement(self):
        if self.agreement_cached is None:
            readable = access.visible_agreements(self.request.user)
            self.agreement_cached = get_object_or_404(
                readable, pk=path_id(self.kwargs, "agreement_pk")
            )
        return self.agreement_cached

    def get_queryset(self):
        return super().get_queryset().filter(agreement=self.get_agreement())

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if "agreement_pk" in self.kwargs:
            context["agreement"] = self.get_agreement()
        return context

    def perform_destroy(self, instance):
        followup.delete_record(instance, self.request.user)


class ActivityViewSet(AgreementRecordViewSet):
    """Activities carried out under the agreement (kegiatan pelaksanaan), newest first."""

    queryset = Activity.objects.prefetch_related("units", "partners", "evidence")
    serializer_class = ActivitySerializer


@extend_schema(parameters=[AGREEMENT_ID, ACTIVITY_ID])
class EvidenceViewSet(
    mixins.CreateModelMixin, mixins.DestroyModelMixin, viewsets.ReadOnlyModelViewSet
):
    """The evidence files of one activity: upload one (multipart ``file``), or remove one."""

    queryset = ActivityEvidence.objects.all()
    serializer_class = EvidenceSerializer
    permission_classes = [permissions.IsAuthenticated]
    parser_classes = FILE_PARSERS
    activity_cached = None

    def get_activity(self):
        if self.activity_cached is None:
            readable = access.visible_agreements(self.request.user)
            activities = Activity.objects.filter(
                agreement__in=readable, agreement_id=path_id(self.kwargs, "agreement_pk")
            )
            self.activity_cached = get_object_or_404(
                activities, pk=path_id(self.kwargs, "activity_pk")
            )
        return self.activity_cached

    def get_queryset(self):
        return super().get_queryset().filter(activity=self.get_activity())

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if "activity_pk" in self.kwargs:
            context["activity"] = self.get_activity()
        return context

    def perform_destroy(self, instance):
        followup.delete_record(instance, self.request.user)


class EvaluationViewSet(AgreementRecordViewSet):
    """Evaluations of the agreement, per period; the document is a multipart ``document``."""

    queryset = Evaluation.objects.select_related("agreement")
    serializer_class = EvaluationSerializer
    parser_classes = FILE_PARSERS


class AttachmentViewSet(AgreementRecordViewSet):
    """Files attached to the agreement (KAK, RAB, letters): upload (multipart) or remove."""

    http_method_names = ["get", "post", "delete", "head", "options"]
    queryset = Attachment.objects.all()
    serializer_class = AttachmentSerializer
    parser_classes = FILE_PARSERS


class ContactViewSet(AgreementRecordViewSet):
    """The agreement's contact persons (staff of a unit only)."""

    queryset = AgreementContact.objects.all()
    serializer_class = ContactSerializer
    permission_classes = [permissions.IsAuthenticated, StaffOnly]


class AddendumViewSet(AgreementRecordViewSet):
    """The agreement's addenda, in the order they were signed. Each is checked like a change
    to the agreement: a violation answers 400 with the rule's code (``addendum_outside_term``,
    ``addendum_not_extending``, ``pks_outlives_mou``, ``scope_outside_mou``,
    ``mou_change_breaks_pks``, …)."""

    queryset = Addendum.objects.prefetch_related("scopes")
    serializer_class = AddendumSerializer

    def perform_destroy(self, instance):
        addenda.delete_addendum(instance, self.request.user)

    @extend_schema(
        summary="The addendum as a formal document (PDF)",
        responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY)},
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def document(self, request, agreement_pk=None, pk=None):
        addendum = self.get_object()
        return addendum_documents.addendum_response(request, addendum)


class RenewalMixin:
    """The ``renew`` action of the agreements resource."""

    @extend_schema(
        summary="Renew a signed agreement: a draft copy that continues it",
        description="The same owner, parent MoU, partners and scope areas (as extended by the "
        "addenda), numbers and signatories' names blank, `renewal_of` set, dates "
        "proposed from the day after the renewed one ends, for the same term. "
        "400 `renewal_not_signed` or `already_renewed` otherwise.",
        request=None,
        responses={201: AgreementSerializer},
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def renew(self, request, pk=None):
        draft = renewal.renew_agreement(self.get_object(), request.user)
        data = AgreementSerializer(draft, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED)


def path_id(kwargs, name):
    """A record id from the route (``agreement_pk``, ``activity_pk``); 404 unless a number that
    fits the database's 64-bit keys."""
    value = str(kwargs.get(name, ""))
    if not value.isdigit() or int(value) > BIGINT_MAX:
        raise Http404
    return int(value)
