"""API v1: regions (read-only), institutions and partner eligibility."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from agreements import access
from agreements.eligibility import check_eligibility
from kemitraan.api import ErrorResponseSerializer
from partners.filters import InstitutionFilter, RegionFilter
from partners.models import Category, Institution, Region
from partners.serializers import (
    EligibilityQuerySerializer,
    EligibilitySerializer,
    InstitutionSerializer,
    RegionSerializer,
)


REGION_CODE = r"\d{2}(\.\d{2})?"


@extend_schema_view(retrieve=extend_schema(parameters=[OpenApiParameter(
    "code", str, OpenApiParameter.PATH, pattern=f"^{REGION_CODE}$",
    description='Kemendagri code: "35" (province) or "35.72" (regency/city).',
)]))
class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    """Provinces and regencies/cities with their Kemendagri codes."""

    queryset = Region.objects.all()
    serializer_class = RegionSerializer
    filterset_class = RegionFilter
    lookup_value_regex = REGION_CODE
    pagination_class = None


class InstitutionWritePermission(permissions.BasePermission):
    """Editors add and change partners; election units are reference data (superusers only)."""

    message = _("Election units are reference data; only an administrator changes them.")

    def has_permission(self, request, view):
        return request.method in permissions.SAFE_METHODS or access.can_write(request.user)

    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS:
            return True
        return request.user.is_superuser or not obj.is_election_unit


class InstitutionViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin,
                         viewsets.ReadOnlyModelViewSet):
    """Election units and partner institutions (no deletion: records are ended, not erased)."""

    queryset = Institution.objects.all()
    serializer_class = InstitutionSerializer
    filterset_class = InstitutionFilter
    permission_classes = [permissions.IsAuthenticated, InstitutionWritePermission]

    def perform_create(self, serializer):
        if serializer.validated_data.get("category") == Category.ELECTION_BODY and \
                not self.request.user.is_superuser:
            self.permission_denied(self.request, InstitutionWritePermission.message)
        serializer.save()

    perform_update = perform_create

    @extend_schema(
        parameters=[EligibilityQuerySerializer],
        responses={200: EligibilitySerializer, 400: ErrorResponseSerializer},
        summary="May a regional unit of this body sign a PKS with this partner?",
    )
    @action(detail=True, filterset_class=None, pagination_class=None,
            queryset=Institution.objects.select_related("parent__parent__parent"))
    def eligibility(self, request, pk=None):
        query = EligibilityQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        day = query.validated_data.get("on") or timezone.localdate()
        answer = check_eligibility(self.get_object(), query.validated_data["body"], day)
        return Response(EligibilitySerializer(answer).data)
