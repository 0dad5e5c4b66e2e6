"""An agreement's terms on a given day: its end of validity and its scope areas, as signed and
then as changed by every addendum signed by that day (no database).

An addendum (``agreements.models.Addendum``) may extend the validity or add scope areas, from
the day it is signed on. ``terms_on`` answers "what were the terms on day D"; the rules judge a
PKS against its MoU's terms on the PKS's own dates, and the stored ``effective_until`` of an
agreement is ``final_end`` (its end once every addendum is counted), for the SQL filters.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Amendment:
    """What one addendum changes from ``day`` on: a later end (or None) and more scope areas.
    ``label`` names it in messages ("Adendum Nomor …")."""

    day: object
    valid_until: object = None
    scope_codes: frozenset = frozenset()
    label: str = ""


@dataclass(frozen=True)
class Terms:
    """An agreement's end of validity and scope area codes on some day."""

    valid_until: object
    scope_codes: frozenset


def in_order(amendments):
    """The amendments by the day they were signed (the order they took effect in)."""
    return sorted(amendments, key=lambda amendment: amendment.day)


def terms_on(valid_until, scope_codes, amendments, day):
    """The terms on ``day``: ``valid_until`` and ``scope_codes`` as signed, changed by each
    amendment signed on or before ``day``."""
    scopes = set(scope_codes)
    for amendment in in_order(amendments):
        if amendment.day > day:
            break
        if amendment.valid_until is not None:
            valid_until = amendment.valid_until
        scopes |= amendment.scope_codes
    return Terms(valid_until, frozenset(scopes))


def final_end(valid_until, amendments):
    """The end of validity once every amendment is counted (None without a ``valid_until``)."""
    if valid_until is None:
        return None
    return max([valid_until, *(a.valid_until for a in amendments if a.valid_until)])


def final_scopes(scope_codes, amendments):
    """The scope areas once every amendment is counted."""
    return frozenset(scope_codes).union(*(a.scope_codes for a in amendments))


@dataclass(frozen=True)
class TermPoint:
    """A day an agreement takes on terms: its signing (``amendment`` None) or an addendum."""

    day: object
    terms: Terms
    amendment: Amendment | None = None

    def described(self, detail):
        """A rule's detail, naming the addendum whose terms it is about (if any)."""
        if self.amendment is None:
            return detail
        return _("with %(addendum)s: %(detail)s") % {
            "addendum": self.amendment.label,
            "detail": detail,
        }


def term_points(day, valid_until, scope_codes, amendments):
    """The terms an agreement signed on ``day`` takes on: as signed, then at each amendment.
    Between two points the terms do not change."""
    points = [TermPoint(day, Terms(valid_until, frozenset(scope_codes)))]
    for amendment in in_order(amendments):
        points.append(
            TermPoint(
                amendment.day,
                terms_on(valid_until, scope_codes, amendments, amendment.day),
                amendment,
            )
        )
    return points
