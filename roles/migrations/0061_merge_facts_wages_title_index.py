"""Merges the facts branch (0024) with the merge of facts and wages (0060), and puts back on SQLite the
title-step index of 0006 once more: wages' 0030 adds a NOT NULL column to roles_role, for which SQLite's
schema editor rebuilds the table and keeps only the indexes Django knows of. PostgreSQL is untouched."""

from django.db import migrations

CREATE = """
CREATE INDEX IF NOT EXISTS role_title_search_idx ON roles_role (
    title, is_published, category_id, experience_years_min, experience_years_max, median_salary)
"""


def restore_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(CREATE)


class Migration(migrations.Migration):
    dependencies = [("roles", "0024_restore_sqlite_role_title_index"), ("roles", "0060_merge_facts_wages")]

    operations = [migrations.RunPython(restore_index, migrations.RunPython.noop, elidable=False)]
