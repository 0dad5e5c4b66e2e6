"""What assistive technology reads of the pages: every ``aria-describedby`` and
``aria-labelledby`` names an element that exists, every table of the pages has a caption; and
the verification page says what its QR code proves and lets a visitor check a PDF copy."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from agreements.models import Agreement
from tests.conftest import make_agreement


class Structure(HTMLParser):
    """The ids, the ids referred to, and the tables (with or without a caption) of a page."""

    def __init__(self, html):
        super().__init__()
        self.ids, self.references, self.tables = set(), [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for name in ("aria-describedby", "aria-labelledby"):
            self.references += [(name, ref) for ref in (attrs.get(name) or "").split()]
        if tag == "table":
            self.tables.append(False)
        elif tag == "caption" and self.tables:
            self.tables[-1] = True

    @property
    def dangling(self):
        return [(name, ref) for name, ref in self.references if ref not in self.ids]


@pytest.fixture
def pages(client, users, world, national_mou):
    make_agreement(
        world.kpu_jatim,
        [world.kanwil_kemenag_jatim],
        ["sosialisasi"],
        kind="pks",
        parent=national_mou,
        title="PKS KPU Jatim",
    )
    Agreement.objects.filter(pk=national_mou.pk).update(signed_scan_sha256="ab" * 32)
    client.force_login(users.national_admin)
    return {
        "home": "/",
        "lookup": reverse("agreements:lookup") + "?q=kementerian",
        "partner": reverse("agreements:partner", args=[world.kemensos.pk]),
        "dashboard": reverse("agreements:dashboard"),
        "province": reverse("agreements:dashboard") + "?province=35",
        "report": reverse("agreements:report"),
        "report with errors": reverse("agreements:report") + "?signed_from=13/13/2024&format=pdf",
        "verification": reverse("agreements:verification", args=[national_mou.uuid]),
    }


def test_every_aria_reference_names_an_element_of_the_page(client, pages):
    for name, url in pages.items():
        structure = Structure(client.get(url).content.decode())
        assert structure.dangling == [], name


def test_the_report_form_describes_its_date_by_its_help(client, pages):
    structure = Structure(client.get(pages["report"]).content.decode())
    assert ("aria-describedby", "id_in_force_on_helptext") in structure.references


def test_every_table_of_the_dashboard_has_a_caption(client, pages):
    for name in ("dashboard", "province"):
        tables = Structure(client.get(pages[name]).content.decode()).tables
        assert tables and all(tables), name


def test_the_verification_page_says_what_its_qr_code_proves(client, pages):
    page = " ".join(client.get(pages["verification"]).content.decode().split())
    assert "Yang dibuktikan halaman ini, dan yang tidak" in page
    assert "membuktikan bahwa register mencatat perjanjian ini" in page
    assert "bukan tanda tangan elektronik" in page
    assert 'href="https://tte.komdigi.go.id/verifyPDF"' in page
    # The copy is checked in the browser against the registered scan's fingerprint.
    assert f'data-sha256="{"ab" * 32}"' in page
    assert 'data-match="Cocok:' in page and 'data-mismatch="Tidak cocok:' in page
    assert "kemitraan/check-copy.js" in page
    assert "<form" in page and 'method="post"' not in page[page.index("check-copy__form") :]


def test_no_copy_check_without_a_registered_scan(client, users, world):
    mou = make_agreement(world.kpu_ri, [world.kemenag], ["sosialisasi"], title="MoU tanpa scan")
    page = client.get(reverse("agreements:verification", args=[mou.uuid])).content.decode()
    assert "check-copy__form" not in page
    assert "bukan tanda tangan elektronik" in page
