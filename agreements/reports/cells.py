"""The report as spreadsheet cells (CSV and XLSX): the columns, and text made safe for them."""

from django.utils.translation import gettext as _

# Cells starting with these are formulas to a spreadsheet: they are written as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def column_headings():
    """The spreadsheet columns, in the order of ``ReportRow.cells()``."""
    return [
        _("Province"),
        _("First party"),
        _("Election body"),
        _("Kind"),
        _("First party's number"),
        _("Partners' numbers"),
        _("Title"),
        _("Partners"),
        _("Partner category"),
        _("Signed on"),
        _("Valid until"),
        _("In force"),
        _("Activities"),
    ]


def escape_formula(value):
    """Text that a spreadsheet would run as a formula, made inert with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
