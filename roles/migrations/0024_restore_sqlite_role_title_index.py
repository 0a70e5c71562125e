"""SQLite: put back the title-step index (migration 0006) that adding NOT NULL columns to roles_role in
0020 and 0021 dropped: SQLite's schema editor rebuilds the table for such a column and keeps only the
indexes Django knows of. PostgreSQL adds columns in place and is untouched."""

from django.db import migrations

CREATE = """
CREATE INDEX IF NOT EXISTS role_title_search_idx ON roles_role (
    title, is_published, category_id, experience_years_min, experience_years_max, median_salary)
"""


def restore_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(CREATE)


class Migration(migrations.Migration):
    dependencies = [("roles", "0023_document_fact_region")]

    operations = [migrations.RunPython(restore_index, migrations.RunPython.noop, elidable=False)]
