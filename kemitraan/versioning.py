"""Optimistic concurrency: every save of a versioned record raises its ``version``; a writer
that read version N may save only while the record is still at N (docs/ARCHITECTURE.md,
"Concurrency").

The API sends the version as an ``ETag`` and honours ``If-Match``; the admin form carries the
version it was opened at. The check is made under a row lock (``select_for_update``), so two
writers who read the same version cannot both save.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StaleVersion(Exception):
    """The record was changed by someone else since the writer read it."""

    def __init__(self, current):
        super().__init__(f"The record is at version {current.version}")
        self.current = current


class VersionedModel(models.Model):
    """Adds the ``version`` counter, raised by one on every save."""

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            self.version += 1
        super().save(*args, **kwargs)


def lock(model, pk, expected_version=None):
    """The stored row of ``model`` with ``pk``, locked for the rest of the transaction, or None.

    With ``expected_version``, raise ``StaleVersion`` if the stored row is at another version.
    """
    if pk is None:
        return None
    current = model._default_manager.select_for_update().filter(pk=pk).first()
    if current is not None and expected_version is not None and current.version != expected_version:
        raise StaleVersion(current)
    return current


def etag(record):
    """The strong entity tag of a record's current version."""
    return f'"{record.pk}-{record.version}"'


def if_match_version(header, record):
    """The version a client's ``If-Match`` header asks to write over, or None without one.

    ``*`` matches any version (the current one); a tag of another record or version, or a weak
    tag (never equal by strong comparison), gives 0, which no record has.
    """
    if not header:
        return None
    tags = [tag.strip() for tag in header.split(",")]
    if "*" in tags:
        return record.version
    return record.version if etag(record) in tags else 0
