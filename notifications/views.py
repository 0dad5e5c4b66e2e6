"""The "Pemberitahuan" page (/pemberitahuan/): the user's notifications, marking them read,
the e-mail choice; and the page of a background report, with its download."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from notifications.choices import JobStatus
from notifications.models import EmailPreference, ReportJob
from notifications.recipients import wants_email
from notifications.report_jobs import content_type

PAGE_SIZE = 25


class EmailPreferenceForm(forms.Form):
    by_email = forms.BooleanField(
        label=gettext_lazy("Also send my notifications by e-mail"), required=False
    )


@login_required
@require_GET
def notification_list(request):
    """The user's notifications, newest first; ``?unread=1`` shows the unread ones only."""
    only_unread = request.GET.get("unread") == "1"
    notifications = request.user.notifications.select_related("agreement", "report_job")
    if only_unread:
        notifications = notifications.filter(read_at__isnull=True)
    page = Paginator(notifications.order_by("-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/list.html",
        {
            "page": page,
            "only_unread": only_unread,
            "email_form": EmailPreferenceForm(initial={"by_email": wants_email(request.user)}),
        },
    )


def back(request):
    """Where a form on the page returns: the page it was sent from, if it is ours."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect("notifications:list")


@login_required
@require_POST
def mark_read(request, pk):
    notification = get_object_or_404(request.user.notifications, pk=pk)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return back(request)


@login_required
@require_POST
def mark_all_read(request):
    count = request.user.notifications.filter(read_at__isnull=True).update(read_at=timezone.now())
    if count:
        messages.success(request, _("All notifications are marked read."))
    return back(request)


@login_required
@require_POST
def email_preference(request):
    form = EmailPreferenceForm(request.POST)
    form.is_valid()  # a checkbox: unchecked (absent) means no
    by_email = form.cleaned_data.get("by_email", False)
    EmailPreference.objects.update_or_create(user=request.user, defaults={"by_email": by_email})
    messages.success(
        request,
        _("You will get your notifications by e-mail too.")
        if by_email
        else _("You will get your notifications in Kemitraan only."),
    )
    return back(request)


@login_required
@require_GET
def report_job(request, pk):
    """A background report: its progress while it is built, then the download."""
    job = get_object_or_404(ReportJob.objects.filter(user=request.user), pk=pk)
    return render(
        request,
        "notifications/report_job.html",
        {
            "job": job,
            "statuses": JobStatus,
        },
    )


@login_required
@require_GET
def report_download(request, pk):
    """The report's file, to the user who asked for it only, while it is kept."""
    job = get_object_or_404(ReportJob.objects.filter(user=request.user), pk=pk)
    if job.status != JobStatus.DONE or not job.file:
        raise Http404("The report is not ready, or was deleted")
    return FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=job.filename,
        content_type=content_type(job.file_format),
    )
