"""The choices of the notifications app's models."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    EXPIRY_90 = "expiry_90", _("ends in 90 days")
    EXPIRY_30 = "expiry_30", _("ends in 30 days")
    EXPIRY_7 = "expiry_7", _("ends in 7 days")
    NO_PKS = "no_pks", _("MoU without a PKS after six months")
    EVALUATION_DUE = "evaluation_due", _("evaluation overdue")
    APPROVAL_REQUESTED = "approval_requested", _("approval requested")
    APPROVAL_RECORDED = "approval_recorded", _("approval recorded")
    APPROVAL_REFUSED = "approval_refused", _("approval refused")
    REPORT_READY = "report_ready", _("report ready")
    REPORT_FAILED = "report_failed", _("report failed")
    IMPORT_DONE = "import_done", _("import finished")
    IMPORT_FAILED = "import_failed", _("import failed")


class EmailState(models.TextChoices):
    NOT_SENT = "not_sent", _("in the app only")
    PENDING = "pending", _("waiting to be sent")
    SENT = "sent", _("sent")


class Threshold(models.TextChoices):
    DAYS_90 = "90", _("90 days before the end")
    DAYS_30 = "30", _("30 days before the end")
    DAYS_7 = "7", _("7 days before the end")
    NO_PKS = "no_pks", _("six months after signing without a PKS")
    EVALUATION = "eval", _("yearly evaluation due")


class LogState(models.TextChoices):
    SENT = "sent", _("sent")
    COVERED = "covered", _("covered by a later reminder")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("waiting")
    RUNNING = "running", _("being built")
    DONE = "done", _("ready")
    FAILED = "failed", _("failed")
    EXPIRED = "expired", _("deleted")
