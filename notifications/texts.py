"""What each notification says, in one sentence, in the active language.

A notification keeps the facts it is about in ``data`` (title, dates as ISO text, days left,
reason) as they were when it happened; the sentence is made from them when it is shown, so
it follows the reader's language.
"""

import datetime

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from notifications.choices import Kind

KIND_NAMES = {"mou": "MoU", "pks": "PKS"}


def show_date(iso_day):
    return formats.date_format(datetime.date.fromisoformat(iso_day), "DATE_FORMAT")


def days_left(days):
    if days == 0:
        return _("today")
    return ngettext("in %(days)d day", "in %(days)d days", days) % {"days": days}


def expiry(data):
    facts = {"kind": KIND_NAMES[data["kind"]], "title": data["title"],
             "day": show_date(data["ends_on"]), "left": days_left(data["days"])}
    if data.get("parent_first"):
        facts["parent"] = data["parent_title"]
        facts["own_end"] = show_date(data["valid_until"])
        return _("The parent MoU “%(parent)s” of the PKS “%(title)s” ends on %(day)s (%(left)s), "
                 "before the PKS itself (%(own_end)s).") % facts
    return _("The %(kind)s “%(title)s” ends on %(day)s (%(left)s).") % facts


def no_pks(data):
    return _("The MoU “%(title)s”, signed on %(day)s, has no PKS under it six months after "
             "signing.") % {"title": data["title"], "day": show_date(data["signed_on"])}


def evaluation_due(data):
    return _("The yearly evaluation of the %(kind)s “%(title)s” was due on %(day)s and is not "
             "recorded yet.") % {"kind": KIND_NAMES[data["kind"]], "title": data["title"],
                                 "day": show_date(data["due_on"])}


def approval_requested(data):
    return _("%(unit)s asks for the approval of the MoU “%(title)s”.") % data


def approval_recorded(data):
    return _("The MoU “%(title)s” was approved (letter %(reference)s of %(day)s).") % {
        "title": data["title"], "reference": data["reference"], "day": show_date(data["day"])}


def approval_refused(data):
    return _("The approval of the MoU “%(title)s” was refused: %(reason)s") % data


def report_ready(data):
    return ngettext(
        "Your %(format)s report (%(rows)d agreement) is ready; download it by %(day)s.",
        "Your %(format)s report (%(rows)d agreements) is ready; download it by %(day)s.",
        data["rows"]) % {"format": data["format"].upper(), "rows": data["rows"],
                         "day": show_date(data["expires_on"])}


def report_failed(data):
    return _("Your %(format)s report could not be built. Ask for it again; if it fails again, "
             "tell the administrator.") % {"format": data["format"].upper()}


MESSAGES = {
    Kind.EXPIRY_90: expiry, Kind.EXPIRY_30: expiry, Kind.EXPIRY_7: expiry,
    Kind.NO_PKS: no_pks,
    Kind.EVALUATION_DUE: evaluation_due,
    Kind.APPROVAL_REQUESTED: approval_requested,
    Kind.APPROVAL_RECORDED: approval_recorded,
    Kind.APPROVAL_REFUSED: approval_refused,
    Kind.REPORT_READY: report_ready,
    Kind.REPORT_FAILED: report_failed,
}


def message(notification):
    """The sentence of ``notification``."""
    return MESSAGES[notification.kind](notification.data)
