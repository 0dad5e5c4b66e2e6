"""Text set in columns with the metrics of the shipped fonts, before WeasyPrint draws it.

WeasyPrint spends most of a table's time on its boxes: every cell is a block and every line in
it a line box of its own. The report instead sets each agreement as one preformatted paragraph:
its columns are wrapped here, with the advance widths of the shipped font, and set side by side
on each line, the space between them filled with the font's own space characters (em space
down to hair space, to within half a hair space). Tab stops would be simpler, but WeasyPrint 70
draws a tab 2.4 % wider than Pango laid it out (it writes an empty glyph's advance with 1/1024
where 1/1000 of the font size is meant), so columns set with tabs drift to the right.

Needs no Django: lengths are CSS pixels (0.75 pt), WeasyPrint's own unit.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NamedTuple

from fontTools.ttLib import TTFont

# The shipped fonts (static/fonts/liberation, next to the apps); no Django needed to find them.
FONT_DIR = Path(__file__).resolve().parents[2] / "static" / "fonts" / "liberation"
REGULAR, BOLD = "LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"

# Space characters of the shipped fonts, widest first (em, en, four-per-em, six-per-em, hair).
SPACES = "\u2003\u2002\u2005\u2006\u200a"
GAP = 6  # px at least between a column's text and the next column

# Control characters, and the bidirectional controls that could reorder or hide the columns.
UNWANTED_CHARACTERS = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
# After each column's text: a left-to-right mark, so that when two columns side by side hold
# right-to-left text, the space between them stays left-to-right and they are not swapped.
COLUMN_END = "\u200e"


class FontMeasure:
    """Advance widths of one shipped font at one size, as Pango sets them with kerning off."""

    def __init__(self, font_file, size):
        self.size = size
        self.advances = font_advances(font_file)
        self.word_widths = {}  # the same words come back on every row

    def width(self, text):
        advances = self.advances
        return sum(advances[character] for character in text) * self.size

    def word_width(self, word):
        width = self.word_widths.get(word)
        if width is None:
            width = self.word_widths[word] = self.width(word)
        return width

    def wrap(self, text, width):
        """``text`` (whitespace collapsed) as ``Line``s no wider than ``width``; a word wider
        than that is cut where it must."""
        lines, line, line_width = [], "", 0.0
        space = self.width(" ")
        for word in clean_text(text).split(" "):
            word_width = self.word_width(word)
            if line and line_width + space + word_width <= width:
                line, line_width = f"{line} {word}", line_width + space + word_width
                continue
            if line:
                lines.append(Line(line, line_width))
            line, line_width = word, word_width
            while line_width > width and len(line) > 1:
                head = self.longest_fitting(line, width)
                lines.append(Line(head, self.width(head)))
                line = line[len(head) :]
                line_width = self.width(line)
        if line or not lines:
            lines.append(Line(line, line_width))
        return lines

    def longest_fitting(self, word, width):
        """The longest start of ``word`` (at least one character, never parted from the marks
        that combine with it) that fits ``width``."""
        used, fitting = 0.0, 0
        for character in word:
            used += self.width(character)
            if used > width:
                break
            fitting += 1
        else:
            return word
        cut = max(1, fitting)
        while cut < len(word) and unicodedata.combining(word[cut]):
            cut += 1
        return word[:cut]

    def clip(self, text, width, max_lines):
        """``text``, cut short with "…" if it would take more than ``max_lines`` lines."""
        lines = self.wrap(text, width)
        if len(lines) <= max_lines:
            return text
        kept = " ".join(line.text for line in lines[:max_lines])
        while len(self.wrap(f"{kept} …", width)) > max_lines and " " in kept:
            kept = kept.rsplit(" ", 1)[0]
        return f"{kept} …"


class Line(NamedTuple):
    """A line of text and its width in px."""

    text: str
    width: float


class Advances(dict):
    """Advance widths in ems by character. A character the font lacks (Pango draws it from
    another font) counts as none for a mark or format character, an em for the rest."""

    def __missing__(self, character):
        zero = unicodedata.combining(character) or unicodedata.category(character) == "Cf"
        self[character] = advance = 0.0 if zero else 1.0
        return advance


@cache
def font_advances(font_file):
    """Advance width of each character of a shipped font, in ems."""
    font = TTFont(FONT_DIR / font_file, lazy=True)
    units = font["head"].unitsPerEm
    metrics = font["hmtx"].metrics
    return Advances(
        (chr(code), metrics[glyph][0] / units) for code, glyph in font.getBestCmap().items()
    )


def clean_text(text):
    """User text on one line: composed (NFC), whitespace collapsed, control and bidirectional
    control characters left out."""
    text = unicodedata.normalize("NFC", UNWANTED_CHARACTERS.sub(" ", str(text)))
    return " ".join(text.split())


@dataclass(frozen=True)
class Column:
    """A column of the report: where it starts and how wide it is, in px."""

    x: float
    width: float

    @property
    def text_width(self):
        return self.width - GAP


def columns_of(widths):
    """Columns of the given widths (px), side by side from the left edge."""
    return [Column(sum(widths[:index]), width) for index, width in enumerate(widths)]


class ColumnSetter:
    """Sets wrapped column texts side by side, line by line."""

    def __init__(self, measure, columns):
        self.measure, self.columns = measure, columns
        self.spaces = [(character, measure.width(character)) for character in SPACES]

    def lines(self, texts):
        """The lines of one row: each column's text wrapped to its width, then set together."""
        wrapped = [
            self.measure.wrap(text, column.text_width) if text else []
            for text, column in zip(texts, self.columns, strict=True)
        ]
        count = max(1, *map(len, wrapped))
        return [
            self.line([column[index] if index < len(column) else None for column in wrapped])
            for index in range(count)
        ]

    def line(self, segments):
        """One line: each segment (a ``Line`` or None) starting where its column starts."""
        parts, x = [], 0.0
        for segment, column in zip(segments, self.columns, strict=True):
            if not segment or not segment.text:
                continue
            space, space_width = self.spacing(column.x - x)
            parts += [space, segment.text, COLUMN_END]
            x += space_width + segment.width
        return "".join(parts)

    def spacing(self, width):
        """Space characters as close to ``width`` px as the narrowest (a hair space) allows,
        and their width."""
        characters, used = [], 0.0
        for character, step in self.spaces:
            count = int((width - used) // step)
            characters.append(character * count)
            used += count * step
        hair, step = self.spaces[-1]
        if width - used > step / 2:
            characters.append(hair)
            used += step
        return "".join(characters), used
