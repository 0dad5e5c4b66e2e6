"""The dashboard's PKS coverage by province, drawn as the map of ``partners.province_map``.

Each province is shaded by the share of its election units, KPU and Bawaslu together, that
hold a PKS in force; its title gives each body's figures, as the coverage table does; it links
to the dashboard for that province (``/dasbor/?province=<code>``).
"""

import dataclasses

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from partners.models import Body
from partners.province_map import Cell, province_map_svg


def coverage_map(provinces):
    """The map markup for ``agreements.selectors.dashboard.coverage_by_province``'s provinces."""
    return province_map_svg(coverage_cells(provinces))


def coverage_cells(provinces):
    """Province code → ``Cell`` for the dashboard's ``ProvinceCoverage`` rows."""
    dashboard = reverse("agreements:dashboard")
    return {
        province.code: Cell(
            both_bodies(province.cells).shade,
            title(province),
            f"{dashboard}?{urlencode({'province': province.code})}",
        )
        for province in provinces
    }


def both_bodies(cells):
    """The units of both bodies together. The dashboard's own cell adds them up and decides
    the shade, so that the map and the table follow one rule."""
    total = dataclasses.replace(cells[0])
    for cell in cells[1:]:
        total.add(cell)
    return total


def share_text(cell):
    """A share as the coverage table writes it: "31", or "<1" for a few units in many."""
    return "<1" if cell.covered and not cell.percent else str(cell.percent)


def title(province):
    """ "Jawa Timur: 31% of its election units hold a PKS in force (KPU 12 of 39, …)"."""
    bodies = ", ".join(
        _("%(body)s %(covered)s of %(total)s")
        % {"body": label, "covered": cell.covered, "total": cell.total}
        for label, cell in zip(Body.labels, province.cells, strict=True)
    )
    return _(
        "%(province)s: %(percent)s%% of its election units hold a PKS in force (%(bodies)s)"
    ) % {
        "province": province.name,
        "percent": share_text(both_bodies(province.cells)),
        "bodies": bodies,
    }
