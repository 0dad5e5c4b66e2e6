"""The letterhead (kop surat) of the election unit that issues a document or a report, and the
head of that unit who signs a report off ("Mengetahui").

A unit's letterhead is its logo and address (``partners.models.Institution``, set by its own or
national staff); a unit without them gets its name as a plain heading.
"""

from dataclasses import dataclass

from agreements import pdf

# Lines of the address printed; more would crowd the top of the page.
ADDRESS_LINES_MAX = 3


@dataclass(frozen=True)
class Letterhead:
    """What the top of a unit's document shows: its name, logo (a ``file://`` URL for the PDF
    renderer, or "") and address lines."""

    name: str
    logo_url: str
    address_lines: tuple

    @property
    def is_plain(self):
        """No logo and no address: the unit's name as a plain heading."""
        return not self.logo_url and not self.address_lines


@dataclass(frozen=True)
class SignOff:
    """The "Mengetahui" block of a report: the head's title and name ("" when not recorded:
    a line is left to write it on)."""

    title: str
    name: str


def letterhead_of(unit):
    """The letterhead of ``unit`` (an election unit), or None for no unit."""
    if unit is None:
        return None
    lines = [line.strip() for line in unit.letterhead_address.splitlines() if line.strip()]
    return Letterhead(unit.name, pdf.logo_url(unit), tuple(lines[:ADDRESS_LINES_MAX]))


def sign_off_of(unit):
    """The "Mengetahui" block of a report issued by ``unit``, or None for no unit."""
    if unit is None:
        return None
    return SignOff(unit.head_signing_title, unit.head_name)
