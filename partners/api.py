"""API v1: regions (read-only) and institutions.

``agreements.api.InstitutionViewSet`` extends the institutions with what needs agreements
(the ``national_mou`` filter, the eligibility answer); that is the one routed.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, viewsets

from partners import access
from partners.filters import InstitutionFilter, RegionFilter
from partners.models import Category, Institution, Region
from partners.serializers import InstitutionSerializer, RegionSerializer

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
