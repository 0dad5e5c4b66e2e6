"""The contact persons of an agreement: who follows it up on each side (shown to signed-in
staff only, never on a public page)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partners.contacts import ContactDetails


class AgreementContact(ContactDetails):
    """A contact person for an agreement (on the election unit's side or a partner's)."""

    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    history = HistoricalRecords()

    class Meta(ContactDetails.Meta):
        verbose_name = _("contact person of the agreement")
        verbose_name_plural = _("contact persons of the agreement")
