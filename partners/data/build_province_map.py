"""Builds ``province_map.json``: the 38 provinces as a tile-grid map, one hexagon each.

    python partners/data/build_province_map.py           # rewrite province_map.json
    python partners/data/build_province_map.py --check   # exit 1 if the file is out of date

No boundary data set with the 38 current provinces (the four Papua provinces of 2022
included) and a licence that allows shipping it could be found (see the README, "Map of the
provinces"), so the map is a tile grid: every province gets the same hexagon, placed by hand
by geography, west to east and north to south (Sumatra, Java and Nusa Tenggara along the
bottom, Kalimantan and Sulawesi above them, Maluku, Papua). Equal tiles also keep Jakarta,
Yogyakarta and Bali as visible as Papua, which a choropleth by area would not.

``LAYOUT`` is the source: per Kemendagri code, the row (0 at the top) and the column in that
row (odd rows are shifted right by half a tile, so each tile touches up to six neighbours),
and the short name written on the tile. The script checks it against ``provinces.csv`` (every
province exactly once, no two on one tile) and writes, per code, the hexagon as an SVG path
in pixels for a map about 1,000 px wide, where its label goes, and the province's name. The
renderer (``partners/province_map.py``) reads only the JSON, so a map drawn from real
boundaries could replace it in the same format.
"""

import argparse
import csv
import json
import math
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "province_map.json"

# code: (row, column, label lines)
LAYOUT = {
    "11": (0, 0, ["Aceh"]),
    "12": (1, 0, ["Sumut"]),
    "14": (1, 1, ["Riau"]),
    "21": (1, 3, ["Kepri"]),
    "13": (2, 1, ["Sumbar"]),
    "15": (2, 2, ["Jambi"]),
    "17": (3, 1, ["Bengkulu"]),
    "16": (3, 2, ["Sumsel"]),
    "19": (3, 3, ["Babel"]),
    "18": (4, 3, ["Lampung"]),
    "36": (5, 3, ["Banten"]),
    "31": (5, 4, ["DKI"]),
    "32": (5, 5, ["Jabar"]),
    "33": (5, 6, ["Jateng"]),
    "35": (5, 7, ["Jatim"]),
    "34": (6, 7, ["DIY"]),
    "51": (5, 8, ["Bali"]),
    "52": (5, 9, ["NTB"]),
    "53": (5, 10, ["NTT"]),
    "65": (0, 8, ["Kaltara"]),
    "61": (1, 6, ["Kalbar"]),
    "64": (1, 7, ["Kaltim"]),
    "62": (2, 7, ["Kalteng"]),
    "63": (2, 8, ["Kalsel"]),
    "75": (1, 11, ["Gorontalo"]),
    "71": (1, 12, ["Sulut"]),
    "76": (2, 10, ["Sulbar"]),
    "72": (2, 11, ["Sulteng"]),
    "73": (3, 10, ["Sulsel"]),
    "74": (3, 11, ["Sultra"]),
    "82": (1, 14, ["Malut"]),
    "81": (2, 15, ["Maluku"]),
    "96": (1, 15, ["Papua", "Barat Daya"]),
    "92": (1, 16, ["Papua", "Barat"]),
    "91": (1, 17, ["Papua"]),
    "94": (2, 17, ["Papua", "Tengah"]),
    "95": (2, 18, ["Papua", "Pegunungan"]),
    "93": (3, 17, ["Papua", "Selatan"]),
}

TILE_WIDTH = 52  # px between the centres of two tiles side by side
GUTTER = 1.5  # px taken off the hexagon's radius, a white line between tiles
MARGIN = 8
SIDE = TILE_WIDTH / math.sqrt(3)  # the hexagon's side, also its radius
ROW_HEIGHT = 1.5 * SIDE


def read_provinces():
    with open(HERE / "provinces.csv", newline="", encoding="utf-8") as handle:
        return {row["code"]: row["name"] for row in csv.DictReader(handle)}


def check_layout(provinces):
    """The layout covers every province of ``provinces.csv`` once, each on a tile of its own."""
    if set(LAYOUT) != set(provinces):
        raise SystemExit(f"LAYOUT and provinces.csv differ: {sorted(set(LAYOUT) ^ set(provinces))}")
    cells = [(row, column) for row, column, _ in LAYOUT.values()]
    if len(set(cells)) != len(cells):
        raise SystemExit("two provinces share a tile")


def centre(row, column):
    x = MARGIN + TILE_WIDTH / 2 + (column + (row % 2) / 2) * TILE_WIDTH
    y = MARGIN + SIDE + row * ROW_HEIGHT
    return x, y


def hexagon_path(x, y):
    """A pointy-topped hexagon around (x, y), as an SVG path."""
    radius = SIDE - GUTTER
    points = [
        (
            x + radius * math.cos(math.radians(90 + 60 * k)),
            y - radius * math.sin(math.radians(90 + 60 * k)),
        )
        for k in range(6)
    ]
    return "M" + "L".join(f"{px:.1f},{py:.1f}" for px, py in points) + "Z"


def build():
    provinces = read_provinces()
    check_layout(provinces)
    tiles = {}
    for code in sorted(LAYOUT):
        row, column, lines = LAYOUT[code]
        x, y = centre(row, column)
        tiles[code] = {
            "name": provinces[code],
            "path": hexagon_path(x, y),
            "label": [round(x, 1), round(y, 1)],
            "lines": lines,
        }
    columns = max(column + (row % 2) / 2 for row, column, _ in LAYOUT.values()) + 1
    rows = max(row for row, _, _ in LAYOUT.values())
    return {
        "about": "Tile-grid map of the 38 provinces, made by partners/data/build_province_map.py",
        "width": round(2 * MARGIN + columns * TILE_WIDTH, 1),
        "height": round(2 * MARGIN + 2 * SIDE + rows * ROW_HEIGHT, 1),
        "provinces": tiles,
    }


def as_text(data):
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="compare with the committed file instead of writing it"
    )
    args = parser.parse_args(argv)
    text = as_text(build())
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT.name} is out of date: run {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT} ({len(text.encode()):,} bytes, {len(LAYOUT)} provinces)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
