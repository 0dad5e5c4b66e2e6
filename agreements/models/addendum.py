"""The addendum (adendum): an amendment of a signed agreement, with its own numbers, signing
date and text, that may extend the validity or add scope areas from the day it is signed.

It is written only through ``agreements.addenda`` (under the agreement's row lock, checked like
a change to the agreement), which also keeps the agreement's ``effective_until``.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.models.party import ScopeArea
from agreements.terms import Amendment
from kemitraan.dates import long_date
from kemitraan.models import PlainTextMixin


class Addendum(PlainTextMixin, models.Model):
    """An amendment (adendum) of a signed MoU or PKS."""

    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("agreement"),
        on_delete=models.PROTECT,
        related_name="addenda",
    )
    title = models.CharField(_("title"), max_length=500)
    owner_number = models.CharField(_("owner's document number"), max_length=100)
    partner_numbers = models.TextField(
        _("partners' document numbers"),
        blank=True,
        help_text=_("One line per partner, in the order of the agreement's partners."),
    )
    signed_on = models.DateField(_("signed on"))
    signing_place = models.CharField(_("place of signing"), max_length=200)
    text = models.TextField(
        _("text of the amendment"),
        help_text=_("The articles it changes, as the signed addendum words them."),
    )
    valid_until = models.DateField(
        _("extends the validity until"),
        null=True,
        blank=True,
        help_text=_("Leave empty if the addendum does not change the term."),
    )
    scopes = models.ManyToManyField(
        ScopeArea, verbose_name=_("adds the scope areas"), blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(m2m_fields=[scopes])

    class Meta:
        verbose_name = _("addendum")
        verbose_name_plural = _("addenda")
        ordering = ["signed_on", "id"]

    def __str__(self):
        return self.title

    def clean(self):
        # Recorded once signed: a later date would change terms that are not in force yet.
        if self.signed_on and self.signed_on > timezone.localdate():
            raise ValidationError(
                {
                    "signed_on": ValidationError(
                        gettext(
                            "An addendum is recorded once it is signed; its signing date cannot "
                            "be after "
                            "today."
                        ),
                        code="addendum_in_future",
                    )
                }
            )

    def as_amendment(self, scope_codes=None):
        """What it changes, as ``terms.Amendment``; ``scope_codes`` are the scope areas it is
        about to add (default: those stored, read from a prefetch if there is one)."""
        if scope_codes is None:
            scope_codes = [scope.code for scope in self.scopes.all()] if self.pk else []
        label = _("addendum %(number)s of %(day)s") % {
            "number": self.owner_number or self.title,
            "day": long_date(self.signed_on),
        }
        return Amendment(self.signed_on, self.valid_until, frozenset(scope_codes), str(label))

    def partner_number_list(self):
        """The partners' numbers, one per line of ``partner_numbers``."""
        return [line.strip() for line in self.partner_numbers.splitlines()]
