"""Search: the one module that indexes role pages and answers queries.

Entry points: ``search(query, filters=..., page=...)`` for results, ``suggest(prefix)`` for the
header's as-you-type list, ``search_index_rebuild(roles=...)`` to (re)build the index. Views call
these and never look at the database vendor; this module checks it once per call, in ``_vendor``.

How a query runs (at most three SQL queries per search):
1. The query text is cleaned (control characters dropped, cut to ``MAX_QUERY_LENGTH``) and split
   into word tokens; user input never reaches FTS5 or tsquery syntax, because the match
   expression is built here from tokens made only of letters and digits, each quoted.
2. One query fetches, for every token, the vocabulary words equal to it, starting with it, or
   spelled like it (pg_trgm on PostgreSQL, an FTS5 trigram table on SQLite), together with the
   category list the search form needs and (PostgreSQL) how many entries hold each word. Each
   token becomes a group of alternatives: itself when it is a known word, a prefix match
   ("certif" -> certif*), or the closest words (typos).
3. One query ranks index entries (PostgreSQL: weighted tsvector and ts_rank; SQLite: FTS5 and
   bm25 with the same A/B/C column weights), groups them by role with window functions, pages
   the roles, clamps a page past the end to the last page, and builds snippets (ts_headline or
   FTS5 snippet()) for the rows on the page only. A word in most of a big catalog is ranked only
   in the roles whose titles hold the most query words (see ROLE_CANDIDATES), found through an
   index of title words: PostgreSQL's title-word table (migration 0008), SQLite's FTS5 index of
   titles (migration 0007).
4. Only when nothing matched: one query for "did you mean" titles (on PostgreSQL from the same
   title-word table).

Snippets come back from the database with control-character sentinels around matched words;
``_render_snippet`` escapes everything and only then turns the sentinels into ``<mark>``.
"""

from __future__ import annotations

import difflib
import io
import math
import re
import struct
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from roles.models import (
    FAQ,
    CareerLevel,
    Certification,
    Duty,
    EducationPath,
    ProCon,
    Qualification,
    RelatedRole,
    Role,
    SearchEntry,
    SearchTerm,
    Section,
    Skill,
    Step,
    Tool,
)

# Longer queries are cut to this many characters (and the page says so): no one types more,
# and it bounds the work a single request can ask for.
MAX_QUERY_LENGTH = 200
# Words beyond this many add little to ranking and a lot to the match expression.
MAX_TOKENS = 10
PER_PAGE = 10
# Any page beyond the last is served as the last; this only keeps the number a database integer.
MAX_PAGE = 100_000
BROWSE_PER_PAGE = 30
SECTIONS_PER_ROLE = 3
SUGGESTION_LIMIT = 8
# The header's suggestions look at the first few words typed.
SUGGEST_TOKENS = 5
# A word is "spelled like" a vocabulary word above this difflib ratio.
TYPO_MIN_RATIO = 0.72
TYPO_ALTERNATIVES = 2
# Vocabulary words are plain lowercase words of this length.
TERM_MIN_LENGTH, TERM_MAX_LENGTH = 2, 64

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

SNIPPET_START, SNIPPET_END = "\x02", "\x03"

# Words that carry no meaning in questions people type ("how much does a ... earn").
_STOP_WORDS_TEXT = """a an the and or of to in on for with without is are was be been being do does did doing how what
    which who whom whose why when where much many any some can could should would will shall may might
    i me my we our you your he she they them their this that these those there here as at by from about
    into than then so if not no nor but also just very get gets need needs have has had become"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
# Questions about pay rarely use the word the page uses.
SYNONYMS = {
    "earn": ("salary", "pay"),
    "earns": ("salary", "pay"),
    "earning": ("salary", "pay"),
    "earnings": ("salary", "pay"),
    "make": ("salary",),
    "paid": ("salary", "pay"),
    "pay": ("salary",),
    "wage": ("salary", "pay"),
    "wages": ("salary", "pay"),
    "income": ("salary", "pay"),
    "money": ("salary", "pay"),
    "salaries": ("salary",),
    "certs": ("certification",),
    "cert": ("certification",),
    "job": ("role",),
    "jobs": ("role",),
    "career": ("career",),
}

TOKEN_RE = re.compile(r"[^\W_]+")
# "-senior": leave out what holds the word (websearch syntax, as on search engines).
EXCLUSION_RE = re.compile(r"(?:^|(?<=\s))-([^\W_]+)")
TERM_RE = re.compile(rf"[^\W\d_]{{{TERM_MIN_LENGTH},{TERM_MAX_LENGTH}}}")
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


# ---------------------------------------------------------------------------------------------
# Results


@dataclass
class SectionHit:
    anchor: str
    label: str
    snippet: SafeString
    url: str
    score: float


@dataclass
class RoleHit:
    slug: str
    title: str
    category: str
    url: str
    score: float
    sections: list[SectionHit] = field(default_factory=list)

    @property
    def best(self) -> SectionHit:
        return self.sections[0]


@dataclass
class Suggestion:
    label: str
    url: str


@dataclass
class SearchFilters:
    category: str = ""
    experience_years: int | None = None
    salary_min: int | None = None
    salary_max: int | None = None

    @property
    def active(self) -> bool:
        return bool(self.category) or any(
            value is not None for value in (self.experience_years, self.salary_min, self.salary_max)
        )


@dataclass
class SearchResults:
    query: str
    filters: SearchFilters
    results: list[RoleHit]
    total: int
    page: int
    num_pages: int
    per_page: int
    notice: str = ""
    # More roles match than were ranked (a word in most of the catalog): ``total`` counts the ranked.
    capped: bool = False
    corrected_query: str = ""
    # Words the query excludes ("-senior"): no result's title holds them, no matched section either.
    excluded: list[str] = field(default_factory=list)
    did_you_mean: list[Suggestion] = field(default_factory=list)
    categories: list[tuple[str, str]] = field(default_factory=list)
    browse_roles: list[Role] = field(default_factory=list)

    @property
    def is_browse(self) -> bool:
        return not self.query

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def start_index(self) -> int:
        return (self.page - 1) * self.per_page + 1 if self.total else 0

    @property
    def end_index(self) -> int:
        return min(self.page * self.per_page, self.total)

    def as_json(self) -> dict:
        return {
            "query": self.query,
            "results": [
                {
                    "slug": hit.slug,
                    "title": hit.title,
                    "section": hit.best.label,
                    "anchor": hit.best.anchor,
                    "snippet": str(hit.best.snippet),
                    "url": hit.best.url,
                    "score": round(hit.score, 4),
                    "sections": [
                        {"section": s.label, "anchor": s.anchor, "snippet": str(s.snippet), "url": s.url}
                        for s in hit.sections
                    ],
                }
                for hit in self.results
            ],
            "total": self.total,
            "page": self.page,
            "num_pages": self.num_pages,
            "notice": self.notice,
            "capped": self.capped,
            "corrected_query": self.corrected_query,
            "excluded": self.excluded,
            "did_you_mean": [{"label": s.label, "url": s.url} for s in self.did_you_mean],
        }


# ---------------------------------------------------------------------------------------------
# Query text


def clean_query(raw: str | None) -> tuple[str, bool]:
    """The query as searched: control characters and NULs dropped, spaces collapsed, cut to length."""
    text = CONTROL_RE.sub(" ", raw or "")
    # Lone surrogates (from undecodable input) cannot be encoded for the database.
    text = text.encode("utf-8", "replace").decode("utf-8")
    text = unicodedata.normalize("NFKC", text)
    text = " ".join(text.split())
    truncated = len(text) > MAX_QUERY_LENGTH
    if truncated:
        text = text[:MAX_QUERY_LENGTH].rstrip()
    return text, truncated


def split_exclusions(text: str) -> tuple[str, list[str]]:
    """The query without its "-word" exclusions, and the excluded words (as query_tokens makes words).

    A hyphen starts an exclusion only at the start of the query or after a space, so "co-worker"
    and "e-mail" are words, and a lone "-" is nothing.
    """
    excluded = query_tokens(" ".join(EXCLUSION_RE.findall(text)))
    return EXCLUSION_RE.sub(" ", text), excluded


def query_tokens(text: str) -> list[str]:
    """Distinct lowercase words of the query, stop words dropped, at most MAX_TOKENS."""
    tokens: list[str] = []
    for token in TOKEN_RE.findall(text.lower()):
        token = token[:TERM_MAX_LENGTH]
        if token in STOP_WORDS or token in tokens:
            continue
        tokens.append(token)
    return tokens[:MAX_TOKENS]


def _vendor() -> str:
    return "postgresql" if connection.vendor == "postgresql" else "sqlite"


@dataclass
class _Group:
    """One query word and what it may match: exact words, and words it is a prefix of."""

    token: str
    words: list[str]
    prefixes: list[str]
    corrected: str = ""
    # Vocabulary words a prefix stands for: FTS5 matches these, because a prefix query without a
    # prefix index merges the posting lists of every word it starts (150 ms for "certif" at 10,000 roles).
    expansions: list[str] = field(default_factory=list)


def _trigrams(token: str) -> list[str]:
    return sorted({token[i : i + 3] for i in range(len(token) - 2)})


# PostgreSQL: how many entries hold each frequent lexeme, from the planner's statistics (ANALYZE
# keeps the most frequent; migration 0007 raises how many, so every word in more than a few hundred
# entries of a 10,000-role catalog is listed). A word that is not listed is rare. Read once per search.
_PG_LEXEME_ENTRIES = """
    SELECT e.elem, e.freq * (SELECT reltuples FROM pg_class WHERE oid = 'roles_searchentry'::regclass) AS n
    FROM pg_stats s
    CROSS JOIN LATERAL unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS e(elem, freq)
    WHERE s.schemaname = current_schema() AND s.tablename = 'roles_searchentry' AND s.attname = 'search_vector'
      AND e.elem IS NOT NULL
"""
# A token's candidate words, the best 12 by _PG_CANDIDATE_ORDER: the words it starts (itself
# first), or, when it starts none (a typo: see _resolve), the words spelled like it (pg_trgm) and for
# longer tokens the words sharing its first three letters. Each kind is read through its own index
# (the varchar_pattern_ops btree for LIKE, the trigram GIN for %%) and the typo kinds only when the
# token starts no word: ORed in one WHERE, the planner scanned the whole vocabulary and computed a
# similarity for every word, 2 ms a token at 2,000 words. {pattern} is the token with '%%' after it
# and {short} its first three letters with '%%'; tokens are letters and digits only, so neither holds
# a LIKE wildcard of its own.
_PG_CANDIDATE_ORDER = "term = {tok} DESC, similarity(term, {tok}) DESC, term"
_PG_CANDIDATES = """
    SELECT * FROM (
        SELECT {tok}::text AS tok, term FROM roles_searchterm WHERE term LIKE {pattern} ORDER BY {order} LIMIT 12
    ) AS p{n}
    UNION ALL
    SELECT * FROM (
        SELECT {tok}::text AS tok, term FROM (
            SELECT term FROM roles_searchterm WHERE term %% {tok}
            {short}
        ) AS t
        WHERE NOT EXISTS (SELECT 1 FROM roles_searchterm WHERE term LIKE {pattern})
        ORDER BY {order} LIMIT 12
    ) AS s{n}"""  # noqa: S608
_PG_CANDIDATES_SHORT = "UNION SELECT term FROM roles_searchterm WHERE term LIKE {short}"  # noqa: S608
_PG_VOCABULARY = f"""
WITH candidates AS ({{candidates}}),
lexemes AS MATERIALIZED ({_PG_LEXEME_ENTRIES}),
words AS (SELECT term AS word FROM candidates UNION SELECT unnest(%s::text[])),
word_lexemes AS (SELECT w.word, unnest(tsvector_to_array(to_tsvector('english', w.word))) AS lexeme FROM words w)
SELECT 'category', slug, name FROM roles_category
UNION ALL SELECT 'term', tok, term FROM candidates
UNION ALL SELECT 'entries', w.word, COALESCE(SUM(l.n), 0)::text
    FROM word_lexemes w LEFT JOIN lexemes l ON l.elem = w.lexeme GROUP BY w.word
UNION ALL SELECT 'prefix entries', t.tok, (
    SELECT COALESCE(SUM(l.n), 0) FROM lexemes l WHERE l.elem LIKE t.tok || '%%'
)::text FROM unnest(%s::text[]) AS t(tok)
"""  # noqa: S608


def _bind(template: str, **values) -> tuple[str, list]:
    """``template`` with each ``{name}`` as a %s placeholder, and the values in the order they appear."""
    params: list = []

    def placeholder(match: re.Match) -> str:
        params.append(values[match.group(1)])
        return "%s"

    return re.sub(r"\{(\w+)\}", placeholder, template), params


def _pg_candidates_sql(tokens: list[str]) -> tuple[str, list]:
    """The candidates query (_PG_CANDIDATES) of every token, in the tokens' order."""
    parts, params = [], []
    for n, token in enumerate(tokens):
        template = _PG_CANDIDATES.replace("{short}", _PG_CANDIDATES_SHORT if len(token) >= 5 else "")
        template = template.replace("{order}", _PG_CANDIDATE_ORDER).replace("{n}", str(n))
        sql, values = _bind(template, tok=token, pattern=f"{token}%", short=f"{token[:3]}%")
        parts.append(sql)
        params += values
    return " UNION ALL ".join(parts), params


@dataclass
class _Vocabulary:
    candidates: dict[str, list[str]]
    categories: list[tuple[str, str]]
    # PostgreSQL only: about how many entries hold a word, or start with a prefix (absent: rare).
    entries: dict[str, float] = field(default_factory=dict)
    prefix_entries: dict[str, float] = field(default_factory=dict)


def _vocabulary_and_categories(tokens: list[str]) -> _Vocabulary:
    """Candidate vocabulary words per token, the categories (slug, name), and word breadth: one query."""
    sql = ["SELECT 'category', slug, name FROM roles_category"]
    params: list = []
    if _vendor() == "postgresql":
        if tokens:
            extra = sorted(set(tokens) | {word for token in tokens for word in SYNONYMS.get(token, ())})
            candidates, params = _pg_candidates_sql(tokens)
            sql = [_PG_VOCABULARY.format(candidates=candidates)]
            params += [extra, tokens]
    else:
        for token in tokens:
            sql.append(
                "SELECT * FROM (SELECT 'term', %s, term FROM roles_searchterm WHERE term >= %s AND term < %s "
                "ORDER BY length(term), term LIMIT 8)"
            )
            params += [token, token, token + "\uffff"]
            grams = _trigrams(token)
            if grams:
                sql.append(
                    "SELECT * FROM (SELECT 'term', %s, term FROM roles_searchterm_fts "
                    "WHERE roles_searchterm_fts MATCH %s ORDER BY rank LIMIT 40)"
                )
                params += [token, " OR ".join(f'"{gram}"' for gram in grams)]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(sql), params)
        rows = cursor.fetchall()
    vocabulary = _Vocabulary(candidates={token: [] for token in tokens}, categories=[])
    for kind, a, b in rows:
        if kind == "category":
            vocabulary.categories.append((a, b))
        elif kind == "entries":
            vocabulary.entries[a] = float(b)
        elif kind == "prefix entries":
            vocabulary.prefix_entries[a] = float(b)
        elif a in vocabulary.candidates and b not in vocabulary.candidates[a]:
            vocabulary.candidates[a].append(b)
    vocabulary.categories.sort(key=lambda item: item[1].lower())
    return vocabulary


def _resolve(tokens: list[str], candidates: dict[str, list[str]]) -> list[_Group]:
    """Turn each token into the words it should match; the same rules on both databases."""
    groups = []
    for token in tokens:
        words = candidates.get(token, [])
        group = _Group(token=token, words=[], prefixes=[])
        if token in words or token.isdigit():
            group.words.append(token)
        elif len(token) >= 3 and any(word.startswith(token) for word in words):
            group.prefixes.append(token)
            group.expansions = [word for word in words if word.startswith(token)]
        else:
            scored = sorted(
                ((difflib.SequenceMatcher(None, token, word).ratio(), word) for word in words), reverse=True
            )
            close = [word for ratio, word in scored if ratio >= TYPO_MIN_RATIO][:TYPO_ALTERNATIVES]
            if close:
                group.words.extend(close)
                group.corrected = close[0]
            else:
                group.words.append(token)
        for synonym in SYNONYMS.get(token, ()):
            if synonym not in group.words:
                group.words.append(synonym)
        groups.append(group)
    return groups


def _fts5_expression(groups: list[_Group]) -> str:
    # Every token is letters and digits only, and is quoted: nothing the user typed is FTS5 syntax.
    parts = [f'"{word}"' for group in groups for word in group.words + group.expansions]
    return " OR ".join(parts)


def _fts5_excluding(expression: str, without: _Group) -> str:
    """An FTS5 expression that matches no entry holding a word of ``without``."""
    if not without.words:
        return expression
    return f"({expression}) NOT ({_fts5_expression([without])})"


def _tsquery_expression(groups: list[_Group]) -> str:
    # The same guarantee for to_tsquery: quoted lexemes of letters and digits joined by "|".
    parts = [f"'{word}'" for group in groups for word in group.words]
    parts += [f"'{prefix}':*" for group in groups for prefix in group.prefixes]
    return " | ".join(parts)


# ---------------------------------------------------------------------------------------------
# Ranking


def _filter_sql(filters: SearchFilters, excluded: list[str]) -> tuple[str, list]:
    clauses = ["r.is_published"]
    params: list = []
    for word in excluded:
        # As the title step matches words: at the start of a word of the title.
        clauses.append("(' ' || lower(r.title)) NOT LIKE %s")
        params.append(f"% {word}%")
    if filters.category:
        clauses.append("r.category_id IN (SELECT id FROM roles_category WHERE slug = %s)")
        params.append(filters.category)
    if filters.experience_years is not None:
        clauses.append(
            "r.experience_years_min <= %s AND (r.experience_years_max IS NULL OR r.experience_years_max >= %s)"
        )
        params += [filters.experience_years, filters.experience_years]
    if filters.salary_min is not None:
        clauses.append("r.median_salary >= %s")
        params.append(filters.salary_min)
    if filters.salary_max is not None:
        clauses.append("r.median_salary <= %s")
        params.append(filters.salary_max)
    return " AND ".join(clauses), params


# Bounding the work on big catalogs. A common word ("support", "certifications") is in most entries
# (310,810 of 420,071 at 10,000 roles): reading its posting list and ranking every match took
# seconds. So each query word is first judged "broad" (in more than BROAD_ENTRIES entries; PostgreSQL
# reads the planner's lexeme statistics from pg_stats, SQLite counts matches up to that bound) or
# "narrow". Narrow words are looked up in the word index and all their entries ranked. Broad words
# are looked up only inside a bounded set of roles, through the role index: the ROLE_CANDIDATES roles
# whose titles hold the most query words (title words weigh most in a role's score), topped up in
# title order when fewer titles match. Every ranked entry is scored against the whole query. When
# roles outside that set may match too, the results say so (``capped``) instead of showing a total
# that looks exact. A catalog where no word is broad (every test catalog) ranks every match.
ROLE_CANDIDATES = 30
BROAD_ENTRIES = 2000
# A safety bound for a narrow lookup when PostgreSQL has no statistics yet (never ANALYZEd).
ENTRY_CANDIDATES = 5000
# A role page has ~45 entries (24 sections, 7 FAQs, one per list); this only bounds the estimate.
ENTRIES_PER_ROLE_CAP = 200
# FTS5: the query's words may match the text columns only, never role_id.
FTS_TEXT_COLUMNS = "{title heading body}"

# The SQL below is assembled only from constants and %s placeholders; every value is a parameter.
# The roles whose titles hold the most query words. SQLite: the prefilter reads the FTS5 index of
# titles (migration 0007) and the covering title index (0006); "LIMIT -1 OFFSET 0" keeps each
# subquery whole, so the LIKEs run once per role rather than again in ORDER BY.
TITLE_ROLES = """
    SELECT t.role_id, ROW_NUMBER() OVER (ORDER BY t.th DESC, t.th / t.title_words DESC, t.title, t.role_id) AS pos
    FROM (
        SELECT l.role_id, l.title, {title_hits} AS th, l.title_words
        FROM (
            SELECT r.id AS role_id, r.title, ' ' || lower(r.title) AS spaced,
                   (length(r.title) - length(replace(r.title, ' ', '')) + 1) AS title_words
            FROM roles_role r WHERE {filters} AND ({prefilter})
            LIMIT -1 OFFSET 0
        ) AS l
        LIMIT -1 OFFSET 0
    ) AS t
    WHERE t.th > 0
    ORDER BY pos
    LIMIT (SELECT role_candidates + 1 FROM knobs)
"""  # noqa: S608
# PostgreSQL: the same roles from the title-word table (migration 0008), one narrow row per distinct
# word of a lower-cased title with the columns the filters read, so roles_role (2.6 KB a row) is not
# read at all: per query word a range scan of the word index (POSTGRES_TITLE_MATCH: a constant
# ``r.word LIKE 'word%'``, tagged with the word's group and whether it has three letters or more),
# then per role the share of groups its title holds (each group a bit; one aggregation, as a count of
# distinct groups took a second one or a sort). A role must match a word of three letters or
# more, as SQLite's prefilter requires (shorter words match too many titles to choose by). Ties are
# broken as above; the window runs on the chosen rows only.
POSTGRES_TITLE_ROLES = """
    SELECT t.role_id, ROW_NUMBER() OVER (ORDER BY t.th DESC, t.th / t.title_words DESC, t.title, t.role_id) AS pos
    FROM (
        SELECT a.* FROM (
            SELECT w.role_id, w.title, w.title_words,
                   CAST(bit_count(bit_or(w.bit)::bit({max_groups})) AS DOUBLE PRECISION) / {groups} AS th
            FROM ({matches}) AS w
            GROUP BY w.role_id, w.title, w.title_words
            HAVING bool_or(w.long)
        ) AS a
        ORDER BY a.th DESC, a.th / a.title_words DESC, a.title, a.role_id
        LIMIT (SELECT role_candidates + 1 FROM knobs)
    ) AS t
    ORDER BY pos
"""  # noqa: S608
POSTGRES_TITLE_MATCH = """
    SELECT r.role_id, {bit} AS bit, {long} AS long, r.title, r.title_words
    FROM roles_searchtitleword r WHERE {filters} AND r.word LIKE %s"""  # noqa: S608
# Roles in title order (the ranking's own tie-break), when broad words and too few titles leave room.
FALLBACK_ROLES = """
    SELECT r.id AS role_id, ROW_NUMBER() OVER (ORDER BY r.title, r.id) AS pos
    FROM roles_role r
    WHERE {filters} AND (SELECT has_broad FROM plan)
      AND (SELECT COUNT(*) FROM title_roles) < (SELECT role_candidates FROM knobs)
      AND r.id NOT IN (SELECT role_id FROM title_roles)
    ORDER BY r.title, r.id
    LIMIT (SELECT role_candidates + 1 FROM knobs)
"""  # noqa: S608
SCOPE = """
    SELECT role_id FROM (
        SELECT role_id, 0 AS src, pos FROM title_roles UNION ALL SELECT role_id, 1 AS src, pos FROM fallback
    ) AS candidates
    ORDER BY src, pos
    LIMIT (SELECT role_candidates FROM knobs)
"""  # noqa: S608
# Whether roles outside the scope may match: only when a word is broad and more roles were available.
CAPPED = """(SELECT has_broad FROM plan)
    AND (SELECT COUNT(*) FROM title_roles) + (SELECT COUNT(*) FROM fallback) > (SELECT role_candidates FROM knobs)"""

# PostgreSQL: which words are broad is known from the vocabulary query (_PG_VOCABULARY).
POSTGRES_PLAN = "plan AS (SELECT %s::boolean AS has_broad)"
# ts_rank weights are {D, C, B, A}; scaled so the A/B/C ratios match the SQLite column weights.
_PG_RANK = f"""ts_rank('{{0, {WEIGHT_BODY / 10}, {WEIGHT_HEADING / 10}, {WEIGHT_TITLE / 10}}}', e.search_vector,
                   to_tsquery('english', %s), 1)"""
POSTGRES_NARROW_HITS = f"""
narrow_hits AS (
    SELECT e.id AS entry_id, e.role_id, e.kind, {_PG_RANK} AS score
    FROM roles_searchentry e
    WHERE e.search_vector @@ to_tsquery('english', %s)
    LIMIT {ENTRY_CANDIDATES}
)"""  # noqa: S608
# The scoped roles' entries are reached through the role index and kept when they rank above 0,
# which for this OR of lexemes and prefixes, over vectors whose every position is weighted A, B or C
# (nonzero weights), is exactly when they match. Not "@@": ANDed with the role index the planner
# would read a broad word's whole posting list in the GIN index, and as a filter it would read each
# entry's vector a second time (1.5 ms for 30 roles' 1,200 entries). The LIMIT keeps the subquery a
# per-role index lookup (flattened, it became a scan of the whole table).
POSTGRES_SCOPED_HITS = f"""
scoped_hits AS (
    SELECT e.entry_id, e.role_id, e.kind, e.score
    FROM scope t CROSS JOIN LATERAL (
        SELECT e.id AS entry_id, e.role_id, e.kind, {_PG_RANK} AS score
        FROM roles_searchentry e
        WHERE e.role_id = t.role_id {{exclude}}
        LIMIT {ENTRIES_PER_ROLE_CAP}
    ) AS e
    WHERE e.score > 0
)"""  # noqa: S608
NARROW_CAPPED = f"(SELECT COUNT(*) FROM narrow_hits) >= {ENTRY_CANDIDATES}"  # noqa: S608

# SQLite: a group is broad when its words match more than BROAD_ENTRIES entries (FTS5 stops
# counting there). Broad words are matched only in the scope's roles by adding
# ``role_id : ("12" OR ...)`` to the same MATCH, so one FTS5 cursor ranks everything: bm25() then
# counts each word's documents once per query (a cursor per role recounted them: 12-22 s).
SQLITE_PLAN = """
counted AS MATERIALIZED (
    SELECT g.n, g.expr, (
        SELECT COUNT(*) FROM (
            SELECT 1 FROM roles_searchentry_fts
            WHERE roles_searchentry_fts MATCH '{text_columns} : (' || g.expr || ')'
            LIMIT (SELECT broad_entries + 1 FROM knobs)
        )
    ) AS entries
    FROM grp g
),
breadth AS MATERIALIZED (SELECT n, expr, entries > (SELECT broad_entries FROM knobs) AS broad FROM counted),
plan AS MATERIALIZED (
    SELECT (SELECT group_concat(expr, ' OR ') FROM breadth WHERE broad) AS broad_expr,
           (SELECT group_concat(expr, ' OR ') FROM breadth WHERE NOT broad) AS narrow_expr,
           EXISTS (SELECT 1 FROM breadth WHERE broad) AS has_broad
)"""  # noqa: S608
# SQLite ranks with bm25() when every word is narrow. bm25() counts the entries holding each word
# of the MATCH on every query (150 ms for "support", in 290,932 entries), so with a broad word the
# entries are scored without it: one MATCH per word group, restricted to the scope's roles when the
# group is broad, and an entry scores the groups it holds (a narrow one, rarer, counts twice).
SQLITE_HITS = f"""
scope_ranges AS MATERIALIZED (
    SELECT e.role_id, MIN(e.id) AS lo, MAX(e.id) AS hi FROM roles_searchentry e
    WHERE (SELECT has_broad FROM plan) AND e.role_id IN (SELECT role_id FROM scope)
    GROUP BY e.role_id
),
group_query AS MATERIALIZED (
    SELECT b.n, b.broad,
           CASE WHEN (SELECT has_broad FROM plan) AND b.broad THEN '{{text_columns}} : (' || b.expr || ')'
                ELSE 'role_id : "0"' END AS scoped,
           CASE WHEN (SELECT has_broad FROM plan) AND NOT b.broad THEN '{{text_columns}} : (' || b.expr || ')'
                ELSE 'role_id : "0"' END AS unscoped
    FROM breadth b
),
ranked_hits AS (
    SELECT roles_searchentry_fts.rowid AS entry_id,
           -bm25(roles_searchentry_fts, {WEIGHT_TITLE}, {WEIGHT_HEADING}, {WEIGHT_BODY}, 0) AS score
    FROM roles_searchentry_fts
    WHERE roles_searchentry_fts MATCH (
        SELECT CASE WHEN has_broad THEN 'role_id : "0"' ELSE '{{text_columns}} : (' || narrow_expr || ')' END FROM plan
    )
),
{{group_hits}},
hits AS MATERIALIZED (
    SELECT e.id AS entry_id, e.role_id, e.kind, h.score
    FROM (
        SELECT entry_id, score FROM ranked_hits
        UNION ALL
        SELECT entry_id, SUM(weight) AS score FROM group_hits GROUP BY entry_id
    ) AS h JOIN roles_searchentry e ON e.id = h.entry_id
)"""  # noqa: S608
# Per group: a broad one is matched role by role within each scope role's range of entry ids
# (FTS5 seeks to a rowid range; ANDing the word with role_id terms walked its whole posting list,
# 80-160 ms), a narrow one in one MATCH. ('role_id : "0"' matches nothing: the unused arm.)
SQLITE_GROUP_HITS = """
    SELECT f.rowid AS entry_id, 1.0 AS weight
    FROM scope_ranges s JOIN roles_searchentry_fts f
      ON f.roles_searchentry_fts MATCH (SELECT scoped FROM group_query WHERE n = {n}) AND f.rowid BETWEEN s.lo AND s.hi
    UNION ALL
    SELECT f.rowid AS entry_id, 2.0 AS weight
    FROM roles_searchentry_fts f WHERE f.roles_searchentry_fts MATCH (SELECT unscoped FROM group_query WHERE n = {n})
"""
# snippet() only works inside a MATCH query: a MATCH over each page role's range of entry ids
# makes the page's snippets (a MATCH per row re-read a broad word's posting list for each).
SQLITE_PAGE_SNIPPETS = """
page_roles AS MATERIALIZED (
    SELECT rk.role_id FROM bounds b JOIN ranked rk ON rk.pos > b.start AND rk.pos <= b.start + %s
),
page_ranges AS MATERIALIZED (
    SELECT e.role_id, MIN(e.id) AS lo, MAX(e.id) AS hi FROM roles_searchentry e
    WHERE e.role_id IN (SELECT role_id FROM page_roles) GROUP BY e.role_id
),
page_fts AS MATERIALIZED (
    SELECT roles_searchentry_fts.rowid AS entry_id,
           snippet(roles_searchentry_fts, -1, char(2), char(3), '…', 24) AS snippet
    FROM page_ranges p JOIN roles_searchentry_fts
      ON roles_searchentry_fts MATCH %s AND roles_searchentry_fts.rowid BETWEEN p.lo AND p.hi
    WHERE +roles_searchentry_fts.rowid IN (
        SELECT g.entry_id FROM page_roles p JOIN grouped g ON g.role_id = p.role_id AND g.rn <= {sections}
    )
),"""
SQLITE_SNIPPET = "(SELECT ps.snippet FROM page_fts ps WHERE ps.entry_id = e.id)"
POSTGRES_SNIPPET = f"""ts_headline('english', e.heading || ' — ' || e.body, to_tsquery('english', %s),
    'StartSel="{SNIPPET_START}", StopSel="{SNIPPET_END}", MaxWords=30, MinWords=12, ShortWord=2,
     MaxFragments=2, FragmentDelimiter=" … "')"""

# Scoring, grouping by role and paging: the same on both databases.
RANKED_SQL = """
hit_roles AS MATERIALIZED (
    -- Once per role rather than once per entry: the title LIKEs and the filters.
    SELECT r.id AS role_id, r.title, {title_hits} AS title_hits,
           (length(r.title) - length(replace(r.title, ' ', '')) + 1) AS title_words
    FROM (SELECT DISTINCT role_id FROM hits) AS h JOIN roles_role r ON r.id = h.role_id
    WHERE {filters}
),
scored AS (
    SELECT h.entry_id, h.role_id, h.kind, hr.title, hr.title_hits, hr.title_words,
           h.score / NULLIF(MAX(h.score) OVER (), 0) AS norm
    FROM hits h JOIN hit_roles hr ON hr.role_id = h.role_id
),
entries AS (
    SELECT s.*,
           COALESCE(s.norm, 0) + CASE WHEN s.kind = 'overview' THEN %s * s.title_hits ELSE 0 END AS score
    FROM scored s
),
grouped AS MATERIALIZED (
    SELECT e.*,
           ROW_NUMBER() OVER (PARTITION BY e.role_id ORDER BY e.score DESC, e.entry_id) AS rn,
           MAX(e.score) OVER (PARTITION BY e.role_id)
             + %s * MAX(CASE WHEN e.kind = 'overview' THEN COALESCE(e.norm, 0) ELSE 0 END) OVER (PARTITION BY e.role_id)
             + %s * e.title_hits + %s * e.title_hits / e.title_words AS role_score
    FROM entries e
),
ranked AS MATERIALIZED (
    SELECT g.role_id, g.role_score,
           ROW_NUMBER() OVER (ORDER BY g.role_score DESC, g.title, g.role_id) AS pos
    FROM grouped g
    WHERE g.rn = 1
),
bounds AS MATERIALIZED (
    SELECT n, CASE WHEN %s >= n THEN {greatest}(((n - 1) / %s) * %s, 0) ELSE %s END AS start
    FROM (SELECT COUNT(*) AS n FROM ranked) AS counted
),{page_snippets}
page AS (
    -- Snippets are the costly part of a row: only the page's rows are made.
    SELECT rk.pos, rk.role_score, g.score, g.rn, r.slug, r.title, c.name AS category, e.anchor, e.label,
           {snippet} AS snippet
    FROM bounds b
    JOIN ranked rk ON rk.pos > b.start AND rk.pos <= b.start + %s
    JOIN grouped g ON g.role_id = rk.role_id AND g.rn <= {sections}
    JOIN roles_role r ON r.id = rk.role_id
    JOIN roles_category c ON c.id = r.category_id
    JOIN roles_searchentry e ON e.id = g.entry_id
)
SELECT b.n, b.start, {capped} AS capped, page.pos, page.role_score, page.score, page.slug, page.title,
       page.category, page.anchor, page.label, page.snippet
FROM bounds b LEFT JOIN page ON TRUE
ORDER BY page.pos, page.rn
"""


def _title_stem(word: str) -> str:
    # "specialists" should find "Specialist": compare titles with a crudely stemmed word.
    return word[:-1] if len(word) > 4 and word.endswith("s") else word


def _title_words(groups: list[_Group]) -> list[list[str]]:
    return [[_title_stem(word) for word in group.words] + group.prefixes for group in groups]


def _title_hits_sql(groups: list[_Group], spaced: str = "(' ' || lower(r.title))") -> tuple[str, list]:
    """SQL for the share of the query's word groups found at the start of a word of the title (``spaced``)."""
    cases, params = [], []
    for words in _title_words(groups):
        likes = " OR ".join([f"{spaced} LIKE %s"] * len(words))
        cases.append(f"CASE WHEN {likes} THEN 1 ELSE 0 END")
        params += [f"% {word}%" for word in words]
    # A float, not PostgreSQL's slower numeric, for the sorts and sums it feeds.
    return "CAST(" + " + ".join(cases) + f" AS DOUBLE PRECISION) / {len(groups)}", params


def _title_roles_sql(groups: list[_Group], filter_sql: str, filter_params: list) -> tuple[str, list]:
    """The candidate roles whose titles hold the most of the query's word groups (TITLE_ROLES)."""
    if _vendor() == "postgresql":
        matches, params = [], []
        for n, words in enumerate(_title_words(groups)):
            for word in dict.fromkeys(words):
                long = "TRUE" if len(word) >= 3 else "FALSE"
                matches.append(POSTGRES_TITLE_MATCH.format(bit=1 << n, long=long, filters=filter_sql))
                params += [*filter_params, f"{word}%"]
        sql = POSTGRES_TITLE_ROLES.format(
            groups=len(groups), max_groups=MAX_TOKENS, matches=" UNION ALL ".join(matches)
        )
        return sql, params
    spaced_title_sql, title_params = _title_hits_sql(groups, spaced="l.spaced")
    # One- and two-letter words ("4", "it") would make the title index return every title. A word
    # that starts a title word starts one of its FTS5 tokens (words are letters and digits only).
    words = [word for word in dict.fromkeys(w for group in _title_words(groups) for w in group) if len(word) >= 3]
    expression = " OR ".join(f'"{word}"*' for word in words)
    prefilter = "r.id IN (SELECT rowid FROM roles_role_title_fts WHERE roles_role_title_fts MATCH %s)"
    sql = TITLE_ROLES.format(
        title_hits=spaced_title_sql,
        filters=filter_sql,
        prefilter=prefilter if words else "1 = 0",
    )
    return sql, [*title_params, *filter_params, *([expression] if words else [])]


@dataclass
class _RankedPage:
    total: int
    page: int
    hits: list[RoleHit]
    # Roles outside the ranked set may match too (a broad word): ``total`` counts the ranked ones.
    capped: bool


def _broad_groups(groups: list[_Group], vocabulary: _Vocabulary) -> list[bool]:
    """PostgreSQL: whether each group's words are in more than BROAD_ENTRIES entries."""
    return [
        sum(vocabulary.entries.get(word, 0) for word in group.words)
        + sum(vocabulary.prefix_entries.get(prefix, 0) for prefix in group.prefixes)
        > BROAD_ENTRIES
        for group in groups
    ]


# PostgreSQL planner settings for the ranking query (why: in _ranked_page).
_PG_RANKING_SETTINGS = (
    "jit = off",
    "enable_seqscan = off",
    "enable_indexonlyscan = off",
    "max_parallel_workers_per_gather = 0",
)


def _ranked_page(
    groups: list[_Group], filters: SearchFilters, page: int, vocabulary: _Vocabulary, excluded: list[str]
) -> _RankedPage:
    """The roles on ``page`` with their total, in one query; no entry holding an ``excluded`` word."""
    filter_sql, filter_params = _filter_sql(filters, excluded)
    # The excluded words as one alternative each, quoted like the query's own words.
    without = _Group(token="", words=list(excluded), prefixes=[])
    title_sql, title_params = _title_hits_sql(groups)
    title_roles, title_roles_params = _title_roles_sql(groups, filter_sql, filter_params)
    offset = (page - 1) * PER_PAGE
    postgres = _vendor() == "postgresql"
    # The bounds are read at call time, so tests can shrink them to reach this path with a small catalog.
    sql_parts = [
        "WITH knobs AS (SELECT %s AS role_candidates, %s AS broad_entries),",
        "title_roles AS MATERIALIZED (" + title_roles + "),",
    ]
    params: list = [ROLE_CANDIDATES, BROAD_ENTRIES, *title_roles_params]
    if postgres:
        expression = _tsquery_expression(groups)
        broad = _broad_groups(groups, vocabulary)
        narrow = _tsquery_expression([group for group, is_broad in zip(groups, broad, strict=True) if not is_broad])
        if narrow and excluded:
            narrow = f"({narrow}) & !({_tsquery_expression([without])})"
        sql_parts.append(POSTGRES_PLAN + ",")
        params.append(any(broad))
    else:
        expression = _fts5_expression(groups)
        values = ", ".join(f"({n}, %s)" for n in range(len(groups)))
        sql_parts.append(f"grp(n, expr) AS (VALUES {values}),")
        sql_parts.append(SQLITE_PLAN.format(text_columns=FTS_TEXT_COLUMNS) + ",")
        params += [_fts5_excluding(_fts5_expression([group]), without) for group in groups]
    sql_parts.append("fallback AS MATERIALIZED (" + FALLBACK_ROLES.format(filters=filter_sql) + "),")
    params += filter_params
    sql_parts.append("scope AS MATERIALIZED (" + SCOPE + "),")
    if postgres:
        hits, capped = [], []
        if any(broad):
            # The entries of the scoped roles are read one by one anyway: an excluded word is one more
            # test of each (the narrow words' lookup has it in its tsquery).
            exclude = "AND NOT (e.search_vector @@ to_tsquery('english', %s))" if excluded else ""
            sql_parts.append(POSTGRES_SCOPED_HITS.replace("{exclude}", exclude) + ",")
            params.append(expression)
            if excluded:
                params.append(_tsquery_expression([without]))
            hits.append("SELECT * FROM scoped_hits")
            capped.append(CAPPED)
        if narrow:
            sql_parts.append(POSTGRES_NARROW_HITS + ",")
            params += [expression, narrow]
            hits.append("SELECT * FROM narrow_hits")
            capped.append(NARROW_CAPPED)
        sql_parts.append("hits AS MATERIALIZED (" + " UNION ".join(hits) + "),")
        capped_sql = " OR ".join(f"({part})" for part in capped)
        snippet, snippet_params, greatest, page_snippets = POSTGRES_SNIPPET, [expression], "GREATEST", ""
    else:
        group_hits = " UNION ALL ".join(SQLITE_GROUP_HITS.format(n=n) for n in range(len(groups)))
        sql_parts.append(
            SQLITE_HITS.format(text_columns=FTS_TEXT_COLUMNS, group_hits=f"group_hits AS ({group_hits})") + ","
        )
        snippet, greatest, capped_sql = SQLITE_SNIPPET, "MAX", CAPPED
        page_snippets = SQLITE_PAGE_SNIPPETS.format(sections=SECTIONS_PER_ROLE)
        snippet_params = [PER_PAGE, f"{FTS_TEXT_COLUMNS} : ({_fts5_excluding(expression, without)})"]
    sql_parts.append(
        RANKED_SQL.format(
            filters=filter_sql,
            title_hits=title_sql,
            greatest=greatest,
            capped=capped_sql,
            snippet=snippet,
            sections=SECTIONS_PER_ROLE,
            page_snippets=page_snippets,
        )
    )
    params += [
        *title_params,
        *filter_params,
        TITLE_OVERVIEW_BONUS,
        OVERVIEW_BONUS,
        TITLE_COVERAGE_WEIGHT,
        TITLE_EXACTNESS_WEIGHT,
        offset,
        PER_PAGE,
        PER_PAGE,
        offset,
        *snippet_params,
        PER_PAGE,
    ]
    sql = "\n".join(sql_parts)
    if postgres:
        # The work is bounded, so compiling the plan (JIT, 140 ms when the tables have no statistics
        # and the estimates are off) never pays. Every table this query reads is read through an
        # index: the planner hash-joined a few thousand hits to all of roles_role (26 MB), and (before
        # the title-word table) ran the title LIKEs on all 10,000 titles. Sent with the query: one
        # round trip; SET LOCAL lasts to the end of the (implicit or enclosing) transaction. No parallel
        # workers either: starting them costs more than the bounded work (a title step of 3,400 rows
        # went from 4 to 13 ms when the planner chose a parallel plan for a table with dead rows).
        sql = "".join(f"SET LOCAL {setting}; " for setting in _PG_RANKING_SETTINGS) + "\n" + sql
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    total, start, capped_flag = (rows[0][0], rows[0][1], bool(rows[0][2])) if rows else (0, 0, False)
    hits_out: list[RoleHit] = []
    for _n, _start, _capped, pos, role_score, score, slug, title, category, anchor, label, snippet_text in rows:
        if pos is None:
            continue
        if not hits_out or hits_out[-1].slug != slug:
            url = f"/roles/{slug}/"
            hits_out.append(RoleHit(slug=slug, title=title, category=category, url=url, score=float(role_score)))
        if any(section.anchor == anchor for section in hits_out[-1].sections):
            continue  # a Section row and a list can share an anchor: link to it once
        hits_out[-1].sections.append(
            SectionHit(
                anchor=anchor,
                label=label,
                snippet=_render_snippet(snippet_text or ""),
                url=f"/roles/{slug}/#{anchor}",
                score=float(score),
            )
        )
    return _RankedPage(total=total, page=start // PER_PAGE + 1, hits=hits_out, capped=capped_flag and total > 0)


def _render_snippet(raw: str) -> SafeString:
    """Escape the database's text, then mark the words it bracketed with the sentinels."""
    out = []
    marked = False
    for piece in re.split(f"([{SNIPPET_START}{SNIPPET_END}])", raw):
        if piece == SNIPPET_START:
            marked = True
        elif piece == SNIPPET_END:
            marked = False
        elif piece:
            text = escape(piece)
            out.append(f"<mark>{text}</mark>" if marked else text)
    return mark_safe("".join(out))  # noqa: S308 - every piece of text was escaped above


POSTGRES_DID_YOU_MEAN = """
    SELECT c.title, r.slug FROM (
        SELECT g.role_id, MIN(g.title) AS title, SUM(g.closeness) AS closeness
        FROM (
            SELECT m.role_id, m.n, MIN(m.title) AS title, MAX(m.closeness) AS closeness
            FROM ({matches}) AS m
            GROUP BY m.role_id, m.n
        ) AS g
        GROUP BY g.role_id
        ORDER BY closeness DESC, title
        LIMIT 3
    ) AS c JOIN roles_role r ON r.id = c.role_id
    ORDER BY c.closeness DESC, c.title
"""
POSTGRES_DID_YOU_MEAN_MATCH = """
    SELECT w.role_id, %s AS n, w.title, similarity(w.word, %s) AS closeness
    FROM roles_searchtitleword w WHERE w.is_published AND w.word LIKE %s"""


def _did_you_mean(groups: list[_Group], candidates: dict[str, list[str]]) -> list[Suggestion]:
    """Closest role titles to what was typed: one query."""
    # Each word with the query word it stands for (what was typed or its correction, then its closest
    # vocabulary words).
    tagged = [(n, group.corrected or group.token) for n, group in enumerate(groups)]
    for n, group in enumerate(groups):
        tagged += [(n, word) for word in candidates.get(group.token, [])[:2]]
    group_of = {}
    for n, word in tagged:
        if len(word) >= 3:
            group_of.setdefault(word, n)
    words = list(group_of)[:8]
    if not words:
        return []
    if _vendor() == "postgresql":
        # Titles with words starting with these, those holding the most query words first, then the
        # closest spelled: a range scan of the title-word table (migration 0008) per word.
        # (word_similarity() to every title through the trigram index rechecked ~900 titles per word:
        # 48 ms of the 61 ms "xylophone quartz" took.)
        matches = " UNION ALL ".join([POSTGRES_DID_YOU_MEAN_MATCH] * len(words))
        sql = POSTGRES_DID_YOU_MEAN.format(matches=matches)
        params = [value for word in words for value in (group_of[word], word, f"{word}%")]
    else:
        likes = " + ".join(["(lower(title) LIKE %s)"] * len(words))
        sql = (
            f"SELECT title, slug FROM roles_role WHERE is_published AND ({likes}) > 0 "  # noqa: S608
            f"ORDER BY {likes} DESC, title LIMIT 3"
        )
        params = [f"%{word}%" for word in words] * 2
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [Suggestion(label=title, url=f"/roles/{slug}/") for title, slug in cursor.fetchall()]


def _browse(filters: SearchFilters, page: int) -> tuple[int, int, list[Role]]:
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
    return total, page, list(roles.order_by("category__name", "title")[start : start + BROWSE_PER_PAGE])


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
    vocabulary = _vocabulary_and_categories(tokens)
    candidates, categories = vocabulary.candidates, vocabulary.categories
    if not text:
        total, page, roles = _browse(filters, page)
        return SearchResults(
            query="",
            filters=filters,
            results=[],
            total=total,
            page=page,
            num_pages=max(1, math.ceil(total / BROWSE_PER_PAGE)),
            per_page=BROWSE_PER_PAGE,
            notice=notice,
            categories=categories,
            browse_roles=roles,
        )
    groups = _resolve(tokens, candidates)
    if groups:
        ranked = _ranked_page(groups, filters, page, vocabulary, excluded)
    else:
        if excluded:
            notice = " ".join(filter(None, [notice, EXCLUSION_ONLY_NOTICE]))
        ranked = _RankedPage(total=0, page=1, hits=[], capped=False)
    total, page, hits = ranked.total, ranked.page, ranked.hits
    if ranked.capped:
        notice = " ".join(filter(None, [notice, CAPPED_NOTICE.format(count=total)]))
    corrected = ""
    if any(group.corrected for group in groups):
        corrected = " ".join(group.corrected or group.token for group in groups)
    results = SearchResults(
        query=text,
        filters=filters,
        results=hits,
        total=total,
        page=page,
        num_pages=max(1, math.ceil(total / PER_PAGE)),
        per_page=PER_PAGE,
        notice=notice,
        capped=ranked.capped,
        corrected_query=corrected,
        excluded=excluded,
        categories=categories,
    )
    if not total and groups:
        results.did_you_mean = _did_you_mean(groups, candidates)
    return results


# A typed word matches the title words it starts or, when it starts none (a typo), the three
# vocabulary words spelled most like it (pg_trgm, at a similarity of 0.2: a swap of two letters,
# "senoir", shares only a quarter of its trigrams with "senior"). Titles matching the most typed
# words come first, then those starting with the first word, then the closest spelled.
POSTGRES_SUGGEST_WORD = """
    SELECT w.role_id, w.title, %s AS bit FROM roles_searchtitleword w WHERE w.is_published AND w.word LIKE %s
    UNION ALL
    SELECT w.role_id, w.title, %s AS bit FROM roles_searchtitleword w
    WHERE w.is_published AND NOT EXISTS (SELECT 1 FROM roles_searchtitleword WHERE word LIKE %s)
      AND w.word = ANY(ARRAY(
          SELECT term FROM roles_searchterm WHERE term %% %s ORDER BY similarity(term, %s) DESC, term LIMIT 3
      ))"""  # noqa: S608
POSTGRES_SUGGEST = """SET LOCAL pg_trgm.similarity_threshold = 0.2;
    WITH g AS MATERIALIZED (
        SELECT m.role_id, MIN(m.title) AS title, bit_count(bit_or(m.bit)::bit({max_words})) AS matched
        FROM ({words}) AS m GROUP BY m.role_id
    )
    SELECT c.title, r.slug FROM (
        SELECT g.role_id, g.title, g.matched, lower(g.title) LIKE %s AS starts,
               word_similarity(%s, lower(g.title)) AS closeness
        FROM g
        -- Only the titles that can make the list are compared with what was typed.
        WHERE g.matched >= (SELECT MIN(matched) FROM (SELECT matched FROM g ORDER BY matched DESC LIMIT %s) AS top)
        ORDER BY g.matched DESC, starts DESC, closeness DESC, g.title
        LIMIT %s
    ) AS c JOIN roles_role r ON r.id = c.role_id
    ORDER BY c.matched DESC, c.starts DESC, c.closeness DESC, c.title
"""  # noqa: S608


def suggest(prefix: str | None) -> list[Suggestion]:
    """Role titles for the header's as-you-type list, those whose words start with every typed word first.

    SQLite lists only those; PostgreSQL also forgives a mistyped word and fills the list with titles
    holding most of the typed words.
    """
    text, _ = clean_query(prefix)
    tokens = TOKEN_RE.findall(text.lower())[:SUGGEST_TOKENS]
    if not tokens or len(text) < 2:
        return []
    params: list = []
    if _vendor() == "postgresql":
        # From the title-word table (migration 0008): a range scan per typed word. The LIKEs and
        # word_similarity() on roles_role read ~1,700 titles from the heap for "senior netw" (23 ms
        # at 10,000 roles), and a typo matched titles spelled like the whole text, not its words.
        words = " UNION ALL ".join([POSTGRES_SUGGEST_WORD] * len(tokens))
        sql = POSTGRES_SUGGEST.format(words=words, max_words=SUGGEST_TOKENS)
        for n, token in enumerate(tokens):
            params += [1 << n, f"{token}%", 1 << n, f"{token}%", token, token]
        params += [f"{tokens[0]}%", text.lower(), SUGGESTION_LIMIT, SUGGESTION_LIMIT]
    else:
        clauses = []
        for token in tokens:
            clauses.append("(lower(title) LIKE %s OR lower(title) LIKE %s)")
            params += [f"{token}%", f"% {token}%"]
        sql = (
            f"SELECT title, slug FROM roles_role WHERE is_published AND {' AND '.join(clauses)} "  # noqa: S608
            "ORDER BY lower(title) LIKE %s DESC, length(title), title LIMIT %s"
        )
        params += [f"{tokens[0]}%", SUGGESTION_LIMIT]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [Suggestion(label=title, url=f"/roles/{slug}/") for title, slug in cursor.fetchall()]


# ---------------------------------------------------------------------------------------------
# Indexing


def _clean(text: str) -> str:
    return CONTROL_RE.sub(" ", text or "").strip()


def _join(*parts: Iterable[str] | str) -> str:
    lines: list[str] = []
    for part in parts:
        if isinstance(part, str):
            part = [part]
        lines += [_clean(text) for text in part if text and _clean(text)]
    return "\n".join(lines)


def _money(value: int | None, currency: str) -> str:
    return f"{value:,} {currency}" if value else ""


@dataclass(frozen=True)
class _Kind:
    """A kind of content that becomes one entry per role: where it links and what it says."""

    relation: str
    anchor: str
    label: str


# The role page's anchors (issue 3): sections link to their own Section.anchor.
GROUPED_KINDS = {
    Duty: _Kind("duties", "responsibilities", "Responsibilities"),
    Skill: _Kind("skills", "skills", "Skills"),
    Certification: _Kind("certifications", "certifications", "Certifications"),
    Tool: _Kind("tools", "tools", "Tools"),
    Step: _Kind("steps", "how-to-become", "How to become one"),
    EducationPath: _Kind("education_paths", "education", "Education & training"),
    Qualification: _Kind("qualifications", "qualifications", "Qualifications"),
    ProCon: _Kind("pros_cons", "pros-cons", "Pros & cons"),
    CareerLevel: _Kind("career_levels", "career-path", "Career path"),
    RelatedRole: _Kind("related_roles", "related", "Related roles"),
}
SALARY_KIND = _Kind("salary_bands", "salary", "Salary")


def _grouped_text(model, rows: list) -> tuple[str, str]:
    """(heading text B, body text C) for a kind's rows."""
    if model is Skill:
        return _join(r.name for r in rows), _join(r.detail for r in rows)
    if model is Certification:
        return _join(r.name for r in rows), ""
    if model is Tool:
        return _join(r.name for r in rows), _join(r.category for r in rows)
    if model is EducationPath:
        return _join(r.name for r in rows), _join(r.description for r in rows)
    if model is CareerLevel:
        return _join(r.title for r in rows), _join(_join(r.description, r.focus_area_list) for r in rows)
    if model is RelatedRole:
        return _join(r.title for r in rows), _join(r.blurb for r in rows)
    if model is Qualification:
        return "", _join(f"{r.group}: {r.text}" for r in rows)
    return "", _join(r.text for r in rows)


def _salary_text(role: Role, bands: list) -> tuple[str, str]:
    heading = _join(band.label for band in bands)
    body = _join(
        f"Median salary {_money(role.median_salary, role.median_salary_currency)}" if role.median_salary else "",
        (
            " ".join(
                filter(
                    None,
                    [band.region, _money(band.min, band.currency), _money(band.median, band.currency)],
                )
            )
            for band in bands
        ),
    )
    return heading, body


# The columns an entry's text functions produce, in this order (the bulk path writes them as rows).
ENTRY_COLUMNS = ("kind", "source_pk", "anchor", "label", "order", "title", "heading", "body")


def _fields(kind: str, anchor: str, label: str, order: int, *, title="", heading="", body="", pk=None) -> tuple:
    return (kind, pk, anchor[:100], _clean(label)[:300], order, _clean(title), _join(label, heading), body)


def _entry(role: Role, fields: tuple | None) -> SearchEntry | None:
    if fields is None:
        return None
    return SearchEntry(role=role, **dict(zip(ENTRY_COLUMNS, fields, strict=True)))


# The *_fields functions read only attributes, so they take model instances (the per-role path)
# and the plain rows of the bulk path alike: one definition of what an entry says.
def _overview_fields(role) -> tuple:
    body = _join(role.summary, role.typical_education, role.typical_experience, role.employer_types)
    body = _join(body, role.growth_outlook)
    return _fields("overview", "overview", "Overview", 0, title=role.title, body=body)


def _section_fields(section) -> tuple:
    return _fields(
        "section", section.anchor, section.heading, 100 + section.order, body=_clean(section.body), pk=section.pk
    )


def _faq_fields(faq) -> tuple:
    return _fields("faq", "faq", f"FAQ: {faq.question}", 1000 + faq.order, body=_clean(faq.answer), pk=faq.pk)


def _grouped_fields(model, rows: list) -> tuple | None:
    if not rows:
        return None
    kind = GROUPED_KINDS[model]
    heading, body = _grouped_text(model, rows)
    order = 10 + list(GROUPED_KINDS).index(model)
    return _fields(kind.relation, kind.anchor, kind.label, order, heading=heading, body=body)


def _salary_fields(role, bands: list) -> tuple | None:
    if not bands and not role.median_salary:
        return None
    heading, body = _salary_text(role, bands)
    return _fields(SALARY_KIND.relation, SALARY_KIND.anchor, SALARY_KIND.label, 30, heading=heading, body=body)


def _overview_entry(role: Role) -> SearchEntry:
    return _entry(role, _overview_fields(role))


def _section_entry(role: Role, section: Section) -> SearchEntry:
    return _entry(role, _section_fields(section))


def _faq_entry(role: Role, faq: FAQ) -> SearchEntry:
    return _entry(role, _faq_fields(faq))


def _grouped_entry(role: Role, model, rows: list) -> SearchEntry | None:
    return _entry(role, _grouped_fields(model, rows))


def _salary_entry(role: Role, bands: list) -> SearchEntry | None:
    return _entry(role, _salary_fields(role, bands))


def _role_entries(role: Role) -> list[SearchEntry]:
    """Every entry of a role, from its prefetched relations."""
    entries = [_overview_entry(role)]
    entries += [_section_entry(role, section) for section in role.sections.all()]
    for model, kind in GROUPED_KINDS.items():
        entries.append(_grouped_entry(role, model, list(getattr(role, kind.relation).all())))
    entries.append(_salary_entry(role, list(role.salary_bands.all())))
    entries += [_faq_entry(role, faq) for faq in role.faqs.all()]
    return [entry for entry in entries if entry is not None]


def _store(entries: list[SearchEntry]) -> None:
    """Insert entries and add their words to the vocabulary (existing words are skipped)."""
    SearchEntry.objects.bulk_create(entries, batch_size=500)
    words = set()
    for entry in entries:
        for text in (entry.title, entry.heading, entry.body):
            words.update(word.lower() for word in TERM_RE.findall(text))
    if words:
        SearchTerm.objects.bulk_create(
            [SearchTerm(term=word) for word in sorted(words)], ignore_conflicts=True, batch_size=1000
        )


# Inside ``search_index_deferred`` the signal handlers only note which roles changed.
_deferred_role_ids: ContextVar[set[int] | None] = ContextVar("search_index_deferred", default=None)


@contextmanager
def search_index_deferred() -> Iterator[None]:
    """Note the roles written inside the block and rebuild each once at its end (for bulk imports).

    ``loaddata`` runs inside one (see roles/management/commands/load_catalog.py): re-indexing after
    every one of a role's hundreds of rows would make loading several times slower.
    """
    if _deferred_role_ids.get() is not None:  # already deferring: the outer block rebuilds
        yield
        return
    token = _deferred_role_ids.set(set())
    try:
        yield
        touched = _deferred_role_ids.get()
    finally:
        _deferred_role_ids.reset(token)
    if touched:
        search_index_rebuild(roles=touched)


def search_index_rebuild(*, roles: Iterable[Role | int] | None = None, chunk_size: int = 200) -> int:
    """Rebuild the index entries of ``roles`` (roles or ids; all roles when None); returns entries written."""
    role_ids = None if roles is None else [getattr(role, "pk", role) for role in roles]
    queryset = Role.objects.order_by("pk").prefetch_related(
        "sections",
        *(kind.relation for kind in GROUPED_KINDS.values()),
        "salary_bands",
        "faqs",
    )
    if role_ids is not None:
        queryset = queryset.filter(pk__in=role_ids)
    written = 0
    with transaction.atomic():
        if role_ids is None:
            SearchEntry.objects.all().delete()
            SearchTerm.objects.all().delete()
        last_pk = 0
        while True:
            chunk = list(queryset.filter(pk__gt=last_pk)[:chunk_size])
            if not chunk:
                break
            last_pk = chunk[-1].pk
            if role_ids is not None:
                SearchEntry.objects.filter(role__in=chunk).delete()
            entries = [entry for role in chunk for entry in _role_entries(role)]
            _store(entries)
            written += len(entries)
    return written


# ---------------------------------------------------------------------------------------------
# Bulk indexing: the same entries as ``search_index_rebuild``, for thousands of roles at once.

# The columns each kind's text functions read (besides role_id and the model's ordering).
_BULK_COLUMNS = {
    Section: ("id", "anchor", "heading", "body", "order"),
    FAQ: ("id", "question", "answer", "order"),
    Duty: ("text",),
    Skill: ("name", "detail"),
    Certification: ("name",),
    Tool: ("name", "category"),
    Step: ("text",),
    EducationPath: ("name", "description"),
    Qualification: ("group", "text"),
    ProCon: ("text",),
    CareerLevel: ("title", "description", "focus_areas"),
    RelatedRole: ("title", "blurb"),
}
_BULK_SALARY_COLUMNS = ("label", "region", "min", "median", "currency")
_BULK_ROLE_COLUMNS = (
    "id",
    "title",
    "summary",
    "typical_education",
    "typical_experience",
    "top_employer_types",
    "growth_outlook",
    "median_salary",
    "median_salary_currency",
)


class _Row:
    """A content row as the *_fields functions see it: attributes only, no model instance."""

    def __init__(self, values: dict):
        self.__dict__ = values

    @property
    def pk(self):
        return self.__dict__["id"]

    @property
    def focus_area_list(self) -> list[str]:  # as CareerLevel.focus_area_list
        return _lines(self.__dict__["focus_areas"])

    @property
    def employer_types(self) -> list[str]:  # as Role.employer_types
        return _lines(self.__dict__["top_employer_types"])


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _bulk_rows(model, columns: tuple, role_ids: list[int]) -> dict[int, list[_Row]]:
    """Rows of ``model`` for ``role_ids``, per role, in the order the role's related manager gives them."""
    queryset = model._default_manager.filter(role_id__in=role_ids)
    queryset = queryset.order_by("role_id", *(model._meta.ordering or ["id"])).values_list("role_id", *columns)
    by_role: dict[int, list[_Row]] = {}
    for role_id, *values in queryset.iterator(chunk_size=5000):
        by_role.setdefault(role_id, []).append(_Row(dict(zip(columns, values, strict=True))))
    return by_role


def _bulk_entries(role_ids: list[int]) -> list[tuple]:
    """(role_id, *ENTRY_COLUMNS) rows for ``role_ids``, in the per-role path's order: a query per kind."""
    salary_model = Role._meta.get_field("salary_bands").related_model
    rows = {model: _bulk_rows(model, columns, role_ids) for model, columns in _BULK_COLUMNS.items()}
    bands = _bulk_rows(salary_model, _BULK_SALARY_COLUMNS, role_ids)
    roles = Role.objects.filter(pk__in=role_ids).order_by("pk").values_list(*_BULK_ROLE_COLUMNS)
    out: list[tuple] = []
    for values in roles:
        role = _Row(dict(zip(_BULK_ROLE_COLUMNS, values, strict=True)))
        role_id = role.pk
        content = {model: by_role.get(role_id, []) for model, by_role in rows.items()}
        out += _role_rows(role, content, bands.get(role_id, []))
    return out


def _role_rows(role: _Row, content: dict, bands: list) -> list[tuple]:
    """(role_id, *ENTRY_COLUMNS) rows of one role from plain rows (content: model -> rows in page order)."""
    fields = [_overview_fields(role)]
    fields += [_section_fields(section) for section in content.get(Section, [])]
    fields += [_grouped_fields(model, content.get(model, [])) for model in GROUPED_KINDS]
    fields.append(_salary_fields(role, bands))
    fields += [_faq_fields(faq) for faq in content.get(FAQ, [])]
    return [(role.pk, *entry) for entry in fields if entry is not None]


def bulk_index_columns() -> dict[type, tuple[str, ...]]:
    """The fields each model's entry text reads (Role and salary bands included), for ``entry_rows``."""
    salary_model = Role._meta.get_field("salary_bands").related_model
    order = ("order", "id")  # RoleContent's ordering: the order of the role page and of the per-role path
    columns = {model: tuple(dict.fromkeys((*names, *order))) for model, names in _BULK_COLUMNS.items()}
    columns[salary_model] = (*_BULK_SALARY_COLUMNS, *order)
    columns[Role] = _BULK_ROLE_COLUMNS
    return columns


def entry_rows(role: dict, content: dict[type, list[dict]]) -> list[tuple]:
    """A role's index rows from values held in memory (as ``bulk_index_columns`` names them), for a
    caller that has just written them (generate_catalog) and need not read them back: the same rows
    ``search_index_rebuild`` makes from the database."""
    salary_model = Role._meta.get_field("salary_bands").related_model
    ordered = {
        model: [_Row(values) for values in sorted(rows, key=lambda v: (v["order"], v["id"]))]
        for model, rows in content.items()
    }
    return _role_rows(_Row(role), ordered, ordered.pop(salary_model, []))


def _copy_text(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, str):
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return str(value)


# The tsvector the migration's trigger computes (roles/migrations/0002_search_index.py), for the
# bulk path to compute once per distinct text.
_PG_VECTOR_SQL = """
    SELECT tsvectorsend(setweight(to_tsvector('english', coalesce(t.title, '')), 'A') ||
            setweight(to_tsvector('english', coalesce(t.heading, '')), 'B') ||
            setweight(to_tsvector('english', coalesce(t.body, '')), 'C'))
    FROM unnest(%s::text[], %s::text[], %s::text[]) WITH ORDINALITY AS t(title, heading, body, n)
    ORDER BY t.n
"""


def _pg_vectors(rows: list[tuple]) -> dict[tuple, bytes]:
    """(title, heading, body) -> tsvector in binary form, once per distinct text, on this thread's
    connection (a producer thread of generate_catalog computes them on a second connection, on the
    other core). Binary, because parsing the text form back on COPY cost as much as storing it."""
    distinct = list(dict.fromkeys(row[-3:] for row in rows))
    with connection.cursor() as cursor:
        cursor.execute(_PG_VECTOR_SQL, [list(texts) for texts in zip(*distinct, strict=True)])
        return dict(zip(distinct, (bytes(vector) for (vector,) in cursor.fetchall()), strict=True))


def _pg_can_skip_triggers(cursor) -> bool:
    cursor.execute("SELECT current_setting('is_superuser') = 'on'")
    return cursor.fetchone()[0]


def _pg_copy_payload(rows: list[tuple], vectors: dict | None) -> str | bytes:
    """COPY data of entry rows: text, or binary with each row's tsvector when ``vectors`` is given."""
    if vectors is None:
        return "".join("\t".join(map(_copy_text, row)) + "\n" for row in rows)
    # COPY's binary format: a header, then per row a field count and (length, bytes) per field
    # (length -1: NULL), then -1. Columns as in _bulk_write: role, ENTRY_COLUMNS, search_vector.
    int8, int4 = struct.Struct(">iq").pack, struct.Struct(">ii").pack  # (length, value)
    length = struct.Struct(">i").pack

    def text(value: str) -> bytes:
        data = value.encode()
        return length(len(data)) + data

    field_count = struct.pack(">h", len(ENTRY_COLUMNS) + 2)
    out = [b"PGCOPY\n\xff\r\n\x00", b"\x00" * 8]
    for role_id, kind, source_pk, anchor, label, order, title, heading, body in rows:
        vector = vectors[(title, heading, body)]
        out += [
            field_count,
            int8(8, role_id),
            text(kind),
            b"\xff\xff\xff\xff" if source_pk is None else int8(8, source_pk),
            text(anchor),
            text(label),
            int4(4, order),
            text(title),
            text(heading),
            text(body),
            length(len(vector)) + vector,
        ]
    out.append(b"\xff\xff")
    return b"".join(out)


def _bulk_write(rows: list[tuple], prepared: str | bytes | None = None) -> None:
    """Insert entry rows: COPY on PostgreSQL, executemany on SQLite (the FTS5 trigger indexes them).

    On PostgreSQL, turning text into a tsvector is most of the cost, and generated roles repeat
    most of their texts (only ~1 in 5 entries differs from every other role's), so as a superuser
    the vectors are computed once per distinct (title, heading, body) with the trigger's own
    expression and copied in with the row-level triggers off (session_replication_role, as
    pg_restore does); the only other trigger is the role foreign key, whose ids were just read from
    roles_role in this transaction. Otherwise the trigger computes every row's vector.
    ``prepared`` is the COPY data from ``BulkIndex.prepare`` (built off this thread), if any.
    """
    if not rows:
        return
    columns = ["role", *ENTRY_COLUMNS]
    with connection.cursor() as cursor:
        if _vendor() == "postgresql":
            # lz4 compresses the long bodies (TOAST) several times faster than the default pglz; the
            # setting is restored after the COPY and the values read back the same either way.
            cursor.execute(
                "SELECT current_setting('default_toast_compression'), EXISTS (SELECT FROM pg_settings "
                "WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals))"
            )
            compression, has_lz4 = cursor.fetchone()
            if has_lz4:
                cursor.execute("SET LOCAL default_toast_compression = lz4")
            skip_triggers = _pg_can_skip_triggers(cursor)
            if prepared is None:
                prepared = _pg_copy_payload(rows, _pg_vectors(rows) if skip_triggers else None)
            if skip_triggers:
                columns.append("search_vector")
                cursor.execute("SELECT current_setting('session_replication_role')")
                previous = cursor.fetchone()[0]
                cursor.execute("SET LOCAL session_replication_role = replica")
            # One read of the whole text: psycopg2 releases the GIL while it sends, so a producer
            # thread keeps working instead of handing the GIL back for every 8 KB block.
            binary = isinstance(prepared, bytes)
            cursor.cursor.copy_expert(
                f"COPY {_names(SearchEntry, columns)} FROM STDIN{' WITH (FORMAT binary)' if binary else ''}",
                io.BytesIO(prepared) if binary else io.StringIO(prepared),
                size=len(prepared) + 1,
            )
            if skip_triggers:
                cursor.execute("SELECT set_config('session_replication_role', %s, true)", [previous])
            if has_lz4:
                cursor.execute("SELECT set_config('default_toast_compression', %s, true)", [compression])
        else:
            marks = ", ".join("%s" for _ in columns)
            # Names come from model metadata, values are parameters.
            cursor.executemany(f"INSERT INTO {_names(SearchEntry, columns)} VALUES ({marks})", rows)  # noqa: S608


def _names(model, fields: list[str]) -> str:
    """``table (column, ...)`` for a model's fields, quoted."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    return f"{quote(model._meta.db_table)} ({columns})"


def _bulk_terms(words: set[str]) -> None:
    """Add words to the vocabulary in one statement (PostgreSQL) or one executemany (SQLite)."""
    if not words:
        return
    table = connection.ops.quote_name(SearchTerm._meta.db_table)
    with connection.cursor() as cursor:
        if _vendor() == "postgresql":
            cursor.execute(
                f"INSERT INTO {table} (term) SELECT unnest(%s::text[]) ORDER BY 1 ON CONFLICT (term) DO NOTHING",  # noqa: S608
                [sorted(words)],
            )
        else:
            cursor.executemany(f"INSERT OR IGNORE INTO {table} (term) VALUES (%s)", [(w,) for w in sorted(words)])  # noqa: S608


def search_index_rebuild_bulk(*, roles: Iterable[Role | int] | None = None, chunk_size: int = 500) -> int:
    """Rebuild the index entries of ``roles`` (all roles when None) in bulk; returns entries written.

    Writes exactly what ``search_index_rebuild`` writes (the same *_fields functions make the text;
    tests/roles/test_search_bulk.py compares the two row by row), but reads each kind of content for
    ``chunk_size`` roles with one query of plain values instead of prefetching model instances, and
    writes entries with COPY / executemany: for the 10,000-role generated catalog the per-role path
    takes 10-25 minutes.
    """
    if roles is None:
        role_ids = list(Role.objects.order_by("pk").values_list("pk", flat=True))
    else:
        role_ids = sorted({getattr(role, "pk", role) for role in roles})
    written = 0
    with transaction.atomic():
        if roles is None:
            SearchEntry.objects.all().delete()
            SearchTerm.objects.all().delete()
        index = BulkIndex()
        for start in range(0, len(role_ids), chunk_size):
            chunk = role_ids[start : start + chunk_size]
            if roles is not None:
                SearchEntry.objects.filter(role_id__in=chunk).delete()
            rows = _bulk_entries(chunk)
            index.write(rows, index.prepare(rows))
            written += len(rows)
        index.finish()
    return written


class BulkIndex:
    """Index rows written chunk by chunk inside the caller's transaction, the vocabulary at the end.

    ``prepare`` notes a chunk's words and, on PostgreSQL as a superuser, computes its tsvectors on the
    calling thread's own connection; it writes nothing, so a producer thread can prepare the next chunk
    (on the other core) while ``write`` copies this one. Create it, ``write`` and ``finish`` on the
    thread that holds the transaction.
    """

    def __init__(self):
        self.raw_words: set[str] = set()
        self.seen_lines: set[str] = set()
        self.pg = _vendor() == "postgresql"
        self.pg_vectors = False
        if self.pg:
            with connection.cursor() as cursor:
                self.pg_vectors = _pg_can_skip_triggers(cursor)

    def prepare(self, rows: list[tuple]) -> str | bytes | None:
        # Words never span lines, and most lines recur across roles: scan each distinct line once.
        lines: set[str] = set()
        for row in rows:
            for text in row[-3:]:  # title, heading, body: the last three columns
                lines.update(text.split("\n"))
        for line in lines - self.seen_lines:
            self.raw_words.update(TERM_RE.findall(line))
        self.seen_lines |= lines
        if not self.pg or not rows:
            return None
        return _pg_copy_payload(rows, _pg_vectors(rows) if self.pg_vectors else None)

    def write(self, rows: list[tuple], prepared: str | bytes | None) -> None:
        _bulk_write(rows, prepared)

    def finish(self) -> None:
        _bulk_terms({word.lower() for word in self.raw_words})


def search_title_words_rebuild() -> None:
    """PostgreSQL: rewrite the title-word table (migration 0008) after a load that ran with triggers off."""
    if _vendor() == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT roles_searchtitleword_rebuild()")


# The GIN indexes of the search (migrations 0002 and 0008). New rows wait in a GIN index's pending
# list, which every search reads through, until a vacuum merges them.
_PG_GIN_INDEXES = ("searchentry_vector_gin", "searchterm_term_trgm", "searchtitleword_word_trgm")


def search_index_settle() -> None:
    """PostgreSQL, after a bulk write: fresh planner statistics and merged GIN pending lists.

    Search judges a query word broad or narrow from the statistics of the index (pg_stats), and after
    two million new rows they are stale; autovacuum, which would refresh them and merge the pending
    lists, may be off or minutes away. Run outside the write's transaction, so its rows are visible.
    """
    if _vendor() != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE roles_role, roles_searchentry, roles_searchterm, roles_searchtitleword")
        cursor.execute(
            "SELECT gin_clean_pending_list(to_regclass(name)) FROM unnest(%s::text[]) AS name "
            "WHERE to_regclass(name) IS NOT NULL",
            [list(_PG_GIN_INDEXES)],
        )


def _deferred(role_id: int | None) -> bool:
    touched = _deferred_role_ids.get()
    if touched is None:
        return False
    if role_id is not None:
        touched.add(role_id)
    return True


def search_index_row_saved(*, instance) -> None:
    """Re-index what one saved content row (or role) changes: its own entry, or its kind's entry."""
    if _deferred(instance.pk if isinstance(instance, Role) else instance.role_id):
        return
    if isinstance(instance, Role):
        with transaction.atomic(savepoint=False):
            SearchEntry.objects.filter(role=instance, kind__in=["overview", SALARY_KIND.relation]).delete()
            bands = list(instance.salary_bands.all())
            _store([e for e in (_overview_entry(instance), _salary_entry(instance, bands)) if e is not None])
        return
    role = Role(pk=instance.role_id)
    _reindex_kind(role, type(instance), instance=instance)


def search_index_row_deleted(*, instance, origin=None) -> None:
    """Drop or rebuild the entry a deleted content row fed, unless its whole role is going."""
    if isinstance(origin, Role) or getattr(getattr(origin, "model", None), "__name__", "") == "Role":
        return
    if isinstance(instance, Role) or _deferred(instance.role_id):
        return
    if not Role.objects.filter(pk=instance.role_id).exists():
        return
    _reindex_kind(Role(pk=instance.role_id), type(instance), instance=instance, deleted=True)


def _reindex_kind(role: Role, model, *, instance, deleted: bool = False) -> None:
    with transaction.atomic(savepoint=False):
        if model in (Section, FAQ):
            kind = "section" if model is Section else "faq"
            SearchEntry.objects.filter(role=role, kind=kind, source_pk=instance.pk).delete()
            if not deleted:
                make = _section_entry if model is Section else _faq_entry
                _store([make(role, instance)])
            return
        if model in GROUPED_KINDS:
            kind = GROUPED_KINDS[model]
            rows = list(model.objects.filter(role_id=role.pk).order_by("order", "id"))
            SearchEntry.objects.filter(role=role, kind=kind.relation).delete()
            entry = _grouped_entry(role, model, rows)
        else:  # a salary band
            full_role = Role.objects.filter(pk=role.pk).first()
            if full_role is None:
                return
            rows = list(model.objects.filter(role_id=role.pk).order_by("order", "id"))
            SearchEntry.objects.filter(role=role, kind=SALARY_KIND.relation).delete()
            entry = _salary_entry(full_role, rows)
        if entry is not None:
            _store([entry])


def index_saved_row(sender, instance, **kwargs) -> None:
    """post_save receiver for the models in ``roles.apps.SEARCH_INDEXED_MODELS``."""
    search_index_row_saved(instance=instance)


def index_deleted_row(sender, instance, origin=None, **kwargs) -> None:
    """post_delete receiver for the models in ``roles.apps.SEARCH_INDEXED_MODELS``."""
    search_index_row_deleted(instance=instance, origin=origin)
