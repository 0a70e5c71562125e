"""Search at 10,000 roles, third step (PostgreSQL): a word table of role titles.

Finding the roles whose titles hold a query's words ran ``' ' || lower(title) LIKE '% word%'`` on
every title the trigram index let through: for "senior network support specialist" 2,681 rows of
``roles_role`` (2.6 KB each, mostly summaries) read from the heap and four LIKEs on each, about
14 ms of a 27 ms search. ``roles_searchtitleword`` holds one narrow row per distinct word of each
role's lower-cased title (split on spaces, exactly the words the LIKE matched at their start), with
the columns the search filters read, so the step is a btree range scan per query word
(``word LIKE 'support%'``) that never touches ``roles_role``. A trigram index on the words serves
"did you mean".

Like the tsvector of migration 0002 it is derived data kept current by triggers on ``roles_role``:
a row trigger for inserts, deletes and changes to the copied columns, and a statement trigger for
TRUNCATE (Django's flush). A bulk load that turns triggers off (``session_replication_role =
replica``, as generate_catalog does) calls ``roles_searchtitleword_rebuild()`` afterwards.
SQLite needs none of this: its FTS5 index of titles (migration 0007) answers the same step.
"""

from django.db import migrations

# The copied columns: the title step filters and orders by these without reading roles_role.
COLUMNS = "role_id, word, title, title_words, is_published, category_id, experience_years_min, experience_years_max, median_salary"
ROW = """{r}.id, w.word, {r}.title, length({r}.title) - length(replace({r}.title, ' ', '')) + 1, {r}.is_published,
    {r}.category_id, {r}.experience_years_min, {r}.experience_years_max, {r}.median_salary"""

POSTGRES_FORWARDS = [
    """
    CREATE TABLE roles_searchtitleword (
        role_id bigint NOT NULL,
        word varchar(200) NOT NULL,
        title varchar(200) NOT NULL,
        title_words integer NOT NULL,
        is_published boolean NOT NULL,
        category_id bigint NOT NULL,
        experience_years_min smallint,
        experience_years_max smallint,
        median_salary integer
    )
    """,
    # The distinct words of a title as the search matches them: lower-cased, split on spaces.
    """
    CREATE OR REPLACE FUNCTION roles_title_words(title text) RETURNS SETOF text AS $$
        SELECT DISTINCT word FROM unnest(string_to_array(lower(title), ' ')) AS word WHERE word <> ''
    $$ LANGUAGE sql IMMUTABLE STRICT
    """,
    f"""
    CREATE OR REPLACE FUNCTION roles_searchtitleword_update() RETURNS trigger AS $$
    BEGIN
      IF TG_OP <> 'INSERT' THEN
        DELETE FROM roles_searchtitleword WHERE role_id = OLD.id;
      END IF;
      IF TG_OP <> 'DELETE' THEN
        INSERT INTO roles_searchtitleword ({COLUMNS})
        SELECT {ROW.format(r="NEW")} FROM roles_title_words(NEW.title) AS w(word);
      END IF;
      RETURN NULL;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER roles_searchtitleword_trigger
    AFTER INSERT OR DELETE OR UPDATE OF id, title, is_published, category_id, experience_years_min,
        experience_years_max, median_salary ON roles_role
    FOR EACH ROW EXECUTE FUNCTION roles_searchtitleword_update()
    """,
    """
    CREATE OR REPLACE FUNCTION roles_searchtitleword_truncate() RETURNS trigger AS $$
    BEGIN
      TRUNCATE roles_searchtitleword;
      RETURN NULL;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER roles_searchtitleword_truncate_trigger AFTER TRUNCATE ON roles_role
    FOR EACH STATEMENT EXECUTE FUNCTION roles_searchtitleword_truncate()
    """,
    f"""
    CREATE OR REPLACE FUNCTION roles_searchtitleword_rebuild() RETURNS void AS $$
        DELETE FROM roles_searchtitleword;
        INSERT INTO roles_searchtitleword ({COLUMNS})
        SELECT {ROW.format(r="r")} FROM roles_role r CROSS JOIN LATERAL roles_title_words(r.title) AS w(word);
    $$ LANGUAGE sql
    """,
    "SELECT roles_searchtitleword_rebuild()",
    # LIKE 'word%' with a constant pattern is a range scan of this index (the database's collation
    # need not be C); role_id serves the trigger's deletes; trigrams serve "did you mean".
    "CREATE INDEX searchtitleword_word_idx ON roles_searchtitleword (word varchar_pattern_ops)",
    "CREATE INDEX searchtitleword_role_idx ON roles_searchtitleword (role_id)",
    "CREATE INDEX searchtitleword_word_trgm ON roles_searchtitleword USING gin (word gin_trgm_ops)",
]
POSTGRES_BACKWARDS = [
    "DROP TRIGGER IF EXISTS roles_searchtitleword_truncate_trigger ON roles_role",
    "DROP TRIGGER IF EXISTS roles_searchtitleword_trigger ON roles_role",
    "DROP FUNCTION IF EXISTS roles_searchtitleword_rebuild()",
    "DROP FUNCTION IF EXISTS roles_searchtitleword_truncate()",
    "DROP FUNCTION IF EXISTS roles_searchtitleword_update()",
    "DROP FUNCTION IF EXISTS roles_title_words(text)",
    "DROP TABLE IF EXISTS roles_searchtitleword",
]


def create_postgres_title_words(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_FORWARDS:
            schema_editor.execute(statement)


def drop_postgres_title_words(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_BACKWARDS:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0007_search_title_fts_and_lexeme_statistics"),
    ]

    operations = [
        migrations.RunPython(create_postgres_title_words, drop_postgres_title_words, elidable=False),
    ]
