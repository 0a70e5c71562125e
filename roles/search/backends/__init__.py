"""The search backend of the database in use: the one place that looks at ``connection.vendor``.

Every backend speaks ``SearchBackend`` (``base``); callers ask ``backend()`` for the one to use and
never branch on the database themselves.
"""

from __future__ import annotations

from django.db import connection

from roles.search.backends.base import Bounds, EntryWriter, SearchBackend, Vocabulary
from roles.search.backends.postgres import PostgresSearchBackend
from roles.search.backends.sqlite import SQLiteSearchBackend

__all__ = ["Bounds", "EntryWriter", "SearchBackend", "Vocabulary", "backend"]

POSTGRES, SQLITE = PostgresSearchBackend(), SQLiteSearchBackend()


def backend() -> SearchBackend:
    """PostgreSQL's backend on PostgreSQL; SQLite's otherwise (the only other database the project runs on)."""
    return POSTGRES if connection.vendor == "postgresql" else SQLITE
