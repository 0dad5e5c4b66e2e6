"""Date inputs that read and write day/month/year, with Django's calendar beside them.

The admin's calendar (``DateTimeShortcuts``, part of Django) writes the first of the active
language's ``DATE_INPUT_FORMATS``, which is "30/06/2021" here (``kemitraan.formats``); the
pages use the same calendar, so a date is picked and written the same way everywhere.
"""

from django.contrib.admin.widgets import AdminDateWidget
from django.db import models
from django.utils.translation import gettext_lazy as _

# What an empty date input shows: the one format every input reads first.
PLACEHOLDER = _("dd/mm/yyyy")


class AdminDayMonthYearInput(AdminDateWidget):
    """The admin's date input with its calendar, showing the format it expects."""

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs={"placeholder": PLACEHOLDER, **(attrs or {})}, format=format)


class DatePickerInput(AdminDayMonthYearInput):
    """The same input on the pages: Django's calendar needs its core script and the
    JavaScript catalogue too, which the admin loads itself (``templates/includes/datepicker.html``
    adds both before ``form.media``)."""

    template_name = "django/forms/widgets/date.html"


# formfield_overrides of the ModelAdmins that have dates.
ADMIN_DATE_FIELDS = {models.DateField: {"widget": AdminDayMonthYearInput}}
