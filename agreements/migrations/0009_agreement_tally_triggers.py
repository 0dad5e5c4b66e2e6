"""The triggers that keep ``AgreementTally`` as agreements change, and the first count
(PostgreSQL only: elsewhere the dashboard counts the agreements table, ``agreements.tally``).

Every insert, delete, and update of what the counts depend on (owner, kind, status, validity,
termination) adds to the row of the new (owner, kind, status) and takes from the old one; "in
force" is counted for the day in ``TallyDay``. An update touching two rows changes them in key
order, so two writers never wait for each other in a circle. The in-force condition is
``agreements.models.choices.in_force_condition``, written in SQL: keep the two the same.
"""

from django.db import migrations
from django.utils import timezone

IN_FORCE = """
CREATE OR REPLACE FUNCTION agreements_tally_in_force(r agreements_agreement, d date)
RETURNS integer LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN r.status IN ('signed', 'terminated')
                 AND (r.terminated_on IS NULL OR r.terminated_on >= d)
                 AND r.valid_from <= d AND r.valid_until >= d
           THEN 1 ELSE 0 END
$$
"""
ADD = """
CREATE OR REPLACE FUNCTION agreements_tally_add(
    p_owner bigint, p_kind varchar, p_status varchar, p_total integer, p_in_force integer)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO agreements_agreementtally (owner_id, kind, status, total, in_force)
    VALUES (p_owner, p_kind, p_status, p_total, p_in_force)
    ON CONFLICT (owner_id, kind, status) DO UPDATE
        SET total = agreements_agreementtally.total + EXCLUDED.total,
            in_force = agreements_agreementtally.in_force + EXCLUDED.in_force;
END
$$
"""
CHANGE = """
CREATE OR REPLACE FUNCTION agreements_tally_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    d date;
    old_in_force integer;
    new_in_force integer;
BEGIN
    SELECT day INTO d FROM agreements_tallyday WHERE id = 1;
    IF TG_OP = 'DELETE' THEN
        PERFORM agreements_tally_add(OLD.owner_id, OLD.kind, OLD.status, -1,
                                     -agreements_tally_in_force(OLD, d));
        RETURN NULL;
    END IF;
    new_in_force := agreements_tally_in_force(NEW, d);
    IF TG_OP = 'INSERT' THEN
        PERFORM agreements_tally_add(NEW.owner_id, NEW.kind, NEW.status, 1, new_in_force);
        RETURN NULL;
    END IF;
    old_in_force := agreements_tally_in_force(OLD, d);
    IF (OLD.owner_id, OLD.kind, OLD.status) = (NEW.owner_id, NEW.kind, NEW.status) THEN
        IF old_in_force <> new_in_force THEN
            PERFORM agreements_tally_add(NEW.owner_id, NEW.kind, NEW.status, 0,
                                         new_in_force - old_in_force);
        END IF;
    ELSIF (OLD.owner_id, OLD.kind, OLD.status) < (NEW.owner_id, NEW.kind, NEW.status) THEN
        PERFORM agreements_tally_add(OLD.owner_id, OLD.kind, OLD.status, -1, -old_in_force);
        PERFORM agreements_tally_add(NEW.owner_id, NEW.kind, NEW.status, 1, new_in_force);
    ELSE
        PERFORM agreements_tally_add(NEW.owner_id, NEW.kind, NEW.status, 1, new_in_force);
        PERFORM agreements_tally_add(OLD.owner_id, OLD.kind, OLD.status, -1, -old_in_force);
    END IF;
    RETURN NULL;
END
$$
"""
TRIGGER = """
CREATE TRIGGER agreements_agreement_tally
AFTER INSERT OR DELETE OR UPDATE OF owner_id, kind, status, valid_from, valid_until, terminated_on
ON agreements_agreement FOR EACH ROW EXECUTE FUNCTION agreements_tally_change()
"""
FIRST_COUNT = """
INSERT INTO agreements_agreementtally (owner_id, kind, status, total, in_force)
SELECT a.owner_id, a.kind, a.status, COUNT(*), SUM(agreements_tally_in_force(a, %s))
FROM agreements_agreement a GROUP BY a.owner_id, a.kind, a.status
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in (IN_FORCE, ADD, CHANGE, TRIGGER):
        schema_editor.execute(statement)
    today = timezone.localdate()
    schema_editor.execute("LOCK TABLE agreements_agreement IN SHARE ROW EXCLUSIVE MODE")
    schema_editor.execute("DELETE FROM agreements_agreementtally")
    schema_editor.execute(FIRST_COUNT, [today])
    schema_editor.execute("INSERT INTO agreements_tallyday (id, day) VALUES (1, %s)", [today])


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP TRIGGER IF EXISTS agreements_agreement_tally "
                          "ON agreements_agreement")
    for function in ("agreements_tally_change()",
                     "agreements_tally_add(bigint, varchar, varchar, integer, integer)",
                     "agreements_tally_in_force(agreements_agreement, date)"):
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {function}")
    schema_editor.execute("DELETE FROM agreements_agreementtally")
    schema_editor.execute("DELETE FROM agreements_tallyday")


class Migration(migrations.Migration):

    dependencies = [
        ("agreements", "0008_agreement_tally"),
    ]

    operations = [migrations.RunPython(create, drop)]
