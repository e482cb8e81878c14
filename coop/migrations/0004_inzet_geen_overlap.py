"""On PostgreSQL the database itself refuses overlapping active assignments of one member."""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE coop_inzet ADD CONSTRAINT inzet_geen_overlap
    EXCLUDE USING gist (werknemer_id WITH =, tstzrange(start, eind, '[)') WITH &&)
    WHERE (status = 'actief');
"""
DROP = "ALTER TABLE coop_inzet DROP CONSTRAINT IF EXISTS inzet_geen_overlap;"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("coop", "0003_broker")]
    operations = [migrations.RunPython(forwards, backwards)]
