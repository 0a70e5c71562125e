"""Each worker's copy of the tag versions (careerguide.tagmirror): a hit reads no Redis, and the copy
is never trusted when it could be stale (an edit in another process, a flush, a paused worker)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.cache import cache

from careerguide import tagmirror
from roles.models import Role
from tests.careerguide.test_deployment import free_port, production_env, start_gunicorn, stop

ROOT = Path(__file__).resolve().parents[2]
SLUG = "technical-support-specialist"
PAGE = f"/roles/{SLUG}/"


def tag_reads(redis) -> int:
    """MGETs Redis answered since the last reset: the page cache reads tag versions with MGET."""
    stats = redis.client.info("commandstats")
    return stats.get("cmdstat_mget", {}).get("calls", 0)


def hits_without_reads(get, redis, *, requests: int = 20, within: float = 10.0) -> bool:
    """Whether, within ``within`` seconds, ``requests`` hits in a row were served reading no tag version."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        redis.client.config_resetstat()
        caches = [get() for _ in range(requests)]
        if all(c == "hit" for c in caches) and tag_reads(redis) == 0:
            return True
        time.sleep(0.1)
    return False


@pytest.mark.django_db
def test_a_hit_reads_no_tag_version_once_the_copy_is_trusted(private_page_cache, catalog, client):
    redis = private_page_cache
    client.get(PAGE)
    assert hits_without_reads(lambda: client.get(PAGE)["X-Page-Cache"], redis)


@pytest.mark.django_db
def test_an_edit_in_this_process_shows_on_the_next_request(private_page_cache, catalog, client):
    redis = private_page_cache
    client.get(PAGE)
    assert hits_without_reads(lambda: client.get(PAGE)["X-Page-Cache"], redis)
    for n in range(5):
        role = Role.objects.get(slug=SLUG)
        role.summary = f"Edited summary number {n} for the mirror test."
        role.save()
        response = client.get(PAGE)
        assert response["X-Page-Cache"] == "miss"
        assert role.summary in response.content.decode()


@pytest.mark.django_db
def test_a_flush_empties_the_copy(private_page_cache, catalog, client):
    redis = private_page_cache
    client.get(PAGE)
    assert hits_without_reads(lambda: client.get(PAGE)["X-Page-Cache"], redis)
    # Through Django: announced, so the very next request is rendered again.
    cache.clear()
    assert client.get(PAGE)["X-Page-Cache"] == "miss"
    assert hits_without_reads(lambda: client.get(PAGE)["X-Page-Cache"], redis)
    # From outside (redis-cli FLUSHDB): no announcement, seen within a ping.
    redis.client.flushdb()
    time.sleep(tagmirror.PING_EVERY * 3)
    assert client.get(PAGE)["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_a_copy_that_hears_nothing_stops_being_trusted(private_page_cache, catalog, client, monkeypatch):
    redis = private_page_cache
    client.get(PAGE)
    assert hits_without_reads(lambda: client.get(PAGE)["X-Page-Cache"], redis)
    # The subscriber stops pinging (a worker cut off from Redis, or starved): after TRUSTED_FOR the
    # hits read the versions from Redis again.
    monkeypatch.setattr(tagmirror.TagMirror, "_ping", lambda self, pubsub, now: None)
    time.sleep(tagmirror.TRUSTED_FOR + 3 * tagmirror.PING_EVERY)
    redis.client.config_resetstat()
    assert client.get(PAGE)["X-Page-Cache"] == "hit"
    assert tag_reads(redis) >= 1


# Across processes: gunicorn's workers, and an editor's save made by another process.


@pytest.fixture
def served_catalog(tmp_path, redis_server):
    """A loaded SQLite catalog served by gunicorn (two workers) with the page cache on the private Redis."""
    env = production_env(
        DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}",
        REDIS_URL=redis_server.url,
        CAREERGUIDE_PAGE_CACHE="1",
        DJANGO_LOG_LEVEL="WARNING",
        # Production pages name hashed static files: collected here, not into the checkout.
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
    )
    for command in (["migrate", "--noinput", "-v0"], ["load_catalog", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)
    port = free_port()
    process = start_gunicorn({**env, "GUNICORN_WORKERS": "2", "GUNICORN_THREADS": "2"}, port)
    try:
        yield env, port, process
    finally:
        stop(process)


def fetch(port: int, path: str = PAGE) -> tuple[str, str]:
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Host": "127.0.0.1"})
    response = connection.getresponse()
    body = response.read().decode()
    connection.close()
    assert response.status == 200, (path, response.status)
    return response.getheader("X-Page-Cache"), body


def edit_summary(env: dict, summary: str) -> tuple[float, str]:
    """An editor's save, made by another process; (seconds it took, its stderr)."""
    code = f"from roles.models import Role; r = Role.objects.get(slug={SLUG!r}); r.summary = {summary!r}; r.save()"
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return time.monotonic() - started, done.stderr


def workers(process: subprocess.Popen) -> list[int]:
    pids = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if f"\nPPid:\t{process.pid}\n" in text:
            pids.append(int(status.parent.name))
    return pids


@pytest.mark.slow
def test_a_save_in_another_process_shows_on_every_worker_at_once(served_catalog, redis_server):
    env, port, _process = served_catalog
    assert hits_without_reads(lambda: fetch(port)[0], redis_server, requests=40)
    for n in range(3):
        summary = f"Summary saved by another process, number {n}."
        edit_summary(env, summary)
        # No wait: the save returned only once every worker's copy had forgotten the role's tags.
        bodies = [fetch(port)[1] for _ in range(30)]
        assert all(summary in body for body in bodies), n
        assert hits_without_reads(lambda: fetch(port)[0], redis_server, requests=40)


@pytest.mark.slow
def test_a_paused_worker_serves_no_stale_page_when_it_wakes(served_catalog, redis_server):
    env, port, process = served_catalog
    assert hits_without_reads(lambda: fetch(port)[0], redis_server, requests=40)
    paused = workers(process)[0]
    os.kill(paused, signal.SIGSTOP)
    try:
        took, stderr = edit_summary(env, "Saved while a worker was paused.")
    finally:
        os.kill(paused, signal.SIGCONT)
    # The writer waited for the paused worker as long as it could still have trusted its copy.
    assert took >= tagmirror.ACK_TIMEOUT
    assert "did not confirm a bump" in stderr
    bodies = [fetch(port)[1] for _ in range(40)]
    assert all("Saved while a worker was paused." in body for body in bodies)


def test_a_clear_with_a_key_prefix_keeps_to_it(redis_server, settings):
    """Another site (or test process) sharing the database keeps its keys; this one's are gone."""
    settings.CACHES = {
        "default": {
            "BACKEND": "careerguide.cachebackend.PageRedisCache",
            "LOCATION": redis_server.url,
            "KEY_PREFIX": "site[1]*",
        }
    }
    cache.set("page", b"body")
    cache.set("tag", 3)
    redis_server.client.set("other-site:1:page", b"theirs")
    redis_server.client.set("site[1]x:1:page", b"a prefix the pattern must not match")
    cache.clear()
    assert cache.get("page") is None
    assert cache.get("tag") is None
    assert redis_server.client.get("other-site:1:page") == b"theirs"
    assert redis_server.client.get("site[1]x:1:page") is not None
