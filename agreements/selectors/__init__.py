"""Reads that the pages, the API and the reports share (docs/ARCHITECTURE.md, "Selectors"):
``eligibility`` (may a regional unit sign a PKS with a partner?), ``lookup`` (the partner
pages) and ``dashboard`` (the dashboard's statistics). They never write."""
