"""What a public page is cached by: the query parameters its view reads, and the content it depends on.

A view declares its cache policy with ``@cached_page(Param(...), ..., depends=(...))``. The page
cache (careerguide.pagecache) keys a page by the declared parameters only, in the declared order,
each validated: a parameter the view does not read cannot make a new key (``?utm_source=…`` is the
same page), and a declared parameter with a value that is not valid is served but never stored
(the view answers it, usually with its default, and nobody can fill the cache with variants).
Views without a declaration are cached only when the address has no query string at all.

``depends`` names what the page shows (careerguide.pagetags): ``LINKS`` for every fact of the roles
it links to (compare, career map, salaries), ``CARDS`` for their cards only (role pages, lists),
``LIST`` for pages whose membership or order comes from the catalog (lists, pickers), ``CONTENT`` for
pages that may show any fact of any role (search results, the sitemap's dates). The role in the
page's address is always a full dependency.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.http import QueryDict

# Dependency names a view may declare (the tag names themselves live in careerguide.pagetags):
# LINKS, every fact of each role the page links to; CARDS, what a link or a card shows of it.
LINKS = "links"
CARDS = "cards"
LIST = "list"
CONTENT = "content"

_SLUG = re.compile(r"[-a-zA-Z0-9_]+\Z")


@dataclass(frozen=True)
class Param:
    """One query parameter: ``text`` (up to max_length characters), ``int`` (minimum..maximum),
    ``slug`` or ``choice`` (one of ``choices``). ``many`` keeps every value, in order (``getlist``);
    otherwise the last one counts, as ``QueryDict.get`` gives it to the view."""

    name: str
    kind: str = "text"
    max_length: int = 200
    minimum: int = 0
    maximum: int = 100_000
    choices: tuple[str, ...] = ()
    many: bool = False
    max_values: int = 5

    def valid(self, value: str) -> bool:
        if value == "":
            return True  # present but empty is a distinct, bounded variant
        if self.kind == "int":
            digits = value.isascii() and value.isdigit() and len(value) <= 9
            return digits and self.minimum <= int(value) <= self.maximum
        if self.kind == "slug":
            return len(value) <= self.max_length and bool(_SLUG.match(value))
        if self.kind == "choice":
            return value in self.choices
        return len(value) <= self.max_length


@dataclass(frozen=True)
class CachePolicy:
    params: tuple[Param, ...] = ()
    depends: tuple[str, ...] = (LINKS,)
    names: frozenset[str] = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "names", frozenset(p.name for p in self.params))

    def canonical_query(self, query: QueryDict) -> str | None:
        """The declared parameters present, in declared order, as one string; None when a value is invalid."""
        parts = []
        for param in self.params:
            if param.name not in query:
                continue
            values = query.getlist(param.name)
            if not param.many:
                values = values[-1:]
            elif len(values) > param.max_values:
                return None
            for value in values:
                if not param.valid(value):
                    return None
                parts.append(f"{param.name}={value}")
        return "&".join(parts)


NO_QUERY = CachePolicy()


def cached_page(*params: Param, depends: tuple[str, ...] = (LINKS,)):
    """Declare a view's cache policy; works on function views and on view classes."""
    policy = CachePolicy(tuple(params), tuple(depends))

    def decorate(view):
        view.page_cache_policy = policy
        return view

    return decorate


def policy_of(view_func) -> CachePolicy | None:
    """The declared policy of a resolved view (function, or a class's as_view())."""
    policy = getattr(view_func, "page_cache_policy", None)
    if policy is None:
        policy = getattr(getattr(view_func, "view_class", None), "page_cache_policy", None)
    return policy
