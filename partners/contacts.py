"""Contact persons: whom to call at a partner institution (``InstitutionContact``), and the
fields every contact person has (``ContactDetails``, which agreements' contacts share).

Contact persons are personal data: they are shown to signed-in staff only, never on a public
page (the verification page shows none).
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kemitraan.models import PlainTextMixin

telephone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ().\-]{4,28}[0-9]$",
    message=_(
        "Enter a telephone number in digits, with spaces, dashes or brackets if you like: "
        "for example +62 21 3193 7223 or 0812-3456-7890."
    ),
    code="invalid_telephone",
)


class ContactDetails(PlainTextMixin, models.Model):
    """What a contact person is reached by: name, position, e-mail and telephone."""

    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    telephone = models.CharField(
        _("telephone"), max_length=30, blank=True, validators=[telephone_validator]
    )

    class Meta:
        abstract = True
        ordering = ["name", "id"]

    def __str__(self):
        return f"{self.name}, {self.position}" if self.position else self.name

    def clean(self):
        if not self.email and not self.telephone:
            raise ValidationError(
                {
                    "email": ValidationError(
                        _(
                            "Give an e-mail address or a telephone number: a contact person is "
                            "someone "
                            "one can reach."
                        ),
                        code="contact_unreachable",
                    )
                }
            )


class InstitutionContact(ContactDetails):
    """A contact person of an institution (its liaison for cooperation)."""

    institution = models.ForeignKey(
        "partners.Institution",
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    history = HistoricalRecords()

    class Meta(ContactDetails.Meta):
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
