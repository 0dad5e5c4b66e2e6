"""The demo's data: its partners, and the building blocks of its agreements (dates counted from
the month the demo is loaded in, numbers in the patterns of real letters)."""

import datetime
from dataclasses import dataclass

from agreements.models import Party, Status
from partners.models import Accreditation, Category, Institution

ROMAN_MONTHS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


@dataclass
class PartnerSpec:
    """A partner institution of the demo; ``parent`` is the name of another partner."""

    name: str
    category: str
    short_name: str = ""
    parent: str | None = None
    region: str | None = None
    accreditation: str = ""
    accreditation_valid_until: datetime.date | None = None


@dataclass
class AgreementSpec:
    """A demo agreement; ``parent`` and ``renewal_of`` name other specs by their ``key``."""

    key: str
    kind: str
    owner: Institution
    title: str
    parties: list
    scopes: list
    fields: dict
    parent: str | None = None
    renewal_of: str | None = None


def month_day(today, months, day):
    """Day ``day`` of the month ``months`` months after (or before) the month of ``today``."""
    index = today.year * 12 + today.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, day)


def term_end(start, years):
    """The last day of a term of ``years`` years starting on ``start`` (a day 1–28 of a month)."""
    return start.replace(year=start.year + years) - datetime.timedelta(days=1)


def signed(signed_on, years=None, until=None, **fields):
    """The fields of an agreement signed on ``signed_on`` and valid from that day."""
    return {
        "status": Status.SIGNED,
        "signed_on": signed_on,
        "valid_from": signed_on,
        "valid_until": until or term_end(signed_on, years),
        **fields,
    }


def roman(day):
    """The month of ``day`` in Roman numerals, as letter numbers write it."""
    return ROMAN_MONTHS[day.month - 1]


def partner_specs(today):
    """The demo's partners, each parent before its children."""
    return [
        PartnerSpec("Kementerian Sosial", Category.MINISTRY, "Kemensos"),
        # Karang Taruna is the youth social organisation fostered by Kemensos.
        PartnerSpec("Karang Taruna Nasional", Category.CIVIL_SOCIETY, parent="Kementerian Sosial"),
        PartnerSpec(
            "Karang Taruna Kabupaten Probolinggo",
            Category.CIVIL_SOCIETY,
            parent="Karang Taruna Nasional",
            region="35.13",
        ),
        PartnerSpec("Kementerian Agama", Category.MINISTRY, "Kemenag"),
        PartnerSpec(
            "Kanwil Kemenag Provinsi Jawa Timur",
            Category.VERTICAL_OFFICE,
            "Kanwil Kemenag Jatim",
            parent="Kementerian Agama",
            region="35",
        ),
        PartnerSpec("Kementerian Dalam Negeri", Category.MINISTRY, "Kemendagri"),
        # Regional governments are guided and supervised by Kemendagri, which signs for them.
        PartnerSpec(
            "Pemerintah Kota Blitar",
            Category.LOCAL_GOVERNMENT,
            "Pemkot Blitar",
            parent="Kementerian Dalam Negeri",
            region="35.72",
        ),
        PartnerSpec(
            "Pemerintah Provinsi DKI Jakarta",
            Category.LOCAL_GOVERNMENT,
            "Pemprov DKI Jakarta",
            parent="Kementerian Dalam Negeri",
            region="31",
        ),
        # Jakarta's cities are administrative cities of the province, not autonomous regions.
        PartnerSpec(
            "Pemerintah Kota Administrasi Jakarta Pusat",
            Category.LOCAL_GOVERNMENT,
            "Pemkot Jakarta Pusat",
            parent="Pemerintah Provinsi DKI Jakarta",
            region="31.71",
        ),
        PartnerSpec("PP GP Ansor", Category.CIVIL_SOCIETY, "GP Ansor"),
        PartnerSpec(
            "PC GP Ansor Kota Kraksaan",
            Category.CIVIL_SOCIETY,
            parent="PP GP Ansor",
            region="35.13",
        ),
        PartnerSpec(
            "Universitas Lambung Mangkurat",
            Category.UNIVERSITY,
            "ULM",
            region="63.71",
            accreditation=Accreditation.UNGGUL,
            accreditation_valid_until=datetime.date(today.year + 3, 12, 31),
        ),
        # State Islamic universities are units of the Ministry of Religious Affairs.
        PartnerSpec(
            "Universitas Islam Negeri Antasari Banjarmasin",
            Category.UNIVERSITY,
            "UIN Antasari Banjarmasin",
            parent="Kementerian Agama",
            region="63.71",
            accreditation=Accreditation.BAIK_SEKALI,
            accreditation_valid_until=datetime.date(today.year + 2, 6, 30),
        ),
        PartnerSpec("Kementerian Komunikasi dan Informatika", Category.MINISTRY, "Kominfo"),
        PartnerSpec("Kementerian Komunikasi dan Digital", Category.MINISTRY, "Komdigi"),
    ]


def unit(body, region=None):
    """An election unit from the reference data: the national one, or the one for ``region``."""
    if region is None:
        return Institution.objects.national_unit(body)
    return Institution.objects.election_units().get(body=body, region_id=region)


def party(institution, number="", signatory_name="", signatory_title=""):
    return Party(
        institution=institution,
        number=number,
        signatory_name=signatory_name,
        signatory_title=signatory_title,
    )
