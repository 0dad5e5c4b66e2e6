"""Renewal (perpanjangan): a new agreement that continues a signed one, and the chain of them.

``renew_agreement`` makes the draft of the renewal (the API's ``renew`` action and the admin's
action): the same owner, kind, parent MoU, partners and scope areas (as extended by the
addenda), the numbers and signatories' names blank, ``renewal_of`` set and the dates proposed
from the end of the one renewed, with the same term. It is saved through the one write path,
so every rule holds for the draft as for any other. A renewal may overlap the one it renews or
leave a gap: that is allowed, and ``continuity`` says which, for the pages to show.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from agreements import access, legal_text, periods, services
from agreements.models import SIGNED_STATUSES, Agreement, Party, Status
from kemitraan import versioning
from kemitraan.dates import long_date

# How far up and down a chain of renewals the pages follow.
CHAIN_DEPTH = 10


def proposed_period(agreement):
    """(valid_from, valid_until) of a renewal: from the day after ``agreement`` ends, for the
    same term as it was signed for (whole years stay whole years)."""
    start = agreement.runs_until + datetime.timedelta(days=1)
    years = legal_text.whole_years(agreement.valid_from, agreement.valid_until)
    if years:
        return start, periods.add_months(start, 12 * years) - datetime.timedelta(days=1)
    return start, start + (agreement.valid_until - agreement.valid_from)


def open_renewal(agreement):
    """A renewal of ``agreement`` that is still a draft, awaiting or in force (not ended)."""
    return agreement.renewals.exclude(status=Status.TERMINATED).order_by("pk").first()


def within_parent(source, start, end):
    """A renewed PKS ends with its parent MoU at the latest (``pks_outlives_mou``)."""
    if source.parent is None or end <= source.parent.effective_until:
        return end
    if start > source.parent.effective_until:
        raise ValidationError(
            {
                "valid_from": ValidationError(
                    _(
                        "The parent MoU ends on %(end)s, before the renewal would start: renew "
                        "the MoU "
                        "first, then this PKS under the new one."
                    )
                    % {"end": long_date(source.parent.effective_until)},
                    code="pks_outlives_mou",
                )
            }
        )
    return source.parent.effective_until


def renewal_copy(source):
    """The unsaved draft renewal of ``source``, with its partner parties and scope codes."""
    start, end = proposed_period(source)
    end = within_parent(source, start, end)
    renewal = Agreement(
        kind=source.kind,
        title=source.title,
        owner=source.owner,
        parent=source.parent,
        owner_signatory_title=source.owner_signatory_title,
        signing_place=source.signing_place,
        valid_from=start,
        valid_until=end,
        status=Status.DRAFT,
        renewal_of=source,
    )
    parties = [
        Party(institution=party.institution, signatory_title=party.signatory_title)
        for party in source.parties.select_related("institution")
    ]
    scope_codes = sorted(source.terms_on(source.runs_until).scope_codes)
    return renewal, parties, scope_codes


@transaction.atomic
def renew_agreement(agreement, user=None):
    """Save and return the draft renewal of the signed ``agreement`` (``user`` must be allowed
    to enter agreements for its owner)."""
    source = versioning.lock(Agreement, agreement.pk)
    if user is not None and not (
        access.can_edit(user, source)
        and access.owner_units(user).filter(pk=source.owner_id).exists()
    ):
        raise PermissionDenied(
            _("You may renew only agreements of your own unit and the units under it.")
        )
    if not source.is_signed:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: ValidationError(
                    _("Only a signed agreement is renewed; a draft is changed instead."),
                    code="renewal_not_signed",
                )
            }
        )
    existing = open_renewal(source)
    if existing is not None:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: ValidationError(
                    _(
                        "This agreement already has a renewal: “%(title)s” (%(status)s). Continue "
                        "with that "
                        "one."
                    )
                    % {"title": existing, "status": existing.get_status_display()},
                    code="already_renewed",
                )
            }
        )
    renewal, parties, scope_codes = renewal_copy(source)
    return services.save_agreement(renewal, parties, scope_codes, user=user)


@dataclass(frozen=True)
class Link:
    """One step of a chain of renewals: ``renewal`` continues ``previous``, leaving ``days``
    between the end of one and the start of the other (negative: they overlap)."""

    previous: Agreement
    renewal: Agreement

    @property
    def days(self):
        if self.renewal.valid_from is None or self.previous.runs_until is None:
            return None
        return (self.renewal.valid_from - self.previous.runs_until).days - 1

    @property
    def continuity(self):
        """ "continuous", "gap", "overlap" or "" (the renewal has no dates yet)."""
        if self.days is None:
            return ""
        return "continuous" if self.days == 0 else "gap" if self.days > 0 else "overlap"

    @property
    def day_count(self):
        return abs(self.days or 0)


@dataclass
class Chain:
    """The renewals around an agreement: what it renews (nearest first), what renews it."""

    renews: list
    renewed_by: list

    def __bool__(self):
        return bool(self.renews or self.renewed_by)


def renewal_chain(agreement, readable=None):
    """The chain of renewals through ``agreement``, up to ``CHAIN_DEPTH`` steps each way;
    ``readable``: the agreements that may be shown (none if not given)."""
    pool = Agreement.objects.none() if readable is None else readable
    renews, current = [], agreement
    while current.renewal_of_id and len(renews) < CHAIN_DEPTH:
        previous = pool.filter(pk=current.renewal_of_id).first()
        if previous is None:
            break
        renews.append(Link(previous, current))
        current = previous
    renewed_by, current = [], agreement
    while len(renewed_by) < CHAIN_DEPTH:
        following = pool.filter(renewal_of=current).order_by("pk").first()
        if following is None:
            break
        renewed_by.append(Link(current, following))
        current = following
    return Chain(renews, renewed_by)


def public_facts(agreement):
    """What the public verification page adds about a signed agreement: the signed agreement
    it renews, its signed renewals and its addenda (numbers, dates, new end). No draft, no
    contact person, nothing a printed copy would not state."""
    signed = Agreement.objects.filter(status__in=SIGNED_STATUSES)
    return {
        "renews": signed.filter(pk=agreement.renewal_of_id).first(),
        "renewed_by": list(signed.filter(renewal_of=agreement).order_by("valid_from", "pk")),
        "addenda": list(agreement.addenda.order_by("signed_on", "pk")),
    }
