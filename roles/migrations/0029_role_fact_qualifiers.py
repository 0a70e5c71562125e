"""Role.fact_qualifiers: a fact label's parenthesised qualifier as the source writes it (#18).

SQLite rebuilds roles_role for a column with a default and keeps only the indexes Django knows of, so
the title-step index (0006, restored by 0024) is put back, as 0024 does; PostgreSQL is untouched."""

from django.db import migrations, models

CREATE = """
CREATE INDEX IF NOT EXISTS role_title_search_idx ON roles_role (
    title, is_published, category_id, experience_years_min, experience_years_max, median_salary)
"""


def restore_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(CREATE)


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0061_merge_facts_wages_title_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="role",
            name="fact_qualifiers",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text='The qualifier a source writes after a fact\'s label, by fact: {"ai_impact": "through 2030"}.',
            ),
        ),
        migrations.RunPython(restore_index, migrations.RunPython.noop, elidable=False),
    ]
