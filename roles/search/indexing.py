"""Keeping the index current: rebuilds, deferred indexing for loads, and the row save/delete handlers.

Every write to content a role page shows re-indexes what it changed: ``index_saved_row`` and
``index_deleted_row`` are the receivers ``RolesConfig.ready`` connects. Inside
``search_index_deferred`` they only note the role, and each noted role is rebuilt once at the end.
The bulk paths (``search_index_rebuild_bulk``, ``BulkIndex`` for generate_catalog) write exactly the
entries of the per-role path, from the same text functions (``roles.search.entries``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction
from django.dispatch import Signal

from roles.models import FAQ, Role, SearchEntry, SearchTerm, Section
from roles.search.backends import backend
from roles.search.entries import (
    GROUPED_KINDS,
    ROLE_RELATIONS,
    SALARY_KIND,
    entry,
    faq_fields,
    grouped_fields,
    overview_fields,
    role_entries,
    salary_fields,
    section_fields,
    stored_entry_rows,
)
from roles.search.query import TERM_RE


def _store(entries: list[SearchEntry]) -> None:
    """Insert entries and add their words to the vocabulary (existing words are skipped)."""
    SearchEntry.objects.bulk_create(entries, batch_size=500)
    words = set()
    for item in entries:
        for text in (item.title, item.heading, item.body):
            words.update(word.lower() for word in TERM_RE.findall(text))
    if words:
        SearchTerm.objects.bulk_create(
            [SearchTerm(term=word) for word in sorted(words)], ignore_conflicts=True, batch_size=1000
        )


# Sent when a saved or deleted row has re-indexed its entries, with ``words``: the lowercase words
# (``TERM_RE``) whose number of occurrences changed in them, old text against new. The page cache
# makes the searches for those words stale (careerguide.pagecache.search_words_changed).
search_words_changed = Signal()


def _word_counts(texts: Iterable[str]) -> Counter:
    return Counter(word.lower() for text in texts for word in TERM_RE.findall(text))


def _replace_entries(old, new: list[SearchEntry]) -> None:
    """Delete the entries of ``old`` (a queryset), store ``new``, and announce the words that changed."""
    before = _word_counts(text for row in old.values_list("title", "heading", "body") for text in row)
    old.delete()
    _store(new)
    after = _word_counts(text for item in new for text in (item.title, item.heading, item.body))
    changed = {word for word in before.keys() | after.keys() if before[word] != after[word]}
    if changed:
        search_words_changed.send(sender=SearchEntry, words=changed)


# Inside ``search_index_deferred`` the signal handlers only note which roles changed.
_deferred_role_ids: ContextVar[set[int] | None] = ContextVar("search_index_deferred", default=None)


@contextmanager
def search_index_deferred() -> Iterator[None]:
    """Note the roles written inside the block and rebuild each once at its end (for bulk imports).

    ``load_catalog`` runs inside one: re-indexing after every one of a role's hundreds of rows would
    make loading several times slower.
    """
    if _deferred_role_ids.get() is not None:  # already deferring: the outer block rebuilds
        yield
        return
    token = _deferred_role_ids.set(set())
    try:
        yield
        touched = _deferred_role_ids.get()
    finally:
        _deferred_role_ids.reset(token)
    if touched:
        search_index_rebuild(roles=touched)


def search_index_rebuild(*, roles: Iterable[Role | int] | None = None, chunk_size: int = 200) -> int:
    """Rebuild the index entries of ``roles`` (roles or ids; all roles when None); returns entries written."""
    role_ids = None if roles is None else [getattr(role, "pk", role) for role in roles]
    queryset = Role.objects.order_by("pk").prefetch_related(*ROLE_RELATIONS)
    if role_ids is not None:
        queryset = queryset.filter(pk__in=role_ids)
    written = 0
    with transaction.atomic():
        if role_ids is None:
            SearchEntry.objects.all().delete()
            SearchTerm.objects.all().delete()
        last_pk = 0
        while True:
            chunk = list(queryset.filter(pk__gt=last_pk)[:chunk_size])
            if not chunk:
                break
            last_pk = chunk[-1].pk
            if role_ids is not None:
                SearchEntry.objects.filter(role__in=chunk).delete()
            entries = [item for role in chunk for item in role_entries(role)]
            _store(entries)
            written += len(entries)
    return written


class BulkIndex:
    """Index rows written chunk by chunk inside the caller's transaction, the vocabulary at the end.

    ``prepare`` notes a chunk's words and lets the backend do what it can without writing (on
    PostgreSQL as a superuser, the chunk's tsvectors, on the calling thread's own connection), so a
    producer thread can prepare the next chunk (on the other core) while ``write`` writes this one.
    Create it, ``write`` and ``finish`` on the thread that holds the transaction.
    """

    def __init__(self):
        self.raw_words: set[str] = set()
        self.seen_lines: set[str] = set()
        self.writer = backend().entry_writer()

    def prepare(self, rows: list[tuple]) -> object:
        # Words never span lines, and most lines recur across roles: scan each distinct line once.
        lines: set[str] = set()
        for row in rows:
            for text in row[-3:]:  # title, heading, body: the last three columns
                lines.update(text.split("\n"))
        for line in lines - self.seen_lines:
            self.raw_words.update(TERM_RE.findall(line))
        self.seen_lines |= lines
        return self.writer.prepare(rows)

    def write(self, rows: list[tuple], prepared: object) -> None:
        self.writer.write(rows, prepared)

    def finish(self) -> None:
        backend().add_terms({word.lower() for word in self.raw_words})


def search_index_rebuild_bulk(*, roles: Iterable[Role | int] | None = None, chunk_size: int = 500) -> int:
    """Rebuild the index entries of ``roles`` (all roles when None) in bulk; returns entries written.

    Writes exactly what ``search_index_rebuild`` writes (tests/roles/search/test_search_bulk.py compares the
    two row by row), but reads each kind of content for ``chunk_size`` roles with one query of plain
    values instead of prefetching model instances, and writes entries with COPY / executemany: for
    the 10,000-role generated catalog the per-role path takes 10-25 minutes.
    """
    if roles is None:
        role_ids = list(Role.objects.order_by("pk").values_list("pk", flat=True))
    else:
        role_ids = sorted({getattr(role, "pk", role) for role in roles})
    written = 0
    with transaction.atomic():
        if roles is None:
            SearchEntry.objects.all().delete()
            SearchTerm.objects.all().delete()
        index = BulkIndex()
        for start in range(0, len(role_ids), chunk_size):
            chunk = role_ids[start : start + chunk_size]
            if roles is not None:
                SearchEntry.objects.filter(role_id__in=chunk).delete()
            rows = stored_entry_rows(chunk)
            index.write(rows, index.prepare(rows))
            written += len(rows)
        index.finish()
    return written


def search_title_words_rebuild() -> None:
    """Rewrite what the database derives from role titles, after a load that ran with triggers off."""
    backend().title_words_rebuild()


def search_index_settle() -> None:
    """After a bulk write, outside its transaction: what the database needs to search the new rows fast."""
    backend().settle()


# ---------------------------------------------------------------------------------------------
# One saved or deleted row


def _deferred(role_id: int | None) -> bool:
    touched = _deferred_role_ids.get()
    if touched is None:
        return False
    if role_id is not None:
        touched.add(role_id)
    return True


def search_index_row_saved(*, instance) -> None:
    """Re-index what one saved content row (or role) changes: its own entry, or its kind's entry."""
    if _deferred(instance.pk if isinstance(instance, Role) else instance.role_id):
        return
    if isinstance(instance, Role):
        with transaction.atomic(savepoint=False):
            bands = list(instance.salary_bands.all())
            fields = (overview_fields(instance), salary_fields(instance, bands))
            _replace_entries(
                SearchEntry.objects.filter(role=instance, kind__in=["overview", SALARY_KIND.relation]),
                [entry(instance, values) for values in fields if values is not None],
            )
        return
    _reindex_kind(Role(pk=instance.role_id), type(instance), instance=instance)


def search_index_row_deleted(*, instance, origin=None) -> None:
    """Drop or rebuild the entry a deleted content row fed, unless its whole role is going."""
    if isinstance(origin, Role) or getattr(getattr(origin, "model", None), "__name__", "") == "Role":
        return
    if isinstance(instance, Role) or _deferred(instance.role_id):
        return
    if not Role.objects.filter(pk=instance.role_id).exists():
        return
    _reindex_kind(Role(pk=instance.role_id), type(instance), instance=instance, deleted=True)


def _reindex_kind(role: Role, model, *, instance, deleted: bool = False) -> None:
    with transaction.atomic(savepoint=False):
        if model in (Section, FAQ):
            kind = "section" if model is Section else "faq"
            fields = None if deleted else section_fields(instance) if model is Section else faq_fields(instance)
            old = SearchEntry.objects.filter(role=role, kind=kind, source_pk=instance.pk)
            _replace_entries(old, [entry(role, fields)] if fields is not None else [])
            return
        if model in GROUPED_KINDS:
            rows = list(model.objects.filter(role_id=role.pk).order_by("order", "id"))
            old = SearchEntry.objects.filter(role=role, kind=GROUPED_KINDS[model].relation)
            item = entry(role, grouped_fields(model, rows))
        else:  # a salary band
            full_role = Role.objects.filter(pk=role.pk).first()
            if full_role is None:
                return
            rows = list(model.objects.filter(role_id=role.pk).order_by("order", "id"))
            old = SearchEntry.objects.filter(role=role, kind=SALARY_KIND.relation)
            item = entry(full_role, salary_fields(full_role, rows))
        _replace_entries(old, [item] if item is not None else [])


def index_saved_row(sender, instance, **kwargs) -> None:
    """post_save receiver for the models in ``roles.apps.SEARCH_INDEXED_MODELS``."""
    search_index_row_saved(instance=instance)


def index_deleted_row(sender, instance, origin=None, **kwargs) -> None:
    """post_delete receiver for the models in ``roles.apps.SEARCH_INDEXED_MODELS``."""
    search_index_row_deleted(instance=instance, origin=origin)
