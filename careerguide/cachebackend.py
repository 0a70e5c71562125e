"""The Redis cache backend: one redis-py client per process, no memcached key checks, and tag bumps
announced to every worker (careerguide.tagmirror).

- **One client.** Django's Redis client builds a new ``redis.Redis`` for every call (its connection
  pool is shared). Building one fills redis-py's table of about 170 response callbacks, which costs
  more CPU than the command it then sends: in a page-cache hit it was about 30% of the hit's CPU
  (docs/performance.md). A ``redis.Redis`` is safe to share between threads (each command borrows a
  connection from the pool), so one is made per pool and reused. Django's RedisCache leaves room for
  this: its client takes the key in ``get_client`` so "that custom cache client can be implemented";
  the client class is chosen in ``__init__``.
- **No key checks.** Django checks every key against memcached's limits (250 characters, no spaces
  or control characters) on every backend, one character at a time in Python, and only warns. Redis
  takes any key, and the page cache's keys are bounded already (hashes, and tag keys of at most ~120
  characters: careerguide.pagetags.tag_key), so the check is dropped, as Django's documentation
  offers (override ``validate_key``): a page-cache hit validates dozens of tag keys at once.
- **Announced bumps.** ``bump_tags`` moves tag versions and tells every worker's copy of them in one
  transaction; ``clear`` tells them the cache was emptied.
- **A clear that keeps to its prefix.** With a KEY_PREFIX, ``clear`` deletes the keys under it only.
"""

from __future__ import annotations

import re

import redis  # noqa: F401 - imported with the backend, when the worker starts (careerguide/wsgi.py)
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

from careerguide import tagmirror


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            # Two threads may both make one; either is fine, and the pool (kept by the parent) is the same.
            client = self._clients.setdefault(id(pool), self._client(connection_pool=pool))
        return client


class PageRedisCache(RedisCache):
    announces_bumps = True

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
        self.location = re.split("[;,]", server)[0] if isinstance(server, str) else server[0]
        self.options = dict(params.get("OPTIONS", {}))
        # What makes two configurations' announcements distinct: the server, its database and the key prefix.
        self.mirror_ident = (self.location, self.make_key(""))

    def validate_key(self, key: str) -> None:
        """Any key is valid for Redis."""

    def bump_tags(self, keys: list[str], *, first_version: int, wait: bool) -> None:
        tagmirror.channel_for(self).bump(keys, first_version=first_version, wait=wait)

    def tag_mirror(self, store) -> tagmirror.TagMirror:
        return tagmirror.mirror_for(self, store)

    def clear(self):
        """Empty this site's cache and tell every worker. With a KEY_PREFIX only the keys under it are
        deleted (another site, or another test process, may share the database); without one, the
        whole database, as Django's backend does."""
        if self.key_prefix:
            client = self._cache.get_client(write=True)
            pattern = _glob_escape(self.key_prefix) + ":*"
            batch = []
            for key in client.scan_iter(match=pattern, count=1000):
                batch.append(key)
                if len(batch) == 1000:
                    client.delete(*batch)
                    batch = []
            if batch:
                client.delete(*batch)
            cleared = True
        else:
            cleared = super().clear()
        tagmirror.channel_for(self).announce(None)
        return cleared


def _glob_escape(text: str) -> str:
    return re.sub(r"([*?\[\]\\])", r"\\\1", text)
