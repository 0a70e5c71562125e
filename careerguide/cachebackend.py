"""The Redis cache backend, without the key checks that are for memcached only.

Django checks every key against memcached's limits (250 characters, no spaces or control
characters) on every backend, one character at a time in Python, and only warns. Redis takes any
key, and the page cache's keys are bounded already (hashes, and tag keys of at most ~120
characters: careerguide.pagetags.tag_key), so the check is dropped, as Django's documentation
offers (override ``validate_key``): a page-cache hit validates dozens of tag keys at once.
"""

from __future__ import annotations

from django.core.cache.backends.redis import RedisCache


class PageRedisCache(RedisCache):
    def validate_key(self, key: str) -> None:
        """Any key is valid for Redis."""
