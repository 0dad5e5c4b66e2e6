"""API v1: regions (read-only) and institutions.

``agreements.api.InstitutionViewSet`` extends the institutions with what needs agreements
(the ``national_mou`` filter, the eligibility answer); that is the one routed.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, viewsets

from kemitraan.api import VersionedViewMixin
from partners import access
from partners.filters import InstitutionFilter, RegionFilter
from partners.models import Institution, Region
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


class WritersOnly(permissions.BasePermission):
    """Reading is open to everyone signed in; writing needs an editor or approver."""

    message = _("Only editors and approvers add or change institutions.")

    def has_permission(self, request, view):
        return request.method in permissions.SAFE_METHODS or access.can_write(request.user)


class InstitutionViewSet(VersionedViewMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin,
                         viewsets.ReadOnlyModelViewSet):
    """Election units and partner institutions (no deletion: records are ended, not erased).

    Everyone signed in reads them; who may add or change which is decided by
    ``partners.services.save_institution`` (403 with the reason otherwise)."""

    queryset = Institution.objects.all()
    serializer_class = InstitutionSerializer
    filterset_class = InstitutionFilter
    permission_classes = [permissions.IsAuthenticated, WritersOnly]
