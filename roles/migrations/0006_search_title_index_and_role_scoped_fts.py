"""Search at 10,000 roles: indexes for role titles, and an FTS5 column that scopes a match to roles.

Finding the roles whose titles hold the query's words scanned all of ``roles_role`` (26 MB at
10,000 roles, mostly summaries and outlooks) on every search:

- PostgreSQL gets a pg_trgm GIN index on ``lower(title)`` (the LIKE '%word%' prefilter and the
  "did you mean" / suggestion similarity searches use it) and a btree on ``title`` (roles in
  title order, when a query's words are in most roles and few titles).
- SQLite gets one covering index holding the title and every column the search filters read, so
  the title step scans ~0.5 MB of index instead of the table.

SQLite's FTS5 table gains ``role_id`` (from the content table's column of that name), so one
MATCH can rank the entries of a few roles: ``... AND role_id : ("12" OR "40")``. bm25() gives it
weight 0 and the query's words are always limited to the text columns, so it adds nothing to a
score and a typed number never matches a role id.

SQLite rebuilds a table to alter it, which drops raw indexes and triggers: a later migration that
alters Role, SearchEntry or SearchTerm must call ``create_sqlite_search`` (from here) again.
"""

from importlib import import_module

from django.db import migrations

search_0002 = import_module("roles.migrations.0002_search_index")

POSTGRES_FORWARDS = [
    "CREATE INDEX IF NOT EXISTS role_title_trgm ON roles_role USING gin (lower(title) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS role_title_order_idx ON roles_role (title, id)",
]
POSTGRES_BACKWARDS = [
    "DROP INDEX IF EXISTS role_title_order_idx",
    "DROP INDEX IF EXISTS role_title_trgm",
]

SQLITE_FORWARDS = [
    """
    CREATE INDEX IF NOT EXISTS role_title_search_idx ON roles_role (
        title, is_published, category_id, experience_years_min, experience_years_max, median_salary)
    """,
    """
    CREATE VIRTUAL TABLE roles_searchentry_fts USING fts5(
        title, heading, body, role_id, content='roles_searchentry', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')
    """,
    """
    CREATE TRIGGER roles_searchentry_fts_ai AFTER INSERT ON roles_searchentry BEGIN
      INSERT INTO roles_searchentry_fts(rowid, title, heading, body, role_id)
      VALUES (new.id, new.title, new.heading, new.body, new.role_id);
    END
    """,
    """
    CREATE TRIGGER roles_searchentry_fts_ad AFTER DELETE ON roles_searchentry BEGIN
      INSERT INTO roles_searchentry_fts(roles_searchentry_fts, rowid, title, heading, body, role_id)
      VALUES ('delete', old.id, old.title, old.heading, old.body, old.role_id);
    END
    """,
    """
    CREATE TRIGGER roles_searchentry_fts_au AFTER UPDATE ON roles_searchentry BEGIN
      INSERT INTO roles_searchentry_fts(roles_searchentry_fts, rowid, title, heading, body, role_id)
      VALUES ('delete', old.id, old.title, old.heading, old.body, old.role_id);
      INSERT INTO roles_searchentry_fts(rowid, title, heading, body, role_id)
      VALUES (new.id, new.title, new.heading, new.body, new.role_id);
    END
    """,
    "INSERT INTO roles_searchentry_fts(roles_searchentry_fts) VALUES ('rebuild')",
]
# The vocabulary's FTS5 table is unchanged; only the entries' table and its triggers are replaced.
SQLITE_BACKWARDS = [
    "DROP INDEX IF EXISTS role_title_search_idx",
    *[statement for statement in search_0002.SQLITE_BACKWARDS if "roles_searchentry" in statement],
]


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement)


def create_sqlite_search(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        _run(schema_editor, SQLITE_BACKWARDS + SQLITE_FORWARDS)


def restore_sqlite_search(apps, schema_editor):
    # Back to migration 0002's tables and triggers (which recreates the vocabulary's as well).
    if schema_editor.connection.vendor == "sqlite":
        search_0002.create_sqlite_search(apps, schema_editor)
        schema_editor.execute("DROP INDEX IF EXISTS role_title_search_idx")


def create_postgres_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        _run(schema_editor, POSTGRES_FORWARDS)


def drop_postgres_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        _run(schema_editor, POSTGRES_BACKWARDS)


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0005_editors_career_moves"),
    ]

    operations = [
        migrations.RunPython(create_postgres_indexes, drop_postgres_indexes, elidable=False),
        migrations.RunPython(create_sqlite_search, restore_sqlite_search, elidable=False),
    ]
