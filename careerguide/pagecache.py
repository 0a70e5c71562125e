"""Whole-page caching for anonymous visitors: bounded keys, targeted invalidation, never a 500.

- **Keys** (``page_key``): scheme, a host named in ALLOWED_HOSTS, the path, the query parameters
  the view declares (careerguide.queryparams: validated, in a fixed order; others ignored), and the
  representation asked for (HTML or JSON). A request that is not canonical (a declared parameter
  with an invalid value, an unlisted host or port) is served but never stored.
- **Invalidation** (careerguide.pagetags): a page is stored with the versions of the tags of what it
  shows; a hit is served only while every one of them is unchanged. The versions come from the
  worker's own copy of them (careerguide.tagmirror), kept current over Redis pub/sub, so a hit
  served from the worker's copy of the page reads nothing from Redis.
- **Degrading** (careerguide.cachestore): when the cache fails, pages are rendered without it.
- **Compression** (careerguide.compression): a text page is stored once as Brotli and gzip and sent
  in the coding the visitor accepts (``Vary: Accept-Encoding``).

Responses carry an ETag (hash of the body) and Last-Modified, and conditional requests get 304s.
Authenticated visitors, the admin, /healthz and any response that sets a cookie or varies on it are
never cached.
"""

from __future__ import annotations

import hashlib
import re
import threading
import time
from collections import OrderedDict
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db import DEFAULT_DB_ALIAS
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

from careerguide import compression, memory, pagetags
from careerguide.cachestore import store
from careerguide.queryparams import CARDS, CONTENT, LINKS, LIST, NO_QUERY, policy_of

# Bumped when the stored entry changes shape.
PAGE_KEY_PREFIX = "careerguide:page:5"
# Pages expire anyway, so the keys of every search query ever typed do not pile up.
PAGE_TIMEOUT = 60 * 60
# A page far larger than a role page is not worth the cache's memory.
MAX_BODY_BYTES = 2 * 1024 * 1024
# Never cached: the health check must see the live database; static files are whitenoise's.
# The admin's address comes from settings (DJANGO_ADMIN_URL) and is added to these.
EXCLUDED_PREFIXES = ("/admin/", "/healthz", "/static/", "/media/")
# Headers that describe this one exchange, not the page; they are never replayed.
UNCACHED_HEADERS = frozenset({"date", "set-cookie", "content-length", "content-encoding", "etag", "x-page-cache"})


def page_cache_enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_ENABLED", True)


def content_version_bump(*, using: str = DEFAULT_DB_ALIAS) -> None:
    """Make every cached page stale: call after any content write that sends no signals."""
    pagetags.invalidate({pagetags.SITE}, using=using)


# Signal receivers for the content models (connected in roles.apps.RolesConfig.ready).
# The tags of what a row showed before a save are read in pre_save and kept on the instance.
SAVED_TAGS_ATTRIBUTE = "careerguide_page_tags_before_save"


def content_before_save(sender, instance, raw=False, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    setattr(instance, SAVED_TAGS_ATTRIBUTE, pagetags.tags_before_save(instance, using, raw))


def content_saved(sender, instance, created=False, raw=False, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    tags = pagetags.tags_of_row(instance, using, created=created, raw=raw)
    tags |= instance.__dict__.pop(SAVED_TAGS_ATTRIBUTE, set())
    pagetags.invalidate(tags, using=using)


def content_deleted(sender, instance, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    pagetags.invalidate(pagetags.tags_of_row(instance, using, deleted=True), using=using)


def search_words_changed(sender, words, **kwargs) -> None:
    """Receiver of ``roles.search.search_words_changed``: the searches for these words are stale."""
    pagetags.invalidate(pagetags.word_tags(words))


def content_models() -> list:
    return pagetags.content_models()


# What a view adds to the tags the page cache finds (a search: the words it looked up).
PAGE_TAGS_ATTRIBUTE = "careerguide_page_tags"


def add_page_tags(response: HttpResponse, tags) -> HttpResponse:
    """Make the stored page depend on ``tags`` too (careerguide.pagetags names them)."""
    setattr(response, PAGE_TAGS_ATTRIBUTE, {*getattr(response, PAGE_TAGS_ATTRIBUTE, ()), *tags})
    return response


ASCII_WORD_TAG = re.compile(r"words:[a-z]{2}\Z")


def search_page_tags(words, *, found: bool) -> set[str]:
    """A search's tags, besides the roles it links to: those of the words it looked up, and the
    lists' (titles, published roles, the fields it filters by). All content when ``words`` is None
    (it may depend on any word) or nothing was ``found`` (the did-you-mean titles come from words
    spelled like the query's)."""
    tags = pagetags.word_tags(words or ())
    # Tags a search creates are bounded (26 x 26 of them): a word of another script depends on all content.
    if words is None or not found or not all(ASCII_WORD_TAG.match(tag) for tag in tags):
        return {pagetags.CONTENT}
    return {pagetags.LIST, *tags}


class _LocalPages:
    """A small per-process copy of recently served pages, so a hit does not fetch the page from the
    shared cache. An entry is served only after its tag versions are checked (``store.tag_versions``:
    the worker's copy of them while it is trusted, else the shared cache), so it can never be served
    stale. Shared by a worker's threads (gthread), so every change holds the lock."""

    def __init__(self, max_bytes: int = 16 * 1024 * 1024):
        self.max_bytes = max_bytes
        self.size = 0
        self.items: OrderedDict[str, tuple] = OrderedDict()
        self.lock = threading.Lock()

    @staticmethod
    def _bytes(entry: tuple) -> int:
        return sum(len(body) for body in entry[0].values())

    def get(self, key: str):
        with self.lock:
            entry = self.items.get(key)
            if entry is not None:
                self.items.move_to_end(key)
            return entry

    def put(self, key: str, entry: tuple) -> None:
        with self.lock:
            self._discard(key)
            self.items[key] = entry
            self.size += self._bytes(entry)
            while self.size > self.max_bytes and self.items:
                _key, old = self.items.popitem(last=False)
                self.size -= self._bytes(old)

    def add_plain(self, key: str, entry: tuple, body: bytes) -> None:
        """Keep the plain body made for a client that accepts no compression, for the next one."""
        with self.lock:
            if self.items.get(key) is entry and compression.IDENTITY not in entry[0]:
                entry[0][compression.IDENTITY] = body
                self.size += len(body)

    def _discard(self, key: str) -> None:
        old = self.items.pop(key, None)
        if old is not None:
            self.size -= self._bytes(old)

    def discard(self, key: str) -> None:
        with self.lock:
            self._discard(key)

    def clear(self) -> None:
        with self.lock:
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


@lru_cache(maxsize=4096)
def route(path: str, urlconf: str | None = None):
    """(cache policy, role slug in the address) of the view serving ``path``; (None, None) for no view."""
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return None, None
    return policy_of(match.func) or NO_QUERY, match.kwargs.get("slug")


def _canonical_host(request: HttpRequest) -> str | None:
    """The host when it is one ALLOWED_HOSTS names literally (not a wildcard), on the server's port
    or none; else None: a page for any other Host header is served but not stored."""
    try:
        host = request.get_host().lower()
    except DisallowedHost:
        return None
    domain, _, port = host.rpartition(":") if not host.endswith("]") else (host, "", "")
    if not domain:
        domain, port = host, ""
    if port and port != str(request.META.get("SERVER_PORT", "")):
        return None
    if domain not in {h.lower() for h in settings.ALLOWED_HOSTS if h != "*" and not h.startswith(".")}:
        return None
    return host


def representation(request: HttpRequest) -> str:
    """The representations that exist: JSON for a client that asks for JSON and not HTML, else HTML."""
    accept = request.headers.get("Accept", "").lower()
    return "json" if "json" in accept and "html" not in accept else "html"


def page_key(request: HttpRequest, policy) -> str | None:
    host = _canonical_host(request)
    if host is None:
        return None
    query = policy.canonical_query(request.GET)
    if query is None:
        return None
    parts = "\n".join((request.scheme, host, request.path, query, representation(request)))
    return f"{PAGE_KEY_PREFIX}:{hashlib.blake2b(parts.encode(), digest_size=20).hexdigest()}"


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


def _local_entry(entry: tuple, current: dict | None = None) -> tuple:
    """A stored entry as the per-process copy keeps it: with the cache keys and versions a hit reads
    worked out once — every tag but the ``card:`` ones when their categories' summaries
    (``cards-in:``) stand for them. ``current``: versions just read, to note for the summaries."""
    versions = dict(entry[4])
    if current is not None:
        for tag in versions:
            if pagetags.is_summary(tag) and current.get(pagetags.tag_key(tag)) is not None:
                versions[tag] = current[pagetags.tag_key(tag)]
    summarised = any(pagetags.is_summary(tag) for tag in versions)
    quick = [tag for tag in versions if not (summarised and tag.startswith("card:"))]
    return (*entry[:4], versions, ([pagetags.tag_key(tag) for tag in quick], [versions[tag] for tag in quick]))


def _fresh(versions: dict, current: dict) -> bool:
    """Whether none of the page's tags moved; summaries do not count (their ``card:`` tags do)."""
    own = ((tag, version) for tag, version in versions.items() if not pagetags.is_summary(tag))
    return all(current.get(pagetags.tag_key(tag)) == version for tag, version in own)


def _send(request: HttpRequest, response: HttpResponse, bodies: dict, etag: str, key=None, entry=None) -> str:
    """Put the body in the coding the client accepts on the response; return the ETag it carries."""
    coding = compression.choose(bodies, request.headers.get("Accept-Encoding", ""))
    if coding == compression.IDENTITY:
        body = compression.plain(bodies)
        if key is not None:
            local_pages.add_plain(key, entry, body)
    else:
        body = bodies[coding]
        response.headers["Content-Encoding"] = coding
        # Another coding of the same page: the same weak validator (as Django's GZipMiddleware does).
        etag = etag if etag.startswith("W/") else "W/" + etag
    response.content = body
    response.headers["Content-Length"] = str(len(body))
    response.headers["ETag"] = etag
    return etag


# A link to a role, relative or absolute, on a page or in the API's JSON (role pages, their
# job descriptions, the API's role items all live under /roles/<slug>/).
ROLE_LINK = re.compile(rb"/roles/([-a-zA-Z0-9_]+)/")
# A page linking to more roles than this depends on all content instead: its tag list would cost
# more to check than the page's rare renders.
MAX_LINKED_ROLES = 300
# A page showing the cards of more roles than this also depends on their categories' summaries
# (careerguide.pagetags: ``cards-in:``): a list's hit then checks a few versions, not one per card.
CARD_GROUP_FROM = 24


def page_tags(policy, slug: str | None, response: HttpResponse) -> set[str]:
    """What the page shows: the site, the role in its address, the roles it links to, and what its
    view declares (the lists' order and membership, or all content)."""
    tags = {pagetags.SITE, *getattr(response, PAGE_TAGS_ATTRIBUTE, ())}
    if slug:
        tags.add(pagetags.role_tag(slug))
    for name in policy.depends:
        if name in (LINKS, CARDS):
            if not compression.compressible(response.get("Content-Type", ""), b"x" * compression.MIN_BYTES):
                tags.add(pagetags.CONTENT)  # links in a binary file cannot be read back
                continue
            linked = {match.decode() for match in ROLE_LINK.findall(response.content)}
            if len(linked) > MAX_LINKED_ROLES:
                tags.add(pagetags.CONTENT)
            elif name == CARDS and len(linked) > CARD_GROUP_FROM:
                tags |= pagetags.card_tags_of_links(linked)
            else:
                tag = pagetags.role_tag if name == LINKS else pagetags.card_tag
                tags.update(tag(s) for s in linked)
        elif name == LIST:
            tags.add(pagetags.LIST)
        elif name == CONTENT:
            tags.add(pagetags.CONTENT)
    return tags


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
        policy, slug = route(request.path_info, getattr(request, "urlconf", None))
        if policy is None or (policy is NO_QUERY and request.GET):
            return self.get_response(request)
        key = page_key(request, policy)
        if key is None:
            return self.get_response(request)
        hit, stale = self.lookup(key)
        if hit is not None:
            return self.replay(request, key, hit)
        return self.render(request, key, policy, slug, stale)

    def lookup(self, key: str):
        """(the entry to serve, or None; a stale entry found instead, or None)."""
        local = local_pages.get(key)
        if local is not None:
            tag_keys, versions = local[5]
            current = store.tag_versions(tag_keys)
            moved = [k for k, v in zip(tag_keys, versions, strict=True) if current.get(k) != v]
            if not moved:
                return local, None
            if all(pagetags.is_summary_key(k) for k in moved):
                # A card in one of its categories changed: fresh if none of its own cards did.
                current = store.tag_versions([pagetags.tag_key(t) for t in local[4]])
                if _fresh(local[4], current):
                    local = _local_entry(local, current)
                    local_pages.put(key, local)
                    return local, None
            local_pages.discard(key)
        entry = store.get(key)
        if entry is None:
            return None, local
        current = store.tag_versions([pagetags.tag_key(t) for t in entry[4]])
        if not _fresh(entry[4], current):
            return None, entry
        local = _local_entry(entry, current)
        local_pages.put(key, local)
        return local, None

    def replay(self, request: HttpRequest, key: str, entry) -> HttpResponse:
        bodies, headers, etag, last_modified = entry[:4]
        response = HttpResponse()
        for name, value in headers:
            response.headers[name] = value
        etag = _send(request, response, bodies, etag, key=key, entry=entry)
        if "If-None-Match" in request.headers or "If-Modified-Since" in request.headers:
            return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)
        return response

    def render(self, request: HttpRequest, key: str, policy, slug: str | None, stale) -> HttpResponse:
        # The versions before rendering, of the tags the page is expected to have (those of its stale
        # copy, the role in its address) and of ``site`` and ``content``. The page is stored with these:
        # a write committed while it renders bumps one of them, and the next request renders it again.
        # A tag the page turns out to have that was not known before is read (or created) after the
        # render, so it is only safe to store if no write at all (``content``) was made meanwhile.
        # Only the two fixed tags are created here: any address can name a slug.
        expected = {*(stale[4] if stale else ()), *([pagetags.role_tag(slug)] if slug else [])}
        before = {**pagetags.read_versions(expected), **pagetags.current_versions([pagetags.SITE, pagetags.CONTENT])}
        response = self.get_response(request)
        if not _response_is_cacheable(request, response):
            return response
        body = response.content
        # Keep validators the view computed from the content (the API's ETag and the
        # role's updated_at); otherwise hash the body and date it now.
        etag = response.headers.get("ETag") or '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'
        last_modified = float(parse_http_date_safe(response.headers.get("Last-Modified", "")) or int(time.time()))
        _set_validators(response, etag, last_modified)
        patch_vary_headers(response, ["Accept-Encoding"])
        tags = page_tags(policy, slug, response)
        content_type = response.get("Content-Type", "")
        bodies = compression.compress(body) if compression.compressible(content_type, body) else {}
        bodies[compression.IDENTITY] = body
        unexpected = tags - set(before)
        versions = {**before, **pagetags.current_versions(unexpected | {pagetags.CONTENT})} if unexpected else before
        complete = pagetags.CONTENT in before and all(t in versions for t in tags)
        settled = not unexpected or versions.get(pagetags.CONTENT) == before.get(pagetags.CONTENT)
        if complete and settled:
            # Everything a hit sends is worked out once, here: a hit only copies it.
            headers = [(n, v) for n, v in response.headers.items() if n.lower() not in UNCACHED_HEADERS]
            headers.append(("X-Page-Cache", "hit"))
            # Both caches get the compressed forms only (the plain one is made from gzip when asked).
            stored = {c: b for c, b in bodies.items() if c != compression.IDENTITY or len(bodies) == 1}
            entry = (stored, headers, etag, last_modified, {t: versions[t] for t in tags})
            if store.set(key, entry, PAGE_TIMEOUT):
                local_pages.put(key, _local_entry((dict(stored), *entry[1:])))
        etag = _send(request, response, bodies, etag)
        response.headers["X-Page-Cache"] = "miss"
        memory.release_freed_memory()
        return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)
