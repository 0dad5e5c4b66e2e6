"""The rules of addenda: pure functions returning violations, like ``agreements.rules``.

An addendum amends a signed agreement on a day it is in force (by its terms of that day), and
an addendum that changes the validity extends it. They are checked when an addendum is written
or removed (``agreements.addenda``) and when the agreement itself changes under its addenda
(``agreements.services.rule_violations``), so that the terms on any day stay well defined:
the end only moves later, and ``effective_until`` is the last one.
"""

from django.utils.translation import gettext as _

from agreements import terms
from agreements.violations import violation
from kemitraan.dates import long_date


def outside_cause(agreement, day, end):
    """The agreement's field that keeps it from being in force on ``day`` (``end``: its end of
    validity before the addendum of that day), or None when it is in force."""
    if not agreement.is_signed:
        return "status"
    if agreement.terminated_on is not None and agreement.terminated_on < day:
        return "terminated_on"
    if agreement.valid_from is None or day < agreement.valid_from:
        return "valid_from"
    return "valid_until" if end is None or day > end else None


def outside_message(agreement, amendment, cause, end):
    facts = {
        "addendum": amendment.label,
        "day": long_date(amendment.day),
        "start": long_date(agreement.valid_from, blank="—"),
        "end": long_date(end, blank="—"),
        "status": agreement.get_status_display(),
        "terminated": long_date(agreement.terminated_on),
    }
    if cause == "status":
        return _("an addendum amends a signed agreement; this one is %(status)s.") % facts
    if cause == "terminated_on":
        return (
            _(
                "%(addendum)s is dated %(day)s, after the agreement was terminated on "
                "%(terminated)s."
            )
            % facts
        )
    return (
        _(
            "%(addendum)s is dated %(day)s, outside the agreement's term (%(start)s to %(end)s, "
            "with the addenda before it): an addendum is signed while the agreement is in "
            "force."
        )
        % facts
    )


def check_amendments(agreement, amendments, on_agreement=False):
    """Each of ``amendments`` (``terms.Amendment``, the agreement's addenda as they are about
    to be) is signed while the agreement is in force, and a new end is later than the one it
    replaces. ``on_agreement``: the agreement itself is being changed, so each error is on the
    agreement's field that causes it (else on the addendum's own field)."""
    end = agreement.valid_until
    for amendment in terms.in_order(amendments):
        cause = outside_cause(agreement, amendment.day, end)
        if cause:
            yield violation(
                "addendum_outside_term",
                cause if on_agreement else "signed_on",
                outside_message(agreement, amendment, cause, end),
            )
        if amendment.valid_until is None:
            continue
        if end is not None and amendment.valid_until <= end:
            yield violation(
                "addendum_not_extending",
                "valid_until",
                _(
                    "%(addendum)s sets the end of validity to %(new)s, which is not after the end "
                    "it "
                    "replaces (%(end)s): an addendum extends the term, it never shortens it."
                )
                % {
                    "addendum": amendment.label,
                    "new": long_date(amendment.valid_until),
                    "end": long_date(end),
                },
            )
        else:
            end = amendment.valid_until
