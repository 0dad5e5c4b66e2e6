"""The lifecycle of an agreement: which status may follow which (docs/ARCHITECTURE.md).

A national MoU and every PKS go draft → signed (→ terminated); an MoU of a regional unit goes
draft → awaiting approval → approved → signed (→ terminated), and may go back from awaiting
approval to draft (refused or withdrawn); the national approver may record the approval of a
draft directly. A new agreement may start in any status whose rules hold (registering an MoU
signed years ago is the common case). Nothing ever goes back from signed or terminated.
"""

from agreements.models import Kind, Status
from partners.models import Level

SIMPLE = {
    Status.DRAFT: {Status.SIGNED},
    Status.SIGNED: {Status.TERMINATED},
    Status.TERMINATED: set(),
}
REGIONAL_MOU = {
    Status.DRAFT: {Status.AWAITING_APPROVAL, Status.APPROVED},
    Status.AWAITING_APPROVAL: {Status.APPROVED, Status.DRAFT},
    Status.APPROVED: {Status.SIGNED},
    Status.SIGNED: {Status.TERMINATED},
    Status.TERMINATED: set(),
}


def is_regional_mou(agreement):
    return agreement.kind == Kind.MOU and agreement.owner.level != Level.NATIONAL


def next_statuses(agreement, current):
    """The statuses an agreement now at ``current`` may move to."""
    table = REGIONAL_MOU if is_regional_mou(agreement) else SIMPLE
    return table.get(current, set())


def transition_allowed(agreement, current, wanted):
    """Whether ``agreement`` may go from ``current`` (None: not saved yet) to ``wanted``."""
    return current is None or current == wanted or wanted in next_statuses(agreement, current)
