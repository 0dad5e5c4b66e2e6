"""The characters no stored text may hold: controls and text-direction (bidirectional) controls.

They are invisible, and an override such as U+202E RIGHT-TO-LEFT OVERRIDE makes a title or a
name display in another order than it is stored and searched ("Kementerian" shown reversed, a
number that reads differently on a printed copy). One rule, checked by the models'
``clean_fields`` (every form, import and command) and by the API's text fields.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# C0 and C1 controls, lone surrogates (which no encoding can store), the line and paragraph
# separators, the byte-order mark, and the bidirectional marks, embeddings, overrides and isolates.
_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\ufeff"
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Longer text (a TextField) may also hold tabs and line breaks; a one-line field may not.
MULTILINE_REFUSED = re.compile(f"[{_CONTROLS}{_BIDI}]")
SINGLE_LINE_REFUSED = re.compile(f"[\t\n\r{_CONTROLS}{_BIDI}]")


def character_name(char):
    """ "U+202E RIGHT-TO-LEFT OVERRIDE"; controls, which have no Unicode name, by their kind."""
    name = unicodedata.name(char, "")
    if not name:
        name = _("surrogate") if unicodedata.category(char) == "Cs" else _("control character")
    return f"U+{ord(char):04X} {name}"


@deconstructible
class PlainTextValidator:
    """Refuse text holding a control or bidirectional character, naming the first one found."""

    code = "invalid_character"
    message = _(
        "Remove the character %(character)s: control and text-direction characters are "
        "not allowed (they are invisible and can make the text read differently from "
        "what is stored)."
    )

    def __init__(self, multiline=False):
        self.multiline = multiline

    def __call__(self, value):
        pattern = MULTILINE_REFUSED if self.multiline else SINGLE_LINE_REFUSED
        found = pattern.search(value) if isinstance(value, str) else None
        if found:
            raise ValidationError(
                self.message, code=self.code, params={"character": character_name(found.group())}
            )

    def __eq__(self, other):
        return isinstance(other, PlainTextValidator) and other.multiline == self.multiline
