"""Writing institutions: the one write path for the admin, the API, imports and commands.

It validates the institution (fields and named constraints), checks who may make the change
(``partners.access``), asks the apps above whether the change would break a record of theirs
(``partners.signals.institution_changing``), and saves under a row lock with the author in the
audit history.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kemitraan import versioning
from partners import access
from partners.models import Category, Institution
from partners.signals import institution_changing


def changed_fields(institution, stored, names):
    """The fields among ``names`` whose value differs from the stored institution."""
    if stored is None:
        return [name for name in names if getattr(institution, name) not in (None, "")]
    return [name for name in names if getattr(institution, name) != getattr(stored, name)]


def changed_columns(institution, stored):
    """The names of the stored fields the change touches (foreign keys by their id)."""
    return {
        field.name
        for field in Institution._meta.concrete_fields
        if field.editable
        and field.name != "version"
        and getattr(institution, field.attname) != getattr(stored, field.attname)
    }


def check_permission(user, institution, stored):
    """Raise PermissionDenied unless ``user`` may make this change to the institution."""
    if user is None or user.is_superuser:
        return
    if institution.category == Category.ELECTION_BODY or (
        stored is not None and stored.category == Category.ELECTION_BODY
    ):
        check_election_unit_change(user, institution, stored)
        return
    if stored is None and not access.can_create_institution(user, institution.region):
        raise PermissionDenied(_("You may add partners only in the region of your own unit."))
    if stored is not None and not access.editable_institutions(user).filter(pk=stored.pk).exists():
        raise PermissionDenied(_("You may change only the partners of your own unit's region."))
    # A new partner of the editor's region is entered whole (a branch with its national
    # organisation as parent); only an existing one's parent, category and accreditation are
    # reserved to national staff. Who entered what stays in the audit history.
    protected = (
        []
        if stored is None
        else changed_fields(institution, stored, access.PROTECTED_INSTITUTION_FIELDS)
    )
    if protected and not access.may_change_protected_fields(user):
        labels = ", ".join(
            str(Institution._meta.get_field(name).verbose_name) for name in protected
        )
        raise PermissionDenied(
            _(
                "Only national staff may set or change %(fields)s: they decide "
                "which national MoUs cover the institution. Ask KPU RI or "
                "Bawaslu RI."
            )
            % {"fields": labels}
        )


def check_election_unit_change(user, institution, stored):
    """An election unit is reference data, save its letterhead and head, which its own staff
    (and national staff) set: raise PermissionDenied for any other change."""
    letterhead_only = (
        stored is not None
        and stored.category == institution.category
        and changed_columns(institution, stored) <= set(access.LETTERHEAD_FIELDS)
    )
    if not letterhead_only:
        raise PermissionDenied(
            _(
                "Election units are reference data; only an administrator "
                "changes them. Their letterhead and head are set by their own "
                "staff or national staff."
            )
        )
    if not access.can_set_letterhead(user, stored):
        raise PermissionDenied(_("You may set the letterhead and head of your own unit only."))


def consequences(institution, stored):
    """What the change would break elsewhere, as {field: [ValidationError, …]}."""
    if stored is None:
        return {}
    errors = {}
    for _receiver, found in institution_changing.send(
        sender=Institution, institution=institution, stored=stored
    ):
        for field, field_errors in (found or {}).items():
            errors.setdefault(field, []).extend(field_errors)
    return errors


@transaction.atomic
def save_institution(institution, user=None, expected_version=None):
    """Validate and save an institution; PermissionDenied, ValidationError or StaleVersion."""
    stored = versioning.lock(Institution, institution.pk, expected_version)
    check_permission(user, institution, stored)
    errors = {}
    try:
        institution.full_clean()
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if not errors:
        errors = consequences(institution, stored)
    if errors:
        raise ValidationError(errors)
    if stored is not None:
        institution.version = stored.version
    if user is not None:
        institution._history_user = user
    institution.save()
    return institution


def check_contact_permission(user, institution):
    """Whoever may change an institution may change its contact persons."""
    if (
        user is not None
        and not access.editable_institutions(user).filter(pk=institution.pk).exists()
    ):
        raise PermissionDenied(
            _(
                "You may change only the contact persons of partners you may "
                "change (those of your own unit's region)."
            )
        )


@transaction.atomic
def save_contact(contact, user=None):
    """Validate and save a contact person of an institution, with the author in the history."""
    check_contact_permission(user, contact.institution)
    contact.full_clean()
    if user is not None:
        contact._history_user = user
    contact.save()
    return contact


@transaction.atomic
def delete_contact(contact, user=None):
    check_contact_permission(user, contact.institution)
    if user is not None:
        contact._history_user = user
    contact.delete()
