"""Pages are sent gzip-compressed to browsers that accept it (Lighthouse's text-compression audit), and the
page cache keeps the compressed and the plain body apart."""

from __future__ import annotations

import gzip

import pytest
from django.core.cache import cache

from careerguide.pagecache import local_pages

TSS = "technical-support-specialist"


@pytest.fixture
def page_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "gzip"}}
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    local_pages.clear()
    yield
    cache.clear()
    local_pages.clear()


def test_pages_are_compressed_for_browsers_that_accept_it(page_cache, catalog, client):
    plain = client.get(f"/roles/{TSS}/")
    assert "Content-Encoding" not in plain and plain.content.startswith(b"<!doctype html>")
    for _miss_then_hit in range(2):
        packed = client.get(f"/roles/{TSS}/", headers={"accept-encoding": "gzip, deflate, br"})
        assert packed["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in packed["Vary"]
        body = gzip.decompress(packed.content)
        assert body == plain.content
        assert len(packed.content) < len(plain.content) / 3
    assert packed["X-Page-Cache"] == "hit"
    again = client.get(f"/roles/{TSS}/")
    assert "Content-Encoding" not in again and again.content == plain.content
