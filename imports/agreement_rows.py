"""Importing agreement rows: each row read, looked up and saved through ``save_agreement``.

What rows refer to is loaded once per file (institutions by name, the user's writable units,
existing agreements by owner and number, MoUs by number), so the queries per row stay a
constant: those of ``save_agreement`` itself.
"""

from collections import defaultdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from agreements import access
from agreements.models import Agreement, Kind, Party, ScopeArea, Status
from agreements.services import PARTY_FIELDS, save_agreement, validate_agreement
from imports import cells
from imports.agreement_columns import (
    APPROVAL_REFERENCE,
    APPROVED_ON,
    COLUMNS,
    FIELD_COLUMNS,
    KIND,
    KIND_NAMES,
    OWNER,
    OWNER_NUMBER,
    OWNER_SIGNATORY,
    OWNER_SIGNATORY_TITLE,
    PARENT,
    PARTNERS,
    PARTY_COLUMNS,
    REQUIRED,
    SCOPES,
    SIGNED_ON,
    SIGNING_PLACE,
    STATUS,
    STATUS_NAMES,
    STATUS_OPTIONS,
    TITLE,
    VALID_FROM,
    VALID_UNTIL,
)
from imports.cells import (
    CellError,
    RowCells,
    errors_from_validation,
    missing_columns,
    normalized,
    row_error,
)
from imports.names import NameIndex, linked_institutions
from partners.models import Level


class AgreementImporter:
    """Imports the agreement rows of one file for one user (inside the caller's transaction)."""

    columns = COLUMNS
    required = REQUIRED
    record_key = "agreement"

    def __init__(self, user, file_name, table, dry_run=False):
        self.user, self.file_name, self.present = user, file_name, table.columns
        self.dry_run = dry_run
        self.names = NameIndex(linked_institutions())
        self.writable_owners = set(access.owner_units(user).values_list("pk", flat=True))
        self.scopes = {}
        self.scope_names = []
        for scope in ScopeArea.objects.all():
            self.scopes[normalized(scope.code)] = self.scopes[normalized(scope.name)] = scope.code
            self.scope_names.append(scope.name)
        self.existing = self.existing_agreements(table.rows)
        self.mous = self.mous_by_number(table.rows)
        self.seen = set()

    # ---- what the file refers to, loaded once -------------------------------------------

    @staticmethod
    def column_values(rows, column):
        return {cells.text(values.get(column)) for _number, values in rows} - {""}

    def related(self, queryset):
        return queryset.select_related("owner").prefetch_related(
            "scopes", Prefetch("parties", Party.objects.order_by("order", "id"))
        )

    def with_numbers(self, queryset, rows, column):
        """The agreements of ``queryset`` whose number is one of the column's, in any case."""
        numbers = sorted({normalized(number) for number in self.column_values(rows, column)})
        for start in range(0, len(numbers), 2000):
            chunk = numbers[start : start + 2000]
            yield from self.related(
                queryset.annotate(number_key=Lower("owner_number")).filter(number_key__in=chunk)
            )

    def existing_agreements(self, rows):
        found = {}
        for agreement in self.with_numbers(Agreement.objects.all(), rows, OWNER_NUMBER):
            found[(agreement.owner_id, normalized(agreement.owner_number))] = agreement
        return found

    def mous_by_number(self, rows):
        by_number = defaultdict(list)
        for mou in self.with_numbers(Agreement.objects.mous(), rows, PARENT):
            by_number[normalized(mou.owner_number)].append(mou)
        return by_number

    # ---- reading one row ---------------------------------------------------------------------

    def scope_codes(self, value):
        codes = []
        for name in cells.items(value):
            code = self.scopes.get(normalized(name))
            if code is None:
                raise CellError(
                    "invalid_choice",
                    _("“%(value)s” is not a scope area; the scope areas are: %(allowed)s.")
                    % {"value": name, "allowed": "; ".join(self.scope_names)},
                )
            if code not in codes:
                codes.append(code)
        return codes

    def find_parent(self, number, owner):
        """The MoU of that number: the national unit's of the owner's body first."""
        candidates = self.mous.get(normalized(number), [])
        national = [
            mou
            for mou in candidates
            if mou.owner.level == Level.NATIONAL and mou.owner.body == owner.body
        ]
        same_body = [mou for mou in candidates if mou.owner.body == owner.body]
        chosen = national or same_body or candidates
        if not chosen:
            raise CellError(
                "unknown_parent",
                _(
                    "No MoU has the number “%(number)s”: write the number the national unit gave "
                    "its MoU, or put the MoU in an earlier row of this file."
                )
                % {"number": number},
            )
        return max(chosen, key=lambda mou: (mou.signed_on is not None, mou.signed_on, mou.pk or 0))

    def find_owner(self, value):
        return self.names.find(cells.text(value)) if cells.text(value) else None

    def read(self, values):
        """The row's fields, parties and scope codes, and the errors met reading them."""
        row = RowCells(values)
        owner = row.read(OWNER, self.find_owner, required=True)
        if owner is not None and owner.is_election_unit and owner.pk not in self.writable_owners:
            return None, [
                row_error(
                    OWNER,
                    "out_of_scope",
                    _(
                        "You may import agreements only for your own unit and the units under it; "
                        "%(owner)s is not one of them."
                    )
                    % {"owner": owner},
                )
            ]
        fields = {
            "kind": row.read(KIND, lambda v: cells.choice(v, KIND_NAMES, ["MoU", "PKS"]), True),
            "title": row.read(TITLE, required=True),
            "owner": owner,
            "owner_number": row.read(OWNER_NUMBER),
            "owner_signatory_name": row.read(OWNER_SIGNATORY),
            "owner_signatory_title": row.read(OWNER_SIGNATORY_TITLE),
            "parent": row.read(
                PARENT,
                lambda v: (
                    self.find_parent(cells.text(v), owner) if cells.text(v) and owner else None
                ),
            ),
            "signed_on": row.read(SIGNED_ON, cells.date),
            "signing_place": row.read(SIGNING_PLACE),
            "valid_from": row.read(VALID_FROM, cells.date),
            "valid_until": row.read(VALID_UNTIL, cells.date),
            "status": row.read(
                STATUS, lambda v: cells.choice(v, STATUS_OPTIONS, list(STATUS_NAMES))
            )
            or Status.DRAFT,
            "approval_reference": row.read(APPROVAL_REFERENCE),
            "approved_on": row.read(APPROVED_ON, cells.date),
        }
        parties = self.read_parties(row)
        scopes = row.read(SCOPES, self.scope_codes) or []
        return (fields, parties, scopes), row.errors

    def read_parties(self, row):
        """The partner parties: names, numbers and signatories in parallel ``;`` lists."""
        partners = row.each(PARTNERS, row.read(PARTNERS, cells.items, True), self.names.find)
        listed = [row.read(column, cells.items) or [] for column in PARTY_COLUMNS]
        for column, values in zip(PARTY_COLUMNS, listed, strict=True):
            if len(values) > len(partners) and not row.errors:
                row.errors.append(
                    row_error(
                        column,
                        "list_length_mismatch",
                        _(
                            "%(column)s lists %(count)d entries for %(partners)d partners: give "
                            "them in "
                            "the order of the column Mitra, separated by “;”."
                        )
                        % {"column": column, "count": len(values), "partners": len(partners)},
                    )
                )
        return [
            Party(
                institution=partner,
                **{
                    name: values[index] if index < len(values) else ""
                    for name, values in zip(PARTY_FIELDS, listed, strict=True)
                },
            )
            for index, partner in enumerate(partners)
        ]

    # ---- importing one row -------------------------------------------------------------------

    def import_row(self, number, values):
        """Read, check and save one row; returns (status, agreement id, errors)."""
        missing = missing_columns(self.required, self.present)
        if missing:
            return "error", None, missing
        read, errors = self.read(values)
        if errors:
            return "error", None, errors
        fields, parties, scopes = read
        key = (fields["owner"].pk, normalized(fields["owner_number"]))
        if fields["owner_number"] and key in self.seen:
            return (
                "error",
                None,
                [
                    row_error(
                        OWNER_NUMBER,
                        "duplicate_row",
                        _("An earlier row of this file has the same unit and number %(number)s.")
                        % {"number": fields["owner_number"]},
                    )
                ],
            )
        existing = self.existing.get(key) if fields["owner_number"] else None
        if existing is not None and unchanged(existing, fields, parties, scopes):
            self.seen.add(key)
            return "update", existing.pk, []
        agreement = existing or Agreement()
        errors = self.save(agreement, fields, parties, scopes)
        if errors:
            return "error", None, errors
        self.seen.add(key)
        if agreement.kind == Kind.MOU and agreement.owner_number:
            self.mous[normalized(agreement.owner_number)].append(agreement)
        return ("update" if existing else "new"), agreement.pk, []

    def save(self, agreement, fields, parties, scopes):
        """Save through the one write path; the row's errors if a rule refuses it."""
        for name, value in fields.items():
            setattr(agreement, name, value)
        reason = _("Imported from the file %(name)s") % {"name": self.file_name}
        agreement._change_reason = reason
        for party in parties:
            party._change_reason, party._history_user = reason, self.user
        try:
            if self.dry_run and agreement.kind == Kind.PKS:
                # No later row can refer to a PKS, so a dry run only checks it, with the very
                # validation save_agreement runs first; MoU rows are saved (and rolled back at
                # the end), since PKS rows further down may name them as parents.
                validate_agreement(agreement, parties, scopes)
            else:
                save_agreement(agreement, parties, scopes, user=self.user)
        except ValidationError as error:
            if agreement.pk is not None:
                agreement.refresh_from_db()
            return errors_from_validation(error, FIELD_COLUMNS)
        except PermissionDenied as refused:  # the one approval path refused the approval
            if agreement.pk is not None:
                agreement.refresh_from_db()
            return [row_error(APPROVAL_REFERENCE, "approval_not_allowed", str(refused))]
        return []


def unchanged(agreement, fields, parties, scopes):
    """Whether the row says exactly what the stored agreement holds."""
    for name, value in fields.items():
        stored = (
            getattr(agreement, f"{name}_id")
            if name in ("owner", "parent")
            else getattr(agreement, name)
        )
        if name in ("owner", "parent"):
            value = value.pk if value is not None else None
        if stored != value:
            return False
    stored_parties = [
        (p.institution_id, p.number, p.signatory_name, p.signatory_title)
        for p in agreement.parties.all()
    ]
    wanted = [(p.institution.pk, p.number, p.signatory_name, p.signatory_title) for p in parties]
    return stored_parties == wanted and {s.code for s in agreement.scopes.all()} == set(scopes)
