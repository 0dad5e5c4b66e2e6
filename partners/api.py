"""API v1: regions (read-only), institutions and their contact persons.

``agreements.api.InstitutionViewSet`` extends the institutions with what needs agreements
(the ``national_mou`` filter, the eligibility answer); that is the one routed.
"""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, viewsets
from rest_framework.generics import get_object_or_404

from kemitraan.api import VersionedViewMixin
from partners import access, services
from partners.filters import InstitutionFilter, RegionFilter
from partners.models import Institution, InstitutionContact, Region
from partners.serializers import (
    InstitutionContactSerializer,
    InstitutionSerializer,
    RegionSerializer,
)

REGION_CODE = r"\d{2}(\.\d{2})?"


@extend_schema_view(
    retrieve=extend_schema(
        parameters=[
            OpenApiParameter(
                "code",
                str,
                OpenApiParameter.PATH,
                pattern=f"^{REGION_CODE}$",
                description='Kemendagri code: "35" (province) or "35.72" (regency/city).',
            )
        ]
    )
)
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


class InstitutionViewSet(
    VersionedViewMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """Election units and partner institutions (no deletion: records are ended, not erased).

    Everyone signed in reads them; who may add or change which is decided by
    ``partners.services.save_institution`` (403 with the reason otherwise)."""

    queryset = Institution.objects.all()
    serializer_class = InstitutionSerializer
    filterset_class = InstitutionFilter
    permission_classes = [permissions.IsAuthenticated, WritersOnly]


class StaffOnly(permissions.BasePermission):
    """Contact persons are shown to signed-in staff of a unit only."""

    message = _("Contact persons are shown only to staff of an election unit.")

    def has_permission(self, request, view):
        return request.user.is_superuser or access.profile_of(request.user) is not None


@extend_schema(
    parameters=[
        OpenApiParameter(
            "institution_pk", int, OpenApiParameter.PATH, description="The institution's id."
        )
    ]
)
class InstitutionContactViewSet(viewsets.ModelViewSet):
    """An institution's contact persons: read by staff of a unit, written by whoever may
    change the institution (``partners.services.save_contact``)."""

    queryset = InstitutionContact.objects.all()
    serializer_class = InstitutionContactSerializer
    permission_classes = [permissions.IsAuthenticated, StaffOnly]
    institution_cached = None

    def get_institution(self):
        if self.institution_cached is None:
            institution_pk = str(self.kwargs["institution_pk"])
            if not institution_pk.isdigit():
                raise Http404
            self.institution_cached = get_object_or_404(
                Institution.objects.all(), pk=int(institution_pk)
            )
        return self.institution_cached

    def get_queryset(self):
        return super().get_queryset().filter(institution=self.get_institution())

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if "institution_pk" in self.kwargs:
            context["institution"] = self.get_institution()
        return context

    def perform_destroy(self, instance):
        services.delete_contact(instance, self.request.user)
