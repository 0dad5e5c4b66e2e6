"""Agreements (MoU and PKS in one table), their partner parties and scope areas, and what
happens after signing.

``choices`` (kinds, statuses, "in force"), ``party`` (scope areas and partner parties),
``agreement`` (the agreement and its MoU/PKS proxies), ``addendum`` (amendments),
``followup`` (activities with evidence, evaluations, attachments), ``contact`` (the
agreement's contact persons) and ``tally`` (the dashboard's counts); everything is importable
from here.
"""

from agreements.models.addendum import Addendum
from agreements.models.agreement import (
    AGREEMENT_CONSTRAINT_FIELDS,
    Agreement,
    AgreementQuerySet,
    Mou,
    Pks,
)
from agreements.models.choices import (
    EXPIRING_WITHIN_DAYS,
    SIGNED_STATUSES,
    Kind,
    Status,
    in_force_condition,
    is_in_force,
)
from agreements.models.contact import AgreementContact
from agreements.models.followup import (
    Activity,
    ActivityEvidence,
    Attachment,
    Evaluation,
    Recommendation,
)
from agreements.models.party import Party, ScopeArea
from agreements.models.tally import AgreementTally, TallyDay

__all__ = [
    "AGREEMENT_CONSTRAINT_FIELDS",
    "EXPIRING_WITHIN_DAYS",
    "SIGNED_STATUSES",
    "Activity",
    "ActivityEvidence",
    "Addendum",
    "Agreement",
    "AgreementContact",
    "AgreementQuerySet",
    "AgreementTally",
    "Attachment",
    "Evaluation",
    "Kind",
    "Mou",
    "Party",
    "Pks",
    "Recommendation",
    "ScopeArea",
    "Status",
    "TallyDay",
    "in_force_condition",
    "is_in_force",
]
