"""Admin for MoUs and PKS (two menus over one table), with partner parties inline.

``agreements`` holds the ModelAdmins, ``forms`` the form that runs the rules with the partners
being entered, ``filters`` the list filters and ``exports`` the report buttons and actions;
``followup`` what happens after signing (inlines, renewal, its filters), ``activities`` the
activities menu and ``history`` the history of the records under an agreement.
"""

from agreements.admin import activities, agreements  # noqa: F401  (registers the ModelAdmins)
