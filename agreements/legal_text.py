"""The wording of Indonesian legal texts: numbers and dates in words ("dua ribu dua puluh
empat"), the parties' names (PIHAK PERTAMA, PIHAK KEDUA, …), lists ("A, B, dan C") and terms
("5 (lima) tahun"), for the documents (``agreements.documents``)."""

import datetime
import re

from num2words import num2words

from kemitraan import dates

# A blank to fill in by hand on a draft that has no date, place or number yet.
BLANK = "…………………"


def in_words(number):
    """A number in Indonesian words: 2024 → "dua ribu dua puluh empat"."""
    return num2words(number, lang="id")


def counted(number):
    """A number as legal texts write it, in figures and words: 30 → "30 (tiga puluh)"."""
    return f"{number} ({in_words(number)})"


def party_label(position):
    """The party's name in the document: 1 → "PIHAK PERTAMA", 2 → "PIHAK KEDUA"."""
    return f"PIHAK {num2words(position, lang='id', to='ordinal').upper()}"


def indonesian_date(day):
    """A date the Indonesian way, whatever the reader's language: "15 Januari 2024"; a blank if
    there is none yet."""
    return dates.long_date(day, blank=BLANK, language="id")


def date_in_words(day):
    """The parts of the opening "Pada hari ini …": day name, day, month and year in words."""
    if day is None:
        return {"day_name": BLANK, "day": BLANK, "month": BLANK, "year": BLANK}
    return {
        "day_name": dates.day_name(day, language="id"),
        "day": in_words(day.day),
        "month": dates.month_name(day, language="id"),
        "year": in_words(day.year),
    }


def listed(items, conjunction="dan"):
    """Items joined the Indonesian way: "A dan B", "A, B, dan C"."""
    items = list(items)
    if len(items) <= 2:
        return f" {conjunction} ".join(items)
    return f"{', '.join(items[:-1])}, {conjunction} {items[-1]}"


def subject_of(title):
    """What the agreement is about (the "TENTANG" line): the title after "tentang", if any."""
    parts = re.split(r"\btentang\b", title, maxsplit=1, flags=re.IGNORECASE)
    return parts[1].strip() if len(parts) == 2 and parts[1].strip() else title


def whole_years(start, end):
    """The term in whole years when it runs from ``start`` to the day before an anniversary."""
    if start is None or end is None:
        return None
    years = end.year - start.year
    try:
        anniversary = start.replace(year=end.year)
    except ValueError:  # 29 February in a year without it
        anniversary = datetime.date(end.year, 3, 1)
    return years if years > 0 and anniversary - datetime.timedelta(days=1) == end else None


def term_of(agreement):
    """The term in words, "5 (lima) tahun", when it is a whole number of years."""
    years = whole_years(agreement.valid_from, agreement.valid_until)
    return f"{counted(years)} tahun" if years else None


def lower_first(text):
    """A list item starts in lower case in a legal enumeration: "sosialisasi kepemiluan"."""
    return text[:1].lower() + text[1:]
