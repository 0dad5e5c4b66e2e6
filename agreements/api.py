"""API v1: agreements (MoU and PKS in one resource, with their partners and scope areas)."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import permissions, viewsets

from agreements import access
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
