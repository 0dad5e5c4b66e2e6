"""Import jobs: one upload checked or imported, with its progress and its report."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportKind(models.TextChoices):
    AGREEMENTS = "agreements", _("agreements (MoU and PKS)")
    INSTITUTIONS = "institutions", _("partner institutions")


class JobStatus(models.TextChoices):
    PENDING = "pending", _("waiting")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("file refused")


class ImportJob(models.Model):
    """One spreadsheet upload, checked (dry run) or imported, with its progress and report."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="import_jobs",
    )
    kind = models.CharField(
        _("what is imported"),
        max_length=12,
        choices=ImportKind.choices,
        default=ImportKind.AGREEMENTS,
    )
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/")
    file_name = models.CharField(_("file name"), max_length=255)
    dry_run = models.BooleanField(_("dry run"), default=True)
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.PENDING
    )
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    rows_total = models.PositiveIntegerField(_("rows in the file"), default=0)
    report = models.JSONField(_("report"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("spreadsheet import")
        verbose_name_plural = _("spreadsheet imports")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.file_name

    @property
    def saved(self):
        return bool(self.report and self.report.get("saved"))

    @property
    def finished(self):
        return self.status in (JobStatus.DONE, JobStatus.FAILED)
