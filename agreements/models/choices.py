"""The choices of an agreement and what "in force" means, shared by the models and queries."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

EXPIRING_WITHIN_DAYS = 90


class Kind(models.TextChoices):
    MOU = "mou", _("MoU (memorandum of understanding)")
    PKS = "pks", _("PKS (cooperation agreement)")

    @property
    def short_label(self):
        """ "MoU" or "PKS": the same in both languages, for narrow columns and headings."""
        return "MoU" if self == Kind.MOU else "PKS"


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    AWAITING_APPROVAL = "awaiting_approval", _("awaiting approval")
    APPROVED = "approved", _("approved")
    SIGNED = "signed", _("signed")
    TERMINATED = "terminated", _("terminated")


# Statuses in which an agreement has been signed (a terminated one was signed first).
SIGNED_STATUSES = (Status.SIGNED, Status.TERMINATED)


def in_force_condition(day, path=""):
    """The condition of ``AgreementQuerySet.in_force_on``, to filter or annotate with; with
    ``path`` ("parent__"), of the agreement at that path.

    The end is ``effective_until``, the end of validity as extended by the addenda. An addendum
    is signed while the agreement is in force and only moves the end later, so "valid on D by
    the terms of D" is exactly ``valid_from <= D <= effective_until``.
    """
    return Q(
        Q(**{f"{path}terminated_on__isnull": True}) | Q(**{f"{path}terminated_on__gte": day}),
        **{
            f"{path}status__in": SIGNED_STATUSES,
            f"{path}valid_from__lte": day,
            f"{path}effective_until__gte": day,
        },
    )


def is_in_force(status, terminated_on, valid_from, effective_until, day):
    """``in_force_condition`` for one agreement's values, in Python."""
    return (
        status in SIGNED_STATUSES
        and (terminated_on is None or terminated_on >= day)
        and valid_from is not None
        and effective_until is not None
        and valid_from <= day <= effective_until
    )
