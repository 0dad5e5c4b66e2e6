"""The signed scan of an agreement: PDF only, size-limited, fingerprinted with SHA-256, and its
file deleted once no agreement names it any more."""

import hashlib
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

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


# Files of replaced and removed scans -------------------------------------------------------------
# A scan's file is deleted once the change that dropped it is committed: never while a rollback
# could still bring the old row (and its file name) back. Receivers connected in agreements.apps.


def stored_scan_name(agreement):
    """The scan file name as loaded or last saved; None if the field was not loaded."""
    value = agreement.__dict__.get("signed_scan")
    return getattr(value, "name", value) or None


def remember_stored_scan(sender, instance, **kwargs):
    """post_init: note which file the row names, to know later whether a save replaced it."""
    instance._stored_scan = stored_scan_name(instance)


def delete_replaced_scan(sender, instance, update_fields=None, **kwargs):
    """post_save: a new scan or a cleared one leaves the old file unused."""
    if update_fields is not None and "signed_scan" not in update_fields:
        return
    old, current = getattr(instance, "_stored_scan", None), stored_scan_name(instance)
    instance._stored_scan = current
    if old and old != current:
        delete_after_commit(sender, instance.signed_scan.storage, old)


def delete_removed_scan(sender, instance, **kwargs):
    """post_delete: a deleted agreement's scan goes with it."""
    name = stored_scan_name(instance)
    if name:
        delete_after_commit(sender, instance.signed_scan.storage, name)


def delete_after_commit(model, storage, name):
    """Delete the file once the transaction commits, unless another row still names it (the
    admin's "save as new" copies the file name)."""

    def delete():
        if not model._base_manager.filter(signed_scan=name).exists():
            storage.delete(name)

    transaction.on_commit(delete)
