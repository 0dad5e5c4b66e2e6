"""The admin form for agreements: runs the partnership rules with the partners being entered."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements import services, violations
from agreements.models import Agreement, Kind, Party, ScopeArea
from agreements.parent_rules import PARENT_RULES
from agreements.selectors.eligibility import national_mous_covering
from kemitraan.admin_forms import VersionCheckedForm
from kemitraan.dates import long_date

PartnerFormSet = inlineformset_factory(
    Agreement, Party, fields=["institution", *services.PARTY_FIELDS], extra=0, can_delete=True
)
# Where the agreement form leaves the violations about its partners for the partner rows: the
# admin validates the form first, then the inline formset, which shares the form's instance.
PARTNER_VIOLATIONS = "_partner_violations"


def submitted_parties(formset):
    """Unsaved parties from the inline rows, in their order, minus empty and deleted rows."""
    return [
        Party(
            institution=row.cleaned_data["institution"],
            **{name: row.cleaned_data.get(name, "") for name in services.PARTY_FIELDS},
        )
        for row in formset.forms
        if row.cleaned_data.get("institution") and not row.cleaned_data.get("DELETE")
    ]


def note_party_changes(formset):
    """What the admin's change message reads of an inline that the service saved."""
    rows = [row for row in formset.forms if row.cleaned_data.get("institution")]
    formset.new_objects = [
        row.instance
        for row in rows
        if row.instance.pk is None and not row.cleaned_data.get("DELETE")
    ]
    formset.deleted_objects = [
        row.instance
        for row in rows
        if row.instance.pk is not None and row.cleaned_data.get("DELETE")
    ]
    formset.changed_objects = [
        (row.instance, row.changed_data)
        for row in rows
        if row.instance.pk is not None and row.has_changed() and not row.cleaned_data.get("DELETE")
    ]


class AgreementAdminForm(VersionCheckedForm):
    """Validates the agreement together with the partner rows of its inline.

    The admin validates inlines only after the main form, so the rules that need the partners
    read them here from the submitted inline data.
    """

    agreement_kind = None

    scopes = forms.ModelMultipleChoiceField(
        queryset=ScopeArea.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=gettext_lazy("Scope areas"),
    )

    class Meta:
        model = Agreement
        # The ModelAdmins' fieldsets choose which of these each menu shows.
        fields = [
            "title",
            "owner",
            "owner_number",
            "owner_signatory_name",
            "owner_signatory_title",
            "parent",
            "scopes",
            "signed_on",
            "signing_place",
            "valid_from",
            "valid_until",
            "status",
            "approval_reference",
            "approved_on",
            "terminated_on",
            "termination_reason",
            "renewal_of",
            "signed_scan",
        ]
        widgets = {"title": forms.Textarea(attrs={"rows": 3, "cols": 90})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.agreement_kind:
            self.instance.kind = self.agreement_kind

    def submitted_parties(self):
        """The partner parties in the submitted inline rows, minus the ones marked deleted."""
        formset = PartnerFormSet(self.data, instance=self.instance, prefix="parties")
        return submitted_parties(formset) if formset.is_valid() else []

    def _post_clean(self):
        super()._post_clean()
        setattr(self.instance, PARTNER_VIOLATIONS, [])
        if self.has_error("owner") or self.has_error("parent") or self.instance.owner_id is None:
            return
        parties = self.submitted_parties()
        partners = [party.institution for party in parties]
        scope_codes = [scope.code for scope in self.cleaned_data.get("scopes") or []]
        found = services.rule_violations(self.instance, parties, scope_codes)
        for violation in found:
            if violation.field == "partners":
                getattr(self.instance, PARTNER_VIOLATIONS).append(violation)
                continue
            field = violation.field if violation.field in self.fields else None
            self.add_error(field, ValidationError(violation.message, code=violation.code))
        if self.instance.kind == Kind.PKS and set(PARENT_RULES) & {v.code for v in found}:
            field = "parent" if "parent" in self.fields else None
            self.add_error(
                field,
                ValidationError(self.qualifying_mous_message(partners), code="qualifying_mous"),
            )

    def qualifying_mous_message(self, partners):
        """Name the national MoUs under which this PKS could be signed, or say there are none."""
        owner, day = self.instance.owner, violations.reference_day(self.instance)
        mous = list(national_mous_covering(partners, owner.body, day)) if partners else []
        if not mous:
            return _(
                "No national MoU of %(body)s in force covers these partners: a PKS needs "
                "one first. Ask %(body)s RI to sign an MoU with the partner or its parent "
                "institution."
            ) % {"body": owner.get_body_display()}
        listed = "; ".join(
            _("%(title)s (valid until %(end)s)")
            % {"title": mou.title, "end": long_date(mou.effective_until)}
            for mou in mous
        )
        return _("National MoUs that qualify as parent: %(mous)s.") % {"mous": listed}


class PartnerRowsFormSet(BaseInlineFormSet):
    """The partner rows of an agreement's admin form, showing the rules broken about the
    partners: on the row of the partner a rule names, above the rows for the others (no
    partner at all, a change that breaks a PKS under the MoU)."""

    def clean(self):
        super().clean()
        rows = {
            row.cleaned_data["institution"].pk: row
            for row in self.forms
            if row.cleaned_data.get("institution") and not row.cleaned_data.get("DELETE")
        }
        above = []
        for violation in getattr(self.instance, PARTNER_VIOLATIONS, ()):
            error = ValidationError(violation.message, code=violation.code)
            row = rows.get(violation.partner)
            if row is None:
                above.append(error)
            else:
                row.add_error("institution", error)
        if above:
            raise ValidationError(above)
