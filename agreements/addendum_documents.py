"""An addendum as its own formal document ("Adendum Pertama Nota Kesepahaman …"): what
``templates/agreements/pdf/addendum.html`` needs, built with the helpers of the agreement's
own document (``agreements.documents``), so that both read alike."""

from django.http import HttpResponse
from django.utils.text import slugify
from num2words import num2words

from agreements import documents, pdf
from agreements.documents import DocumentParty
from agreements.legal_text import (
    BLANK,
    counted,
    date_in_words,
    indonesian_date,
    listed,
    lower_first,
    party_label,
    subject_of,
)
from agreements.qr import qr_svg


def ordinal_of(addendum):
    """ "Pertama", "Kedua", …: the addendum's place among the agreement's, by signing date."""
    earlier = [
        other.pk
        for other in addendum.agreement.addenda.all()
        if (other.signed_on, other.pk) <= (addendum.signed_on, addendum.pk)
    ]
    return num2words(len(earlier), lang="id", to="ordinal").capitalize()


def addendum_parties(agreement, addendum):
    """The parties as the addendum names them, each with its number for the addendum."""
    numbers = addendum.partner_number_list()
    owner = DocumentParty(
        party_label(1),
        agreement.owner.name,
        addendum.owner_number,
        agreement.owner_signatory_name,
        agreement.owner_signatory_title,
    )
    partners = [
        DocumentParty(
            party_label(position),
            party.institution.name,
            numbers[position - 2] if position - 2 < len(numbers) else "",
            party.signatory_name,
            party.signatory_title,
        )
        for position, party in enumerate(agreement.parties.all(), start=2)
    ]
    return [owner, *partners]


def articles_of(addendum):
    """The Pasal of the addendum, numbered: its extension, its scopes, its text, the closing."""
    keys = [
        key
        for key, present in (
            ("jangka_waktu", addendum.valid_until),
            ("ruang_lingkup", addendum.scopes.all()),
            ("perubahan", addendum.text.strip()),
        )
        if present
    ]
    return {key: number for number, key in enumerate([*keys, "penutup"], start=1)}


def addendum_context(addendum, verification_url):
    """Everything ``agreements/pdf/addendum.html`` needs to render ``addendum``."""
    agreement = addendum.agreement
    parties = addendum_parties(agreement, addendum)
    agreement_name = documents.DOCUMENT_NAMES[agreement.kind]
    return {
        "addendum": addendum,
        "agreement": agreement,
        "document_name": f"Adendum {ordinal_of(addendum)} {agreement_name}",
        "agreement_name": agreement_name,
        "subject": subject_of(agreement.title),
        "parties": parties,
        "all_parties": listed(party.label for party in parties),
        "signatures": documents.signature_order(parties),
        "opening": date_in_words(addendum.signed_on),
        "signing_place": addendum.signing_place or BLANK,
        "agreement_number": agreement.owner_number or BLANK,
        "agreement_date": indonesian_date(agreement.signed_on),
        "agreement_until": indonesian_date(agreement.valid_until),
        "extended_until": addendum.valid_until and indonesian_date(addendum.valid_until),
        "added_scopes": [lower_first(scope.name) for scope in addendum.scopes.all()],
        "paragraphs": [line.strip() for line in addendum.text.splitlines() if line.strip()],
        "pasal": articles_of(addendum),
        "copies": counted(len(parties)),
        "verification_url": verification_url,
        "qr_svg": qr_svg(verification_url),
    }


def addendum_response(request, addendum):
    """The addendum as a PDF shown in the browser, ready to print."""
    url = documents.verification_url(request, addendum.agreement)
    body = pdf.render_pdf("agreements/pdf/addendum.html", addendum_context(addendum, url))
    response = HttpResponse(body, content_type=pdf.PDF_CONTENT_TYPE)
    name = slugify(f"adendum {addendum.agreement.pk} {addendum.pk}")
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response
