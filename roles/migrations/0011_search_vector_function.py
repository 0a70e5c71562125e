"""Search (PostgreSQL): one definition of an entry's search vector, ``roles_searchentry_vector()``.

The weighted tsvector (title A, heading B, body C) was written out twice: in the trigger function of
migration 0002 and in the bulk path that computes vectors itself before a COPY with triggers off.
Both now call this function, so they cannot drift apart. It is IMMUTABLE (to_tsvector with a fixed
configuration is) and written in SQL, so a query calling it inlines it. Stored vectors are unchanged:
the expression is the same.
"""

from importlib import import_module

from django.db import migrations

search_0002 = import_module("roles.migrations.0002_search_index")

POSTGRES_FORWARDS = [
    """
    CREATE OR REPLACE FUNCTION roles_searchentry_vector(title text, heading text, body text) RETURNS tsvector AS $$
        SELECT setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
               setweight(to_tsvector('english', coalesce(heading, '')), 'B') ||
               setweight(to_tsvector('english', coalesce(body, '')), 'C')
    $$ LANGUAGE sql IMMUTABLE PARALLEL SAFE
    """,
    """
    CREATE OR REPLACE FUNCTION roles_searchentry_vector_update() RETURNS trigger AS $$
    BEGIN
      NEW.search_vector := roles_searchentry_vector(NEW.title, NEW.heading, NEW.body);
      RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
]
# Back to migration 0002's trigger function, which spells the expression out.
POSTGRES_BACKWARDS = [
    search_0002.POSTGRES_FORWARDS[0],
    "DROP FUNCTION IF EXISTS roles_searchentry_vector(text, text, text)",
]


def create_vector_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_FORWARDS:
            schema_editor.execute(statement)


def drop_vector_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_BACKWARDS:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0010_drop_role_title_trigram_index"),
    ]

    operations = [
        migrations.RunPython(create_vector_function, drop_vector_function, elidable=False),
    ]
