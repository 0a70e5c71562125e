"""The shared bases of the content models: stable keys, source documents, categories.

Every content row carries a stable ``key`` (a UUID) that is its natural key,
so fixtures and ``dumpdata --natural-primary`` round-trip without primary
keys, and loading the same fixture twice updates rows instead of adding them.
"""

from __future__ import annotations

import uuid

from django.db import models

from roles.importers.document import FORMAT_GUIDE, FORMAT_JOB_DESCRIPTION
from roles.models import natural_keys


def years_text(fewest: int | None, most: int | None) -> str:
    """A span of years as pages write it: "4–7 years", "5+ years", "2 years", "1 year"; "" when unknown."""
    if fewest is None:
        return ""
    if most is None:
        return f"{fewest}+ years"
    if fewest == most:
        return f"{fewest} year{'' if fewest == 1 else 's'}"
    return f"{fewest}–{most} years"


class KeyedQuerySet(models.QuerySet):
    pass


class KeyedManager(models.Manager.from_queryset(KeyedQuerySet)):
    def get_by_natural_key(self, key):
        return natural_keys.get_by_natural_key(self, key=key)


class KeyedModel(models.Model):
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    objects = KeyedManager()

    class Meta:
        abstract = True

    def natural_key(self):
        return (str(self.key),)


class SourceDocumentManager(models.Manager):
    def get_by_natural_key(self, file_name):
        return natural_keys.get_by_natural_key(self, file_name=file_name)


class SourceDocument(models.Model):
    """A document the content was imported from, identified by its file name."""

    FORMAT_CHOICES = [(FORMAT_GUIDE, "Career guide"), (FORMAT_JOB_DESCRIPTION, "Job description")]

    file_name = models.CharField(max_length=255, unique=True)
    title = models.CharField(max_length=300)
    format = models.CharField(max_length=32, choices=FORMAT_CHOICES)
    sha256 = models.CharField("SHA-256", max_length=64, help_text="Hash of the file's bytes when it was imported.")
    stated_date = models.CharField(
        max_length=60, blank=True, help_text="The date the document gives itself, as written; empty when it gives none."
    )
    imported_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When this version of the file (its SHA-256) was first loaded."
    )

    objects = SourceDocumentManager()

    class Meta:
        ordering = ["file_name"]

    def __str__(self) -> str:
        return f"{self.title} ({self.file_name})"

    @property
    def kind(self) -> str:
        """What the document is, as a reader says it: "career guide", "job description"."""
        return self.get_format_display().lower()

    @property
    def title_says_kind(self) -> bool:
        """The title already names the kind ("… Career Guide"): pages then give the kind in brackets,
        "the Complete … Career Guide (career guide)", and otherwise after the title, "the … job description"."""
        return self.kind in self.title.lower()

    def natural_key(self):
        return (self.file_name,)


class CategoryManager(models.Manager):
    def get_by_natural_key(self, slug):
        return natural_keys.get_by_natural_key(self, slug=slug)


class Category(models.Model):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)

    objects = CategoryManager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name

    def natural_key(self):
        return (self.slug,)
