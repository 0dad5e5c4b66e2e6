"""Admin for MoUs and PKS (two menus over one table), with partner parties inline.

``agreements`` holds the ModelAdmins, ``forms`` the form that runs the rules with the partners
being entered, ``filters`` the list filters and ``exports`` the report buttons and actions.
"""

from agreements.admin import agreements  # noqa: F401  (registers the ModelAdmins)
