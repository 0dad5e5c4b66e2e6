"""Writing what happens under an agreement after signing: activities and their evidence files,
evaluations, attachments and contact persons (``agreements.models.followup``, ``contact``).

Whoever may change an agreement may change these, and no one else (``agreements.access``). Each
write runs in one transaction under the agreement's row lock (so that the term it is checked
against cannot change meanwhile), validates the record (``full_clean``: its fields, and the
model's check against the agreement's term) and names its author in the audit history.
Addenda have their own write path (``agreements.addenda``), since they change the terms.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from agreements import access, periods, services
from agreements.models import Activity, Agreement
from kemitraan import versioning


def agreement_of(record):
    """The agreement a follow-up record belongs to (an evidence file's, through its activity)."""
    return record.activity.agreement if hasattr(record, "activity_id") else record.agreement


def agreement_id_of(record):
    if hasattr(record, "activity_id"):
        return Activity.objects.values_list("agreement_id", flat=True).get(pk=record.activity_id)
    return record.agreement_id


def check_permission(user, agreement):
    """Whoever may change the agreement may change what is recorded under it."""
    if user is not None and not access.can_edit(user, agreement):
        raise PermissionDenied(
            _(
                "You may change only what is recorded under agreements of "
                "your own unit and the units under it."
            )
        )


def locked_agreement(record, user):
    """The record's agreement, locked for the transaction, once the user may change it."""
    agreement = versioning.lock(Agreement, agreement_id_of(record))
    check_permission(user, agreement)
    return agreement


@transaction.atomic
def save_record(record, user=None, related=None):
    """Validate and save a follow-up record, with its many-to-many ``related`` values
    ({"units": [...], "partners": [...]}) if given."""
    agreement = locked_agreement(record, user)
    if hasattr(record, "activity_id"):
        record.activity.agreement = agreement
    else:
        record.agreement = agreement
    record.full_clean()
    services.record_author(record, user)
    record.save()
    for name, values in (related or {}).items():
        getattr(record, name).set(values)
    return record


@transaction.atomic
def delete_record(record, user=None):
    """Remove a follow-up record (its files are deleted once the removal is committed)."""
    locked_agreement(record, user)
    services.record_author(record, user)
    record.delete()


def next_evaluation_period(agreement):
    """The period the next evaluation of ``agreement`` covers, as (start, end), or None: a year
    from ``valid_from``, or from the day after the last period evaluated."""
    if not agreement.is_signed:
        return None
    last = max((evaluation.period_end for evaluation in agreement.evaluations.all()), default=None)
    return periods.next_period(agreement.valid_from, last, agreement.runs_until)
