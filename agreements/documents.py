"""What an agreement's formal document (Nota Kesepahaman or Perjanjian Kerja Sama) says.

The document is an Indonesian legal text: dates are written out in words ("Senin, tanggal lima
belas, bulan Januari, tahun dua ribu dua puluh empat"), the parties are PIHAK PERTAMA, PIHAK
KEDUA, … and the articles (Pasal) are numbered in the order of the kind of agreement. This
module builds the template context; ``templates/agreements/pdf/document.html`` holds the text.
"""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import HttpResponse
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from agreements import pdf, rules
from agreements.legal_text import (
    BLANK,
    counted,
    date_in_words,
    indonesian_date,
    listed,
    lower_first,
    party_label,
    subject_of,
    term_of,
)
from agreements.letterhead import letterhead_of
from agreements.models import Agreement, Kind, Party
from agreements.qr import qr_svg
from partners.models import Body

DOCUMENT_NAMES = {Kind.MOU: "Nota Kesepahaman", Kind.PKS: "Perjanjian Kerja Sama"}

# What the election body does, as the documents phrase its mandate.
MANDATES = {
    Body.KPU: "penyelenggaraan pemilihan umum dan pemilihan",
    Body.BAWASLU: "pengawasan penyelenggaraan pemilihan umum dan pemilihan",
}


@dataclass(frozen=True)
class Article:
    """One Pasal: its number, its heading and the template that holds its text."""

    number: int
    key: str
    heading: str

    @property
    def template(self):
        return f"agreements/pdf/pasal/{self.key}.html"


# The Pasal of each kind, in order; a PKS adds the parties' rights and obligations.
ARTICLES = {
    Kind.MOU: [
        ("maksud_tujuan", "Maksud dan Tujuan"),
        ("ruang_lingkup", "Ruang Lingkup"),
        ("pelaksanaan", "Pelaksanaan"),
        ("pembiayaan", "Pembiayaan"),
        ("jangka_waktu", "Jangka Waktu"),
        ("evaluasi", "Evaluasi"),
        ("perselisihan", "Penyelesaian Perselisihan"),
        ("penutup", "Penutup"),
    ],
}
ARTICLES[Kind.PKS] = [
    *ARTICLES[Kind.MOU][:2],
    ("hak_kewajiban", "Hak dan Kewajiban"),
    *ARTICLES[Kind.MOU][2:],
]


class DocumentIncomplete(Exception):
    """A signed agreement whose document would print blanks where the signed copy has a number,
    a signatory or a place: it is completed in the register before it is printed."""

    def __init__(self, missing):
        super().__init__("; ".join(missing))
        self.missing = missing


@dataclass(frozen=True)
class DocumentParty:
    """A party as the document names it: PIHAK PERTAMA, PIHAK KEDUA, …"""

    label: str
    institution: str
    number: str
    signatory_name: str
    signatory_title: str

    @property
    def ordinal(self):
        """ "PERTAMA", "KEDUA": the party's name in the initials (paraf) boxes."""
        return self.label.removeprefix("PIHAK ")


def parties_of(agreement):
    """The owner (PIHAK PERTAMA) and the partners in their order."""
    owner = DocumentParty(
        party_label(1),
        agreement.owner.name,
        agreement.owner_number,
        agreement.owner_signatory_name,
        agreement.owner_signatory_title,
    )
    partners = [
        DocumentParty(
            party_label(position),
            party.institution.name,
            party.number,
            party.signatory_name,
            party.signatory_title,
        )
        for position, party in enumerate(agreement.parties.all(), start=2)
    ]
    return [owner, *partners]


def signature_order(parties):
    """Signature blocks as Indonesian documents place them: PIHAK KEDUA on the left, PIHAK
    PERTAMA on the right, further parties after them."""
    if len(parties) < 2:
        return parties
    return [parties[1], parties[0], *parties[2:]]


def signature_rows(parties):
    """The signature blocks in rows of two (``signature_order``), so that the labels, titles
    and names of a row line up whatever the length of a title."""
    ordered = signature_order(parties)
    return [ordered[start : start + 2] for start in range(0, len(ordered), 2)]


def missing_details(agreement):
    """What a signed agreement's document would print as blanks, as messages: the rule
    ``signature_details_required`` (held since it was added, but older rows may predate it) and
    the number of a PKS's parent MoU."""
    if not agreement.is_signed:
        return []
    missing = [
        found.message
        for found in rules.check_signature_details(agreement, list(agreement.parties.all()))
    ]
    if agreement.parent is not None and not agreement.parent.owner_number.strip():
        missing.append(
            _("The parent MoU, “%(mou)s”, has no number: enter the number it was signed with.")
            % {"mou": agreement.parent}
        )
    return missing


def articles_of(kind):
    """The numbered Pasal of an agreement of ``kind``."""
    return [
        Article(number, key, heading)
        for number, (key, heading) in enumerate(ARTICLES[kind], start=1)
    ]


def parent_basis(agreement):
    """For a PKS: the MoU it implements, as the recital names it."""
    mou = agreement.parent
    if mou is None:
        return None
    return {
        "parties": listed([mou.owner.name, *(p.institution.name for p in mou.parties.all())]),
        "number": mou.owner_number or BLANK,
        "date": indonesian_date(mou.signed_on),
        "subject": subject_of(mou.title),
    }


def renewal_basis(agreement):
    """For a renewal: the agreement it renews, as the document names it."""
    renewed = agreement.renewal_of
    if renewed is None:
        return None
    return {
        "document_name": DOCUMENT_NAMES[renewed.kind],
        "number": renewed.owner_number or BLANK,
        "date": indonesian_date(renewed.signed_on),
        "subject": subject_of(renewed.title),
        "until": indonesian_date(renewed.runs_until),
        "terminated": renewed.terminated_on is not None,
    }


def document_context(agreement, verification_url):
    """Everything ``agreements/pdf/document.html`` needs to render ``agreement``."""
    parties = parties_of(agreement)
    articles = articles_of(agreement.kind)
    return {
        "agreement": agreement,
        "document_name": DOCUMENT_NAMES[agreement.kind],
        "subject": subject_of(agreement.title),
        "parties": parties,
        "all_parties": listed(p.label for p in parties),
        "partner_labels": listed(p.label for p in parties[1:]),
        "signature_rows": signature_rows(parties),
        "kop": letterhead_of(agreement.owner),
        "opening": date_in_words(agreement.signed_on),
        "signing_place": agreement.signing_place or BLANK,
        "mandate": MANDATES.get(agreement.owner.body, MANDATES[Body.KPU]),
        "scopes": [lower_first(scope.name) for scope in agreement.scopes.all()],
        "articles": articles,
        "pasal": {article.key: article.number for article in articles},
        "basis": parent_basis(agreement),
        "renewal": renewal_basis(agreement),
        "valid_from": indonesian_date(agreement.valid_from),
        "valid_until": indonesian_date(agreement.valid_until),
        "term": term_of(agreement),
        "copies": counted(len(parties)),
        "notice_days": counted(30),
        "is_draft": not agreement.is_signed,
        "verification_url": verification_url,
        "qr_svg": qr_svg(verification_url),
    }


def document_queryset():
    """Agreements with everything their document shows, the parent MoU's parties included."""
    return (
        Agreement.objects.with_relations()
        .select_related("parent__owner", "renewal_of")
        .prefetch_related(Prefetch("parent__parties", Party.objects.select_related("institution")))
    )


def verification_url(request, agreement):
    """The absolute URL of the agreement's public verification page (what the QR code opens)."""
    return request.build_absolute_uri(reverse("agreements:verification", args=[agreement.uuid]))


def document_filename(agreement):
    return f"{slugify(DOCUMENT_NAMES[agreement.kind])}-{agreement.pk}.pdf"


def document_response(request, agreement):
    """The agreement's document as a PDF shown in the browser, ready to print; a signed
    agreement with a blank where its signed copy has a detail raises DocumentIncomplete."""
    missing = missing_details(agreement)
    if missing:
        raise DocumentIncomplete(missing)
    context = document_context(agreement, verification_url(request, agreement))
    response = HttpResponse(
        pdf.render_pdf("agreements/pdf/document.html", context), content_type=pdf.PDF_CONTENT_TYPE
    )
    response["Content-Disposition"] = f'inline; filename="{document_filename(agreement)}"'
    return response
