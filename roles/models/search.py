"""The search index: one row per (role, section) of a role page, plus a vocabulary of its words.

Rows here are derived data. ``roles.search`` writes them (``search_index_rebuild`` and the signal
receivers connected in ``RolesConfig.ready``) and reads them; nothing else should. The
backend-specific parts live in the database, created by migration 0002 for the vendor it runs on:

- PostgreSQL: ``search_vector`` is a stored, weighted tsvector (A title, B headings, C body)
  kept current by a trigger, with a GIN index; ``SearchTerm.term`` has a pg_trgm GIN index
  for typo tolerance.
- SQLite: FTS5 tables mirror ``SearchEntry`` (porter-stemmed words) and ``SearchTerm``
  (trigrams), kept current by triggers; ``search_vector`` stays empty.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchEntry(models.Model):
    """One searchable section of a role page, with the anchor a result links to."""

    role = models.ForeignKey("roles.Role", on_delete=models.CASCADE, related_name="search_entries")
    # What produced the entry ("overview", "section", "skills", "faq"...), and for
    # kinds with one entry per row (sections, FAQs) that row's primary key, so a
    # single saved row re-indexes only its own entry.
    kind = models.CharField(max_length=32)
    source_pk = models.BigIntegerField(null=True, blank=True)
    anchor = models.CharField(max_length=100)
    label = models.CharField(max_length=300, help_text="The section name shown with a result.")
    order = models.PositiveIntegerField(default=0)
    # The three weighted fields: title (A), heading (B), body (C).
    title = models.TextField(blank=True)
    heading = models.TextField(blank=True)
    body = models.TextField(blank=True)
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["role", "order", "id"]
        indexes = [models.Index(fields=["role", "kind", "source_pk"], name="searchentry_role_kind_idx")]
        verbose_name_plural = "search entries"

    def __str__(self) -> str:
        return f"{self.role_id}#{self.anchor}"


class SearchTerm(models.Model):
    """A word that occurs in the index: the vocabulary typo correction and suggestions match against."""

    term = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["term"]

    def __str__(self) -> str:
        return self.term
