"""What the MoU and PKS admin pages show and do after signing: activities, evaluations, addenda,
attachments and contact persons as inlines (saved through ``agreements.followup`` and
``agreements.addenda``), the renewal chain and the terms with the addenda, the "renew" action,
the "signed but not used" and "evaluation overdue" list filters, and the history of it all.

``FollowupAdminMixin`` goes before ``AgreementAdminBase`` in the MoU and PKS ModelAdmins.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from agreements import access, addenda, followup, renewal
from agreements.admin.history import followup_history
from agreements.models import Activity, Addendum, AgreementContact, Attachment, Evaluation
from agreements.selectors import duties
from kemitraan.dates import long_date


class RecordInlineMixin:
    """Records under an agreement: read by staff, changed by whoever may change it."""

    extra = 0

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser or access.profile_of(request.user) is not None

    def has_add_permission(self, request, obj=None):
        return obj is not None and access.can_edit(request.user, obj)

    has_change_permission = has_delete_permission = has_add_permission


def download_link(kind, record, label):
    if record.pk is None:
        return "—"
    url = reverse("agreements:followup-file", args=[kind, record.pk])
    return format_html('<a href="{}">{}</a>', url, label)


class ActivityInline(RecordInlineMixin, admin.TabularInline):
    model = Activity
    fields = ["date", "title", "place", "participants", "evidence_files"]
    readonly_fields = ["evidence_files"]
    show_change_link = True
    verbose_name_plural = gettext_lazy("activities (add evidence files on each activity's page)")

    @admin.display(description=gettext_lazy("evidence files"))
    def evidence_files(self, activity):
        if activity.pk is None:
            return "—"
        return (
            format_html_join(
                ", ",
                "{}",
                (
                    (download_link("bukti", evidence, evidence),)
                    for evidence in activity.evidence.all()
                ),
            )
            or "—"
        )


class EvaluationInline(RecordInlineMixin, admin.StackedInline):
    model = Evaluation
    fields = [("period_start", "period_end"), "findings", "recommendation", "document", "due_next"]
    readonly_fields = ["due_next"]

    @admin.display(description=gettext_lazy("next evaluation due"))
    def due_next(self, evaluation):
        return long_date(evaluation.due_next, blank="—") if evaluation.pk else "—"


class AddendumFormSet(BaseInlineFormSet):
    """Checks the addenda as they are about to be, together, like a change to the agreement."""

    def clean(self):
        super().clean()
        if any(self.errors) or self.instance.pk is None:
            return
        amendments = [
            form.instance.as_amendment(
                [scope.code for scope in form.cleaned_data.get("scopes") or []]
            )
            for form in self.forms
            if form.cleaned_data and not self._should_delete_form(form) and form.instance.signed_on
        ]
        found = addenda.violations(self.instance, amendments)
        if found:
            raise ValidationError([ValidationError(item.message, code=item.code) for item in found])


class AddendumInline(RecordInlineMixin, admin.StackedInline):
    model = Addendum
    formset = AddendumFormSet
    fields = [
        "title",
        ("owner_number", "signed_on", "signing_place"),
        "partner_numbers",
        ("valid_until", "scopes"),
        "text",
        "document_link",
    ]
    readonly_fields = ["document_link"]

    WIDGETS = {
        "title": forms.TextInput(attrs={"size": 90}),
        "partner_numbers": forms.Textarea(attrs={"rows": 2, "cols": 60}),
        "text": forms.Textarea(attrs={"rows": 6, "cols": 90}),
    }

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.WIDGETS:
            kwargs["widget"] = self.WIDGETS[db_field.name]
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "scopes":  # the scope areas are reference data, not added here
            field.widget.can_add_related = False
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=gettext_lazy("document"))
    def document_link(self, addendum):
        if addendum.pk is None:
            return "—"
        url = reverse("agreements:addendum-document", args=[addendum.pk])
        return format_html('<a href="{}">{}</a>', url, _("Print the addendum (PDF)"))


class AttachmentInline(RecordInlineMixin, admin.TabularInline):
    model = Attachment
    fields = ["title", "file", "download"]
    readonly_fields = ["download"]

    @admin.display(description=gettext_lazy("download"))
    def download(self, attachment):
        return download_link("lampiran", attachment, attachment.original_name or _("download"))


class ContactInline(RecordInlineMixin, admin.TabularInline):
    model = AgreementContact
    fields = ["name", "position", "email", "telephone"]


FOLLOWUP_INLINES = [
    ActivityInline,
    EvaluationInline,
    AddendumInline,
    AttachmentInline,
    ContactInline,
]
FOLLOWUP_MODELS = {inline.model for inline in FOLLOWUP_INLINES}


def save_through_services(request, formset):
    """Save an inline's rows through the follow-up write paths (scope, rules, history)."""
    saved = {id(instance) for instance in formset.save(commit=False)}
    for record in formset.deleted_objects:
        if isinstance(record, Addendum):
            addenda.delete_addendum(record, request.user)
        else:
            followup.delete_record(record, request.user)
    for form in formset.forms:
        if id(form.instance) not in saved:
            continue
        if isinstance(form.instance, Addendum):
            scopes = [scope.code for scope in form.cleaned_data.get("scopes") or []]
            addenda.save_addendum(form.instance, scopes, request.user)
        else:
            followup.save_record(form.instance, request.user)


class UnusedFilter(admin.SimpleListFilter):
    title = gettext_lazy("use after signing")
    parameter_name = "unused"

    def lookups(self, request, model_admin):
        return [
            (str(months), _("in force %(months)d months, no activity") % {"months": months})
            for months in (duties.UNUSED_MONTHS, 6)
        ] + [("evaluation", _("evaluation overdue"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "evaluation":
            return duties.evaluation_overdue(queryset, today)
        if self.value() in ("6", str(duties.UNUSED_MONTHS)):
            return duties.without_activity(queryset, today, int(self.value()))
        return queryset


class FollowupAdminMixin:
    """The MoU and PKS admin's part for what happens after signing."""

    followup_fieldset = (
        gettext_lazy("Renewal and addenda"),
        {"fields": ["renewal_chain", "terms_with_addenda"]},
    )

    def get_object(self, request, object_id, from_field=None):
        agreement = super().get_object(request, object_id, from_field)
        if agreement is not None:  # the renewal chain shows only what the user may read
            agreement.readable = access.visible_agreements(request.user)
        return agreement

    def get_inlines(self, request, obj):
        inlines = list(super().get_inlines(request, obj))
        return inlines + FOLLOWUP_INLINES if obj is not None else inlines

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        return fieldsets + [self.followup_fieldset] if obj is not None else fieldsets

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "renewal_chain", "terms_with_addenda"]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), UnusedFilter]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if access.can_write(request.user):
            actions["renew_selected"] = self.get_action("renew_selected")
        return actions

    def save_related(self, request, form, formsets, change):
        mine = [formset for formset in formsets if formset.model in FOLLOWUP_MODELS]
        super().save_related(request, form, [f for f in formsets if f not in mine], change)
        for formset in mine:
            save_through_services(request, formset)

    def history_view(self, request, object_id, extra_context=None):
        agreement = self.readable_or_404(request, object_id)
        extra_context = {**(extra_context or {}), "followup_records": followup_history(agreement)}
        return super().history_view(request, object_id, extra_context)

    @admin.action(description=gettext_lazy("Renew the selected agreement (a draft copy)"))
    def renew_selected(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Select one agreement to renew."), messages.WARNING)
            return None
        try:
            draft = renewal.renew_agreement(queryset.get(), request.user)
        except (ValidationError, PermissionDenied) as refused:
            self.message_user(
                request, " ".join(getattr(refused, "messages", [str(refused)])), messages.ERROR
            )
            return None
        self.message_user(
            request,
            _(
                "The draft renewal was created: check its dates and "
                "partners, then record its numbers once signed."
            ),
            messages.SUCCESS,
        )
        return redirect(f"admin:agreements_{draft.kind}_change", draft.pk)

    @admin.display(description=gettext_lazy("renewal chain"))
    def renewal_chain(self, agreement):
        chain = renewal.renewal_chain(agreement, getattr(agreement, "readable", None))
        if not chain:
            return _("This agreement neither renews another nor has been renewed.")
        rows = [(_("renews"), link.previous, link) for link in chain.renews]
        rows += [(_("renewed by"), link.renewal, link) for link in chain.renewed_by]
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li>{}: <a href="{}">{}</a> ({}){}</li>',
                (
                    (
                        label,
                        reverse(f"admin:agreements_{other.kind}_change", args=[other.pk]),
                        other,
                        other.get_status_display(),
                        continuity_note(link),
                    )
                    for label, other, link in rows
                ),
            ),
        )

    @admin.display(description=gettext_lazy("terms with the addenda"))
    def terms_with_addenda(self, agreement):
        if not agreement.is_extended and not agreement.addenda.exists():
            return _("No addendum: the terms are those signed.")
        scopes = agreement.scope_areas_on(timezone.localdate())
        return _("Valid until %(end)s (as signed: %(signed)s); scope areas today: %(scopes)s.") % {
            "end": long_date(agreement.effective_until),
            "signed": long_date(agreement.valid_until),
            "scopes": ", ".join(scope.name for scope in scopes) or "—",
        }


def continuity_note(link):
    """ " — a gap of 12 days between them" or " — they overlap by 30 days"."""
    if link.continuity == "gap":
        return ngettext(
            " — a gap of %(days)d day between them",
            " — a gap of %(days)d days between them",
            link.day_count,
        ) % {"days": link.day_count}
    if link.continuity == "overlap":
        return ngettext(
            " — they overlap by %(days)d day", " — they overlap by %(days)d days", link.day_count
        ) % {"days": link.day_count}
    return ""
