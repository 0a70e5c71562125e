"""Answering a query: ``search()`` for the results page and the API, ``suggest()`` for the header box.

How a query runs (at most three SQL queries per search):
1. The query text is cleaned and split into words (``roles.search.query``).
2. One query fetches, for every word, the vocabulary words equal to it, starting with it, or spelled
   like it, together with the category list the search form needs and (PostgreSQL) how many entries
   hold each word. Each word becomes a group of alternatives: itself when it is a known word, a
   prefix ("certif": the 8 shortest vocabulary words it starts, on both databases), or the words within
   one edit (two for words of ten letters or more) of a typo.
3. One query ranks index entries (first by how many of the query's words an entry holds together with
   its role's title, then by text score and title terms, and by how many neighbouring query words
   it holds as phrases: proximity), groups them by role, pages the roles (a page
   past the end is the last page), and makes snippets for the rows on the page only
   (``backends.base.ranking_sql``).
4. Only when nothing matched: one query for "did you mean" titles.

Bounding the work on big catalogs. A common word ("support", "certifications") is in most entries
(310,810 of 420,071 at 10,000 roles): reading its posting list and ranking every match took
seconds. So each query word is first judged "broad" (in more than BROAD_ENTRIES entries; PostgreSQL
reads the planner's lexeme statistics, SQLite counts matches up to that bound) or "narrow". Narrow
words are looked up in the word index and all their entries ranked. Broad words are looked up only
inside a bounded set of roles: the ROLE_CANDIDATES roles whose titles hold the most query words
(title words weigh most in a role's score), topped up in title order when fewer titles match. Every
ranked entry is scored against the whole query. When roles outside that set may match too, the
results say so (``capped``) instead of showing a total that looks exact. A catalog where no word is
broad (every test catalog) ranks every match.

The bounds are read on every call, so tests can shrink them to take that path on a small catalog.
"""

from __future__ import annotations

import math

from roles.models import Role
from roles.search.backends import Bounds, backend
from roles.search.query import (
    MAX_QUERY_LENGTH,
    clean_query,
    corrected_query,
    did_you_mean_words,
    query_tokens,
    resolve,
    searched_words,
    split_exclusions,
    suggest_tokens,
)
from roles.search.results import RankedPage, SearchFilters, SearchResults, Suggestion

PER_PAGE = 10
# Any page beyond the last is served as the last; this only keeps the number a database integer.
MAX_PAGE = 100_000
BROWSE_PER_PAGE = 30
SECTIONS_PER_ROLE = 3
SUGGESTION_LIMIT = 8
ROLE_CANDIDATES = 30
BROAD_ENTRIES = 2000

EXCLUSION_ONLY_NOTICE = 'A word after "-" is left out of the results: add a word to search for.'
CAPPED_NOTICE = (
    "Some of your words appear in most roles, so these are the best {count} of the roles whose titles match "
    "them best (or the first by title). More roles mention them: add a word or a filter to narrow the search."
)


def search(query: str | None, *, filters: SearchFilters | None = None, page: int = 1) -> SearchResults:
    """Roles matching ``query`` (any text at all), best first, grouped by role with their matched sections."""
    filters = filters or SearchFilters()
    page = min(max(1, page), MAX_PAGE)
    text, truncated = clean_query(query)
    notice = f"Your search was shortened to its first {MAX_QUERY_LENGTH} characters." if truncated else ""
    positive, excluded = split_exclusions(text)
    tokens = query_tokens(positive)
    database = backend()
    vocabulary = database.vocabulary(tokens)
    if not text:
        return _browse(filters, page, notice=notice, categories=vocabulary.categories)
    groups = resolve(tokens, vocabulary.candidates)
    if groups:
        bounds = Bounds(
            page=page,
            per_page=PER_PAGE,
            sections=SECTIONS_PER_ROLE,
            role_candidates=ROLE_CANDIDATES,
            broad_entries=BROAD_ENTRIES,
        )
        ranked = database.ranked_page(groups, filters, excluded, vocabulary, bounds)
    else:
        if excluded:
            notice = " ".join(filter(None, [notice, EXCLUSION_ONLY_NOTICE]))
        ranked = RankedPage(total=0, page=1, hits=[], capped=False)
    if ranked.capped:
        notice = " ".join(filter(None, [notice, CAPPED_NOTICE.format(count=ranked.total)]))
    results = SearchResults(
        query=text,
        filters=filters,
        results=ranked.hits,
        total=ranked.total,
        page=ranked.page,
        num_pages=max(1, math.ceil(ranked.total / PER_PAGE)),
        per_page=PER_PAGE,
        notice=notice,
        capped=ranked.capped,
        # A correction is named only when it found something: otherwise the page says nothing matched.
        corrected_query=corrected_query(groups) if ranked.total else "",
        excluded=excluded,
        categories=vocabulary.categories,
        searched_words=searched_words(groups, vocabulary.candidates, excluded),
    )
    if not ranked.total and groups:
        words = did_you_mean_words(groups, vocabulary.candidates)
        if words:
            results.did_you_mean = [Suggestion.for_role(title, slug) for title, slug in database.did_you_mean(words)]
    return results


def _browse(filters: SearchFilters, page: int, *, notice: str, categories: list[tuple[str, str]]) -> SearchResults:
    """All published roles by category, a page at a time: two queries (count, page)."""
    roles = Role.objects.published().with_card_data()
    if filters.category:
        roles = roles.filter(category__slug=filters.category)
    if filters.experience_years is not None:
        roles = roles.filter(experience_years_min__lte=filters.experience_years).exclude(
            experience_years_max__lt=filters.experience_years
        )
    if filters.salary_min is not None:
        roles = roles.filter(median_salary__gte=filters.salary_min)
    if filters.salary_max is not None:
        roles = roles.filter(median_salary__lte=filters.salary_max)
    total = roles.count()
    num_pages = max(1, math.ceil(total / BROWSE_PER_PAGE))
    page = min(page, num_pages)
    start = (page - 1) * BROWSE_PER_PAGE
    return SearchResults(
        query="",
        filters=filters,
        results=[],
        total=total,
        page=page,
        num_pages=num_pages,
        per_page=BROWSE_PER_PAGE,
        notice=notice,
        categories=categories,
        browse_roles=list(roles.order_by("category__name", "title")[start : start + BROWSE_PER_PAGE]),
    )


def suggest(prefix: str | None) -> list[Suggestion]:
    """Role titles for the header's as-you-type list, those whose words start with every typed word first.

    SQLite lists only those; PostgreSQL also forgives a mistyped word and fills the list with titles
    holding most of the typed words.
    """
    text, _ = clean_query(prefix)
    tokens = suggest_tokens(text)
    if not tokens or len(text) < 2:
        return []
    return [Suggestion.for_role(title, slug) for title, slug in backend().suggest(tokens, text, SUGGESTION_LIMIT)]
