"""Put back SQLite's title-search index on roles_role (migration 0006's, raw SQL).

Adding ``Role.soc_code`` (0030) made SQLite rebuild roles_role, and a rebuilt table keeps only the indexes
Django's model state knows: this one, created by raw SQL, was lost. PostgreSQL adds the column in place.
"""

from importlib import import_module

from django.db import migrations

title_index = import_module("roles.migrations.0006_search_title_index_and_role_scoped_fts")
CREATE_INDEX = next(sql for sql in title_index.SQLITE_FORWARDS if "role_title_search_idx" in sql)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(CREATE_INDEX)


class Migration(migrations.Migration):
    dependencies = [("roles", "0030_role_soc_code")]

    operations = [migrations.RunPython(create_index, migrations.RunPython.noop, elidable=False)]
