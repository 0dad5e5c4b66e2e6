"""The admin import page: upload, dry-run table, import; the list of one's past imports."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from agreements import access
from agreements.models import Kind
from imports import jobs, template
from imports.api import template_response
from imports.forms import UploadForm
from imports.models import ImportJob, ImportKind, JobStatus
from imports.runner import summary

SHOWN_ROWS = 1000  # rows without errors shown on the page; every error row is shown


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["file_name", "kind", "dry_run", "status", "outcome", "user", "created_at"]
    list_filter = ["kind", "dry_run", "status"]
    list_display_links = ["file_name"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("user")
        return queryset if request.user.is_superuser else queryset.filter(user=request.user)

    def has_module_permission(self, request):
        return request.user.is_superuser or access.profile_of(request.user) is not None

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return access.can_write(request.user)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("outcome"))
    def outcome(self, job):
        if not job.finished or job.report is None:
            return "—"
        if job.status == JobStatus.FAILED:
            return job.report.get("detail", "")
        counts = summary(job.report)
        saved = _("saved") if job.saved else _("nothing saved")
        return _("%(new)d new, %(update)d updates, %(error)d errors — %(saved)s") % {
            **counts,
            "saved": saved,
        }

    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(function)

        return [
            path("upload/", view(self.upload_view), name="imports_importjob_upload"),
            path("<int:job_id>/report/", view(self.report_view), name="imports_importjob_report"),
            path(
                "<int:job_id>/progress/",
                view(self.progress_view),
                name="imports_importjob_progress",
            ),
            path("<int:job_id>/import/", view(self.import_view), name="imports_importjob_import"),
            path(
                "record/<int:agreement_id>/",
                view(self.record_view),
                name="imports_importjob_record",
            ),
            path(
                "template/<str:kind>/<str:file_format>/",
                view(self.template_view),
                name="imports_importjob_template",
            ),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        return HttpResponseRedirect(reverse("admin:imports_importjob_upload"))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return HttpResponseRedirect(reverse("admin:imports_importjob_report", args=[object_id]))

    def own_job(self, request, job_id):
        return get_object_or_404(self.get_queryset(request), pk=job_id)

    def upload_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        initial = {"kind": request.GET.get("kind", ImportKind.AGREEMENTS)}
        form = UploadForm(request.POST or None, request.FILES or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            job = jobs.create_job(
                request.user,
                form.cleaned_data["file"],
                form.cleaned_data["kind"],
                dry_run=request.POST.get("action") != "import",
            )
            if job.status == JobStatus.FAILED:
                form.add_error("file", job.report["detail"])
            else:
                jobs.start(job)
                return HttpResponseRedirect(
                    reverse("admin:imports_importjob_report", args=[job.pk])
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "form": form,
            "title": _("Import from a spreadsheet"),
            "templates": [(kind, label) for kind, label in ImportKind.choices],
            "formats": template.FORMATS,
        }
        return TemplateResponse(request, "admin/imports/upload.html", context)

    def report_view(self, request, job_id):
        job = self.own_job(request, job_id)
        rows = (job.report or {}).get("rows", [])
        only_errors = request.GET.get("errors") == "1"
        error_rows = [row for row in rows if row["errors"]]
        other_rows = [] if only_errors else [row for row in rows if not row["errors"]]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "job": job,
            "title": _("Import: %(file)s") % {"file": job.file_name},
            "counts": summary(job.report or {}),
            "error_rows": error_rows,
            "other_rows": other_rows[:SHOWN_ROWS],
            "hidden_rows": len(other_rows) - SHOWN_ROWS,
            "only_errors": only_errors,
            "record_key": "agreement" if job.kind == ImportKind.AGREEMENTS else "institution",
            "may_import": job.dry_run
            and job.status == JobStatus.DONE
            and not error_rows
            and access.can_write(request.user),
        }
        return TemplateResponse(request, "admin/imports/report.html", context)

    def progress_view(self, request, job_id):
        job = self.own_job(request, job_id)
        return JsonResponse(
            {
                "status": job.status,
                "rows_done": job.rows_done,
                "rows_total": job.rows_total,
                "finished": job.finished,
            }
        )

    def import_view(self, request, job_id):
        job = self.own_job(request, job_id)
        if request.method != "POST" or not job.dry_run or not access.can_write(request.user):
            raise PermissionDenied
        real = jobs.copy_for_import(job)
        jobs.start(real)
        return HttpResponseRedirect(reverse("admin:imports_importjob_report", args=[real.pk]))

    def record_view(self, request, agreement_id):
        """An imported agreement in its own menu (MoU or PKS)."""
        agreement = get_object_or_404(access.visible_agreements(request.user), pk=agreement_id)
        menu = "mou" if agreement.kind == Kind.MOU else "pks"
        return HttpResponseRedirect(reverse(f"admin:agreements_{menu}_change", args=[agreement.pk]))

    def template_view(self, request, kind, file_format):
        if kind not in ImportKind.values or file_format not in template.FORMATS:
            raise Http404("Unknown template")
        return template_response(*template.template_file(kind, file_format))
