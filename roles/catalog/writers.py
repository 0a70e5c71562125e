"""Writing the generated rows, one writer per database, chosen once by ``writer_for``.

PostgreSQL: COPY text, a builder thread (psycopg2 releases the GIL during COPY), per-row foreign-key
triggers off for the load with one set-based check per link afterwards. SQLite: executemany, batches
built in turn (it takes the GIL back for every row), a bigger page cache for the load.
"""

from __future__ import annotations

import contextlib
import io

from django.core.management.color import no_style
from django.db import connection

from roles.catalog.vocabulary import CatalogError


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _column_list(columns: list[str]) -> str:
    return ", ".join(connection.ops.quote_name(c) for c in columns)


class CatalogWriter:
    vendor = ""
    threaded = False

    def join(self, rows: list):
        """A batch's rows of one model, as ``write`` takes them."""
        return rows

    def count(self, rows) -> int:
        return len(rows)

    def write(self, model, columns: list[str], rows) -> None:
        raise NotImplementedError

    @contextlib.contextmanager
    def tuned(self):
        """Settings for the length of the load."""
        yield

    def defer_link_checks(self) -> bool:
        """Turn per-row link checks off for the load; True when ``verify_links`` must run."""
        return False

    def verify_links(self, models) -> None:
        """Check every link of ``models`` with one set-based query per foreign key."""
        with connection.cursor() as cursor:
            for model in models:
                label = model._meta.label_lower
                for field in model._meta.concrete_fields:
                    if not field.is_relation:
                        continue
                    child = _table(model)
                    parent = connection.ops.quote_name(field.related_model._meta.db_table)
                    column = connection.ops.quote_name(field.column)
                    cursor.execute(
                        f"SELECT c.id FROM {child} c WHERE c.{column} IS NOT NULL "  # noqa: S608 - names from metadata
                        f"AND NOT EXISTS (SELECT 1 FROM {parent} p WHERE p.id = c.{column}) LIMIT 1"
                    )
                    broken = cursor.fetchone()
                    if broken:
                        raise CatalogError(f"{label} #{broken[0]}: {field.name} points at a missing row")

    def reset_sequences(self, models) -> None:
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)

    def delete_roles_of(self, role_model, child_models, source_id: int) -> None:
        """Delete the source's roles and their rows with one statement per table.

        The ORM's cascade would fetch and signal two million rows one by one."""
        roles = f"SELECT id FROM {_table(role_model)} WHERE source_id = %(source)s"  # noqa: S608 - names from metadata
        with connection.cursor() as cursor:
            for model in child_models:
                column = connection.ops.quote_name(model._meta.get_field("role").column)
                cursor.execute(f"DELETE FROM {_table(model)} WHERE {column} IN ({roles})", {"source": source_id})  # noqa: S608
            cursor.execute(f"DELETE FROM {_table(role_model)} WHERE source_id = %(source)s", {"source": source_id})  # noqa: S608


class PostgresWriter(CatalogWriter):
    vendor = "postgresql"
    threaded = True

    def join(self, rows: list) -> str:
        # The COPY text, built by the builder thread so the writing thread only sends it.
        return "".join(rows)

    def count(self, rows: str) -> int:
        return rows.count("\n")

    def write(self, model, columns: list[str], rows: str) -> None:
        if not rows:
            return
        with connection.cursor() as cursor:
            # One read of the whole text, so the builder thread does not wait for the GIL per 8 KB.
            sql = f"COPY {_table(model)} ({_column_list(columns)}) FROM STDIN"
            cursor.cursor.copy_expert(sql, io.StringIO(rows), size=len(rows) + 1)

    def defer_link_checks(self) -> bool:
        """As a superuser, skip the per-row foreign-key triggers during the load.

        Checking two million links one row at a time at commit costs more than the load itself;
        verify_links() then checks every new link with one set-based query per foreign key, which is
        the same guarantee (pg_restore --disable-triggers does the same)."""
        with connection.cursor() as cursor:
            # Long section bodies are TOASTed: lz4 (when the server has it) compresses several times
            # faster than the default pglz, and they read back the same; for this transaction only.
            cursor.execute(
                "SELECT set_config('default_toast_compression', 'lz4', true) FROM pg_settings "
                "WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)"
            )
            cursor.execute("SELECT current_setting('is_superuser') = 'on'")
            if not cursor.fetchone()[0]:
                return False
            cursor.execute("SET LOCAL session_replication_role = replica")
        return True

    def verify_links(self, models) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = origin")
        super().verify_links(models)


class SqliteWriter(CatalogWriter):
    vendor = "sqlite"

    def write(self, model, columns: list[str], rows: list) -> None:
        if not rows:
            return
        marks = ", ".join("?" for _ in columns)
        # Names come from model metadata, values are parameters.
        sql = f"INSERT INTO {_table(model)} ({_column_list(columns)}) VALUES ({marks})"  # noqa: S608
        connection.connection.executemany(sql, rows)

    @contextlib.contextmanager
    def tuned(self, kib: int = 256 * 1024):
        """A page cache big enough for the tables' and the FTS5 index's hot pages during the load (the
        default 2 MB re-reads them from the file again and again); restored afterwards."""
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            previous = cursor.fetchone()[0]
            cursor.execute(f"PRAGMA cache_size = -{int(kib)}")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA cache_size = {int(previous)}")


def writer_for(vendor: str) -> CatalogWriter:
    writers = {"postgresql": PostgresWriter, "sqlite": SqliteWriter}
    if vendor not in writers:
        raise CatalogError(f"generate_catalog writes to PostgreSQL or SQLite, not {vendor}")
    return writers[vendor]()
