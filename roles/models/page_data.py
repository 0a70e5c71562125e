"""The role page's related rows (``Role.objects.with_page_data()``), read with SQL compiled once per process.

Building and compiling a Django query costs far more Python time than PostgreSQL takes to run it: for
the role page, compiling its eight prefetch queries and the content-list UNION took about two thirds
of the whole request. The queries never change shape, only the role ids they are for, so each is
compiled once per process (and per number of roles) with stand-in ids and then run with the real
ones. Rows become model instances exactly as a queryset would make them (``from_db`` and Django's
select_related populators), and land in each role's prefetch cache, so templates keep using
``role.sections.all`` and the query count is the same as with ``prefetch_related``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import connections
from django.db.models.query import get_related_populators

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from django.db.models import Model, QuerySet

# Stand-in ids: negative, so never a real primary key nor a literal the queries themselves use.
_STAND_IN = -(10**12)
# Above this many roles a query is compiled on each call instead of kept (e.g. a large compare).
_MAX_KEPT_ROLE_COUNT = 8


@dataclass
class _Compiled:
    sql: str
    params: tuple
    id_positions: dict[int, int]  # position in params -> index of the role id it stands for
    compiler: object
    model_slice: slice | None = None
    init_list: list[str] | None = None
    populators: list | None = None


_compiled: dict[tuple, _Compiled] = {}


def _compile(name: str, build: Callable[[list[int]], QuerySet], count: int, db: str, *, models: bool) -> _Compiled:
    key = (name, db, connections[db].vendor, count)
    if (found := _compiled.get(key)) is not None:
        return found
    stand_ins = [_STAND_IN - index for index in range(count)]
    queryset = build(stand_ins)
    compiler = queryset.query.get_compiler(using=db)
    sql, params = compiler.as_sql()
    where = {stand_in: index for index, stand_in in enumerate(stand_ins)}
    id_positions = {position: where[param] for position, param in enumerate(params) if param in where}
    compiled = _Compiled(sql=sql, params=tuple(params), id_positions=id_positions, compiler=compiler)
    if models:
        select, klass_info = compiler.select, compiler.klass_info
        fields = klass_info["select_fields"]
        compiled.model_slice = slice(fields[0], fields[-1] + 1)
        compiled.init_list = [column[0].target.attname for column in select[compiled.model_slice]]
        compiled.populators = get_related_populators(klass_info, select, db)
    if count <= _MAX_KEPT_ROLE_COUNT:
        _compiled[key] = compiled
    return compiled


def _rows(compiled: _Compiled, ids: Sequence[int], db: str) -> list:
    params = list(compiled.params)
    for position, index in compiled.id_positions.items():
        params[position] = ids[index]
    with connections[db].cursor() as cursor:
        cursor.execute(compiled.sql, params)
        rows = cursor.fetchall()
    # The compiler's converters turn database values into Python ones as a queryset would
    # (e.g. SQLite's decimals and booleans).
    return list(compiled.compiler.results_iter([rows]))


def fetch(name: str, build: Callable[[list[int]], QuerySet], ids: Sequence[int], db: str) -> list[Model]:
    """Model instances of ``build(ids)`` (with its select_related objects), the SQL compiled once."""
    if not ids:
        return []
    compiled = _compile(name, build, len(ids), db, models=True)
    model = compiled.compiler.klass_info["model"]
    objects = []
    for row in _rows(compiled, ids, db):
        obj = model.from_db(db, compiled.init_list, row[compiled.model_slice])
        for populator in compiled.populators:
            populator.populate(row, obj)
        objects.append(obj)
    return objects


def fetch_values(name: str, build: Callable[[list[int]], QuerySet], ids: Sequence[int], db: str) -> list[tuple]:
    """The rows of a ``values_list()`` queryset ``build(ids)``, the SQL compiled once."""
    if not ids:
        return []
    return _rows(_compile(name, build, len(ids), db, models=False), ids, db)


def set_prefetched(obj: Model, relation: str, items: list, *, reverse_field: str | None = None) -> None:
    """Put ``items`` in ``obj``'s prefetch cache for ``relation``, as ``prefetch_related`` would."""
    if reverse_field:
        for item in items:
            item._state.fields_cache[reverse_field] = obj
    queryset = getattr(obj, relation).all()
    queryset._result_cache = items
    queryset._prefetch_done = True
    obj.__dict__.setdefault("_prefetched_objects_cache", {})[relation] = queryset
