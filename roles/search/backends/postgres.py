"""Search on PostgreSQL: weighted tsvectors and ts_rank, pg_trgm for typos, a title-word table.

What the database keeps (migrations 0002 and 0006-0011): each entry's ``search_vector``, computed by
``roles_searchentry_vector()`` in a trigger, with a GIN index; a pg_trgm index on the vocabulary;
``roles_searchtitleword``, one narrow row per distinct word of each role's lower-cased title with
the columns the filters read, kept by triggers on roles_role; raised lexeme statistics on the
vectors, which tell a broad word from a narrow one. The 10,000-role catalog is the target here
(p95 under 30 ms, docs/performance.md). Bulk index writes are in ``postgres_copy``.
"""

from __future__ import annotations

from django.db import connection

from roles.search.backends.base import (
    CAPPED,
    CATEGORIES_SQL,
    WEIGHT_BODY,
    WEIGHT_HEADING,
    WEIGHT_TITLE,
    Bounds,
    RankingParts,
    SearchBackend,
    Vocabulary,
)
from roles.search.backends.postgres_copy import PostgresEntryWriter
from roles.search.query import (
    LONG_WORD,
    MAX_TOKENS,
    SUGGEST_TOKENS,
    SYNONYMS,
    WordGroup,
    adjacent_pairs,
    title_words,
)
from roles.search.results import SNIPPET_END, SNIPPET_START

# A safety bound for a narrow lookup when PostgreSQL has no statistics yet (never ANALYZEd).
ENTRY_CANDIDATES = 5000
# A role page has ~45 entries (24 sections, 7 FAQs, one per list); this only bounds the estimate.
ENTRIES_PER_ROLE_CAP = 200

# How many entries hold each frequent lexeme, from the planner's statistics (ANALYZE keeps the most
# frequent; migration 0007 raises how many, so every word in more than a few hundred entries of a
# 10,000-role catalog is listed). A word that is not listed is rare. Read once per search.
LEXEME_ENTRIES = """
    SELECT e.elem, e.freq * (SELECT reltuples FROM pg_class WHERE oid = 'roles_searchentry'::regclass) AS n
    FROM pg_stats s
    CROSS JOIN LATERAL unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS e(elem, freq)
    WHERE s.schemaname = current_schema() AND s.tablename = 'roles_searchentry' AND s.attname = 'search_vector'
      AND e.elem IS NOT NULL
"""


def candidates_sql(n: int, token: str) -> str:
    """Token ``n``'s candidate words: the 8 shortest words it starts (itself first), as on SQLite, or,
    when it starts none (a typo), the best 12 of the words spelled like it (pg_trgm) and for longer
    tokens the words sharing its first three letters.

    Each kind is read through its own index (the varchar_pattern_ops btree for LIKE, the trigram GIN
    for %%) and the typo kinds only when the token starts no word: ORed in one WHERE, the planner
    scanned the whole vocabulary and computed a similarity for every word, 2 ms a token at 2,000
    words. The LIKE patterns are parameters ending in '%%' (``candidates_params``); tokens are letters
    and digits only, so neither holds a LIKE wildcard of its own.
    """
    order = f"term = %(token_{n})s DESC, similarity(term, %(token_{n})s) DESC, term"
    same_start = f"UNION SELECT term FROM roles_searchterm WHERE term LIKE %(start_{n})s"  # noqa: S608
    if len(token) < 5:
        same_start = ""
    return f"""
    SELECT * FROM (
        SELECT %(token_{n})s::text AS tok, term FROM roles_searchterm WHERE term LIKE %(prefix_{n})s
        ORDER BY length(term), term LIMIT 8
    ) AS prefixed
    UNION ALL
    SELECT * FROM (
        SELECT %(token_{n})s::text AS tok, term FROM (
            SELECT term FROM roles_searchterm WHERE term %% %(token_{n})s
            {same_start}
        ) AS t
        WHERE NOT EXISTS (SELECT 1 FROM roles_searchterm WHERE term LIKE %(prefix_{n})s)
        ORDER BY {order} LIMIT 12
    ) AS spelled_like"""  # noqa: S608


def candidates_params(n: int, token: str) -> dict:
    return {f"token_{n}": token, f"prefix_{n}": f"{token}%", f"start_{n}": f"{token[:3]}%"}


def vocabulary_sql(candidates: str) -> str:
    """Categories, candidates, and how many entries hold each candidate.

    Words spelled like a token are those sharing a fifth of their trigrams with it (the default is
    0.3): "clinical" shares only 0.29 with "critical", two edits away, which SQLite's trigram lookup
    offers and the typo rule (``roles.search.query.close_words``) accepts for a word that long."""
    return f"""SET LOCAL pg_trgm.similarity_threshold = 0.2;
WITH candidates AS ({candidates}),
lexemes AS MATERIALIZED ({LEXEME_ENTRIES}),
words AS (SELECT term AS word FROM candidates UNION SELECT unnest(%(words)s::text[])),
word_lexemes AS (SELECT w.word, unnest(tsvector_to_array(to_tsvector('english', w.word))) AS lexeme FROM words w)
{CATEGORIES_SQL}
UNION ALL SELECT 'term', tok, term FROM candidates
UNION ALL SELECT 'entries', w.word, COALESCE(SUM(l.n), 0)::text
    FROM word_lexemes w LEFT JOIN lexemes l ON l.elem = w.lexeme GROUP BY w.word
"""  # noqa: S608


def tsquery(groups: list[WordGroup]) -> str:
    """A to_tsquery expression: quoted words of letters and digits joined by "|".

    A prefix stands for the vocabulary words it starts (``WordGroup.expansions``), as on SQLite, and
    not for ``'prefix':*``: the english configuration stems the prefix, and a stemmed prefix longer
    than the words' stem ("certifica", stem "certif") matched nothing."""
    return " | ".join(f"'{word}'" for group in groups for word in group.words + group.expansions)


def bits_sql(group_count: int) -> str:
    """Which word groups an entry holds, group n as 2**n (the ranking's first rule)."""
    cases = (
        f"CASE WHEN e.search_vector @@ to_tsquery('english', %(group_tsquery_{n})s) THEN {1 << n} ELSE 0 END"
        for n in range(group_count)
    )
    return f"({' + '.join(cases)})"


def phrase_tsquery(pairs: list[tuple[list[str], list[str]]]) -> str:
    """Any pair's words as a phrase (either word of the first followed by either of the second) in a
    section's own text, as SQLite's phrases in its heading and body columns: the vector joins title (A),
    headings (B) and body (C), so each of the two weights is asked for (the title, the role's in every
    entry, is left out, and no phrase runs from one column into the next)."""

    def weighted(words: list[str], weight: str) -> str:
        return " | ".join(f"'{word}':{weight}" for word in words)

    return " | ".join(f"(({weighted(first, w)}) <-> ({weighted(second, w)}))" for first, second in pairs for w in "BC")


def near_sql(group_count: int, vector: str, bits: str) -> str:
    """Proximity (``backends.base.PROXIMITY_WEIGHT``): 1 when the entry holds a pair of neighbouring query
    words as a phrase. The phrases are tested only on entries holding both words of a pair (bits n and
    n + 1): positions are costly to read."""
    if group_count < 2:
        return "CAST(0 AS DOUBLE PRECISION)"
    return (
        f"CASE WHEN ({bits} & ({bits} >> 1)) <> 0 AND {vector} @@ to_tsquery('english', %(pairs_tsquery)s) "
        "THEN CAST(1 AS DOUBLE PRECISION) ELSE 0 END"
    )


# The roles whose titles hold the most query words, from the title-word table (migration 0008), so
# roles_role (2.6 KB a row) is not read at all: per query word a range scan of the word index
# (a constant ``r.word LIKE 'word%'``, tagged with its group's bit and whether it has three letters or
# more), then per role the share of groups its title holds (each group a bit; one aggregation, as a
# count of distinct groups took a second one or a sort). A role must match a word of three letters or
# more (shorter words match too many titles to choose by). The window runs on the chosen rows only.
def title_match_sql(k: int, bit: int, long: bool, filters: str) -> str:
    return f"""
    SELECT r.role_id, {bit} AS bit, {"TRUE" if long else "FALSE"} AS long, r.title, r.title_words
    FROM roles_searchtitleword r WHERE {filters} AND r.word LIKE %(title_word_{k})s"""  # noqa: S608


def title_roles_sql(matches: str) -> str:
    return f"""
    SELECT t.role_id, ROW_NUMBER() OVER (ORDER BY t.th DESC, t.th / t.title_words DESC, t.title, t.role_id) AS pos
    FROM (
        SELECT a.* FROM (
            SELECT w.role_id, w.title, w.title_words,
                   CAST(bit_count(bit_or(w.bit)::bit({MAX_TOKENS})) AS DOUBLE PRECISION) / %(group_count)s AS th
            FROM ({matches}) AS w
            GROUP BY w.role_id, w.title, w.title_words
            HAVING bool_or(w.long)
        ) AS a
        ORDER BY a.th DESC, a.th / a.title_words DESC, a.title, a.role_id
        LIMIT (SELECT role_candidates + 1 FROM knobs)
    ) AS t
    ORDER BY pos
"""  # noqa: S608


# ts_rank weights are {D, C, B, A}; scaled so the A/B/C ratios match the SQLite column weights.
RANK = f"""ts_rank('{{0, {WEIGHT_BODY / 10}, {WEIGHT_HEADING / 10}, {WEIGHT_TITLE / 10}}}', e.search_vector,
                   to_tsquery('english', %(tsquery)s), 1)"""


def group_weights_sql(bits: str, broad: list[bool]) -> str:
    """With a broad word, as on SQLite: an entry scores the groups it holds, a narrow one (rarer) twice.
    (ts_rank would weigh the same entries differently from the bm25 SQLite cannot afford here.)"""
    terms = (f"(({bits} >> {n}) & 1) * {1 if is_broad else 2}" for n, is_broad in enumerate(broad))
    # A float, as ts_rank's: the sums and sorts above run on PostgreSQL's slower numeric otherwise.
    return f"CAST({' + '.join(terms)} AS DOUBLE PRECISION)"


# Entries holding a narrow word: all of them, through the GIN index. ``score`` reads ``n.rank`` and
# ``n.bits``.
def narrow_hits_sql(bits: str, score: str, near: str) -> str:
    return f"""
narrow_hits AS (
    SELECT n.entry_id, n.role_id, n.kind, {score} AS score, n.bits, {near} AS near FROM (
        SELECT e.id AS entry_id, e.role_id, e.kind, {RANK} AS rank, {bits} AS bits, e.search_vector
        FROM roles_searchentry e
        WHERE e.search_vector @@ to_tsquery('english', %(narrow_tsquery)s)
        LIMIT {ENTRY_CANDIDATES}
    ) AS n
)"""  # noqa: S608


NARROW_CAPPED = f"(SELECT COUNT(*) FROM narrow_hits) >= {ENTRY_CANDIDATES}"  # noqa: S608
# The entries of the scoped roles are read one by one anyway: an excluded word is one more test of
# each (the narrow words' lookup has it in its tsquery).
SCOPED_EXCLUSION = "AND NOT (e.search_vector @@ to_tsquery('english', %(excluded_tsquery)s))"


def scoped_hits_sql(exclusion: str, bits: str, score: str, near: str) -> str:
    """The scoped roles' entries, reached through the role index and kept when they hold a word group.

    Not "@@" in the WHERE clause: ANDed with the role index the planner would read a broad word's
    whole posting list in the GIN index. The LIMIT keeps the subquery a per-role index lookup
    (flattened, it became a scan of the whole table). ``score`` and ``near`` read ``e.bits``.
    """
    return f"""
scoped_hits AS (
    SELECT e.entry_id, e.role_id, e.kind, {score} AS score, e.bits, {near} AS near
    FROM scope t CROSS JOIN LATERAL (
        SELECT e.id AS entry_id, e.role_id, e.kind, {bits} AS bits, e.search_vector
        FROM roles_searchentry e
        WHERE e.role_id = t.role_id {exclusion}
        LIMIT {ENTRIES_PER_ROLE_CAP}
    ) AS e
    WHERE e.bits > 0
)"""  # noqa: S608


HEADLINE_OPTIONS = f"""'StartSel="{SNIPPET_START}", StopSel="{SNIPPET_END}", MaxWords=30, MinWords=12,
    ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "'"""


# As SQLite's snippet() does, the text of one column: the body when a query word is marked in it, else
# the headings, else the title (an FAQ's answer often repeats its question: both together read twice).
# Whether the body holds a word is read from its headline, not from a to_tsvector() of its whole text;
# OFFSET 0 keeps each headline made once (pulled up, the planner copied it into every reference).
def _headline(column: str) -> str:
    return f"ts_headline('english', {column}, to_tsquery('english', %(tsquery)s), {HEADLINE_OPTIONS})"


SNIPPET_MARKED = f"strpos(%s, '{SNIPPET_START}') > 0"
SNIPPET = f"""(SELECT CASE WHEN {SNIPPET_MARKED % "b.h"} THEN b.h WHEN {SNIPPET_MARKED % "hd.h"} THEN hd.h
                  ELSE {_headline("e.title")} END
    FROM (SELECT {_headline("e.body")} AS h OFFSET 0) AS b,
         LATERAL (SELECT CASE WHEN {SNIPPET_MARKED % "b.h"} THEN '' ELSE {_headline("e.heading")} END AS h
                  OFFSET 0) AS hd)"""  # noqa: S608

# Planner settings for the ranking query, sent with it (one round trip); SET LOCAL lasts to the end
# of the (implicit or enclosing) transaction. The work is bounded, so compiling the plan (JIT, 140 ms
# when the tables have no statistics and the estimates are off) never pays. Every table the query
# reads is read through an index: the planner hash-joined a few thousand hits to all of roles_role
# (26 MB), and (before the title-word table) ran the title LIKEs on all 10,000 titles. No parallel
# workers either: starting them costs more than the bounded work (a title step of 3,400 rows went
# from 4 to 13 ms when the planner chose a parallel plan for a table with dead rows).
RANKING_SETTINGS = (
    "jit = off",
    "enable_seqscan = off",
    "enable_indexonlyscan = off",
    "max_parallel_workers_per_gather = 0",
)


# "Did you mean": titles with words starting with the given words, those holding the most query
# words first, then the closest spelled: a range scan of the title-word table per word.
# (word_similarity() to every title through a trigram index rechecked ~900 titles per word: 48 ms
# of the 61 ms "xylophone quartz" took.)
def did_you_mean_match_sql(k: int, group: int) -> str:
    return f"""
    SELECT w.role_id, {group} AS n, w.title, similarity(w.word, %(word_{k})s) AS closeness
    FROM roles_searchtitleword w WHERE w.is_published AND w.word LIKE %(word_prefix_{k})s"""  # noqa: S608


def did_you_mean_sql(matches: str) -> str:
    return f"""
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
"""  # noqa: S608


# Suggestions: a typed word matches the title words it starts or, when it starts none (a typo), the
# three vocabulary words spelled most like it (pg_trgm, at a similarity of 0.2: a swap of two letters,
# "senoir", shares only a quarter of its trigrams with "senior"). Titles matching the most typed words
# come first, then those starting with the first word, then the closest spelled. From the title-word
# table: the LIKEs and word_similarity() on roles_role read ~1,700 titles from the heap for "senior
# netw" (23 ms at 10,000 roles), and a typo matched titles spelled like the whole text, not its words.
def suggest_word_sql(n: int) -> str:
    return f"""
    SELECT w.role_id, w.title, {1 << n} AS bit FROM roles_searchtitleword w
    WHERE w.is_published AND w.word LIKE %(prefix_{n})s
    UNION ALL
    SELECT w.role_id, w.title, {1 << n} AS bit FROM roles_searchtitleword w
    WHERE w.is_published AND NOT EXISTS (SELECT 1 FROM roles_searchtitleword WHERE word LIKE %(prefix_{n})s)
      AND w.word = ANY(ARRAY(
          SELECT term FROM roles_searchterm WHERE term %% %(token_{n})s
          ORDER BY similarity(term, %(token_{n})s) DESC, term LIMIT 3
      ))"""  # noqa: S608


def suggest_sql(words: str) -> str:
    return f"""SET LOCAL pg_trgm.similarity_threshold = 0.2;
    WITH g AS MATERIALIZED (
        SELECT m.role_id, MIN(m.title) AS title, bit_count(bit_or(m.bit)::bit({SUGGEST_TOKENS})) AS matched
        FROM ({words}) AS m GROUP BY m.role_id
    )
    SELECT c.title, r.slug FROM (
        SELECT g.role_id, g.title, g.matched, lower(g.title) LIKE %(first_prefix)s AS starts,
               word_similarity(%(text)s, lower(g.title)) AS closeness
        FROM g
        -- Only the titles that can make the list are compared with what was typed.
        WHERE g.matched >= (
            SELECT MIN(matched) FROM (SELECT matched FROM g ORDER BY matched DESC LIMIT %(limit)s) AS top
        )
        ORDER BY g.matched DESC, starts DESC, closeness DESC, g.title
        LIMIT %(limit)s
    ) AS c JOIN roles_role r ON r.id = c.role_id
    ORDER BY c.matched DESC, c.starts DESC, c.closeness DESC, c.title
"""  # noqa: S608


# The GIN indexes of the search (migrations 0002 and 0008). New rows wait in a GIN index's pending
# list, which every search reads through, until a vacuum merges them.
GIN_INDEXES = ("searchentry_vector_gin", "searchterm_term_trgm", "searchtitleword_word_trgm")


class PostgresSearchBackend(SearchBackend):
    def vocabulary(self, tokens: list[str]) -> Vocabulary:
        sql, params = CATEGORIES_SQL, {}
        if tokens:
            sql = vocabulary_sql(" UNION ALL ".join(candidates_sql(n, token) for n, token in enumerate(tokens)))
            for n, token in enumerate(tokens):
                params.update(candidates_params(n, token))
            params["words"] = sorted(set(tokens) | {word for token in tokens for word in SYNONYMS.get(token, ())})
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return Vocabulary.from_rows(tokens, cursor.fetchall())

    def ranking_parts(
        self, groups: list[WordGroup], filters: str, excluded: list[str], vocabulary: Vocabulary, bounds: Bounds
    ) -> RankingParts:
        matches, params = [], {}
        for n, words in enumerate(title_words(groups)):
            for word in dict.fromkeys(words):
                k = len(matches)
                matches.append(title_match_sql(k, 1 << n, len(word) >= LONG_WORD, filters))
                params[f"title_word_{k}"] = f"{word}%"
        broad = [self._is_broad(group, vocabulary, bounds.broad_entries) for group in groups]
        narrow = tsquery([group for group, is_broad in zip(groups, broad, strict=True) if not is_broad])
        excluded_tsquery = tsquery([WordGroup(token="", words=list(excluded), prefixes=[])])
        if narrow and excluded:
            narrow = f"({narrow}) & !({excluded_tsquery})"
        params.update(tsquery=tsquery(groups), narrow_tsquery=narrow, excluded_tsquery=excluded_tsquery)
        params.update({f"group_tsquery_{n}": tsquery([group]) for n, group in enumerate(groups)})
        params["pairs_tsquery"] = phrase_tsquery(adjacent_pairs(groups))
        bits = bits_sql(len(groups))
        params["has_broad"] = any(broad)
        hits, capped, sources = [], [], []
        if any(broad):
            hits.append(
                scoped_hits_sql(
                    SCOPED_EXCLUSION if excluded else "",
                    bits,
                    group_weights_sql("e.bits", broad),
                    near_sql(len(groups), "e.search_vector", "e.bits"),
                )
            )
            sources.append("SELECT * FROM scoped_hits")
            capped.append(CAPPED)
        if narrow:
            score = group_weights_sql("n.bits", broad) if any(broad) else "n.rank"
            # Every narrow hit of a one-group query holds that group: no second test of its vector.
            near = near_sql(len(groups), "n.search_vector", "n.bits")
            hits.append(narrow_hits_sql("1" if len(groups) == 1 else bits, score, near))
            sources.append("SELECT * FROM narrow_hits")
            capped.append(NARROW_CAPPED)
        hits.append(f"hits AS MATERIALIZED ({' UNION '.join(sources)})")
        return RankingParts(
            title_roles=title_roles_sql(" UNION ALL ".join(matches)),
            plan="plan AS (SELECT %(has_broad)s::boolean AS has_broad)",
            hits=",".join(hits),
            snippet=SNIPPET,
            capped=" OR ".join(f"({part})" for part in capped),
            params=params,
            prelude="".join(f"SET LOCAL {setting}; " for setting in RANKING_SETTINGS),
        )

    @staticmethod
    def _is_broad(group: WordGroup, vocabulary: Vocabulary, broad_entries: int) -> bool:
        """Whether the group's words are in more than ``broad_entries`` entries (from the statistics)."""
        return sum(vocabulary.entries.get(word, 0) for word in group.words + group.expansions) > broad_entries

    def did_you_mean(self, words: dict[str, int]) -> list[tuple[str, str]]:
        matches, params = [], {}
        for k, (word, group) in enumerate(words.items()):
            matches.append(did_you_mean_match_sql(k, group))
            params.update({f"word_{k}": word, f"word_prefix_{k}": f"{word}%"})
        with connection.cursor() as cursor:
            cursor.execute(did_you_mean_sql(" UNION ALL ".join(matches)), params)
            return cursor.fetchall()

    def suggest(self, tokens: list[str], text: str, limit: int) -> list[tuple[str, str]]:
        params = {"first_prefix": f"{tokens[0]}%", "text": text.lower(), "limit": limit}
        for n, token in enumerate(tokens):
            params.update({f"prefix_{n}": f"{token}%", f"token_{n}": token})
        words = " UNION ALL ".join(suggest_word_sql(n) for n in range(len(tokens)))
        with connection.cursor() as cursor:
            cursor.execute(suggest_sql(words), params)
            return cursor.fetchall()

    def entry_writer(self) -> PostgresEntryWriter:
        return PostgresEntryWriter()

    def add_terms(self, words: set[str]) -> None:
        if not words:
            return
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO roles_searchterm (term) SELECT unnest(%(words)s::text[]) ORDER BY 1 "
                "ON CONFLICT (term) DO NOTHING",
                {"words": sorted(words)},
            )

    def title_words_rebuild(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT roles_searchtitleword_rebuild()")

    def settle(self) -> None:
        """Fresh planner statistics and merged GIN pending lists.

        Search judges a query word broad or narrow from the statistics of the index (pg_stats), and
        after two million new rows they are stale; autovacuum, which would refresh them and merge the
        pending lists, may be off or minutes away. Run outside the write's transaction, so its rows
        are visible.
        """
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE roles_role, roles_searchentry, roles_searchterm, roles_searchtitleword")
            cursor.execute(
                "SELECT gin_clean_pending_list(to_regclass(name)) FROM unnest(%(indexes)s::text[]) AS name "
                "WHERE to_regclass(name) IS NOT NULL",
                {"indexes": list(GIN_INDEXES)},
            )
