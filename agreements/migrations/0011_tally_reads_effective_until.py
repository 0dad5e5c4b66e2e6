"""The tally's "in force" reads ``effective_until`` (the end as extended by the addenda), as
``agreements.models.choices.in_force_condition`` does since 0010; its trigger fires when that
column changes too, and the counts are made afresh (PostgreSQL only, like 0009)."""

from django.db import migrations
from django.utils import timezone

IN_FORCE = """
CREATE OR REPLACE FUNCTION agreements_tally_in_force(r agreements_agreement, d date)
RETURNS integer LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN r.status IN ('signed', 'terminated')
                 AND (r.terminated_on IS NULL OR r.terminated_on >= d)
                 AND r.valid_from <= d AND r.effective_until >= d
           THEN 1 ELSE 0 END
$$
"""
TRIGGER = """
CREATE TRIGGER agreements_agreement_tally
AFTER INSERT OR DELETE OR UPDATE OF owner_id, kind, status, valid_from, valid_until,
    effective_until, terminated_on
ON agreements_agreement FOR EACH ROW EXECUTE FUNCTION agreements_tally_change()
"""
OLD_IN_FORCE = IN_FORCE.replace("r.effective_until >= d", "r.valid_until >= d")
OLD_TRIGGER = TRIGGER.replace("\n    effective_until, terminated_on", " terminated_on")
RECOUNT = """
INSERT INTO agreements_agreementtally (owner_id, kind, status, total, in_force)
SELECT a.owner_id, a.kind, a.status, COUNT(*), SUM(agreements_tally_in_force(a, %s))
FROM agreements_agreement a GROUP BY a.owner_id, a.kind, a.status
"""


def replace(in_force, trigger):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("LOCK TABLE agreements_agreement IN SHARE ROW EXCLUSIVE MODE")
        schema_editor.execute(in_force)
        schema_editor.execute("DROP TRIGGER IF EXISTS agreements_agreement_tally "
                              "ON agreements_agreement")
        schema_editor.execute(trigger)
        today = timezone.localdate()
        schema_editor.execute("DELETE FROM agreements_agreementtally")
        schema_editor.execute(RECOUNT, [today])
        schema_editor.execute("UPDATE agreements_tallyday SET day = %s", [today])
    return run


class Migration(migrations.Migration):

    dependencies = [
        ("agreements", "0010_followup_and_addenda"),
    ]

    operations = [migrations.RunPython(replace(IN_FORCE, TRIGGER),
                                       replace(OLD_IN_FORCE, OLD_TRIGGER))]
