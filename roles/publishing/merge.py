"""Three-way merge of a role's content: what it was based on, what is stored now, what comes in.

Pure functions over plain values, shared by the admin's concurrent saves (base = the version the form
was opened at, theirs = the database now, mine = the form) and by re-imports (base = what the last
import wrote, theirs = the document, mine = the database with editors' changes).

A field changed on one side only takes that side's value; a field changed on both sides to different
values is a conflict. A row is a mapping of field values; a row missing on one side was deleted there.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field


def same(a, b) -> bool:
    """Equal values; an empty text and no value count as the same."""
    if a in (None, "") and b in (None, ""):
        return True
    return a == b


@dataclass
class FieldMerge:
    """How the fields of one record merge: which take the other side's value, which conflict."""

    take_theirs: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    mine_changed: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.conflicts


def merge_fields(base: Mapping, theirs: Mapping, mine: Mapping) -> FieldMerge:
    """Merge the fields ``mine`` holds. A field missing from ``base`` counts as empty there."""
    result = FieldMerge()
    for name, mine_value in mine.items():
        base_value, their_value = base.get(name), theirs.get(name)
        mine_changed, theirs_changed = not same(mine_value, base_value), not same(their_value, base_value)
        if mine_changed:
            result.mine_changed.append(name)
        if theirs_changed and not mine_changed:
            result.take_theirs.append(name)
        elif theirs_changed and mine_changed and not same(mine_value, their_value):
            result.conflicts.append(name)
    return result


# What happens to a row (see merge_rows).
KEEP = "keep"  # present on both sides: its fields merge (RowMerge.fields)
ACCEPT_DELETE = "accept-delete"  # theirs deleted it and mine did not touch it (or deleted it too)
DELETE = "delete"  # mine deleted it and theirs did not touch it
DELETED_BY_THEM = "conflict-deleted-by-them"  # theirs deleted it, mine changed it
DELETED_BY_ME = "conflict-deleted-by-me"  # mine deleted it, theirs changed it


@dataclass
class RowMerge:
    key: Hashable
    outcome: str
    fields: FieldMerge = field(default_factory=FieldMerge)

    @property
    def is_conflict(self) -> bool:
        return self.outcome in (DELETED_BY_THEM, DELETED_BY_ME) or bool(self.fields.conflicts)


def merge_rows(
    base: Mapping[Hashable, Mapping], theirs: Mapping[Hashable, Mapping], mine: Mapping[Hashable, Mapping | None]
) -> list[RowMerge]:
    """The rows ``mine`` holds (None: marked for deletion), merged against ``base`` and ``theirs``.

    A row of ``mine`` that is not in ``base`` was added on mine's side and is kept as it is; rows only
    ``theirs`` holds are theirs to keep and are not listed.
    """
    merged = []
    for key, mine_row in mine.items():
        base_row, their_row = base.get(key), theirs.get(key)
        if base_row is None:
            merged.append(RowMerge(key, KEEP if their_row is not None or mine_row is not None else ACCEPT_DELETE))
            continue
        if their_row is None:
            if mine_row is None or not _changed(base_row, mine_row):
                merged.append(RowMerge(key, ACCEPT_DELETE))
            else:
                merged.append(RowMerge(key, DELETED_BY_THEM))
            continue
        if mine_row is None:
            merged.append(RowMerge(key, DELETE if not _changed(base_row, their_row) else DELETED_BY_ME))
            continue
        merged.append(RowMerge(key, KEEP, merge_fields(base_row, their_row, mine_row)))
    return merged


def _changed(base_row: Mapping, row: Mapping) -> bool:
    return any(not same(value, base_row.get(name)) for name, value in row.items())
