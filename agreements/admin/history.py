"""The audit history of what is recorded under an agreement (activities, evidence files,
evaluations, addenda, attachments, contact persons), for the agreement's history page."""

from dataclasses import dataclass
from heapq import merge
from itertools import islice

from agreements.models import (
    Activity,
    ActivityEvidence,
    Addendum,
    AgreementContact,
    Attachment,
    Evaluation,
)

# The newest changes shown; the records' own admin pages keep the rest.
RECORDS_SHOWN = 200
# Each history and how its rows name their agreement.
HISTORIES = [
    (Activity, "agreement_id"),
    (ActivityEvidence, "activity__agreement_id"),
    (Evaluation, "agreement_id"),
    (Addendum, "agreement_id"),
    (Attachment, "agreement_id"),
    (AgreementContact, "agreement_id"),
]


@dataclass(frozen=True)
class Change:
    """One change to a follow-up record, as the history page lists it."""

    record: object
    what: str

    @property
    def history_date(self):
        return self.record.history_date


def history_rows(model, path, agreement):
    if path.startswith("activity__"):
        ids = Activity.objects.filter(agreement=agreement).values("pk")
        rows = model.history.filter(activity_id__in=ids)
    else:
        rows = model.history.filter(agreement_id=agreement.pk)
    what = str(model._meta.verbose_name)
    for record in rows.select_related("history_user").order_by("-history_date")[:RECORDS_SHOWN]:
        yield Change(record, what)


def followup_history(agreement):
    """The newest changes to the records under ``agreement``, newest first."""
    streams = [history_rows(model, path, agreement) for model, path in HISTORIES]
    newest = merge(*streams, key=lambda change: change.history_date, reverse=True)
    return list(islice(newest, RECORDS_SHOWN))
