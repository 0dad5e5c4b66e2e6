"""Forms of the pages outside the admin."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from agreements.models import Kind
from kemitraan.widgets import DatePickerInput
from partners.models import Body, Category, Level
from partners.selectors import provinces


def blank_choice(choices):
    return [("", _("all")), *choices]


class ReportForm(forms.Form):
    """The report page's form; its field names are the API's report parameters."""

    body = forms.ChoiceField(
        label=_("Election body"), required=False, choices=blank_choice(Body.choices)
    )
    level = forms.ChoiceField(
        label=_("Level of the first party"), required=False, choices=blank_choice(Level.choices)
    )
    province = forms.ChoiceField(label=_("Province"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=blank_choice([(kind.value, kind.short_label) for kind in Kind]),
    )
    partner_category = forms.ChoiceField(
        label=_("Partner category"), required=False, choices=blank_choice(Category.choices)
    )
    signed_from = forms.DateField(label=_("Signed from"), required=False, widget=DatePickerInput())
    signed_until = forms.DateField(
        label=_("Signed until"), required=False, widget=DatePickerInput()
    )
    in_force_on = forms.DateField(
        label=_("In force on"),
        required=False,
        widget=DatePickerInput(),
        help_text=_(
            "Only agreements in force on this date; the report's “in force” column "
            "is also as of this date (today if empty)."
        ),
    )

    unused_months = forms.IntegerField(
        label=_("Signed but not used for (months)"),
        required=False,
        min_value=1,
        max_value=120,
        help_text=_(
            "Only agreements in force at least this many months with no activity recorded in them."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = blank_choice(
            [(region.code, region.name) for region in provinces()]
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("signed_from"), cleaned.get("signed_until")
        if start and end and start > end:
            raise ValidationError(_("“Signed from” is after “Signed until”."))
        return cleaned
