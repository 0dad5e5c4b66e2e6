"""The upload form of the admin import page."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from imports.models import ImportKind


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What the file holds"),
        choices=ImportKind.choices,
        initial=ImportKind.AGREEMENTS,
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label=_("Spreadsheet file"),
        help_text=_("XLSX or CSV with the template's columns, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)d MB: split it into several files.")
                % {"limit": settings.IMPORT_MAX_BYTES // (1024 * 1024)},
                code="file_too_large",
            )
        return upload
