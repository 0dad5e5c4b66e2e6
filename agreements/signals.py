"""Events of an agreement's approval, for apps above agreements (notifications) to act on.

Sent by the approval service; receivers live in the apps that listen, so agreements never
imports them.
"""

from django.dispatch import Signal

# A regional MoU became awaiting_approval. Arguments: agreement, user (who submitted it).
approval_requested = Signal()
# The national chair's approval was recorded. Arguments: agreement, user (who entered it).
approval_recorded = Signal()
# The approval was refused. Arguments: agreement, user (who refused it), reason (text).
approval_refused = Signal()
