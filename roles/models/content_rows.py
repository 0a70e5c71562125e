"""The role page's sections and short content lists in one SQL query (``roles.models.role_page`` reads
it); the one module of ``roles.models`` that looks at ``connection.vendor``.

Each list's rows come as (list number, the row's columns as a JSON object), ``UNION ALL`` over the lists:
one query whatever the number of lists, roles or rows. The ORM builds the same query with ``union()`` and
``JSONObject``, but resolving and compiling eleven JSON objects of every column on every request costs
more CPU than the separate prefetches it replaces save, so the SQL is written here once per process
from the models' metadata, with one named parameter.
"""

from __future__ import annotations

import functools
import json

from django.db import connection


def _json_object(vendor: str, model) -> str:
    pairs = ", ".join(
        f"'{field.attname}', {connection.ops.quote_name(field.column)}" for field in model._meta.concrete_fields
    )
    return f"json_build_object({pairs})::text" if vendor == "postgresql" else f"json_object({pairs})"


def _shown(model, hidden: dict) -> str:
    flag = hidden.get(model)
    if flag is None:
        return ""
    return f" AND NOT {connection.ops.quote_name(model._meta.get_field(flag).column)}"


@functools.cache
def _sql(vendor: str, models: tuple, hidden: frozenset) -> str:
    # PostgreSQL takes the role ids as an array; SQLite as a JSON list (it binds no arrays).
    roles = "= ANY(%(role_ids)s)" if vendor == "postgresql" else "IN (SELECT value FROM json_each(%(role_ids)s))"
    role_id = connection.ops.quote_name("role_id")
    return " UNION ALL ".join(
        f"SELECT {number}, {_json_object(vendor, model)} FROM {connection.ops.quote_name(model._meta.db_table)} "  # noqa: S608 - names from metadata
        f"WHERE {role_id} {roles}{_shown(model, dict(hidden))}"
        for number, model in enumerate(models)
    )


def content_rows(models: tuple, role_ids: list[int], hidden: dict | None = None):
    """(index into ``models``, {attname: JSON value}) for every row of these models whose role is in ``role_ids``.

    ``hidden`` maps a model to the name of a boolean field whose true rows are left out (what the model's
    ``objects`` manager leaves out: this query does not go through managers).
    """
    ids = list(role_ids) if connection.vendor == "postgresql" else json.dumps(list(role_ids))
    with connection.cursor() as cursor:
        cursor.execute(_sql(connection.vendor, models, frozenset((hidden or {}).items())), {"role_ids": ids})
        return [(number, json.loads(row)) for number, row in cursor.fetchall()]
