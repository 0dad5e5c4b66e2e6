"""Admin forms that refuse to save over a newer version (``kemitraan.versioning``)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kemitraan.dates import long_datetime

# The form fields that carry what the clerk opened; the ModelAdmins add them to a fieldset.
VERSION_FIELDS = ("loaded_version", "loaded_history")


def changes_since(record, history_id):
    """What was changed since the history entry ``history_id``, as "who, when: what" texts."""
    history = record.history.order_by("history_id")
    opened = history.filter(history_id=history_id).first()
    later = list(history.filter(history_id__gt=history_id or 0).select_related("history_user"))
    if opened is None or not later:
        return []
    delta = later[-1].diff_against(opened)
    authors = sorted({str(entry.history_user or _("the system")) for entry in later})
    what = "; ".join(
        f"{record._meta.get_field(change.field).verbose_name}: «{change.old}» → «{change.new}»"
        for change in delta.changes
    )
    return [
        _("%(who)s, %(when)s: %(what)s")
        % {
            "who": ", ".join(authors),
            "when": long_datetime(later[-1].history_date),
            "what": what or _("the partners or scope areas"),
        }
    ]


class VersionCheckedForm(forms.ModelForm):
    """Carries the version a clerk opened; a save over a newer version is a form error that
    shows what the other person changed."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    loaded_history = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            latest = self.instance.history.order_by("-history_id").first()
            self.fields["loaded_version"].initial = self.instance.version
            self.fields["loaded_history"].initial = latest.history_id if latest else None

    def clean(self):
        cleaned = super().clean()
        opened = cleaned.get("loaded_version")
        if self.instance.pk is None or opened is None:
            return cleaned
        current = type(self.instance)._default_manager.filter(pk=self.instance.pk).first()
        if current is not None and current.version != opened:
            raise ValidationError(
                stale_message(current, cleaned.get("loaded_history")), code="precondition_failed"
            )
        return cleaned


def stale_message(current, history_id):
    """The form error for a save over a newer version, with the other person's change."""
    changes = " ".join(changes_since(current, history_id))
    return _(
        "Someone else saved this record after you opened it, so your changes were not "
        "saved. Their change: %(changes)s Open the record again, then enter your "
        "changes once more."
    ) % {"changes": changes or _("(not recorded)")}
