"""Tag versions mirrored in each worker, kept current over Redis pub/sub: a page-cache hit reads no Redis.

A hit must check that none of the page's tags moved (careerguide.pagetags). Asking Redis costs a
round trip per hit: 256 of a hit's 580 µs of CPU (docs/performance.md). Instead each process keeps a
copy of the versions it has read, and every bump tells every process which tags moved:

- **Bumps are announced atomically.** A bump is one ``MULTI``: each tag is created if missing
  (``SET NX`` a new series) and incremented, and the list of moved tags is ``PUBLISH``ed, so no tag
  can move without the announcement. When Redis refuses writes (full, under ``noeviction``) the tags
  are deleted instead, announced the same way.
- **A copy forgets what was announced.** A subscriber thread per process drops the announced tags from
  the copy; the next hit reads them from Redis again and keeps what it read, unless an announcement
  arrived while it was reading (then it uses what it read for that request only).
- **A writer waits until every copy has forgotten.** Each subscriber acknowledges an announcement
  (``RPUSH`` on the announcement's own list) and the writer waits for as many acknowledgements as
  ``PUBLISH`` reached, after its transaction commits (pagetags: ``wait``). So once an editor's save has
  answered, no worker serves the page it changed: a page that shows a changed fact shows it at once.
- **A copy is trusted only while it is provably current.** The subscriber pings Redis over the
  subscription every ``PING_EVERY`` seconds. Redis answers a ping after every announcement published
  before it, so when the answer to a ping sent at *t* arrives, every announcement before *t* has been
  applied: the copy is trusted until *t* + ``TRUSTED_FOR``. A worker that stops reading (stuck, paused,
  cut off) stops trusting its copy at most ``TRUSTED_FOR`` after any announcement it has not applied
  was published, and falls back to reading Redis. A writer waits at most ``ACK_TIMEOUT`` (longer than
  ``TRUSTED_FOR``) for acknowledgements: when it gives up, a worker that did not answer no longer
  trusts its copy.
- **A lost subscription empties the copy.** A reconnect (redis-py subscribes again by itself) shows
  as a new ``subscribe`` message: announcements may have been missed, so the copy is emptied and
  trusted again only after a ping sent after it. A flush of Redis (``cache.clear()`` announces itself;
  a ``FLUSHDB`` from outside is seen within ``PING_EVERY`` as a missing ``EPOCH_KEY``) empties it too.
  Once subscribed again, the process sends the bumps it could not send while Redis was away
  (careerguide.cachestore: ``send_unsent``).

Only the Redis backend (careerguide.cachebackend.PageRedisCache) has a mirror; other backends are read
directly (a local-memory cache costs no round trip).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import threading
import time
import uuid
from collections import OrderedDict

logger = logging.getLogger("careerguide.cache.mirror")

PING_EVERY = 0.2
TRUSTED_FOR = 1.0
ACK_TIMEOUT = TRUSTED_FOR + 0.25
# After a failure, the subscriber tries again after this long; failures are logged once per interval.
RETRY_AFTER = 0.5
LOG_INTERVAL = 60.0
# A copy holding more versions than this is emptied (it is refilled by the hits that need them).
MAX_VERSIONS = 100_000
# An announcement naming more tags than this tells every copy to empty itself.
MAX_ANNOUNCED = 2_000
CHANNEL = "careerguide:tag-announcements"
EPOCH_KEY = "careerguide:tag-epoch"
ACK_PREFIX = "careerguide:tag-acks:"


class Channel:
    """How one cache configuration's processes talk: Redis clients, the channel and the full keys."""

    def __init__(self, cache):
        import redis

        options = {k: v for k, v in cache.options.items() if k in ("socket_timeout", "socket_connect_timeout")}
        self.client = redis.Redis.from_url(cache.location, **options)
        # Waiting for acknowledgements blocks longer than the cache's short socket timeout allows.
        self.waiter = redis.Redis.from_url(
            cache.location, **{**options, "socket_timeout": ACK_TIMEOUT + 1, "socket_connect_timeout": 1}
        )
        self.make_key = cache.make_key
        self.ident = cache.mirror_ident
        # Pub/sub is server-wide, not per database: the channel names the database and the key prefix.
        db = self.client.connection_pool.connection_kwargs.get("db", 0)
        self.name = f"{cache.make_key(CHANNEL)}@{db}"
        self.epoch_key = cache.make_key(EPOCH_KEY)

    def bump(self, keys: list[str], *, first_version: int, wait: bool) -> None:
        """Move the tags' versions (a missing one starts at ``first_version``) and announce it, in one
        transaction; raises redis errors."""
        import redis

        full = [self.make_key(key) for key in keys]
        announced = _announced(keys)
        ident, payload = _message(announced)
        pipe = self.client.pipeline(transaction=True)
        for key in full:
            pipe.set(key, first_version, nx=True)
            pipe.incr(key)
        pipe.publish(self.name, payload)
        try:
            receivers = pipe.execute()[-1]
        except redis.ResponseError:
            # Full under noeviction: a missing tag matches no stored page, and deleting is allowed.
            pipe = self.client.pipeline(transaction=True)
            pipe.delete(*full)
            pipe.publish(self.name, payload)
            receivers = pipe.execute()[-1]
        self._after_publish(ident, announced, receivers, wait=wait)

    def announce(self, keys: list[str] | None, *, wait: bool = True) -> None:
        """Tell every copy these tags (None: all of them) moved, e.g. after they were deleted."""
        announced = _announced(keys)
        ident, payload = _message(announced)
        self._after_publish(ident, announced, self.client.publish(self.name, payload), wait=wait)

    def _after_publish(self, ident: str, announced: list[str] | None, receivers: int, *, wait: bool) -> None:
        # This process's own copy first: its next request must not find what it just changed.
        own = _mirrors.get(self.ident)
        if own is not None:
            own.forget(announced)
        if wait and receivers:
            self._wait_for_acks(ident, receivers)

    def _wait_for_acks(self, ident: str, receivers: int) -> None:
        ack_key = self.make_key(ACK_PREFIX + ident)
        deadline = time.monotonic() + ACK_TIMEOUT
        received = 0
        try:
            while received < receivers:
                left = deadline - time.monotonic()
                if left <= 0:
                    # Those that did not answer have stopped trusting their copies by now (TRUSTED_FOR).
                    logger.warning(
                        "%d of %d page-cache workers did not confirm a bump", receivers - received, receivers
                    )
                    return
                if self.waiter.blpop([ack_key], timeout=max(left, 0.01)) is not None:
                    received += 1
        finally:
            self.client.delete(ack_key)

    def acknowledge(self, ident: str) -> None:
        ack_key = self.make_key(ACK_PREFIX + ident)
        pipe = self.client.pipeline(transaction=False)
        pipe.rpush(ack_key, 1)
        pipe.expire(ack_key, 30)
        pipe.execute()


def _announced(keys: list[str] | None) -> list[str] | None:
    """The tags an announcement names: None (every copy empties itself) for all, or too many to list."""
    return None if keys is None or len(keys) > MAX_ANNOUNCED else keys


def _message(announced: list[str] | None) -> tuple[str, str]:
    """(the announcement's id, its JSON)."""
    ident = uuid.uuid4().hex
    return ident, json.dumps({"id": ident, "keys": announced})


class TagMirror:
    """One process's copy of tag versions (keys as careerguide.cachestore names them)."""

    def __init__(self, channel: Channel, store):
        self.channel = channel
        # careerguide.cachestore's store: ``get_many`` reads versions the copy lacks, ``send_unsent``
        # sends the bumps it kept while Redis did not answer.
        self.store = store
        self.versions: dict[str, int] = {}
        self.lock = threading.Lock()
        # Bumped on every change of the copy; a read-through keeps what it read only if it did not move.
        self.changes = 0
        self.trusted_until = 0.0
        self.running = True
        self.pings: OrderedDict[int, float] = OrderedDict()
        self.next_ping_id = 0
        self.trust_from_ping = 0
        self.epoch: bytes | None = None
        self.last_logged_at = 0.0
        self.thread = threading.Thread(target=self._run, name="careerguide-tag-mirror", daemon=True)
        self.thread.start()

    def trusted(self) -> bool:
        return time.monotonic() < self.trusted_until

    def read(self, keys: list[str]) -> dict | None:
        """The keys' current versions (those that exist), or None when the copy is not trusted now."""
        if time.monotonic() >= self.trusted_until:
            return None
        changes = self.changes
        versions = self.versions
        found = {}
        missing = []
        for key in keys:
            version = versions.get(key)
            if version is None:
                missing.append(key)
            else:
                found[key] = version
        if missing:
            fetched = self.store.get_many(missing)
            with self.lock:
                if self.changes == changes and len(self.versions) + len(fetched) <= MAX_VERSIONS:
                    self.versions.update(fetched)
            found.update(fetched)
        # Emptied meanwhile (a lost subscription or a flush): what was read from the copy may be stale.
        if self.versions is not versions or time.monotonic() >= self.trusted_until:
            return None
        return found

    def forget(self, keys) -> None:
        with self.lock:
            self.changes += 1
            if keys is None:
                self.versions = {}
            else:
                for key in keys:
                    self.versions.pop(key, None)

    def stop(self) -> None:
        self.running = False
        self.trusted_until = 0.0

    # The subscriber thread.

    def _run(self) -> None:
        while self.running:
            pubsub = self.channel.client.pubsub()
            try:
                pubsub.subscribe(self.channel.name)
                next_ping = 0.0
                while self.running:
                    now = time.monotonic()
                    if now >= next_ping:
                        self._ping(pubsub, now)
                        next_ping = now + PING_EVERY
                    message = pubsub.get_message(timeout=max(0.0, next_ping - time.monotonic()))
                    if message is not None:
                        self._handle(message)
            except Exception as error:  # any failure: stop trusting, start again
                self._lost(error)
                time.sleep(RETRY_AFTER)
            finally:
                with contextlib.suppress(Exception):
                    pubsub.close()

    def _ping(self, pubsub, now: float) -> None:
        if self.pings and now - next(iter(self.pings.values())) > TRUSTED_FOR:
            raise TimeoutError("Redis did not answer the subscription's ping")
        epoch = self.channel.client.get(self.channel.epoch_key)
        if epoch is None:
            self.channel.client.set(self.channel.epoch_key, uuid.uuid4().hex, nx=True)
            epoch = self.channel.client.get(self.channel.epoch_key)
        if epoch != self.epoch:
            # Flushed (or first seen): every version may be gone, and no announcement said so.
            self.forget(None)
            self.epoch = epoch
            self.trust_from_ping = self.next_ping_id
        self.pings[self.next_ping_id] = now
        pubsub.ping(str(self.next_ping_id))
        self.next_ping_id += 1

    def _handle(self, message: dict) -> None:
        kind = message["type"]
        if kind == "message":
            data = json.loads(message["data"])
            self.forget(data["keys"])
            self.channel.acknowledge(data["id"])
        elif kind == "pong":
            ping_id = int(message["data"] or -1)
            sent = self.pings.pop(ping_id, None)
            while self.pings and next(iter(self.pings)) < ping_id:
                self.pings.popitem(last=False)
            if sent is not None and ping_id >= self.trust_from_ping:
                self.trusted_until = sent + TRUSTED_FOR
        elif kind == "subscribe":
            # A first subscription, or redis-py's own after a reconnect: announcements may have been
            # missed, so the copy starts empty and is trusted from the next ping's answer. Redis is
            # back: bumps this process could not send while it was away go out now.
            self.trusted_until = 0.0
            self.forget(None)
            self.pings.clear()
            self.trust_from_ping = self.next_ping_id
            self.store.send_unsent(wait=False)  # this thread is the one that would acknowledge

    def _lost(self, error: Exception) -> None:
        self.trusted_until = 0.0
        self.forget(None)
        self.pings.clear()
        now = time.monotonic()
        if now - self.last_logged_at >= LOG_INTERVAL:
            self.last_logged_at = now
            logger.warning(
                "Page-cache tag mirror lost (%s: %s); reading Redis until it is back.", type(error).__name__, error
            )


# One channel and one mirror per cache configuration in this process (tests change settings.CACHES).
_channels: dict[tuple, Channel] = {}
_mirrors: dict[tuple, TagMirror] = {}
_lock = threading.Lock()


def channel_for(cache) -> Channel:
    ident = cache.mirror_ident
    channel = _channels.get(ident)
    if channel is None:
        with _lock:
            channel = _channels.get(ident) or _channels.setdefault(ident, Channel(cache))
    return channel


def mirror_for(cache, store) -> TagMirror:
    channel = channel_for(cache)
    mirror = _mirrors.get(channel.ident)
    if mirror is None or not mirror.running:
        with _lock:
            mirror = _mirrors.get(channel.ident)
            if mirror is None or not mirror.running:
                # Only one configuration is live at a time: an earlier one's thread ends.
                for old in _mirrors.values():
                    old.stop()
                _mirrors.clear()
                mirror = _mirrors[channel.ident] = TagMirror(channel, store)
    return mirror


def reset() -> None:
    """Stop every mirror and drop every client (a forked child, or tests switching caches)."""
    with _lock:
        for mirror in _mirrors.values():
            mirror.stop()
        _mirrors.clear()
        _channels.clear()


def _after_fork() -> None:
    # The parent's thread does not exist in the child, its sockets must not be shared, and the lock
    # may have been held by a thread that is not there.
    global _lock
    _lock = threading.Lock()
    _mirrors.clear()
    _channels.clear()


os.register_at_fork(after_in_child=_after_fork)
