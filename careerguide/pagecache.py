"""Whole-page caching for anonymous visitors, kept right by a content version.

Every public page (HTML and the JSON API) is a function of the content in the
``roles`` and ``salaries`` apps, so one number — the content version, stored in
the shared cache — names the state of all of it. A cached page is keyed by that
version, so any change to content makes every cached page unreachable at once,
on every page that shows it, with nothing to enumerate or forget:

- every ``post_save``/``post_delete`` of a content model bumps the version,
  including raw saves from ``loaddata`` (connected in ``roles.apps.RolesConfig.ready``);
- bulk writes that send no signals (``bulk_create``, ``QuerySet.update``, the
  catalog generator) call ``content_version_bump()`` themselves.

The version is bumped when the change is made *and* again after the
transaction commits: a page rendered from the old data while the transaction
was still open may have been stored under the first new version.

The version must live in a cache all processes share (Redis, via REDIS_URL, in
production); with the local-memory cache each gunicorn worker has its own
version and an edit would only reach the worker that made it.

Responses carry an ETag (hash of the body) and Last-Modified, and conditional
requests get 304s. Authenticated visitors, the admin, /healthz and any response
that sets a cookie or varies on it are never cached.
"""

from __future__ import annotations

import hashlib
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, transaction
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe

CONTENT_APPS = ("roles", "salaries")
DERIVED_MODELS = frozenset({"SearchEntry", "SearchTerm"})
CONTENT_VERSION_KEY = "careerguide:content-version"
# Bumped when the stored entry changes shape.
PAGE_KEY_PREFIX = "careerguide:page:2"
# Pages expire anyway, so the keys of every search query ever typed do not pile up.
PAGE_TIMEOUT = 60 * 60
# A page far larger than a role page is not worth the cache's memory.
MAX_BODY_BYTES = 2 * 1024 * 1024
# Never cached: the health check must see the live database; static files are whitenoise's.
# The admin's address comes from settings (DJANGO_ADMIN_URL) and is added to these.
EXCLUDED_PREFIXES = ("/admin/", "/healthz", "/static/", "/media/")
# Headers that describe this one exchange, not the page; they are never replayed.
UNCACHED_HEADERS = frozenset({"date", "set-cookie", "content-length"})


def page_cache_enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_ENABLED", True)


def content_version() -> int:
    """The current content version, created on first use."""
    version = _read_version()
    if version is None:
        # A fresh start (or an evicted key) takes a new clock-based number, so no
        # page stored under an older version can ever match again.
        cache.add(CONTENT_VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(CONTENT_VERSION_KEY)
    return version


def _read_version() -> int | None:
    return cache.get(CONTENT_VERSION_KEY)


def content_version_bump(*, using: str = DEFAULT_DB_ALIAS) -> None:
    """Make every cached page stale: call after any content write that sends no signals."""
    _bump()
    connection = transaction.get_connection(using)
    if connection.in_atomic_block:
        # One callback per transaction is enough, however many rows a load saves.
        pending = any(func is _bump for _sids, func, *_rest in connection.run_on_commit)
        if not pending:
            transaction.on_commit(_bump, using=using)


def _bump() -> None:
    try:
        cache.incr(CONTENT_VERSION_KEY)
    except ValueError:  # the key is missing: start a new series
        cache.add(CONTENT_VERSION_KEY, time.time_ns(), timeout=None)
        cache.incr(CONTENT_VERSION_KEY)


def content_changed(sender, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """Signal receiver for post_save/post_delete of a content model."""
    content_version_bump(using=using)


def content_models() -> list:
    """The models pages are made of. The search index is derived from them, so it is left out:
    a receiver on a model turns off Django's fast bulk delete for it, and rebuilding the index
    deletes everything in it."""
    from django.apps import apps

    return [
        model
        for label in CONTENT_APPS
        for model in apps.get_app_config(label).get_models()
        if model.__name__ not in DERIVED_MODELS
    ]


class _LocalPages:
    """A small per-process copy of recently served pages, so a hit costs one
    round trip to the shared cache (the version) instead of two. Entries are
    keyed by version, so they can never be served stale."""

    def __init__(self, max_bytes: int = 16 * 1024 * 1024):
        self.max_bytes = max_bytes
        self.size = 0
        self.items: OrderedDict[str, tuple] = OrderedDict()

    def get(self, key: str):
        entry = self.items.get(key)
        if entry is not None:
            self.items.move_to_end(key)
        return entry

    def put(self, key: str, entry: tuple) -> None:
        if key in self.items:
            return
        self.items[key] = entry
        self.size += len(entry[0])
        while self.size > self.max_bytes and self.items:
            _key, old = self.items.popitem(last=False)
            self.size -= len(old[0])

    def clear(self) -> None:
        self.items.clear()
        self.size = 0


local_pages = _LocalPages()


def _excluded_prefixes() -> tuple[str, ...]:
    return (*EXCLUDED_PREFIXES, "/" + getattr(settings, "ADMIN_URL", "admin/").lstrip("/"))


def _request_is_cacheable(request: HttpRequest, excluded: tuple[str, ...]) -> bool:
    if request.method != "GET":
        return False
    if request.path_info.startswith(excluded):
        return False
    # A session cookie may mean a signed-in editor: their pages are theirs alone.
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def _page_key(request: HttpRequest, version: int) -> str:
    encoding = request.headers.get("Accept-Encoding", "")
    parts = "\n".join(
        (
            request.scheme,
            request.get_host(),
            request.get_full_path(),
            # Content negotiation (HTML or JSON, compressed or not) may give different bodies.
            request.headers.get("Accept", ""),
            "gzip" if "gzip" in encoding else "",
            "br" if "br" in encoding else "",
        )
    )
    return f"{PAGE_KEY_PREFIX}:{version}:{hashlib.blake2b(parts.encode(), digest_size=20).hexdigest()}"


def _response_is_cacheable(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if "private" in cache_control or "no-store" in cache_control or "no-cache" in cache_control:
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    # The key covers Accept and Accept-Encoding; anything else (Cookie above all) is per visitor.
    if vary - {"accept", "accept-encoding"}:
        return False
    return len(response.content) <= MAX_BODY_BYTES


def _set_validators(response: HttpResponse, etag: str, last_modified: float) -> None:
    response.headers["ETag"] = etag
    response.headers["Last-Modified"] = http_date(last_modified)
    if "Cache-Control" not in response.headers:
        # Browsers keep the page but ask again each time; the 304 makes that cheap.
        patch_cache_control(response, no_cache=True)


class PageCacheMiddleware:
    """Serve anonymous GETs of public pages from the cache; store what may be shared.

    Placed right after the security and whitenoise middleware, so a hit skips
    sessions, CSRF, auth and the view. Headers that inner middleware add (CSP,
    X-Frame-Options...) are stored with the page and replayed; headers from the
    middleware above this one are applied to hits and misses alike.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not page_cache_enabled() or not _request_is_cacheable(request, _excluded_prefixes()):
            return self.get_response(request)
        key = _page_key(request, content_version())
        entry = local_pages.get(key)
        if entry is None:
            entry = cache.get(key)
            if entry is not None:
                local_pages.put(key, entry)
        if entry is not None:
            body, headers, etag, last_modified = entry
            response = HttpResponse(body)
            for name, value in headers:
                response.headers[name] = value
            if "If-None-Match" in request.headers or "If-Modified-Since" in request.headers:
                return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)
            return response

        response = self.get_response(request)
        if not _response_is_cacheable(request, response):
            return response
        body = response.content
        # Keep validators the view computed from the content (the API's ETag and the
        # role's updated_at); otherwise hash the body and date it now.
        etag = response.headers.get("ETag") or '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'
        last_modified = float(parse_http_date_safe(response.headers.get("Last-Modified", "")) or int(time.time()))
        _set_validators(response, etag, last_modified)
        # Everything a hit sends is worked out once, here: a hit only copies it.
        headers = [(n, v) for n, v in response.headers.items() if n.lower() not in UNCACHED_HEADERS]
        headers += [("Content-Length", str(len(body))), ("X-Page-Cache", "hit")]
        entry = (body, headers, etag, last_modified)
        cache.set(key, entry, PAGE_TIMEOUT)
        local_pages.put(key, entry)
        response.headers["X-Page-Cache"] = "miss"
        return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)
