"""What happens under an agreement after signing: its activities (kegiatan pelaksanaan) with
their evidence files, its yearly evaluations (laporan evaluasi) and its attachments (lampiran:
KAK, RAB, correspondence).

Each belongs to one agreement and is read and written by whoever may read or change that
agreement (``agreements.access``, applied by ``agreements.followup``). Files are private
(``agreements.scans``): checked, fingerprinted, served only through scoped views.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.models import HistoricalRecords

from agreements import periods, scans
from kemitraan.dates import long_date
from kemitraan.models import PlainTextMixin
from partners.models import Category, Institution

FILE_HELP = gettext_lazy("PDF, JPEG or PNG, at most 20 MB.")


class Recommendation(models.TextChoices):
    CONTINUE = "continue", gettext_lazy("continue")
    RENEW = "renew", gettext_lazy("renew")
    END = "end", gettext_lazy("end")


class StoredFile(models.Model):
    """A private file row: the file, the name it was uploaded under and its SHA-256."""

    original_name = models.CharField(
        gettext_lazy("file name"), max_length=200, blank=True, editable=False
    )
    sha256 = models.CharField(gettext_lazy("SHA-256"), max_length=64, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        scans.fingerprint(self, "file", "sha256", "original_name")
        super().save(*args, **kwargs)


def outside_term(agreement, start, end, code, what):
    """The error for a follow-up record dated ``start``–``end`` outside the agreement's term
    (signed, from ``valid_from`` to its end with the addenda or its termination)."""
    if agreement.is_signed and start >= agreement.valid_from and end <= agreement.runs_until:
        return None
    if not agreement.is_signed:
        return ValidationError(
            _("%(what)s is recorded only under a signed agreement; this one is %(status)s.")
            % {"what": what, "status": agreement.get_status_display()},
            code=code,
        )
    return ValidationError(
        _("%(what)s must fall within the agreement's term, %(start)s to %(end)s.")
        % {
            "what": what,
            "start": long_date(agreement.valid_from),
            "end": long_date(agreement.runs_until),
        },
        code=code,
    )


class Activity(PlainTextMixin, models.Model):
    """An activity carried out under an MoU or PKS (kegiatan pelaksanaan)."""

    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=gettext_lazy("agreement"),
        on_delete=models.PROTECT,
        related_name="activities",
    )
    date = models.DateField(gettext_lazy("date"))
    title = models.CharField(gettext_lazy("title"), max_length=300)
    description = models.TextField(gettext_lazy("description"), blank=True)
    place = models.CharField(gettext_lazy("place"), max_length=200)
    participants = models.PositiveIntegerField(
        gettext_lazy("number of participants"), validators=[MaxValueValidator(1_000_000)]
    )
    units = models.ManyToManyField(
        Institution,
        verbose_name=gettext_lazy("election units involved"),
        blank=True,
        related_name="+",
        limit_choices_to={"category": Category.ELECTION_BODY},
    )
    partners = models.ManyToManyField(
        Institution,
        verbose_name=gettext_lazy("partners involved"),
        blank=True,
        related_name="activities",
        limit_choices_to=~Q(category=Category.ELECTION_BODY),
    )
    created_at = models.DateTimeField(gettext_lazy("created"), auto_now_add=True)
    updated_at = models.DateTimeField(gettext_lazy("updated"), auto_now=True)
    history = HistoricalRecords(m2m_fields=[units, partners])

    class Meta:
        verbose_name = gettext_lazy("activity")
        verbose_name_plural = gettext_lazy("activities")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["agreement", "date"])]

    def __str__(self):
        return f"{self.title} ({long_date(self.date)})"

    def clean(self):
        if self.agreement_id is None or self.date is None:
            return
        error = outside_term(
            self.agreement, self.date, self.date, "activity_outside_term", _("An activity")
        )
        if error:
            raise ValidationError({"date": error})


class ActivityEvidence(StoredFile):
    """An evidence file of an activity (minutes, attendance list, photograph)."""

    activity = models.ForeignKey(
        Activity,
        verbose_name=gettext_lazy("activity"),
        on_delete=models.CASCADE,
        related_name="evidence",
    )
    file = models.FileField(
        gettext_lazy("evidence file"),
        upload_to=scans.PrivatePath("followup/evidence"),
        validators=[scans.validate_followup_file],
        help_text=FILE_HELP,
    )
    created_at = models.DateTimeField(gettext_lazy("uploaded"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = gettext_lazy("evidence file")
        verbose_name_plural = gettext_lazy("evidence files")
        ordering = ["id"]

    def __str__(self):
        return self.original_name or self.file.name


class Evaluation(PlainTextMixin, models.Model):
    """The evaluation of an agreement over one period (laporan evaluasi), usually a year."""

    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=gettext_lazy("agreement"),
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    period_start = models.DateField(gettext_lazy("period from"))
    period_end = models.DateField(gettext_lazy("period until"))
    findings = models.TextField(gettext_lazy("findings"))
    recommendation = models.CharField(
        gettext_lazy("recommendation"), max_length=10, choices=Recommendation.choices
    )
    document = models.FileField(
        gettext_lazy("signed evaluation document"),
        blank=True,
        upload_to=scans.PrivatePath("followup/evaluations"),
        validators=[scans.validate_followup_file],
        help_text=FILE_HELP,
    )
    document_sha256 = models.CharField(
        gettext_lazy("SHA-256 of the document"), max_length=64, blank=True, editable=False
    )
    created_at = models.DateTimeField(gettext_lazy("created"), auto_now_add=True)
    updated_at = models.DateTimeField(gettext_lazy("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = gettext_lazy("evaluation")
        verbose_name_plural = gettext_lazy("evaluations")
        ordering = ["period_start", "id"]
        constraints = [
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_period_invalid",
                condition=Q(period_end__gte=F("period_start")),
                violation_error_code="evaluation_period_invalid",
                violation_error_message=gettext_lazy("The period ends before it starts."),
            ),
        ]

    def __str__(self):
        return _("Evaluation %(start)s – %(end)s") % {
            "start": long_date(self.period_start),
            "end": long_date(self.period_end),
        }

    def save(self, *args, **kwargs):
        scans.fingerprint(self, "document", "document_sha256")
        super().save(*args, **kwargs)

    def clean(self):
        if self.agreement_id is None or None in (self.period_start, self.period_end):
            return
        if self.period_end < self.period_start:
            return  # the constraint says so
        error = outside_term(
            self.agreement,
            self.period_start,
            self.period_end,
            "evaluation_outside_term",
            _("The evaluated period"),
        )
        if error:
            raise ValidationError({"period_start": error})
        overlapping = (
            Evaluation.objects.filter(agreement_id=self.agreement_id)
            .exclude(pk=self.pk)
            .filter(period_start__lte=self.period_end, period_end__gte=self.period_start)
            .first()
        )
        if overlapping:
            raise ValidationError(
                {
                    "period_start": ValidationError(
                        _("This period overlaps the evaluation already recorded for %(period)s.")
                        % {"period": overlapping},
                        code="evaluation_period_overlaps",
                    )
                }
            )

    @property
    def due_next(self):
        """When the next evaluation is due: the end of the next yearly period, or the
        agreement's end if sooner; None once this period reaches the agreement's end."""
        agreement = self.agreement
        return periods.due_on(agreement.valid_from, self.period_end, agreement.runs_until)


class Attachment(StoredFile):
    """A file attached to an agreement (lampiran): terms of reference, budget, letters."""

    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=gettext_lazy("agreement"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    title = models.CharField(
        gettext_lazy("title"),
        max_length=300,
        help_text=gettext_lazy("For example: KAK, RAB, letter of invitation."),
    )
    file = models.FileField(
        gettext_lazy("file"),
        upload_to=scans.PrivatePath("followup/attachments"),
        validators=[scans.validate_followup_file],
        help_text=FILE_HELP,
    )
    created_at = models.DateTimeField(gettext_lazy("uploaded"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = gettext_lazy("attachment")
        verbose_name_plural = gettext_lazy("attachments")
        ordering = ["id"]

    def __str__(self):
        return self.title
