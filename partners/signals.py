"""What the partners app tells the apps above it, without knowing them."""

from django.dispatch import Signal

# Sent by ``partners.services.save_institution`` before an existing institution is changed,
# with ``institution`` (as it is about to be) and ``stored`` (as the database holds it).
# Receivers answer with a dict {field: [ValidationError, …]} of what the change would break
# elsewhere (the agreements app: a PKS whose partner would no longer be covered, …), or {}.
institution_changing = Signal()
