"""Model pieces shared by the apps."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, router

from kemitraan.text import PlainTextValidator


class ConstraintErrorsOnFieldsMixin:
    """Attach each database constraint's validation error to the field it concerns.

    ``CONSTRAINT_FIELDS`` maps constraint names to field names; others stay non-field errors.
    The errors keep their codes, so forms and the API show them next to the right input.
    """

    CONSTRAINT_FIELDS = {}

    def validate_constraints(self, exclude=None):
        using = router.db_for_write(type(self), instance=self)
        errors = {}
        for model_class, constraints in self.get_constraints():
            for constraint in constraints:
                try:
                    constraint.validate(model_class, self, exclude=exclude, using=using)
                except ValidationError as error:
                    field = self.CONSTRAINT_FIELDS.get(constraint.name, NON_FIELD_ERRORS)
                    errors.setdefault(field, []).append(error)
        if errors:
            raise ValidationError(errors)


class PlainTextMixin:
    """Refuse control and text-direction characters in every text field of the model.

    Runs with the field validation (``full_clean``), so the admin, the API and every command
    that saves through ``full_clean`` get a field error with the code ``invalid_character``
    naming the character. Line breaks and tabs are allowed in a TextField only.
    """

    def clean_fields(self, exclude=None):
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self._meta.concrete_fields:
            if (not isinstance(field, (models.CharField, models.TextField))
                    or field.name in errors or (exclude and field.name in exclude)):
                continue
            try:
                PlainTextValidator(multiline=isinstance(field, models.TextField))(
                    getattr(self, field.attname))
            except ValidationError as error:
                errors[field.name] = error.error_list
        if errors:
            raise ValidationError(errors)
