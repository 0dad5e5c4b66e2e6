"""Model pieces shared by the apps."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import router


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
