"""The trigram indexes of the searches as ``kemitraan.search.Document`` builds them (PostgreSQL
only; nothing on other databases).

One index per table on ``UPPER(f1 || ' ' || f2)`` replaces the indexes per column of 0002: the
planner answered an OR of two indexed columns with a sequential scan, while one document serves
every word with a bitmap index scan (and the typo search, ``<<%``). ``fastupdate`` is off so
that new rows go into the index at once: a GIN pending list left by a busy day of writes (or a
bulk load) is read in full by every search until the next vacuum.
"""

from django.db import migrations

OLD = [
    ("agreements_agreement_title_trgm", "agreements_agreement", "title"),
    ("agreements_agreement_owner_number_trgm", "agreements_agreement", "owner_number"),
    ("agreements_party_number_trgm", "agreements_party", "number"),
    ("partners_institution_name_trgm", "partners_institution", "name"),
    ("partners_institution_short_name_trgm", "partners_institution", "short_name"),
]
DOCUMENTS = [
    ("agreements_agreement_search_trgm", "agreements_agreement", ("title", "owner_number")),
    ("agreements_party_search_trgm", "agreements_party", ("number",)),
    ("partners_institution_search_trgm", "partners_institution", ("name", "short_name")),
]


def document(columns):
    return "UPPER(" + " || ' ' || ".join(f'"{column}"' for column in columns) + ")"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in OLD:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')
    for name, table, columns in DOCUMENTS:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" '
            f"USING gin ({document(columns)} gin_trgm_ops) WITH (fastupdate = off)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _columns in DOCUMENTS:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')
    for name, table, column in OLD:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" '
            f'USING gin (UPPER("{column}") gin_trgm_ops)'
        )


class Migration(migrations.Migration):

    dependencies = [
        ("agreements", "0006_party_institution_agreement_index"),
    ]

    operations = [migrations.RunPython(create, drop)]
