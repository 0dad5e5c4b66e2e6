"""API v1: the signed-in user's notifications and background reports (their own only)."""

import django_filters
from django.http import FileResponse, Http404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from agreements.api import FileNegotiation
from notifications.choices import JobStatus
from notifications.models import Notification, ReportJob
from notifications.report_jobs import content_type
from notifications.serializers import NotificationSerializer, ReportJobSerializer


class NotificationFilter(django_filters.FilterSet):
    unread = django_filters.BooleanFilter(
        field_name="read_at", lookup_expr="isnull", label="Only unread (true) or only read (false)"
    )

    class Meta:
        model = Notification
        fields = ["unread"]


class NotificationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The signed-in user's notifications, newest first; another user's answer 404."""

    queryset = Notification.objects.all()
    serializer_class = NotificationSerializer
    filterset_class = NotificationFilter

    def get_queryset(self):
        return super().get_queryset().filter(user=self.request.user)

    @extend_schema(
        request=None, responses=NotificationSerializer, summary="Mark one notification read"
    )
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        notification = self.get_object()
        if notification.read_at is None:
            notification.read_at = timezone.now()
            notification.save(update_fields=["read_at"])
        return Response(self.get_serializer(notification).data)

    @extend_schema(
        request=None,
        summary="Mark all of the user's notifications read",
        responses={200: OpenApiResponse(description='{"marked": <count>}')},
    )
    @action(detail=False, methods=["post"], url_path="read-all", filter_backends=[])
    def read_all(self, request):
        marked = self.get_queryset().filter(read_at__isnull=True).update(read_at=timezone.now())
        return Response({"marked": marked})


class ReportJobViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """A signed-agreement report built in the background (started with
    ``GET agreements/report/`` and ``Prefer: respond-async``): status, progress, download."""

    queryset = ReportJob.objects.all()
    serializer_class = ReportJobSerializer
    filter_backends = []

    def get_queryset(self):
        return super().get_queryset().filter(user=self.request.user)

    @extend_schema(
        summary="The report's file, to the user who asked for it",
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The report, as an attachment."
            )
        },
    )
    @action(detail=True, methods=["get"], content_negotiation_class=FileNegotiation)
    def download(self, request, pk=None):
        job = self.get_object()
        if job.status != JobStatus.DONE or not job.file:
            raise Http404
        return FileResponse(
            job.file.open("rb"),
            as_attachment=True,
            filename=job.filename,
            content_type=content_type(job.file_format),
        )
