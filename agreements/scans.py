"""The signed scan of an agreement: PDF only, size-limited, fingerprinted with SHA-256, and its
file deleted once no agreement names it any more (``kemitraan.uploads``)."""

import hashlib
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from kemitraan.uploads import UnusedFiles

PDF_MAGIC = b"%PDF"
CHUNK_SIZE = 64 * 1024


def upload_path(agreement, filename):
    """Store scans under an unguessable name; the original name is not kept on disk."""
    return f"scans/{agreement.kind}/{uuid.uuid4().hex}.pdf"


def validate_signed_scan(file):
    """Reject anything but a PDF of at most SIGNED_SCAN_MAX_BYTES."""
    if not file.name.lower().endswith(".pdf"):
        raise ValidationError(
            _("The signed scan must be a PDF file (.pdf). Scan the document to PDF and upload it again."),
            code="scan_not_pdf",
        )
    limit = settings.SIGNED_SCAN_MAX_BYTES
    if file.size > limit:
        raise ValidationError(
            _("The signed scan is %(size)s; the limit is %(limit)s. Scan at a lower resolution.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
            code="scan_too_large",
        )
    file.seek(0)
    head = file.read(len(PDF_MAGIC))
    file.seek(0)
    if head != PDF_MAGIC:
        raise ValidationError(
            _("The file is named .pdf but is not a PDF document. Upload the scan saved as PDF."),
            code="scan_not_pdf",
        )


def sha256_of(file):
    """The SHA-256 hex digest of a file's content, read in chunks."""
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in iter(lambda: file.read(CHUNK_SIZE), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


# A replaced, cleared or deleted scan's file is deleted once the change is committed
# (kemitraan.uploads); the receivers are connected in agreements.apps.
SCAN_FILES = UnusedFiles("signed_scan")
