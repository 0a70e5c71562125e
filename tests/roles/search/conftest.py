"""Fixtures the search tests share (test_search_bounded.py, test_search_title_step.py)."""

from __future__ import annotations

import pytest
from search_helpers import analyze

from roles.search import engine


@pytest.fixture
def no_page_cache(settings):
    # Tests that change the search's bounds between identical requests: answer each one afresh.
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def bounded(monkeypatch):
    """Bounds a three-role catalog reaches: a word in more than 5 entries is broad, 2 roles are ranked."""

    def shrink(*, roles: int = 2, entries: int = 5):
        monkeypatch.setattr(engine, "ROLE_CANDIDATES", roles)
        monkeypatch.setattr(engine, "BROAD_ENTRIES", entries)
        analyze()

    return shrink
