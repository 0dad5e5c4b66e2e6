"""Trigram indexes for the `q` searches (icontains) on PostgreSQL; nothing on other databases.

Django's icontains is UPPER(column) LIKE UPPER('%word%') on PostgreSQL, so the indexes are on
UPPER(column) with pg_trgm's gin_trgm_ops. pg_trgm is a trusted extension (PostgreSQL 13+):
the database owner may create it.
"""

from django.db import migrations

INDEXES = [
    ("agreements_agreement_title_trgm", "agreements_agreement", "title"),
    ("agreements_agreement_owner_number_trgm", "agreements_agreement", "owner_number"),
    ("agreements_party_number_trgm", "agreements_party", "number"),
    ("partners_institution_name_trgm", "partners_institution", "name"),
    ("partners_institution_short_name_trgm", "partners_institution", "short_name"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in INDEXES:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" '
            f'USING gin (UPPER("{column}") gin_trgm_ops)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):

    dependencies = [
        ("agreements", "0001_initial"),
        ("partners", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
