"""Pages outside the admin: ``home`` (what needs doing), ``lookup`` (the partner lookup and
partner page), ``dashboard``, ``report`` (the report form) and ``documents`` (signed scans,
printable documents, the public verification page). The page frame comes from
``kemitraan.context_processors.page_frame``."""
