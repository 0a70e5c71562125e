"""CPU per page-cache hit, in-process: the test client against Redis, pages already cached.

    DATABASE_URL=... REDIS_URL=redis://127.0.0.1:6379/12 python bench/page_cache_hits.py [--roles 250] [--hits 400]

The database is migrated and loaded with the shipped catalog plus ``--roles`` generated roles once
(reused when it already holds them). Each page is requested until it is a hit, then ``--hits`` more
times; the figure is the median process CPU time of a hit (the middleware's work and the client's),
with the number of tags the stored page depends on. REDIS_URL must be set: the hit path under test
is the one that reads tag versions from Redis.
"""
# ruff: noqa: S603 - a benchmark script runs fixed local commands (manage.py).

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import role_page_cold  # bench/: run as a script, its folder is on sys.path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["/", "/roles/", "/roles/?page=2", "/salaries/", "/roles/technical-support-specialist/", "/search/?q=support"]


def prepare(roles: int) -> None:
    """The catalog as bench/role_page_cold.py builds it (reused when there), and the static files the
    pages name."""
    role_page_cold.prepare(roles)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, check=True)


def measure(hits: int) -> dict:
    sys.path.insert(0, str(ROOT))
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerguide.settings")
    django.setup()
    from django.core.cache import cache
    from django.test import Client

    from careerguide.pagecache import local_pages

    cache.clear()
    local_pages.clear()
    client = Client(HTTP_ACCEPT_ENCODING="br, gzip")
    results = {}
    for page in PAGES:
        for _ in range(3):
            response = client.get(page)
        assert response.status_code == 200 and response["X-Page-Cache"] == "hit", (page, response.status_code)
        entry = local_pages.items[next(reversed(local_pages.items))] if local_pages.items else None
        cpu = []
        for _ in range(hits):
            started = time.process_time()
            client.get(page)
            cpu.append(time.process_time() - started)
        results[page] = {
            "hit_cpu_us": round(statistics.median(cpu) * 1e6),
            "tags": len(entry[4]) if entry else None,
            "bytes": len(response.content),
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--roles", type=int, default=250)
    parser.add_argument("--hits", type=int, default=400)
    args = parser.parse_args()
    if not os.environ.get("REDIS_URL"):
        raise SystemExit("set REDIS_URL (the hit path under test reads Redis)")
    # Production settings, as gunicorn runs them; the test client's host is "testserver".
    os.environ.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="bench-secret-key-not-for-production-0123456789abcdefghijklmnop",  # noqa: S106
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_LOG_LEVEL="ERROR",
        CAREERGUIDE_PAGE_CACHE="1",
    )
    prepare(args.roles)
    results = measure(args.hits)
    for page, result in results.items():
        print(f"{page:<42} {result['hit_cpu_us']:>6} µs CPU per hit  {result['tags']:>4} tags  {result['bytes']:>7} B")
    print(json.dumps(results))


if __name__ == "__main__":
    sys.exit(main())
