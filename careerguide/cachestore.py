"""The shared cache as the page cache uses it: it degrades, it never fails a request.

Every call goes through ``store``: an error of the cache backend (Redis stopped, full with
``noeviction``, slow beyond the socket timeout set in settings.CACHES) is logged once per
``LOG_INTERVAL`` seconds and answered as a miss (reads) or ignored (writes), so pages are rendered
without the cache instead of answering 500. After an error the cache is left alone for
``RETRY_AFTER`` seconds, so a cache that hangs does not cost every request its timeout.
``state()`` is "degraded" while errors are recent; /healthz reports it.
"""

from __future__ import annotations

import atexit
import logging
import threading
import time

from django.core.cache import cache

logger = logging.getLogger("careerguide.cache")

LOG_INTERVAL = 60.0
RETRY_AFTER = 2.0
# An error this recent makes the cache "degraded" for the health check.
DEGRADED_FOR = 30.0


def new_series() -> int:
    """A first version for a tag that is missing (new, or evicted): larger than any version it had,
    so no page stored under an earlier series can match it (careerguide.pagetags)."""
    return time.time_ns()


class ResilientCache:
    def __init__(self):
        self._lock = threading.Lock()
        self.last_error_at = 0.0
        self.last_logged_at = 0.0
        self.errors_since_log = 0
        # Tag keys a bump could neither move nor delete (the cache did not answer): see keep_unsent.
        self.unsent: set[str] = set()

    def _failed(self, operation: str, error: Exception) -> None:
        now = time.monotonic()
        with self._lock:
            self.last_error_at = now
            self.errors_since_log += 1
            if now - self.last_logged_at < LOG_INTERVAL:
                return
            count, self.errors_since_log, self.last_logged_at = self.errors_since_log, 0, now
        logger.warning(
            "Page cache unavailable (%s: %s: %s); serving without it. %d error(s) since the last report.",
            operation,
            type(error).__name__,
            error,
            count,
        )

    def _resting(self) -> bool:
        return time.monotonic() - self.last_error_at < RETRY_AFTER

    def _call(self, operation: str, default, *args, **kwargs):
        if self._resting():
            return default
        if self.unsent:
            self.send_unsent()
        try:
            return getattr(cache, operation)(*args, **kwargs)
        except Exception as error:  # any backend: redis, memcached, file... all must degrade
            self._failed(operation, error)
            return default

    def get(self, key: str, default=None):
        return self._call("get", default, key, default)

    def get_many(self, keys) -> dict:
        return self._call("get_many", {}, keys)

    def set(self, key: str, value, timeout) -> bool:
        return self._call("set", False, key, value, timeout) is not False

    def add(self, key: str, value, timeout=None) -> bool:
        return bool(self._call("add", False, key, value, timeout))

    def incr(self, key: str):
        """The new value; None when the key is missing or the cache failed."""
        if self._resting():
            return None
        try:
            return cache.incr(key)
        except ValueError:  # a missing key, not a failure
            return None
        except Exception as error:
            self._failed("incr", error)
            return None

    def bump(self, keys: list[str], *, wait: bool) -> bool:
        """Move the tags' versions and announce it to every worker (a backend that announces bumps:
        careerguide.cachebackend); ``wait``: until every worker has heard. False when the backend does
        not announce bumps or failed: the caller then bumps them one by one. Tried even while resting."""
        if not getattr(cache, "announces_bumps", False):
            return False
        try:
            cache.bump_tags(keys, first_version=new_series(), wait=wait)
            return True
        except Exception as error:
            self._failed("bump", error)
            return False

    def keep_unsent(self, keys) -> None:
        """Tags a bump could neither move nor delete: the cache did not answer (stopped, hung). Pages
        stored earlier would match them again once it is back, so they are bumped as soon as it
        answers, before anything else is read from it, and until then every page is rendered."""
        with self._lock:
            self.unsent.update(keys)

    def send_unsent(self, *, wait: bool = True) -> bool:
        """Bump the unsent tags (or delete them); whether none is left. Also called by this process's
        copy of the tag versions when its subscription is back (careerguide.tagmirror), and at exit."""
        if not self.unsent:
            return True
        with self._lock:
            keys, self.unsent = sorted(self.unsent), set()
        if not keys or self.bump(keys, wait=wait) or self.delete_many(keys):
            return True
        with self._lock:
            self.unsent.update(keys)
        return False

    def tag_versions(self, keys: list[str]) -> dict:
        """The tags' versions: from this process's copy (careerguide.tagmirror) while it is trusted,
        otherwise from the cache. None at all while a bump is unsent (every page is then a miss)."""
        if self.unsent and (self._resting() or not self.send_unsent()):
            return {}
        if getattr(cache, "announces_bumps", False) and not self._resting():
            try:
                found = cache.tag_mirror(self).read(keys)
            except Exception as error:
                self._failed("tag_versions", error)
                return {}
            if found is not None:
                return found
        return self.get_many(keys)

    def delete_many(self, keys) -> bool:
        """Deleting works even on a Redis full under ``noeviction``; used when a bump cannot be written.
        Tried even while resting: a lost invalidation would serve stale pages."""
        try:
            cache.delete_many(keys)
            return True
        except Exception as error:
            self._failed("delete_many", error)
            return False

    def check(self) -> str:
        """Write and read a key now: "ok" or "degraded" (also when errors were seen in the last DEGRADED_FOR s)."""
        try:
            cache.set("careerguide:healthz", 1, 10)
            ok = cache.get("careerguide:healthz") == 1
        except Exception as error:
            self._failed("health check", error)
            ok = False
        if not ok:
            return "degraded"
        return "degraded" if time.monotonic() - self.last_error_at < DEGRADED_FOR and self.last_error_at else "ok"

    def reset(self) -> None:
        """Forget past errors and unsent bumps (tests, and a process that knows the cache is back)."""
        with self._lock:
            self.unsent = set()
            self.last_error_at = 0.0
            self.last_logged_at = 0.0
            self.errors_since_log = 0


store = ResilientCache()


@atexit.register
def _send_unsent_at_exit() -> None:
    """A process that saved while Redis was away (a management command) tries once more as it ends."""
    if store.unsent and not store.send_unsent():
        logger.error(
            "%d page-cache tags could not be bumped: cached pages may show content from before this "
            "process's changes. Clear the cache (cache.clear()) once Redis answers.",
            len(store.unsent),
        )
