"""Index entries written in bulk on PostgreSQL: COPY, with each entry's tsvector computed once per text.

Turning text into a tsvector is most of the cost of writing an entry, and generated roles repeat
most of their texts (only ~1 in 5 entries differs from every other role's). So as a superuser the
vectors are computed once per distinct (title, heading, body) with ``roles_searchentry_vector()``,
the function the row trigger calls (migration 0011), and copied in binary with the row-level
triggers off (``session_replication_role``, as pg_restore does); the only other trigger is the role
foreign key, whose ids the caller has just read or written in this transaction. Otherwise the
trigger computes every row's vector from a text COPY.
"""

from __future__ import annotations

import io
import struct

from django.db import connection

from roles.search.backends.base import ENTRY_ROW_COLUMNS, ENTRY_TABLE, EntryWriter

# The bulk path's vectors, by the trigger's own function.
VECTORS_SQL = """
    SELECT tsvectorsend(roles_searchentry_vector(t.title, t.heading, t.body))
    FROM unnest(%(titles)s::text[], %(headings)s::text[], %(bodies)s::text[])
         WITH ORDINALITY AS t(title, heading, body, n)
    ORDER BY t.n
"""
INT8, INT4 = struct.Struct(">iq").pack, struct.Struct(">ii").pack  # (length, value)
LENGTH = struct.Struct(">i").pack
NULL = b"\xff\xff\xff\xff"


def can_skip_triggers() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('is_superuser') = 'on'")
        return cursor.fetchone()[0]


def vectors(rows: list[tuple]) -> dict[tuple, bytes]:
    """(title, heading, body) -> tsvector in binary form, once per distinct text, on this thread's
    connection (a producer thread of generate_catalog computes them on a second connection, on the
    other core). Binary, because parsing the text form back on COPY cost as much as storing it."""
    distinct = list(dict.fromkeys(row[-3:] for row in rows))
    titles, headings, bodies = (list(texts) for texts in zip(*distinct, strict=True))
    with connection.cursor() as cursor:
        cursor.execute(VECTORS_SQL, {"titles": titles, "headings": headings, "bodies": bodies})
        return dict(zip(distinct, (bytes(vector) for (vector,) in cursor.fetchall()), strict=True))


def _copy_text(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, str):
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return str(value)


def _binary_text(value: str) -> bytes:
    data = value.encode()
    return LENGTH(len(data)) + data


def copy_payload(rows: list[tuple], row_vectors: dict | None) -> str | bytes:
    """COPY data of entry rows: text, or binary with each row's tsvector when ``row_vectors`` is given."""
    if row_vectors is None:
        return "".join("\t".join(map(_copy_text, row)) + "\n" for row in rows)
    # COPY's binary format: a header, then per row a field count and (length, bytes) per field
    # (length -1: NULL), then -1. Fields as ENTRY_ROW_COLUMNS, then search_vector.
    field_count = struct.pack(">h", len(ENTRY_ROW_COLUMNS) + 1)
    out = [b"PGCOPY\n\xff\r\n\x00", b"\x00" * 8]
    for role_id, kind, source_pk, anchor, label, order, title, heading, body in rows:
        vector = row_vectors[(title, heading, body)]
        out += [
            field_count,
            INT8(8, role_id),
            _binary_text(kind),
            NULL if source_pk is None else INT8(8, source_pk),
            _binary_text(anchor),
            _binary_text(label),
            INT4(4, order),
            _binary_text(title),
            _binary_text(heading),
            _binary_text(body),
            LENGTH(len(vector)) + vector,
        ]
    out.append(b"\xff\xff")
    return b"".join(out)


class PostgresEntryWriter(EntryWriter):
    def __init__(self):
        # Read once, on the thread that holds the transaction.
        self.copy_vectors = can_skip_triggers()

    def prepare(self, rows: list[tuple]) -> str | bytes | None:
        if not rows:
            return None
        return copy_payload(rows, vectors(rows) if self.copy_vectors else None)

    def write(self, rows: list[tuple], prepared: str | bytes | None = None) -> None:
        if not rows:
            return
        if prepared is None:
            prepared = self.prepare(rows)
        binary = isinstance(prepared, bytes)
        columns = [*ENTRY_ROW_COLUMNS, *(["search_vector"] if binary else [])]
        quote = connection.ops.quote_name
        copy = f"COPY {ENTRY_TABLE} ({', '.join(map(quote, columns))}) FROM STDIN"
        with connection.cursor() as cursor:
            # lz4 compresses the long bodies (TOAST) several times faster than the default pglz; the
            # setting is restored after the COPY and the values read back the same either way.
            cursor.execute(
                "SELECT current_setting('default_toast_compression'), EXISTS (SELECT FROM pg_settings "
                "WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals))"
            )
            compression, has_lz4 = cursor.fetchone()
            if has_lz4:
                cursor.execute("SET LOCAL default_toast_compression = lz4")
            if binary:
                cursor.execute("SELECT current_setting('session_replication_role')")
                previous = cursor.fetchone()[0]
                cursor.execute("SET LOCAL session_replication_role = replica")
            # One read of the whole text: psycopg2 releases the GIL while it sends, so a producer
            # thread keeps working instead of handing the GIL back for every 8 KB block.
            cursor.cursor.copy_expert(
                f"{copy}{' WITH (FORMAT binary)' if binary else ''}",
                io.BytesIO(prepared) if binary else io.StringIO(prepared),
                size=len(prepared) + 1,
            )
            restore = "SELECT set_config(%(name)s, %(value)s, true)"
            if binary:
                cursor.execute(restore, {"name": "session_replication_role", "value": previous})
            if has_lz4:
                cursor.execute(restore, {"name": "default_toast_compression", "value": compression})
