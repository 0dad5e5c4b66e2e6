"""Model pieces shared by the apps."""

import logging

from django.core.exceptions import NON_FIELD_ERRORS, FieldError, ValidationError
from django.db import DatabaseError, connections, models, router, transaction
from django.db.models import BooleanField, CheckConstraint, ExpressionWrapper, Q
from django.db.models.functions import Coalesce
from django.db.models.sql import Query
from django.db.models.sql.constants import SINGLE

from kemitraan.text import PlainTextValidator

logger = logging.getLogger(__name__)


def broken_check_constraints(instance, model_class, checks, exclude, using):
    """The check constraints ``instance`` breaks, asked of the database in one query.

    The same test as ``CheckConstraint.validate`` (the condition against the instance's values,
    NULL passing; a constraint on an excluded field skipped; a database error passing with a
    warning), but one query for all the constraints instead of one each: validating a
    spreadsheet of thousands of rows is dominated by these round trips.
    """
    against = instance._get_field_expression_map(meta=model_class._meta, exclude=exclude)
    query = Query(None)
    for name, value in against.items():
        query.add_annotation(value, name, select=False)
    asked = []
    for index, constraint in enumerate(checks):
        condition = ExpressionWrapper(Q(constraint.condition), output_field=BooleanField())
        try:
            query.add_annotation(
                Coalesce(condition, True, output_field=BooleanField()), f"_check_{index}"
            )
        except FieldError:
            continue
        asked.append(constraint)
    if not asked:
        return []
    connection = connections[using]
    try:
        with transaction.atomic(using=using) if connection.in_atomic_block else _nothing():
            row = query.get_compiler(using=using).execute_sql(SINGLE)
    except DatabaseError as error:
        logger.warning("Got a database error checking %r: %s", asked, error)
        return []
    return [constraint for constraint, holds in zip(asked, row, strict=False) if not holds]


class _nothing:
    def __enter__(self):
        return None

    def __exit__(self, *exc_info):
        return False


class ConstraintErrorsOnFieldsMixin:
    """Attach each database constraint's validation error to the field it concerns.

    ``CONSTRAINT_FIELDS`` maps constraint names to field names; others stay non-field errors.
    The errors keep their codes, so forms and the API show them next to the right input.
    """

    CONSTRAINT_FIELDS = {}

    def validate_constraints(self, exclude=None):
        using = router.db_for_write(type(self), instance=self)
        comparable = connections[using].features.supports_comparing_boolean_expr
        errors = {}

        def add(constraint, error):
            field = self.CONSTRAINT_FIELDS.get(constraint.name, NON_FIELD_ERRORS)
            errors.setdefault(field, []).append(error)

        for model_class, constraints in self.get_constraints():
            checks = (
                [c for c in constraints if isinstance(c, CheckConstraint)] if comparable else []
            )
            for constraint in constraints:
                if constraint in checks:
                    continue
                try:
                    constraint.validate(model_class, self, exclude=exclude, using=using)
                except ValidationError as error:
                    add(constraint, error)
            for constraint in broken_check_constraints(self, model_class, checks, exclude, using):
                add(
                    constraint,
                    ValidationError(
                        constraint.get_violation_error_message(),
                        code=constraint.violation_error_code,
                    ),
                )
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
            if (
                not isinstance(field, (models.CharField, models.TextField))
                or field.name in errors
                or (exclude and field.name in exclude)
            ):
                continue
            try:
                PlainTextValidator(multiline=isinstance(field, models.TextField))(
                    getattr(self, field.attname)
                )
            except ValidationError as error:
                errors[field.name] = error.error_list
        if errors:
            raise ValidationError(errors)
