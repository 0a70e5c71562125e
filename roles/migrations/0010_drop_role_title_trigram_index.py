"""Search at 10,000 roles, fifth step (PostgreSQL): drop the trigram index on role titles.

Migration 0006 added it for the title step, "did you mean" and the header's suggestions, which now
read the title-word table of migration 0008 instead; nothing queries ``lower(title)`` any more, and
every role written paid for updating the index. The btree on (title, id) stays: roles in title order.
"""

from django.db import migrations


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS role_title_trgm")


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS role_title_trgm ON roles_role USING gin (lower(title) gin_trgm_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0009_search_vector_inline"),
    ]

    operations = [
        migrations.RunPython(drop_index, create_index, elidable=False),
    ]
