"""Wage rows written in bulk: the one place that looks at the database vendor for the import.

A full release is 223,000 rows; building a model instance per row for ``bulk_create`` cost more than
the rest of the import together (docs/performance.md), so rows go in as plain tuples: PostgreSQL's
COPY, or one prepared INSERT with named parameters run over every row elsewhere.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from django.db import connection

from salaries.wages.models import FIGURE_FIELDS, Wage

JSON_FIELDS = ["top_coded", "suppressed", "notes"]
COLUMNS = ["release_id", "occupation_id", "area_id", *FIGURE_FIELDS, *JSON_FIELDS]


def _column(name: str) -> str:
    return Wage._meta.get_field(name.removesuffix("_id")).column


def wage_rows_insert(rows: Iterable[tuple]) -> None:
    """Insert rows whose values follow ``COLUMNS`` (JSON fields as Python lists and dicts)."""
    table = connection.ops.quote_name(Wage._meta.db_table)
    columns = [connection.ops.quote_name(_column(name)) for name in COLUMNS]
    prepared = ((*row[: -len(JSON_FIELDS)], *(json.dumps(value) for value in row[-len(JSON_FIELDS) :])) for row in rows)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            buffer = io.StringIO()
            csv.writer(buffer).writerows(prepared)  # None is written as an empty field: NULL below
            buffer.seek(0)
            cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv, NULL '')", buffer)
        else:
            # One placeholder per column of COLUMNS, in that order (named ones cost a dict per row).
            placeholders = ", ".join(["%s"] * len(COLUMNS))
            sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})"  # noqa: S608
            cursor.executemany(sql, prepared)


def wage_rows_delete(release_id: int, occupation_ids: list[int] | None) -> None:
    """Delete a release's rows (of some occupations): no rows are read, no signals sent per row."""
    table = connection.ops.quote_name(Wage._meta.db_table)
    release = connection.ops.quote_name(_column("release_id"))
    sql = f"DELETE FROM {table} WHERE {release} = %(release)s"  # noqa: S608
    params: dict[str, int] = {"release": release_id}
    if occupation_ids is not None:
        if not occupation_ids:
            return
        names = [f"occupation_{index}" for index in range(len(occupation_ids))]
        sql += f" AND {connection.ops.quote_name(_column('occupation_id'))} IN ({', '.join(f'%({n})s' for n in names)})"
        params.update(zip(names, occupation_ids, strict=True))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
