"""A map of Indonesia's 38 provinces as server-rendered SVG: one tile per province, shaded,
titled and linked as the caller says; no JavaScript, nothing fetched.

The tiles come from ``partners/data/province_map.json`` (made by
``partners/data/build_province_map.py``). The shades are the dashboard's coverage shades,
0 (no unit) and then 1–4 by quarter, drawn with the page's ``heat--N`` classes, so that the map
and the table beside it use one set of colours (``static/kemitraan/site.css``).
"""

import json
from functools import cache
from pathlib import Path
from typing import NamedTuple

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

MAP_FILE = Path(__file__).resolve().parent / "data" / "province_map.json"
SHADES = range(5)
QUARTERS = (25, 50, 75)


class Cell(NamedTuple):
    """What the map shows of one province: its shade (0–4), the text of its title (the
    tooltip, and the link's name for screen readers) and the page it links to."""

    shade: int
    label: str
    url: str


@cache
def tiles():
    """The map's size and, per Kemendagri code, the tile's path, label point, lines, name."""
    return json.loads(MAP_FILE.read_text(encoding="utf-8"))


def province_map_svg(cells):
    """The map as safe markup: the SVG, then its legend as an HTML list (so that the legend
    stays legible when the SVG scales down to a phone). ``cells`` maps province codes to a
    ``Cell`` or a (shade, label, url) tuple; a province without one is drawn blank, unlinked.
    """
    data = tiles()
    cells = {code: Cell(*cell) for code, cell in cells.items()}
    unknown = set(cells) - set(data["provinces"])
    if unknown:
        raise ValueError(f"Not province codes of the map: {sorted(unknown)}")
    shapes = "".join(
        province_tile(tile, cells.get(code)) for code, tile in data["provinces"].items()
    )
    name = escape(_("Map of the provinces by PKS coverage"))
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="province-map__svg" '
        f'viewBox="0 0 {data["width"]} {data["height"]}" role="group" aria-label="{name}">'
        f"<title>{name}</title>{shapes}</svg>"
    )
    return mark_safe(f'<div class="province-map">{svg}{legend()}</div>')


def province_tile(tile, cell):
    """One province: a link around its shaded tile and its label, or a blank tile."""
    label = tile_label(tile)
    if cell is None:
        title = escape(_("%(province)s: no figures") % {"province": tile["name"]})
        return (
            f'<g class="province-map__province province-map__province--blank">'
            f'<title>{title}</title><path class="province-map__tile" d="{tile["path"]}"/>'
            f"{label}</g>"
        )
    if cell.shade not in SHADES:
        raise ValueError(f"A shade is 0 to 4, not {cell.shade!r}")
    if not str(cell.url).startswith("/") or str(cell.url).startswith("//"):
        raise ValueError(f"A province links to a page of this site, not {cell.url!r}")
    title, url = escape(cell.label), escape(cell.url)
    return (
        f'<a class="province-map__province" href="{url}" aria-label="{title}">'
        f'<title>{title}</title><g class="heat--{cell.shade}">'
        f'<path class="province-map__tile" d="{tile["path"]}"/>{label}</g></a>'
    )


def tile_label(tile):
    """The short name written on the tile, one or two lines, centred; hidden from screen
    readers, which read the link's name instead."""
    lines = tile["lines"]
    longest = max(len(line) for line in lines)
    size = 11 if longest <= 7 else 10 if longest <= 9 else 9
    x, y = tile["label"]
    first = y + size * 0.35 - (len(lines) - 1) * size * 0.55
    spans = "".join(
        f'<tspan x="{x}" y="{first + number * size * 1.1:.1f}">{escape(line)}</tspan>'
        for number, line in enumerate(lines)
    )
    return f'<text class="province-map__label" font-size="{size}" aria-hidden="true">{spans}</text>'


def legend():
    """The shades and what they mean, as the dashboard's legend shows them."""
    low, middle, high = QUARTERS
    labels = [
        _("no unit"),
        _("below %(percent)s%%") % {"percent": low},
        _("%(low)s–%(high)s%%") % {"low": low, "high": middle - 1},
        _("%(low)s–%(high)s%%") % {"low": middle, "high": high - 1},
        _("%(percent)s%% or more") % {"percent": high},
    ]
    items = "".join(
        f'<li><span class="heat heat--{shade}" aria-hidden="true"></span>{escape(label)}</li>'
        for shade, label in zip(SHADES, labels, strict=True)
    )
    # Outside the f-string, where makemessages finds it.
    name = escape(_("Legend"))
    return f'<ul class="legend province-map__legend" aria-label="{name}">{items}</ul>'
