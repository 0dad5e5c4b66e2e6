"""Notifications shown in the app (and sent by e-mail), each user's e-mail choice, the log of
reminders sent, and the reports built in the background."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement
from notifications.choices import EmailState, JobStatus, Kind, LogState, Threshold
from notifications.texts import message


class Notification(models.Model):
    """Something a user should know: shown in the app, and e-mailed if the user wants."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    report_job = models.ForeignKey(
        "ReportJob",
        verbose_name=_("report"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # What the message says (title, dates, days left, reason), as it was when it happened.
    data = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    email_state = models.CharField(
        _("e-mail"), max_length=10, choices=EmailState.choices, default=EmailState.NOT_SENT
    )
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["user", "-id"]),
            models.Index(
                name="notification_unread",
                fields=["user"],
                condition=models.Q(read_at__isnull=True),
            ),
            models.Index(
                name="notification_email_pending",
                fields=["id"],
                condition=models.Q(email_state="pending"),
            ),
        ]

    def __str__(self):
        return self.message

    @property
    def message(self):
        """The notification in one sentence, in the active language."""
        return message(self)


class EmailPreference(models.Model):
    """Whether a user also gets notifications by e-mail (yes unless they turned it off)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="email_preference",
    )
    by_email = models.BooleanField(_("also by e-mail"), default=True)

    class Meta:
        verbose_name = _("e-mail preference")
        verbose_name_plural = _("e-mail preferences")

    def __str__(self):
        return f"{self.user}: {self.by_email}"


class ReminderLog(models.Model):
    """One reminder to one user about one agreement: written once, so nothing is sent twice.

    ``deadline`` is the date the reminder is about (the agreement's end, or the day the
    six months ran out): if an agreement's end moves, its reminders come again for the new one.
    """

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="+"
    )
    threshold = models.CharField(_("reminder"), max_length=6, choices=Threshold.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    deadline = models.DateField(_("about the date"))
    state = models.CharField(_("state"), max_length=8, choices=LogState.choices)
    notification = models.ForeignKey(
        Notification,
        verbose_name=_("notification"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                name="%(app_label)s_%(class)s_once",
                fields=["agreement", "threshold", "user", "deadline"],
                violation_error_message=_("This reminder was already sent to this user."),
            ),
        ]

    def __str__(self):
        return f"{self.agreement_id} {self.threshold} {self.user_id} {self.deadline}"


def report_file_path(job, filename):
    """Report files are private: under MEDIA_ROOT, served only by the owner's download view."""
    return f"reports/{job.user_id}/{job.pk}/{filename}"


class ReportJob(models.Model):
    """A signed-agreement report built in the background, for one user, kept for a few days."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="report_jobs",
    )
    file_format = models.CharField(_("format"), max_length=4)
    # The report page's or API's parameters, as [[name, value], …]; null for an admin list,
    # whose agreements are kept in ``agreements`` as they were when it was asked for.
    params = models.JSONField(_("parameters"), null=True, blank=True)
    filters = models.JSONField(_("filters"), default=list, blank=True)
    agreements = models.ManyToManyField(
        Agreement, verbose_name=_("agreements"), blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=8, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    file = models.FileField(_("file"), upload_to=report_file_path, blank=True)
    filename = models.CharField(_("file name"), max_length=100, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    expires_at = models.DateTimeField(_("deleted after"), null=True, blank=True)

    class Meta:
        verbose_name = _("background report")
        verbose_name_plural = _("background reports")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "expires_at"])]

    def __str__(self):
        return self.filename or str(self.pk)

    def get_absolute_url(self):
        return reverse("notifications:report-job", args=[self.pk])

    def get_download_url(self):
        return reverse("notifications:report-download", args=[self.pk])

    @property
    def is_finished(self):
        return self.status not in (JobStatus.QUEUED, JobStatus.RUNNING)
