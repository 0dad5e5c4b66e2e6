"""The national chair's refusal of a regional MoU, from its admin page."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements import access, services
from agreements.models import Status


class RefusalForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for the refusal"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80}),
        help_text=gettext_lazy("The unit reads it, changes the MoU and submits it again."),
    )


class RefusalMixin:
    """``<id>/refuse/``: an approver of the national unit sends an MoU awaiting approval back
    to draft, with the reason (``services.refuse_approval``)."""

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_refuse"
        refuse = path(
            "<path:object_id>/refuse/", self.admin_site.admin_view(self.refuse_view), name=name
        )
        return [refuse, *super().get_urls()]

    def may_refuse(self, request, mou):
        return mou.status == Status.AWAITING_APPROVAL and access.can_approve(request.user, mou)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        mou = self.get_object(request, object_id) if str(object_id).isdigit() else None
        if mou is not None and self.may_refuse(request, mou):
            url = reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_refuse", args=[mou.pk]
            )
            extra_context = {**(extra_context or {}), "refuse_url": url}
        return super().change_view(request, object_id, form_url, extra_context)

    def refuse_view(self, request, object_id):
        mou = self.readable_or_404(request, object_id)
        if not self.may_refuse(request, mou):
            raise PermissionDenied
        form = RefusalForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            services.refuse_approval(mou, form.cleaned_data["reason"], request.user)
            self.message_user(
                request,
                _(
                    "The approval was refused; the MoU is a draft again and "
                    "its unit has been notified."
                ),
                messages.SUCCESS,
            )
            return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", mou.pk)
        return TemplateResponse(
            request,
            "admin/agreements/refuse.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": mou,
                "form": form,
                "title": _("Refuse the approval: %(title)s") % {"title": mou},
            },
        )
