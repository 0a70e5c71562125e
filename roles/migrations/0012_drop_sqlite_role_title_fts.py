"""Search (SQLite): drop the FTS5 index of role titles (migration 0007).

SQLite's search now serves the shipped catalog and catalogs up to 1,000 roles; PostgreSQL serves
the 10,000-role catalog. At 1,000 roles the title step reads every title with LIKE in well under a
millisecond, so the index of title words, and the triggers that kept it on every write to a role,
are no longer worth having. (Nor the rule that a migration altering Role must recreate them.)
"""

from importlib import import_module

from django.db import migrations

search_0007 = import_module("roles.migrations.0007_search_title_fts_and_lexeme_statistics")


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0011_search_vector_function"),
    ]

    operations = [
        migrations.RunPython(
            search_0007.drop_sqlite_title_search, search_0007.create_sqlite_title_search, elidable=False
        ),
    ]
