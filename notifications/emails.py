"""The e-mail of a notification, in Bahasa Indonesia, as HTML and plain text: what happened,
the agreement's title, numbers and end date, the days left, and a link to it."""

import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from kemitraan import dates
from notifications.choices import Kind
from notifications.recipients import wants_email
from notifications.texts import KIND_NAMES, days_left

EXPIRY_KINDS = (Kind.EXPIRY_90, Kind.EXPIRY_30, Kind.EXPIRY_7)
APPROVAL_KINDS = (Kind.APPROVAL_REQUESTED, Kind.APPROVAL_RECORDED, Kind.APPROVAL_REFUSED)


def site_link(path):
    return settings.SITE_URL + path


def long_date(day):
    """A date (or a date kept as ISO text) as people read it; a dash without one."""
    if isinstance(day, str):
        day = datetime.date.fromisoformat(day)
    return dates.long_date(day, blank="—")


def subject(notification):
    data = notification.data
    title = Truncator(data.get("title", "")).chars(90)
    if notification.kind in EXPIRY_KINDS:
        return _("Reminder: %(kind)s ends %(left)s: %(title)s") % {
            "kind": KIND_NAMES[data["kind"]],
            "left": days_left(data["days"]),
            "title": title,
        }
    return {
        Kind.NO_PKS: _("Reminder: MoU without a PKS: %(title)s"),
        Kind.EVALUATION_DUE: _("Reminder: evaluation overdue: %(title)s"),
        Kind.APPROVAL_REQUESTED: _("Approval requested: %(title)s"),
        Kind.APPROVAL_RECORDED: _("MoU approved: %(title)s"),
        Kind.APPROVAL_REFUSED: _("MoU approval refused: %(title)s"),
        Kind.REPORT_READY: _("Your report is ready"),
        Kind.REPORT_FAILED: _("Your report could not be built"),
        Kind.IMPORT_DONE: _("Your import is finished"),
        Kind.IMPORT_FAILED: _("Your import could not be run"),
    }[notification.kind] % {"title": title}


def agreement_link(agreement):
    """The agreement's page in the admin, where its editors and approvers work on it."""
    model = "mou" if agreement.kind == "mou" else "pks"
    return site_link(reverse(f"admin:agreements_{model}_change", args=[agreement.pk]))


def agreement_facts(notification):
    """(label, value) pairs about the agreement, as it is now."""
    agreement, data = notification.agreement, notification.data
    partner_numbers = [party.number for party in agreement.parties.all() if party.number]
    facts = [
        (_("Kind"), KIND_NAMES[agreement.kind]),
        (_("Title"), agreement.title),
        (_("First party"), str(agreement.owner)),
        (_("First party's number"), agreement.owner_number or "—"),
        (_("Partners' numbers"), "; ".join(partner_numbers) or "—"),
        (_("Valid until"), long_date(agreement.effective_until)),
    ]
    if notification.kind in EXPIRY_KINDS:
        facts.append((_("Time left"), days_left(data["days"])))
        if data.get("parent_first"):
            facts.append((_("Parent MoU"), data["parent_title"]))
            facts.append((_("Parent MoU ends"), long_date(data["ends_on"])))
    elif notification.kind == Kind.NO_PKS:
        facts.insert(5, (_("Signed on"), long_date(agreement.signed_on)))
        facts.append((_("PKS due by"), long_date(data["due_on"])))
    elif notification.kind == Kind.EVALUATION_DUE:
        facts.append((_("Evaluation due on"), long_date(data["due_on"])))
    elif notification.kind == Kind.APPROVAL_RECORDED:
        facts.append((_("Approval letter"), f"{data['reference']}, {long_date(data['day'])}"))
    elif notification.kind == Kind.APPROVAL_REFUSED:
        facts.append((_("Reason for refusal"), data["reason"]))
    return facts


ADVICE = {
    Kind.EXPIRY_90: "expiry",
    Kind.EXPIRY_30: "expiry",
    Kind.EXPIRY_7: "expiry",
    Kind.NO_PKS: "no_pks",
    Kind.EVALUATION_DUE: "evaluation_due",
    Kind.APPROVAL_REQUESTED: "approval_requested",
    Kind.APPROVAL_RECORDED: "approval_recorded",
    Kind.APPROVAL_REFUSED: "approval_refused",
}


def email_context(notification):
    user = notification.user
    context = {
        "notification": notification,
        "name": user.get_full_name() or user.username,
        "message": notification.message,
        "advice": ADVICE.get(notification.kind),
        "settings_link": site_link(reverse("notifications:list")),
    }
    if notification.agreement is not None:
        context.update(
            facts=agreement_facts(notification),
            link=agreement_link(notification.agreement),
            link_label=_("Open the agreement in Kemitraan"),
        )
    elif notification.report_job is not None:
        context.update(
            link=site_link(notification.report_job.get_absolute_url()),
            link_label=_("Open the report"),
        )
    elif notification.data.get("path"):
        context.update(link=site_link(notification.data["path"]), link_label=_("Open the result"))
    else:
        context.update(link=context["settings_link"], link_label=_("Open Kemitraan"))
    return context


def compose(notification):
    """The e-mail of ``notification``, or None if its user has no address or turned e-mail
    off."""
    user = notification.user
    if not user.email or not user.is_active or not wants_email(user):
        return None
    with translation.override("id"):
        context = email_context(notification)
        message = EmailMultiAlternatives(
            subject=subject(notification),
            body=render_to_string("notifications/email/notification.txt", context),
            to=[user.email],
        )
        message.attach_alternative(
            render_to_string("notifications/email/notification.html", context), "text/html"
        )
    return message
