"""Search: indexes role pages and answers queries, on SQLite and PostgreSQL.

The public API, for pages, the API, commands and tests. Modules, from the query to the database:

- ``query``: the query's text (cleaning, words, "-word" exclusions, word groups); no database.
- ``results``: what a search answers (``SearchResults``, ``RoleHit``, ``SectionHit``, ``Suggestion``,
  ``SearchFilters``) and snippet rendering.
- ``engine``: ``search()`` and ``suggest()``, and the bounds of the work on big catalogs.
- ``entries``: what a role page contributes to the index, shared by the per-role and bulk paths.
- ``indexing``: rebuilds, deferred indexing, the save/delete receivers, bulk indexing.
- ``backends``: the one place that picks the database's backend (``postgres``, ``sqlite``); every
  backend speaks ``backends.base.SearchBackend``.
- ``forms``: the search form and ``run_search`` for the views.

The index itself is ``roles.models.SearchEntry`` and ``SearchTerm``, with what each database
derives from them made by migrations (0002, 0006-0012).
"""

from roles.search.engine import search, suggest
from roles.search.entries import bulk_index_columns, entry_rows
from roles.search.indexing import (
    BulkIndex,
    index_deleted_row,
    index_saved_row,
    search_index_deferred,
    search_index_rebuild,
    search_index_rebuild_bulk,
    search_index_settle,
    search_title_words_rebuild,
    search_words_changed,
)
from roles.search.query import MAX_QUERY_LENGTH, clean_query
from roles.search.results import RoleHit, SearchFilters, SearchResults, SectionHit, Suggestion

__all__ = [
    "MAX_QUERY_LENGTH",
    "BulkIndex",
    "RoleHit",
    "SearchFilters",
    "SearchResults",
    "SectionHit",
    "Suggestion",
    "bulk_index_columns",
    "clean_query",
    "entry_rows",
    "index_deleted_row",
    "index_saved_row",
    "search",
    "search_index_deferred",
    "search_index_rebuild",
    "search_index_rebuild_bulk",
    "search_index_settle",
    "search_title_words_rebuild",
    "search_words_changed",
    "suggest",
]
