"""The register's counts kept as it changes, so that the dashboard reads a few thousand rows
whatever the number of agreements (``agreements.tally``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from agreements.models.choices import Kind, Status
from partners.models import Institution


class AgreementTally(models.Model):
    """How many agreements a unit owns of one kind and status, and how many are in force."""

    owner = models.ForeignKey(
        Institution,
        verbose_name=_("owner (first party)"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=3, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    total = models.IntegerField(_("agreements"), default=0)
    in_force = models.IntegerField(_("in force on the tally's day"), default=0)

    class Meta:
        verbose_name = _("agreement tally")
        verbose_name_plural = _("agreement tallies")
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "kind", "status"], name="%(app_label)s_%(class)s_once"
            )
        ]

    def __str__(self):
        return f"{self.owner_id} {self.kind} {self.status}: {self.total}"


class TallyDay(models.Model):
    """The day the tallies' ``in_force`` counts are for (a single row)."""

    day = models.DateField(_("day"))

    class Meta:
        verbose_name = _("tally day")
        verbose_name_plural = _("tally days")

    def __str__(self):
        return str(self.day)
