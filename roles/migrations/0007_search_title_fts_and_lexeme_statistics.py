"""Search at 10,000 roles, second step: a word index on role titles (SQLite), finer word statistics (PostgreSQL).

- SQLite: the title step ran LIKEs on every title, even through the covering index (35-65 ms at
  10,000 roles on a loaded machine). ``roles_role_title_fts`` is an FTS5 index of role titles, kept
  current by triggers, so the step reads only the titles holding a query word.
- PostgreSQL: ``roles.search`` tells a broad word (in more than a few thousand entries) from a
  narrow one by the planner's lexeme statistics. ANALYZE keeps 10 x the column's statistics target
  of the most frequent lexemes: the default 100 missed words in 10,000 of 420,000 entries; 1,000
  lists every word in more than ~250.

SQLite rebuilds a table to alter it, which drops its triggers: a later migration that alters Role
must call ``create_sqlite_title_search`` (from here) again.
"""

from django.db import migrations

SQLITE_FORWARDS = [
    """
    CREATE VIRTUAL TABLE roles_role_title_fts USING fts5(
        title, content='roles_role', content_rowid='id', tokenize='unicode61 remove_diacritics 2')
    """,
    """
    CREATE TRIGGER roles_role_title_fts_ai AFTER INSERT ON roles_role BEGIN
      INSERT INTO roles_role_title_fts(rowid, title) VALUES (new.id, new.title);
    END
    """,
    """
    CREATE TRIGGER roles_role_title_fts_ad AFTER DELETE ON roles_role BEGIN
      INSERT INTO roles_role_title_fts(roles_role_title_fts, rowid, title) VALUES ('delete', old.id, old.title);
    END
    """,
    """
    CREATE TRIGGER roles_role_title_fts_au AFTER UPDATE OF title ON roles_role BEGIN
      INSERT INTO roles_role_title_fts(roles_role_title_fts, rowid, title) VALUES ('delete', old.id, old.title);
      INSERT INTO roles_role_title_fts(rowid, title) VALUES (new.id, new.title);
    END
    """,
    "INSERT INTO roles_role_title_fts(roles_role_title_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARDS = [
    "DROP TRIGGER IF EXISTS roles_role_title_fts_au",
    "DROP TRIGGER IF EXISTS roles_role_title_fts_ad",
    "DROP TRIGGER IF EXISTS roles_role_title_fts_ai",
    "DROP TABLE IF EXISTS roles_role_title_fts",
]


def create_sqlite_title_search(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_BACKWARDS + SQLITE_FORWARDS:
            schema_editor.execute(statement)


def drop_sqlite_title_search(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_BACKWARDS:
            schema_editor.execute(statement)


def raise_lexeme_statistics(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE roles_searchentry ALTER COLUMN search_vector SET STATISTICS 1000")


def default_lexeme_statistics(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE roles_searchentry ALTER COLUMN search_vector SET STATISTICS -1")


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0006_search_title_index_and_role_scoped_fts"),
    ]

    operations = [
        migrations.RunPython(create_sqlite_title_search, drop_sqlite_title_search, elidable=False),
        migrations.RunPython(raise_lexeme_statistics, default_lexeme_statistics, elidable=False),
    ]
