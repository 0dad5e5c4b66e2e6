"""What each notification says, in one sentence, in the active language.

A notification keeps the facts it is about in ``data`` (title, dates as ISO text, days left,
reason) as they were when it happened; the sentence is made from them when it is shown, so
it follows the reader's language.
"""

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agreements.models import Kind as AgreementKind
from kemitraan.dates import long_date
from notifications.choices import Kind

KIND_NAMES = {kind.value: kind.short_label for kind in AgreementKind}


def show_date(iso_day):
    """A date kept as ISO text in a notification's data, as people read it."""
    return long_date(datetime.date.fromisoformat(iso_day))


def days_left(days):
    if days == 0:
        return _("today")
    return ngettext("in %(days)d day", "in %(days)d days", days) % {"days": days}


def expiry(data):
    facts = {
        "kind": KIND_NAMES[data["kind"]],
        "title": data["title"],
        "day": show_date(data["ends_on"]),
        "left": days_left(data["days"]),
    }
    if data.get("parent_first"):
        facts["parent"] = data["parent_title"]
        facts["own_end"] = show_date(data["valid_until"])
        return (
            _(
                "The parent MoU “%(parent)s” of the PKS “%(title)s” ends on %(day)s (%(left)s), "
                "before the PKS itself (%(own_end)s)."
            )
            % facts
        )
    return _("The %(kind)s “%(title)s” ends on %(day)s (%(left)s).") % facts


def no_pks(data):
    return _(
        "The MoU “%(title)s”, signed on %(day)s, has no PKS under it six months after signing."
    ) % {"title": data["title"], "day": show_date(data["signed_on"])}


def evaluation_due(data):
    return _(
        "The yearly evaluation of the %(kind)s “%(title)s” was due on %(day)s and is not "
        "recorded yet."
    ) % {"kind": KIND_NAMES[data["kind"]], "title": data["title"], "day": show_date(data["due_on"])}


def approval_requested(data):
    return _("%(unit)s asks for the approval of the MoU “%(title)s”.") % data


def approval_recorded(data):
    return _("The MoU “%(title)s” was approved (letter %(reference)s of %(day)s).") % {
        "title": data["title"],
        "reference": data["reference"],
        "day": show_date(data["day"]),
    }


def approval_refused(data):
    return _("The approval of the MoU “%(title)s” was refused: %(reason)s") % data


def report_ready(data):
    return ngettext(
        "Your %(format)s report (%(rows)d agreement) is ready; download it by %(day)s.",
        "Your %(format)s report (%(rows)d agreements) is ready; download it by %(day)s.",
        data["rows"],
    ) % {
        "format": data["format"].upper(),
        "rows": data["rows"],
        "day": show_date(data["expires_on"]),
    }


def report_failed(data):
    return _(
        "Your %(format)s report could not be built. Ask for it again; if it fails again, "
        "tell the administrator."
    ) % {"format": data["format"].upper()}


def import_done(data):
    if data["saved"]:
        return (
            ngettext(
                "The import of %(file)s is finished: %(rows)d row saved.",
                "The import of %(file)s is finished: %(rows)d rows saved.",
                data["rows"],
            )
            % data
        )
    return (
        ngettext(
            "The check of %(file)s is finished: %(errors)d row has an error; nothing was saved.",
            "The check of %(file)s is finished: %(errors)d rows have an error; nothing was saved.",
            data["errors"],
        )
        % data
    )


def import_failed(data):
    return _("The import of %(file)s could not be run; nothing was saved: %(detail)s") % data


MESSAGES = {
    Kind.EXPIRY_90: expiry,
    Kind.EXPIRY_30: expiry,
    Kind.EXPIRY_7: expiry,
    Kind.NO_PKS: no_pks,
    Kind.EVALUATION_DUE: evaluation_due,
    Kind.APPROVAL_REQUESTED: approval_requested,
    Kind.APPROVAL_RECORDED: approval_recorded,
    Kind.APPROVAL_REFUSED: approval_refused,
    Kind.REPORT_READY: report_ready,
    Kind.REPORT_FAILED: report_failed,
    Kind.IMPORT_DONE: import_done,
    Kind.IMPORT_FAILED: import_failed,
}


def message(notification):
    """The sentence of ``notification``."""
    return MESSAGES[notification.kind](notification.data)
