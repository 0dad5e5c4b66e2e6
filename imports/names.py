"""Institutions found by name in one file's rows: loaded once, matched without regard to case
and extra spaces, with the closest names suggested for a name not found."""

import difflib
from collections import defaultdict

from django.utils.translation import gettext as _

from imports.cells import CellError, normalized
from partners.models import Institution

SUGGESTIONS = 3
SUGGESTION_CUTOFF = 0.75


def linked_institutions():
    """Every institution, each with its parent chain set in memory, so that the rules walking
    up the tree (a partner covered through its ministry) ask the database nothing more."""
    institutions = list(Institution.objects.all())
    by_id = {institution.pk: institution for institution in institutions}
    for institution in institutions:
        if institution.parent_id is not None:
            institution.parent = by_id[institution.parent_id]
    return institutions


class NameIndex:
    """Institutions by official name, then by short name where that names only one."""

    def __init__(self, institutions):
        self.by_name = defaultdict(list)
        self.by_short_name = defaultdict(list)
        self.shown = {}
        self.suggested = {}
        for institution in institutions:
            self.add(institution)

    def add(self, institution):
        key = normalized(institution.name)
        self.by_name[key].append(institution)
        self.shown[key] = institution.name
        if institution.short_name:
            self.by_short_name[normalized(institution.short_name)].append(institution)
        self.suggested.clear()

    def get(self, name):
        """The institution of that name, or None."""
        key = normalized(name)
        found = self.by_name.get(key) or self.by_short_name.get(key) or []
        return found[0] if len(found) == 1 else None

    def find(self, name):
        """The institution of that name; raises CellError if there is none, or several."""
        key = normalized(name)
        found = self.by_name.get(key) or self.by_short_name.get(key) or []
        if len(found) == 1:
            return found[0]
        if found:
            raise CellError(
                "ambiguous_institution",
                _("Several institutions are named “%(name)s”: write the full official name.")
                % {"name": name},
            )
        close = self.suggestions(key)
        message = _("No institution is named “%(name)s”.") % {"name": name}
        if close:
            message += " " + _("Did you mean: %(names)s?") % {
                "names": "; ".join(f"“{suggestion}”" for suggestion in close)
            }
        else:
            message += " " + _("Enter it under Institutions first, or import it.")
        raise CellError("unknown_institution", message)

    def suggestions(self, key):
        if key not in self.suggested:
            close = difflib.get_close_matches(
                key, self.shown.keys(), n=SUGGESTIONS, cutoff=SUGGESTION_CUTOFF
            )
            self.suggested[key] = [self.shown[match] for match in close]
        return self.suggested[key]
