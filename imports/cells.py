"""Reading one cell's value: text, lists, dates and choices, the same for XLSX and CSV.

A value that cannot be read raises ``CellError`` with a stable code and a message for clerks.
"""

import datetime
import re

from django.utils.translation import gettext as _

LIST_SEPARATOR = ";"
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]
# A day/month/year date with a two-digit year is read as 20xx ("30/06/21").
SHORT_YEAR_FORMATS = ["%d/%m/%y", "%d-%m-%y"]


class CellError(Exception):
    """A cell whose value cannot be read: the code and message of the row error."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def normalized(value):
    """A name as matched: without regard to case and to extra spaces."""
    return " ".join(str(value).split()).casefold()


def text(value):
    """A cell as text. Formulas (=, +, -, @ first) are text too: nothing is ever evaluated."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return " ".join(str(value).replace("\x00", "").split())


def items(value):
    """A ``;``-separated list, with its empty entries kept, so that positions line up."""
    raw = text(value)
    if not raw:
        return []
    return [part.strip() for part in raw.split(LIST_SEPARATOR)]


def date(value):
    """A date: a spreadsheet date, ``yyyy-mm-dd`` or ``dd/mm/yyyy``; never month/day."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    raw = text(value)
    if not raw:
        return None
    for pattern in DATE_FORMATS + SHORT_YEAR_FORMATS:
        try:
            return datetime.datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    if swapped_is_a_date(raw):
        message = _("“%(value)s” is not a date: the day comes first (dd/mm/yyyy).")
    else:
        message = _(
            "“%(value)s” is not a date: write dd/mm/yyyy (30/06/2024) or yyyy-mm-dd (2024-06-30)."
        )
    raise CellError("invalid_date", message % {"value": raw})


def swapped_is_a_date(raw):
    """Whether ``raw`` reads as a month/day/year date, the order Indonesian dates never use."""
    found = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", raw)
    if not found:
        return False
    try:
        datetime.date(int(found[3]), int(found[1]), int(found[2]))
    except ValueError:
        return False
    return True


def choice(value, options, allowed):
    """The code of a choice given by one of its names (any case) or its code.

    ``options`` maps normalized names and codes to codes; ``allowed`` is what the message lists.
    """
    raw = text(value)
    if not raw:
        return ""
    try:
        return options[normalized(raw)]
    except KeyError:
        raise CellError(
            "invalid_choice",
            _("“%(value)s” is not one of: %(allowed)s.")
            % {"value": raw, "allowed": ", ".join(allowed)},
        ) from None


def row_error(column, code, message):
    """One error of a row, as the report shows it."""
    return {"column": column, "code": code, "message": str(message)}


class RowCells:
    """The cells of one row, read column by column; what cannot be read becomes a row error."""

    def __init__(self, values):
        self.values = values
        self.errors = []

    def read(self, column, parse=text, required=False):
        try:
            value = parse(self.values.get(column))
        except CellError as error:
            self.errors.append(row_error(column, error.code, error.message))
            return None
        if required and value in ("", None, []):
            self.errors.append(
                row_error(
                    column,
                    "required",
                    _("The column %(column)s must be filled in.") % {"column": column},
                )
            )
        return value

    def each(self, column, names, find):
        """``find`` applied to each entry of a list; one not found is an error of ``column``."""
        found = []
        for name in names or []:
            try:
                found.append(find(name))
            except CellError as error:
                self.errors.append(row_error(column, error.code, error.message))
        return found


def errors_from_validation(error, field_columns):
    """A model ValidationError as row errors: each error's field becomes its column."""
    by_field = error.error_dict if hasattr(error, "error_dict") else {None: error.error_list}
    found = []
    for field, errors in by_field.items():
        for item in errors:
            for message in item:
                found.append(row_error(field_columns.get(field), item.code or "invalid", message))
    return found


def missing_columns(required, present):
    """A ``missing_column`` error for each required column the file does not have."""
    return [
        row_error(
            column,
            "missing_column",
            _("The file has no column %(column)s, which every row needs.") % {"column": column},
        )
        for column in required
        if column not in present
    ]
