"""Search at 10,000 roles, fourth step (PostgreSQL): keep each entry's search vector in its row.

A broad query word is ranked in the ~1,200 entries of the 30 best-titled roles, and reading their
vectors was half of that step: a fifth of the vectors are over the 2 KB TOAST threshold, and each
of those was fetched from the TOAST table through its index. With storage MAIN a vector is still
compressed (lz4 where the server has it) but stays in the row unless the row could not fit on a
page, so ranking reads it with the row: for "senior network support specialist" at 10,000 roles
the step went from 3.5 to 1.7 ms. The long texts (heading, body) stay EXTENDED: only the page's
snippets read them.

Rows written before this migration keep their out-of-line vectors until they are written again
(a catalog rebuilt by generate_catalog or loaddata, or an edit); rewriting every row here would
double the table on a big catalog for a gain that the next rebuild brings anyway.
"""

from django.db import migrations


def vectors_inline(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE roles_searchentry ALTER COLUMN search_vector SET STORAGE MAIN")


def vectors_extended(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE roles_searchentry ALTER COLUMN search_vector SET STORAGE EXTENDED")


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0008_search_title_words"),
    ]

    operations = [
        migrations.RunPython(vectors_inline, vectors_extended, elidable=False),
    ]
