"""What every search backend answers, and the part of the ranking query both databases share.

A backend turns word groups (``roles.search.query``) into SQL for its database: the vocabulary
lookup, the roles whose titles hold the query's words, the matching index entries with a text
score, snippets, "did you mean", the header's suggestions, and the index writes. The scoring of
roles from their entries' text scores, the grouping by role and the paging are the same SQL on
both databases (``ranking_sql``), so a backend only supplies the pieces that differ.

SQL is built from constant fragments with named parameters (``%(name)s``); a fragment repeated per
word or group names its parameters with that word's or group's number (``%(word_2)s``). Every value
is a parameter; the only numbers written into the text are those numbers, of the code's own loops.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from django.db import connection

from roles.search.query import WordGroup, title_words
from roles.search.results import RankedPage, SearchFilters, SectionRow, role_hits

# Column weights, the same on both databases: title (A), headings and names (B), body (C).
WEIGHT_TITLE, WEIGHT_HEADING, WEIGHT_BODY = 10.0, 4.0, 1.0
# Text scores are normalised to 0..1 per query (bm25 and ts_rank differ in scale), then a role's
# score is its best section, plus part of its overview's score, plus how many query words its
# title holds (coverage) and how much of its title they make up (exactness): so "what certifications
# does a customer support specialist need" prefers the role it names, and "technical support
# specialist" prefers that title to "Senior Technical Support Specialist".
OVERVIEW_BONUS = 0.3
TITLE_COVERAGE_WEIGHT = 1.5
TITLE_EXACTNESS_WEIGHT = 0.8
# Within a role, the overview is the section to show when the query is mostly its title.
TITLE_OVERVIEW_BONUS = 1.0
# The first rule of the ranking, on both databases: an entry scores first by the share of the query's
# words it holds together with its role's title (each word group one bit: ``hits.bits`` from the
# backend, the title's from ``title_bits_sql``), so a section holding all the words outranks one holding
# some, whatever their text scores (at most 1) and the title terms above (at most 3.6) say.
COVERAGE_WEIGHT = 10.0
# The last rule, on both databases: proximity, whether an entry's own text (headings and body, not the
# role's title every entry repeats) holds a pair of neighbouring query words as a phrase, in the order
# typed (``hits.near``, 0 or 1 from the backend), so "network security" as a phrase outranks a text with
# "network" at its start and "security" at its end. It weighs a fifth of the normalised text score: it
# decides between entries holding the same words with close text scores (at half, "mentoring junior" put
# a career-path line above the senior role's FAQ on mentoring).
PROXIMITY_WEIGHT = 0.2

# The index's table and the columns of an entry row, role first (``roles.search.entries``).
ENTRY_TABLE = "roles_searchentry"
ENTRY_ROW_COLUMNS = ("role_id", "kind", "source_pk", "anchor", "label", "order", "title", "heading", "body")
CATEGORIES_SQL = "SELECT 'category', slug, name FROM roles_category"


@dataclass
class Vocabulary:
    candidates: dict[str, list[str]]
    categories: list[tuple[str, str]]
    # PostgreSQL only: about how many entries hold a word (absent: rare).
    entries: dict[str, float] = field(default_factory=dict)

    @classmethod
    def from_rows(cls, tokens: list[str], rows: list[tuple]) -> Vocabulary:
        """From rows of (kind, a, b): categories (slug, name), candidate terms (token, term), breadths."""
        vocabulary = cls(candidates={token: [] for token in tokens}, categories=[])
        for kind, a, b in rows:
            if kind == "category":
                vocabulary.categories.append((a, b))
            elif kind == "entries":
                vocabulary.entries[a] = float(b)
            elif a in vocabulary.candidates and b not in vocabulary.candidates[a]:
                vocabulary.candidates[a].append(b)
        vocabulary.categories.sort(key=lambda item: item[1].lower())
        return vocabulary


@dataclass(frozen=True)
class Bounds:
    """The page asked for and the bounds of the work on a big catalog (see ``roles.search.engine``)."""

    page: int
    per_page: int
    sections: int
    role_candidates: int
    broad_entries: int


@dataclass
class RankingParts:
    """A backend's pieces of the ranking query (``ranking_sql``), with their parameters."""

    title_roles: str
    plan: str
    hits: str
    snippet: str
    capped: str
    params: dict
    page_snippets: str = ""
    # Statements sent before the query in the same call (PostgreSQL's planner settings).
    prelude: str = ""


def filter_sql(filters: SearchFilters, excluded: list[str]) -> tuple[str, dict]:
    """The filters as a condition on ``r`` (roles_role, or a table with its title and filter columns)."""
    clauses = ["r.is_published"]
    params: dict = {}
    for n, word in enumerate(excluded):
        # As the title step matches words: at the start of a word of the title.
        clauses.append(f"(' ' || lower(r.title)) NOT LIKE %(excluded_title_{n})s")
        params[f"excluded_title_{n}"] = f"% {word}%"
    if filters.category:
        clauses.append("r.category_id IN (SELECT id FROM roles_category WHERE slug = %(category)s)")
        params["category"] = filters.category
    if filters.experience_years is not None:
        clauses.append(
            "r.experience_years_min <= %(experience)s "
            "AND (r.experience_years_max IS NULL OR r.experience_years_max >= %(experience)s)"
        )
        params["experience"] = filters.experience_years
    if filters.salary_min is not None:
        clauses.append("r.median_salary >= %(salary_min)s")
        params["salary_min"] = filters.salary_min
    if filters.salary_max is not None:
        clauses.append("r.median_salary <= %(salary_max)s")
        params["salary_max"] = filters.salary_max
    return " AND ".join(clauses), params


def title_hits_sql(groups: list[WordGroup], spaced: str) -> tuple[str, dict]:
    """The share of the query's word groups found at the start of a word of the title (``spaced``:
    the lower-cased title after a space). Its parameters are the same wherever it is used."""
    cases, params = [], {}
    for n, words in enumerate(title_words(groups)):
        likes = []
        for k, word in enumerate(words):
            likes.append(f"{spaced} LIKE %(title_{n}_{k})s")
            params[f"title_{n}_{k}"] = f"% {word}%"
        cases.append(f"CASE WHEN {' OR '.join(likes)} THEN 1 ELSE 0 END")
    params["group_count"] = len(groups)
    # A float, not PostgreSQL's slower numeric, for the sorts and sums it feeds.
    return f"CAST({' + '.join(cases)} AS DOUBLE PRECISION) / %(group_count)s", params


def title_bits_sql(groups: list[WordGroup], spaced: str) -> str:
    """The word groups found in the title as bits (group n is 2**n), with ``title_hits_sql``'s parameters."""
    cases = []
    for n, words in enumerate(title_words(groups)):
        likes = " OR ".join(f"{spaced} LIKE %(title_{n}_{k})s" for k in range(len(words)))
        cases.append(f"CASE WHEN {likes} THEN {1 << n} ELSE 0 END")
    return f"({' + '.join(cases)})"


def coverage_sql(bits: str, group_count: int) -> str:
    """The share of the query's word groups set in ``bits`` (an integer expression), as a float."""
    counted = " + ".join(f"(({bits} >> {n}) & 1)" for n in range(group_count))
    return f"CAST({counted} AS DOUBLE PRECISION) / %(group_count)s"


TITLE_WORDS_SQL = "(length(r.title) - length(replace(r.title, ' ', '')) + 1)"


def fallback_roles_sql(filters: str) -> str:
    """Roles in title order (the ranking's own tie-break), when broad words and too few titles leave room."""
    return f"""
    SELECT r.id AS role_id, ROW_NUMBER() OVER (ORDER BY r.title, r.id) AS pos
    FROM roles_role r
    WHERE {filters} AND (SELECT has_broad FROM plan)
      AND (SELECT COUNT(*) FROM title_roles) < (SELECT role_candidates FROM knobs)
      AND r.id NOT IN (SELECT role_id FROM title_roles)
    ORDER BY r.title, r.id
    LIMIT (SELECT role_candidates + 1 FROM knobs)
"""  # noqa: S608


# The roles a broad word is ranked in: the best-titled first, then the fallback's.
SCOPE = """
    SELECT role_id FROM (
        SELECT role_id, 0 AS src, pos FROM title_roles UNION ALL SELECT role_id, 1 AS src, pos FROM fallback
    ) AS candidates
    ORDER BY src, pos
    LIMIT (SELECT role_candidates FROM knobs)
"""
# Whether roles outside the scope may match: only when a word is broad and more roles were available.
CAPPED = """(SELECT has_broad FROM plan)
    AND (SELECT COUNT(*) FROM title_roles) + (SELECT COUNT(*) FROM fallback) > (SELECT role_candidates FROM knobs)"""


def ranking_sql(parts: RankingParts, *, filters: str, title_hits: str, title_bits: str, coverage: str) -> str:
    """The whole ranking query: the backend's title roles, plan and hits (a ``hits`` CTE of entry_id,
    role_id, kind, score, bits, near), then scoring, grouping by role and paging, the same on both databases.
    ``coverage`` reads ``h.bits | hr.title_bits`` (``coverage_sql``)."""
    return f"""{parts.prelude}
WITH knobs AS (SELECT %(role_candidates)s AS role_candidates, %(broad_entries)s AS broad_entries),
title_roles AS MATERIALIZED ({parts.title_roles}),
{parts.plan},
fallback AS MATERIALIZED ({fallback_roles_sql(filters)}),
scope AS MATERIALIZED ({SCOPE}),
{parts.hits},
hit_roles AS MATERIALIZED (
    -- Once per role rather than once per entry: the title LIKEs and the filters.
    SELECT r.id AS role_id, r.title, {title_hits} AS title_hits, {title_bits} AS title_bits,
           {TITLE_WORDS_SQL} AS title_words
    FROM (SELECT DISTINCT role_id FROM hits) AS h JOIN roles_role r ON r.id = h.role_id
    WHERE {filters}
),
scored AS (
    SELECT h.entry_id, h.role_id, h.kind, hr.title, hr.title_hits, hr.title_words,
           h.score / NULLIF(MAX(h.score) OVER (), 0) AS norm, {coverage} AS coverage, h.near
    FROM hits h JOIN hit_roles hr ON hr.role_id = h.role_id
),
entries AS (
    SELECT s.*,
           %(coverage_weight)s * s.coverage + COALESCE(s.norm, 0) + %(proximity_weight)s * s.near
             + CASE WHEN s.kind = 'overview' THEN %(title_overview_bonus)s * s.title_hits ELSE 0 END AS score
    FROM scored s
),
grouped AS MATERIALIZED (
    SELECT e.*,
           ROW_NUMBER() OVER (PARTITION BY e.role_id ORDER BY e.score DESC, e.entry_id) AS rn,
           MAX(e.score) OVER (PARTITION BY e.role_id)
             + %(overview_bonus)s
               * MAX(CASE WHEN e.kind = 'overview' THEN COALESCE(e.norm, 0) ELSE 0 END) OVER (PARTITION BY e.role_id)
             + %(title_coverage_weight)s * e.title_hits
             + %(title_exactness_weight)s * e.title_hits / e.title_words AS role_score
    FROM entries e
),
ranked AS MATERIALIZED (
    SELECT g.role_id, g.role_score,
           ROW_NUMBER() OVER (ORDER BY g.role_score DESC, g.title, g.role_id) AS pos
    FROM grouped g
    WHERE g.rn = 1
),
bounds AS MATERIALIZED (
    -- A page past the end is the last page ((0 - 1) / n is 0 in integer division on both databases).
    SELECT n, CASE WHEN %(offset)s >= n THEN ((n - 1) / %(per_page)s) * %(per_page)s ELSE %(offset)s END AS start
    FROM (SELECT COUNT(*) AS n FROM ranked) AS counted
),{parts.page_snippets}
page AS (
    -- Snippets are the costly part of a row: only the page's rows are made.
    SELECT rk.pos, rk.role_score, g.score, g.rn, r.slug, r.title, c.name AS category, e.anchor, e.label,
           {parts.snippet} AS snippet
    FROM bounds b
    JOIN ranked rk ON rk.pos > b.start AND rk.pos <= b.start + %(per_page)s
    JOIN grouped g ON g.role_id = rk.role_id AND g.rn <= %(sections)s
    JOIN roles_role r ON r.id = rk.role_id
    JOIN roles_category c ON c.id = r.category_id
    JOIN roles_searchentry e ON e.id = g.entry_id
)
SELECT b.n, b.start, {parts.capped} AS capped, page.pos, page.role_score, page.score, page.slug, page.title,
       page.category, page.anchor, page.label, page.snippet
FROM bounds b LEFT JOIN page ON TRUE
ORDER BY page.pos, page.rn
"""  # noqa: S608


class SearchBackend(ABC):
    """One database's search: every method answers the same question on either database."""

    @abstractmethod
    def vocabulary(self, tokens: list[str]) -> Vocabulary:
        """Candidate vocabulary words per token, the categories (slug, name), and word breadth: one query."""

    @abstractmethod
    def ranking_parts(
        self, groups: list[WordGroup], filters: str, excluded: list[str], vocabulary: Vocabulary, bounds: Bounds
    ) -> RankingParts:
        """The backend's pieces of the ranking query (``filters``: the ``filter_sql`` condition)."""

    @abstractmethod
    def did_you_mean(self, words: dict[str, int]) -> list[tuple[str, str]]:
        """(title, slug) of up to three published roles whose titles hold the most of ``words``
        (word -> the number of the query word it stands for): one query."""

    @abstractmethod
    def suggest(self, tokens: list[str], text: str, limit: int) -> list[tuple[str, str]]:
        """(title, slug) of role titles for the header's as-you-type list: one query."""

    @abstractmethod
    def entry_writer(self) -> EntryWriter:
        """Writes index entry rows in bulk (``roles.search.indexing.BulkIndex``)."""

    @abstractmethod
    def add_terms(self, words: set[str]) -> None:
        """Add words to the vocabulary; words already in it are skipped."""

    @abstractmethod
    def title_words_rebuild(self) -> None:
        """Rewrite what the database derives from role titles, after a load with triggers off."""

    @abstractmethod
    def settle(self) -> None:
        """After a bulk write: what the database needs to search the new rows fast."""

    def ranked_page(
        self,
        groups: list[WordGroup],
        filters: SearchFilters,
        excluded: list[str],
        vocabulary: Vocabulary,
        bounds: Bounds,
    ) -> RankedPage:
        """The roles on ``bounds.page`` with their total, in one query; no entry holding an ``excluded`` word."""
        filters_sql, filter_params = filter_sql(filters, excluded)
        spaced = "(' ' || lower(r.title))"
        title_hits, title_params = title_hits_sql(groups, spaced)
        title_bits = title_bits_sql(groups, spaced)
        coverage = coverage_sql("(h.bits | hr.title_bits)", len(groups))
        parts = self.ranking_parts(groups, filters_sql, excluded, vocabulary, bounds)
        params = {
            **filter_params,
            **title_params,
            **parts.params,
            "role_candidates": bounds.role_candidates,
            "broad_entries": bounds.broad_entries,
            "title_overview_bonus": TITLE_OVERVIEW_BONUS,
            "coverage_weight": COVERAGE_WEIGHT,
            "proximity_weight": PROXIMITY_WEIGHT,
            "overview_bonus": OVERVIEW_BONUS,
            "title_coverage_weight": TITLE_COVERAGE_WEIGHT,
            "title_exactness_weight": TITLE_EXACTNESS_WEIGHT,
            "offset": (bounds.page - 1) * bounds.per_page,
            "per_page": bounds.per_page,
            "sections": bounds.sections,
        }
        with connection.cursor() as cursor:
            sql = ranking_sql(
                parts, filters=filters_sql, title_hits=title_hits, title_bits=title_bits, coverage=coverage
            )
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        total, start, capped = (rows[0][0], rows[0][1], bool(rows[0][2])) if rows else (0, 0, False)
        sections = [
            SectionRow(
                slug=slug,
                title=title,
                category=category,
                role_score=float(role_score),
                anchor=anchor,
                label=label,
                snippet=snippet or "",
                score=float(score),
            )
            for _n, _start, _capped, pos, role_score, score, slug, title, category, anchor, label, snippet in rows
            if pos is not None
        ]
        return RankedPage(
            total=total, page=start // bounds.per_page + 1, hits=role_hits(sections), capped=capped and total > 0
        )


class EntryWriter(ABC):
    """Index rows written chunk by chunk: ``prepare`` may run on another thread (it writes nothing)."""

    @abstractmethod
    def prepare(self, rows: list[tuple]) -> object:
        """Whatever ``write`` can use to write ``rows`` faster, computed without writing."""

    @abstractmethod
    def write(self, rows: list[tuple], prepared: object = None) -> None:
        """Insert entry rows (``ENTRY_ROW_COLUMNS``)."""
