"""Degrade, don't fail: with the cache stopped, full or hung, pages answer 200 (rendered without it),
/healthz says "cache": "degraded" with a 200, and no page is ever served stale."""

import json
import os
import signal
import time

import pytest
import redis as redis_lib

from careerguide.cachestore import store
from roles.models import Role

SLUG = "technical-support-specialist"
PAGES = [f"/roles/{SLUG}/", "/", "/roles/", "/search/?q=support", f"/api/roles/{SLUG}/", "/career-paths/"]


def health(client):
    response = client.get("/healthz")
    return response.status_code, json.loads(response.content)["cache"]


@pytest.mark.django_db
def test_redis_stopped_under_requests_pages_still_answer_200(private_page_cache, catalog, client, caplog):
    redis = private_page_cache
    for url in PAGES:
        client.get(url)
    assert health(client) == (200, "ok")
    statuses = []
    for round_ in range(5):
        if round_ == 1:
            redis.stop()  # between requests, as an outage would
        statuses += [client.get(url).status_code for url in PAGES]
    assert statuses == [200] * len(statuses)
    assert health(client) == (200, "degraded")
    # Logged once for the interval, not once per request; the workers' copy of tag versions
    # (careerguide.tagmirror) reports its lost subscription on its own, at most once too.
    assert len([r for r in caplog.records if r.name == "careerguide.cache"]) == 1
    assert len([r for r in caplog.records if r.name == "careerguide.cache.mirror"]) <= 1


def fill(redis) -> None:
    """Cap Redis just above what it holds, refuse writes beyond (noeviction), and fill it."""
    used = int(redis.client.info("memory")["used_memory"])
    redis.client.config_set("maxmemory-policy", "noeviction")
    redis.client.config_set("maxmemory", used + 256 * 1024)
    with pytest.raises(redis_lib.exceptions.ResponseError, match="maxmemory"):  # noqa: PT012
        for n in range(100_000):
            redis.client.set(f"filler:{n}", "x" * 1024)
    # Freed buffers can bring it back just under the cap; keep it over, as a cache that stays full.
    redis.client.config_set("maxmemory", int(redis.client.info("memory")["used_memory"]) - 64 * 1024)


@pytest.mark.django_db
def test_redis_full_pages_answer_200_and_an_edit_still_shows(private_page_cache, catalog, client):
    redis = private_page_cache
    role_page = PAGES[0]
    for url in PAGES:
        client.get(url)
    assert client.get(role_page)["X-Page-Cache"] == "hit"
    fill(redis)
    for url in PAGES * 3:
        assert client.get(url).status_code == 200, url
    assert health(client) == (200, "degraded")
    # Bumps cannot be written to a full Redis; the tags are deleted instead, so nothing stale is served.
    role = Role.objects.get(slug=SLUG)
    role.title = "Technical Support Lighthouse Keeper"
    role.save()
    time.sleep(2.1)  # past the rest after the last error, so the cache is read again
    for url in (role_page, "/roles/", f"/api/roles/{SLUG}/"):
        response = client.get(url)
        assert response.status_code == 200
        assert "Technical Support Lighthouse Keeper" in response.content.decode(), url


@pytest.mark.django_db
def test_redis_hung_costs_a_short_timeout_not_an_error(private_page_cache, catalog, client):
    redis = private_page_cache
    client.get(PAGES[0])
    os.kill(redis.process.pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        assert client.get(PAGES[0]).status_code == 200
        first = time.monotonic() - started
        started = time.monotonic()
        for url in PAGES:
            assert client.get(url).status_code == 200
        rest = time.monotonic() - started
    finally:
        os.kill(redis.process.pid, signal.SIGCONT)
    assert first < 2.0, first  # one socket timeout (0.25 s), then the cache is left alone
    assert rest < 5.0, rest
    store.reset()
    assert health(client) == (200, "ok")


@pytest.mark.django_db
def test_an_edit_saved_while_redis_hangs_shows_once_it_is_back(private_page_cache, catalog, client):
    """The bump could not be written; once Redis answers again it is, before any page is served from it."""
    redis = private_page_cache
    role_page, api = PAGES[0], f"/api/roles/{SLUG}/"
    for url in (role_page, "/roles/", api):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url
    os.kill(redis.process.pid, signal.SIGSTOP)
    try:
        role = Role.objects.get(slug=SLUG)
        role.title = "Technical Support Night Watch"
        role.save()
    finally:
        os.kill(redis.process.pid, signal.SIGCONT)
    time.sleep(2.1)  # past the rest after the last error, so the cache is read again
    for url in (role_page, "/roles/", api):
        response = client.get(url)
        assert response.status_code == 200
        assert "Technical Support Night Watch" in response.content.decode(), url
    for url in (role_page, "/roles/", api):  # and cached again once rendered
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url
