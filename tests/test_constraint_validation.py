"""kemitraan.models: the check constraints of a model validated in one query, with the errors,
fields and codes Django's own CheckConstraint.validate gives."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements.models import Agreement, Kind, Status

pytestmark = pytest.mark.django_db


def django_errors(agreement, exclude=None):
    """What Django's CheckConstraint.validate says, constraint by constraint."""
    found = set()
    for constraint in Agreement._meta.constraints:
        try:
            constraint.validate(Agreement, agreement, exclude=exclude)
        except ValidationError as error:
            found.add((constraint.name, error.code))
    return found


def project_errors(agreement, exclude=None):
    try:
        agreement.validate_constraints(exclude=exclude)
    except ValidationError as error:
        return {(field, item.code) for field, items in error.error_dict.items() for item in items}
    return set()


@pytest.mark.parametrize(
    "fields, expected",
    [
        ({}, set()),
        ({"valid_until": datetime.date(2023, 1, 1)}, {("valid_until", "invalid_period")}),
        ({"signed_on": None}, {("signed_on", "invalid_period")}),
        ({"valid_from": datetime.date(2023, 12, 1)}, {("valid_from", "invalid_period")}),
        ({"kind": Kind.PKS}, {("parent", "parent_required")}),
        ({"status": Status.TERMINATED}, {("terminated_on", "termination_recorded")}),
        ({"approval_reference": "1/SD/2024"}, {("approved_on", "approval_incomplete")}),
    ],
)
def test_the_same_errors_as_django_in_one_query(world, fields, expected):
    values = {
        "kind": Kind.MOU,
        "title": "MoU",
        "owner": world.kpu_ri,
        "status": Status.SIGNED,
        "signed_on": datetime.date(2024, 1, 1),
        "valid_from": datetime.date(2024, 1, 1),
        "valid_until": datetime.date(2028, 1, 1),
        "ever_signed": True,
    }
    agreement = Agreement(**{**values, **fields})
    field_of = Agreement.CONSTRAINT_FIELDS
    assert {(field_of[name], code) for name, code in django_errors(agreement)} == expected
    with CaptureQueriesContext(connection) as queries:
        assert project_errors(agreement) == expected
    checks = [q for q in queries if "SAVEPOINT" not in q["sql"]]
    assert len(checks) == 1


def test_a_constraint_on_an_excluded_field_is_skipped(world):
    agreement = Agreement(kind=Kind.PKS, title="PKS", owner=world.kpu_blitar, status=Status.DRAFT)
    assert project_errors(agreement) == {("parent", "parent_required")}
    assert project_errors(agreement, exclude={"parent"}) == set()
    assert django_errors(agreement, exclude={"parent"}) == set()
