"""API representations of notifications and background reports."""

from django.urls import reverse
from rest_framework import serializers

from notifications.choices import JobStatus
from notifications.models import Notification, ReportJob


class NotificationSerializer(serializers.ModelSerializer):
    message = serializers.CharField(
        read_only=True, help_text="The notification in one sentence, in the request's language."
    )

    class Meta:
        model = Notification
        fields = ["id", "kind", "message", "agreement", "created_at", "read_at"]
        read_only_fields = fields


class ReportJobSerializer(serializers.ModelSerializer):
    format = serializers.CharField(source="file_format", read_only=True)
    download = serializers.SerializerMethodField(
        help_text="The file's URL once the report is ready; null before and after it is deleted."
    )

    class Meta:
        model = ReportJob
        fields = [
            "id",
            "status",
            "progress",
            "format",
            "row_count",
            "created_at",
            "finished_at",
            "expires_at",
            "download",
        ]
        read_only_fields = fields

    def get_download(self, job) -> str | None:
        if job.status != JobStatus.DONE:
            return None
        url = reverse("report-job-download", args=[job.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url
