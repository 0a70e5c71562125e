"""Test data made through the models, for tests that need a few roles of their own.

``make_role("Archive Curator")`` saves a published role in the "Testing" category with a summary
written from its title; any other field can be given.
"""

from __future__ import annotations

from django.utils.text import slugify

from roles.models import Category, Role


def make_category(name: str = "Testing", *, slug: str | None = None) -> Category:
    """The category of that name, made when missing."""
    return Category.objects.get_or_create(slug=slug or slugify(name), defaults={"name": name})[0]


def make_role(title: str, *, category: Category | None = None, **fields) -> Role:
    """A saved role (so the search index and slug history see it as any other save)."""
    fields.setdefault("summary", f"{title} does the work of a {title.lower()}.")
    return Role.objects.create(title=title, category=category or make_category(), **fields)
