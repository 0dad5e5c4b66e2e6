"""Scope areas and the partner parties of an agreement."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kemitraan.models import PlainTextMixin
from partners.models import Institution


class ScopeArea(PlainTextMixin, models.Model):
    """An area of cooperation an agreement may cover (sosialisasi, pendidikan pemilih, …)."""

    code = models.SlugField(_("code"), max_length=40, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("scope area")
        verbose_name_plural = _("scope areas")
        ordering = ["order", "code"]

    def __str__(self):
        return self.name


class Party(PlainTextMixin, models.Model):
    """A partner party (PIHAK KEDUA, KETIGA, …) of an agreement, with its number and signatory."""

    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="parties",
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="parties",
    )
    number = models.CharField(_("partner's document number"), max_length=100, blank=True)
    signatory_name = models.CharField(_("signatory"), max_length=200, blank=True)
    signatory_title = models.CharField(_("signatory title"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partner party")
        verbose_name_plural = _("partner parties")
        ordering = ["order", "id"]
        # The agreements of a partner, read from the index alone (searches, coverage).
        indexes = [models.Index(fields=["institution", "agreement"])]
        constraints = [
            models.UniqueConstraint(
                name="%(app_label)s_%(class)s_once_per_agreement",
                fields=["agreement", "institution"],
                violation_error_message=_("This institution is already a party to the agreement."),
            ),
        ]

    def __str__(self):
        return str(self.institution)
