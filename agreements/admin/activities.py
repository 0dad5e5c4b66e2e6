"""The activities menu (kegiatan pelaksanaan): every activity under the agreements the user may
read, each with its evidence files; written through ``agreements.followup``."""

from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from agreements import access, followup
from agreements.admin.base import shortened
from agreements.admin.followup import download_link
from agreements.models import Activity, ActivityEvidence, Agreement
from kemitraan.admin_mixins import ScopedHistoryMixin, StaffAccessMixin


class EvidenceInline(admin.TabularInline):
    model = ActivityEvidence
    fields = ["file", "download", "sha256"]
    readonly_fields = ["download", "sha256"]
    extra = 1

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser or access.profile_of(request.user) is not None

    def has_add_permission(self, request, obj=None):
        return obj is None or access.can_edit(request.user, obj.agreement)

    has_change_permission = has_delete_permission = has_add_permission

    @admin.display(description=_("download"))
    def download(self, evidence):
        return download_link("bukti", evidence, evidence.original_name or _("download"))


@admin.register(Activity)
class ActivityAdmin(ScopedHistoryMixin, StaffAccessMixin, SimpleHistoryAdmin):
    inlines = [EvidenceInline]
    list_display = ["date", "title", "agreement_link", "place", "participants", "evidence_count"]
    list_filter = ["date"]
    search_fields = ["title", "place", "agreement__title", "agreement__owner__name"]
    date_hierarchy = "date"
    autocomplete_fields = ["agreement", "units", "partners"]
    fields = [
        "agreement",
        "date",
        "title",
        "description",
        "place",
        "participants",
        "units",
        "partners",
    ]
    list_per_page = 50

    def get_queryset(self, request):
        readable = access.visible_agreements(request.user).values("pk")
        return (
            Activity.objects.filter(agreement__in=readable)
            .select_related("agreement")
            .annotate(evidence_total=Count("evidence"))
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "agreement":
            kwargs["queryset"] = access.editable_agreements(request.user, Agreement.objects.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_add_permission(self, request):
        return access.can_write(request.user)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return access.can_write(request.user)
        return access.can_edit(request.user, obj.agreement)

    has_delete_permission = has_change_permission

    def save_model(self, request, obj, form, change):
        followup.save_record(obj, request.user)

    def delete_model(self, request, obj):
        followup.delete_record(obj, request.user)

    def delete_queryset(self, request, queryset):
        for activity in queryset:
            followup.delete_record(activity, request.user)

    def save_formset(self, request, form, formset, change):
        saved = formset.save(commit=False)
        for evidence in formset.deleted_objects:
            followup.delete_record(evidence, request.user)
        for evidence in saved:
            followup.save_record(evidence, request.user)

    @admin.display(description=_("agreement"), ordering="agreement__title")
    def agreement_link(self, activity):
        agreement = activity.agreement
        url = reverse(f"admin:agreements_{agreement.kind}_change", args=[agreement.pk])
        return format_html('<a href="{}">{}</a>', url, shortened(agreement.title, 80))

    @admin.display(description=_("evidence files"), ordering="evidence_total")
    def evidence_count(self, activity):
        return activity.evidence_total
