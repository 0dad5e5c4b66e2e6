"""The private files of agreements: the signed scan (PDF only) and the files of what happens
after signing (activity evidence, evaluation documents, attachments: PDF, JPEG or PNG).

Each file is checked (its extension and the format's magic bytes agree, its size is within the
limit), fingerprinted with SHA-256, stored under MEDIA_ROOT with an unguessable name, handed out
only by views that check the reader's scope (always as an attachment), and deleted from disk
once no row names it any more (``track``, connected in ``agreements.apps``, with
``kemitraan.uploads``).
"""

import hashlib
import os
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

from kemitraan.text import SINGLE_LINE_REFUSED
from kemitraan.uploads import UnusedFiles

PDF_MAGIC = b"%PDF"
CHUNK_SIZE = 64 * 1024
# The formats the follow-up files may have: extension → (magic bytes, content type, name).
FORMATS = {
    "pdf": (PDF_MAGIC, "application/pdf", "PDF"),
    "jpg": (b"\xff\xd8\xff", "image/jpeg", "JPEG"),
    "jpeg": (b"\xff\xd8\xff", "image/jpeg", "JPEG"),
    "png": (b"\x89PNG\r\n\x1a\n", "image/png", "PNG"),
}
ORIGINAL_NAME_LENGTH = 200


def extension_of(name):
    """The lower-case extension of a file name, without the dot ("" if none)."""
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def content_type_of(name):
    return FORMATS.get(extension_of(name), (None, "application/octet-stream"))[1]


def upload_path(agreement, filename):
    """Store scans under an unguessable name; the original name is not kept on disk."""
    return f"scans/{agreement.kind}/{uuid.uuid4().hex}.pdf"


@deconstructible
class PrivatePath:
    """``upload_to`` of a follow-up file: ``<folder>/<random>.<extension>``."""

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        return f"{self.folder}/{uuid.uuid4().hex}.{extension_of(filename)}"

    def __eq__(self, other):
        return isinstance(other, PrivatePath) and other.folder == self.folder


def head_of(file, length):
    """The first ``length`` bytes of an uploaded file, leaving it rewound."""
    file.seek(0)
    head = file.read(length)
    file.seek(0)
    return head


def validate_signed_scan(file):
    """Reject anything but a PDF of at most SIGNED_SCAN_MAX_BYTES."""
    if not file.name.lower().endswith(".pdf"):
        raise ValidationError(
            _(
                "The signed scan must be a PDF file (.pdf). Scan the document to PDF and upload "
                "it again."
            ),
            code="scan_not_pdf",
        )
    limit = settings.SIGNED_SCAN_MAX_BYTES
    if file.size > limit:
        raise ValidationError(
            _("The signed scan is %(size)s; the limit is %(limit)s. Scan at a lower resolution.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
            code="scan_too_large",
        )
    if head_of(file, len(PDF_MAGIC)) != PDF_MAGIC:
        raise ValidationError(
            _("The file is named .pdf but is not a PDF document. Upload the scan saved as PDF."),
            code="scan_not_pdf",
        )


def validate_followup_file(file):
    """A PDF, JPEG or PNG file whose content is what its name says, within the signed scan's
    size limit (SIGNED_SCAN_MAX_BYTES)."""
    extension = extension_of(file.name)
    if extension not in FORMATS:
        raise ValidationError(
            _(
                "Only PDF, JPEG and PNG files are accepted (.pdf, .jpg, .jpeg, .png); this one is "
                "“%(name)s”. Save it in one of these formats and upload it again."
            )
            % {"name": os.path.basename(file.name)},
            code="file_type_not_allowed",
        )
    limit = settings.SIGNED_SCAN_MAX_BYTES
    if file.size > limit:
        raise ValidationError(
            _(
                "The file is %(size)s; the limit is %(limit)s. Scan or save it at a lower "
                "resolution."
            )
            % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )
    magic, _content_type, format_name = FORMATS[extension]
    if head_of(file, len(magic)) != magic:
        raise ValidationError(
            _(
                "The file is named .%(extension)s but is not a %(format)s file. Upload the file "
                "itself, saved in that format."
            )
            % {"extension": extension, "format": format_name},
            code="file_content_mismatch",
        )


def sha256_of(file):
    """The SHA-256 hex digest of a file's content, read in chunks."""
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in iter(lambda: file.read(CHUNK_SIZE), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def fingerprint(instance, field_name, hash_field, name_field=None):
    """Before a save: the SHA-256 (and, with ``name_field``, the name it was uploaded under) of
    a newly uploaded file; nothing once the file is cleared."""
    file = getattr(instance, field_name)
    if file and not getattr(file, "_committed", True):
        setattr(instance, hash_field, sha256_of(file))
        if name_field:
            name = SINGLE_LINE_REFUSED.sub("", os.path.basename(file.name))
            setattr(instance, name_field, name[-ORIGINAL_NAME_LENGTH:])
    elif not file:
        setattr(instance, hash_field, "")


def track(model, field_name):
    """Delete the files of ``model.<field_name>`` that its rows stop naming, once the change is
    committed (``kemitraan.uploads``)."""
    UnusedFiles(field_name).connect(model)
