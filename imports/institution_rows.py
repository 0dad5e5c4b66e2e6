"""Importing partner institutions from a sheet of their own, with the institution rules.

A row is the institution of the same name (any case, extra spaces ignored), updated if it
differs, or a new one. Who may write what comes from ``partners.access``: a regional editor
creates and changes the partners of its own region, and only national staff change an existing
institution's parent, category or accreditation. Election units are reference data.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from agreements import access
from imports import cells
from imports.cells import (
    CellError,
    RowCells,
    errors_from_validation,
    missing_columns,
    normalized,
    row_error,
)
from imports.names import NameIndex, linked_institutions
from partners import services
from partners.access import (
    PROTECTED_INSTITUTION_FIELDS,
    can_create_institution,
    editable_institutions,
)
from partners.models import Accreditation, Category, Institution, Region

NAME, SHORT_NAME, CATEGORY, REGION = "Nama", "Nama Singkat", "Kategori", "Kode Wilayah"
PARENT, ACCREDITATION, ACCREDITED_UNTIL = "Induk", "Akreditasi", "Akreditasi Berlaku Sampai"
COLUMNS = [NAME, SHORT_NAME, CATEGORY, REGION, PARENT, ACCREDITATION, ACCREDITED_UNTIL]
REQUIRED = [NAME, CATEGORY]
FIELD_COLUMNS = {
    "name": NAME,
    "short_name": SHORT_NAME,
    "category": CATEGORY,
    "body": CATEGORY,
    "level": CATEGORY,
    "region": REGION,
    "parent": PARENT,
    "accreditation": ACCREDITATION,
    "accreditation_valid_until": ACCREDITED_UNTIL,
}
# The category names of the template (Bahasa Indonesia); election units are not imported.
CATEGORY_NAMES = {
    "kementerian atau lembaga pusat": Category.MINISTRY,
    "kementerian": Category.MINISTRY,
    "lembaga pusat": Category.MINISTRY,
    "instansi vertikal": Category.VERTICAL_OFFICE,
    "pemerintah daerah": Category.LOCAL_GOVERNMENT,
    "perguruan tinggi": Category.UNIVERSITY,
    "organisasi kemasyarakatan": Category.CIVIL_SOCIETY,
    "ormas": Category.CIVIL_SOCIETY,
    "media": Category.MEDIA,
    "lainnya": Category.OTHER,
}
ACCREDITATION_NAMES = {
    "unggul": Accreditation.UNGGUL,
    "baik sekali": Accreditation.BAIK_SEKALI,
    "baik": Accreditation.BAIK,
    "a": Accreditation.A,
    "b": Accreditation.B,
    "c": Accreditation.C,
}
PARTNER_CATEGORIES = [c for c in Category if c != Category.ELECTION_BODY]


def save_institution(institution, user, reason):
    """Save through the institutions' one write path, with the reason in the history."""
    institution._change_reason = reason
    return services.save_institution(institution, user)


class InstitutionImporter:
    """Imports the institution rows of one file for one user (inside the caller's transaction)."""

    columns = COLUMNS
    required = REQUIRED
    record_key = "institution"

    def __init__(self, user, file_name, table, dry_run=False):
        self.user, self.file_name, self.present = user, file_name, table.columns
        self.names = NameIndex(linked_institutions())
        self.editable = set(editable_institutions(user).values_list("pk", flat=True))
        self.national = access.is_national(user)
        self.regions = {region.code: region for region in Region.objects.all()}
        self.seen = set()

    def region(self, value):
        code = cells.text(value)
        if not code:
            return None
        if code not in self.regions:
            raise CellError(
                "invalid_choice",
                _("“%(value)s” is not a Kemendagri region code (for example 35 or 35.72).")
                % {"value": code},
            )
        return self.regions[code]

    def parent(self, value):
        return self.names.find(cells.text(value)) if cells.text(value) else None

    def read(self, values):
        row = RowCells(values)
        category_options = {**CATEGORY_NAMES, **{c.value: c.value for c in PARTNER_CATEGORIES}}
        accreditation_options = {**ACCREDITATION_NAMES, **{a.value: a.value for a in Accreditation}}
        fields = {
            "name": row.read(NAME, required=True),
            "short_name": row.read(SHORT_NAME),
            "category": row.read(
                CATEGORY, lambda v: cells.choice(v, category_options, list(CATEGORY_NAMES)), True
            ),
            "region": row.read(REGION, self.region),
            "parent": row.read(PARENT, self.parent),
            "accreditation": row.read(
                ACCREDITATION,
                lambda v: cells.choice(
                    v, accreditation_options, ["Unggul", "Baik Sekali", "Baik", "A", "B", "C"]
                ),
            ),
            "accreditation_valid_until": row.read(ACCREDITED_UNTIL, cells.date),
        }
        return fields, row.errors

    def import_row(self, number, values):
        """Read, check and save one row; returns (status, institution id, errors)."""
        missing = missing_columns(self.required, self.present)
        if missing:
            return "error", None, missing
        fields, errors = self.read(values)
        if errors:
            return "error", None, errors
        key = normalized(fields["name"])
        if key in self.seen:
            return (
                "error",
                None,
                [
                    row_error(
                        NAME, "duplicate_row", _("An earlier row of this file has the same name.")
                    )
                ],
            )
        matches = self.names.by_name.get(key, [])
        if len(matches) > 1:
            return (
                "error",
                None,
                [
                    row_error(
                        NAME,
                        "ambiguous_institution",
                        _("Several institutions are named “%(name)s”: change them in the admin.")
                        % {"name": fields["name"]},
                    )
                ],
            )
        existing = matches[0] if matches else None
        refused = self.refusal(existing, fields)
        if refused:
            return "error", None, refused
        self.seen.add(key)
        if existing is not None and all(
            getattr(existing, name) == value for name, value in fields.items()
        ):
            return "update", existing.pk, []
        institution = existing or Institution()
        for name, value in fields.items():
            setattr(institution, name, value)
        try:
            save_institution(
                institution,
                self.user,
                _("Imported from the file %(name)s") % {"name": self.file_name},
            )
        except ValidationError as error:
            if existing is not None:
                existing.refresh_from_db()
            return "error", None, errors_from_validation(error, FIELD_COLUMNS)
        except PermissionDenied as refused:
            if existing is not None:
                existing.refresh_from_db()
            return "error", None, [row_error(PARENT, "protected_field", str(refused))]
        if existing is None:
            self.names.add(institution)
        return ("update" if existing else "new"), institution.pk, []

    def refusal(self, existing, fields):
        """The scope errors of this row: who may create or change this institution."""
        if existing is None:
            if can_create_institution(self.user, fields["region"]):
                return []
            return [
                row_error(
                    REGION, "out_of_scope", _("You may add institutions only in your own region.")
                )
            ]
        if existing.pk not in self.editable:
            return [
                row_error(
                    NAME,
                    "out_of_scope",
                    _(
                        "You may not change %(name)s: it is outside your region, or an election "
                        "unit."
                    )
                    % {"name": existing},
                )
            ]
        if self.national:
            return []
        return [
            row_error(
                FIELD_COLUMNS[name],
                "protected_field",
                _(
                    "Only national staff may change the %(field)s of an existing institution, "
                    "since it "
                    "decides which MoUs cover it."
                )
                % {"field": Institution._meta.get_field(name).verbose_name},
            )
            for name in PROTECTED_INSTITUTION_FIELDS
            if getattr(existing, name) != fields[name]
        ]
