"""A private Redis per test, started here (``redis-server`` on a free port), so tests can stop it,
fill it or pause it without touching anyone else's. Without redis-server the tests are skipped,
except under CI or REQUIRE_BROWSER, where its absence is a failure."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import time

import pytest
from django.core.cache import cache

from careerguide.cachestore import store
from careerguide.pagecache import local_pages, route
from tests.tools import missing_tool


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    def __init__(self, *extra: str):
        import redis

        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
            + list(extra),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.client = redis.Redis(port=self.port, socket_timeout=2)
        deadline = time.monotonic() + 10
        while True:
            try:
                self.client.ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)

    def page_keys(self) -> int:
        return sum(1 for _ in self.client.scan_iter(match="*careerguide:page:*"))


@pytest.fixture
def redis_server():
    if shutil.which("redis-server") is None:
        missing_tool("redis-server is not installed (apt-get install redis-server)")
    server = RedisServer()
    yield server
    if server.process.poll() is None:
        server.process.kill()
    server.process.wait(10)


@pytest.fixture
def private_page_cache(redis_server, settings):
    """The page cache on the private Redis, with the short timeouts production uses."""
    settings.CACHES = {
        "default": {
            "BACKEND": "careerguide.cachebackend.PageRedisCache",
            "LOCATION": redis_server.url,
            "OPTIONS": {"socket_timeout": 0.25, "socket_connect_timeout": 0.25},
        }
    }
    settings.PAGE_CACHE_ENABLED = True
    store.reset()
    local_pages.clear()
    route.cache_clear()
    yield redis_server
    store.reset()
    local_pages.clear()
    with contextlib.suppress(Exception):  # the test may have stopped the server on purpose
        cache.clear()
