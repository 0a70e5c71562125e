"""Memoised natural-key lookups for the length of one fixture load.

A fixture refers to a role or a source document by natural key once per
child row, so loading the catalog looked the same few rows up hundreds of
times. Inside ``remembered_natural_keys()`` a lookup that found a row is
kept; one that found nothing is not, so a row created later in the same
load is still found.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

_memo: ContextVar[dict | None] = ContextVar("natural_key_memo", default=None)


@contextmanager
def remembered_natural_keys():
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def get_by_natural_key(manager, **lookup):
    """``manager.get(**lookup)``, remembered while a fixture load is in progress."""
    memo = _memo.get()
    if memo is None:
        return manager.get(**lookup)
    key = (manager.model._meta.label_lower, manager.db, tuple(sorted(lookup.items())))
    if key not in memo:
        memo[key] = manager.get(**lookup)
    return memo[key]
