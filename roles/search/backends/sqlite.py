"""Search on SQLite: FTS5 with bm25 for the entries, an FTS5 trigram table for typos.

What the database keeps (migrations 0002, 0006 and 0012): ``roles_searchentry_fts``, an
external-content FTS5 table of the entries' title, heading and body (porter-stemmed) and role_id,
and ``roles_searchterm_fts``, trigrams of the vocabulary, both kept by triggers; a covering index of
role titles with the columns the filters read. The target here is the shipped catalog and catalogs
up to 1,000 roles (p95 under 100 ms): role titles are read whole, with LIKE, rather than through an
index of their words.
"""

from __future__ import annotations

from django.db import connection

from roles.search.backends.base import (
    CAPPED,
    CATEGORIES_SQL,
    ENTRY_ROW_COLUMNS,
    ENTRY_TABLE,
    TITLE_WORDS_SQL,
    WEIGHT_BODY,
    WEIGHT_HEADING,
    WEIGHT_TITLE,
    Bounds,
    EntryWriter,
    RankingParts,
    SearchBackend,
    Vocabulary,
    title_hits_sql,
)
from roles.search.query import LONG_WORD, WordGroup, adjacent_pairs, title_words, trigrams

# The query's words match the text columns only, never role_id.
TEXT_COLUMNS = "{title heading body}"
# Proximity reads a section's own text: the title column repeats the role's title in every entry.
SECTION_COLUMNS = "{heading body}"
# An expression that matches nothing: the unused arm of a CASE that must yield a MATCH expression.
MATCH_NOTHING = 'role_id : "0"'


def candidates_sql(n: int, token: str) -> str:
    """Token ``n``'s candidate words: the 8 shortest it starts, and the 40 sharing most of its trigrams."""
    prefixed = f"""SELECT * FROM (SELECT 'term', %(token_{n})s, term FROM roles_searchterm
        WHERE term >= %(token_{n})s AND term < %(token_end_{n})s ORDER BY length(term), term LIMIT 8)"""  # noqa: S608
    similar = f"""SELECT * FROM (SELECT 'term', %(token_{n})s, term FROM roles_searchterm_fts
        WHERE roles_searchterm_fts MATCH %(trigrams_{n})s ORDER BY rank LIMIT 40)"""  # noqa: S608
    return f"{prefixed} UNION ALL {similar}" if trigrams(token) else prefixed


def candidates_params(n: int, token: str) -> dict:
    return {
        f"token_{n}": token,
        f"token_end_{n}": token + "\uffff",
        f"trigrams_{n}": " OR ".join(f'"{gram}"' for gram in trigrams(token)),
    }


def match_expression(groups: list[WordGroup]) -> str:
    # Every word is letters and digits only, and is quoted: nothing the user typed is FTS5 syntax.
    return " OR ".join(f'"{word}"' for group in groups for word in group.words + group.expansions)


def phrase_expression(first: list[str], second: list[str]) -> str:
    """Either word of ``first`` followed by either of ``second``, as FTS5 phrases (within one column)."""
    return " OR ".join(f'"{a} {b}"' for a in first for b in second)


def excluding(expression: str, excluded: list[str]) -> str:
    """An FTS5 expression that matches no entry holding an ``excluded`` word."""
    if not excluded:
        return expression
    return f"({expression}) NOT ({match_expression([WordGroup(token='', words=list(excluded), prefixes=[])])})"


def title_roles_sql(title_hits: str, filters: str, long_word_hit: str) -> str:
    """The roles whose titles hold the most query words, and at least one of three letters or more
    (one- and two-letter words, "4" or "it", would choose every title). "LIMIT -1 OFFSET 0" keeps
    each subquery whole, so the LIKEs run once per role rather than again in ORDER BY. The LIKEs
    stay out of every WHERE clause: SQLite prepares a statement again whenever a parameter bound to a
    LIKE in a WHERE clause changes (it might allow an index), and this one takes 100 ms to prepare."""
    return f"""
    SELECT t.role_id, ROW_NUMBER() OVER (ORDER BY t.th DESC, t.th / t.title_words DESC, t.title, t.role_id) AS pos
    FROM (
        SELECT l.role_id, l.title, {title_hits} AS th, l.title_words, {long_word_hit} AS long_word_hit
        FROM (
            SELECT r.id AS role_id, r.title, ' ' || lower(r.title) AS spaced, {TITLE_WORDS_SQL} AS title_words
            FROM roles_role r WHERE {filters}
            LIMIT -1 OFFSET 0
        ) AS l
        LIMIT -1 OFFSET 0
    ) AS t
    WHERE t.th > 0 AND t.long_word_hit
    ORDER BY pos
    LIMIT (SELECT role_candidates + 1 FROM knobs)
"""  # noqa: S608


def plan_sql(group_count: int) -> str:
    """Which groups are broad: a group is broad when its words match more than ``broad_entries``
    entries (FTS5 stops counting there)."""
    values = ", ".join(f"({n}, %(group_{n})s)" for n in range(group_count))
    return f"""grp(n, expr) AS (VALUES {values}),
counted AS MATERIALIZED (
    SELECT g.n, g.expr, (
        SELECT COUNT(*) FROM (
            SELECT 1 FROM roles_searchentry_fts
            WHERE roles_searchentry_fts MATCH '{TEXT_COLUMNS} : (' || g.expr || ')'
            LIMIT (SELECT broad_entries + 1 FROM knobs)
        )
    ) AS entries
    FROM grp g
),
breadth AS MATERIALIZED (SELECT n, expr, entries > (SELECT broad_entries FROM knobs) AS broad FROM counted),
plan AS MATERIALIZED (
    SELECT (SELECT group_concat(expr, ' OR ') FROM breadth WHERE NOT broad) AS narrow_expr,
           EXISTS (SELECT 1 FROM breadth WHERE broad) AS has_broad
)"""  # noqa: S608


# Per group: a broad one is matched role by role within each scope role's range of entry ids
# (FTS5 seeks to a rowid range; ANDing the word with role_id terms walked its whole posting list),
# a narrow one in one MATCH. An entry scores the groups it holds (a narrow one, rarer, counts twice).
def group_hits_sql(n: int) -> str:
    return f"""
    SELECT f.rowid AS entry_id, 1.0 AS weight, {1 << n} AS bit
    FROM scope_ranges s JOIN roles_searchentry_fts f
      ON f.roles_searchentry_fts MATCH (SELECT scoped FROM group_query WHERE n = {n}) AND f.rowid BETWEEN s.lo AND s.hi
    UNION ALL
    SELECT f.rowid AS entry_id, 2.0 AS weight, {1 << n} AS bit
    FROM roles_searchentry_fts f WHERE f.roles_searchentry_fts MATCH (SELECT unscoped FROM group_query WHERE n = {n})
"""  # noqa: S608


# When every word is narrow, bm25() scores the entries of one MATCH of them all; which word groups an
# entry holds (the ranking's first rule) is one more MATCH per group, over its few entries.
def narrow_bits_sql(n: int) -> str:
    return f"""
    SELECT f.rowid AS entry_id, {1 << n} AS bit
    FROM roles_searchentry_fts f WHERE f.roles_searchentry_fts MATCH (SELECT narrow FROM group_query WHERE n = {n})
"""  # noqa: S608


# Proximity (``backends.base.PROXIMITY_WEIGHT``): the entries holding a pair of neighbouring query words
# as a phrase, all pairs ORed in one expression. With every word narrow, one MATCH over the index; with a
# broad word, the phrase is tested on the scoped hits holding both words of a pair, entry by entry (a
# rowid lookup): matched over each scope role's range of entries instead, as group_hits_sql matches a
# word, it read every entry's positions and cost more than the rest of the query.
NEAR_HITS = """
    SELECT f.rowid AS entry_id
    FROM group_scores c JOIN roles_searchentry_fts f
      ON f.roles_searchentry_fts MATCH (SELECT scoped FROM pair_query) AND f.rowid = c.entry_id
    WHERE (c.bits & (c.bits >> 1)) <> 0
    UNION ALL
    SELECT f.rowid AS entry_id
    FROM roles_searchentry_fts f WHERE f.roles_searchentry_fts MATCH (SELECT unscoped FROM pair_query)
"""


def pair_query_sql(group_count: int) -> str:
    """The pairs' phrase expression, in the arm of ``NEAR_HITS`` that reads it."""
    if group_count < 2:
        return "pair_query(scoped, unscoped) AS (SELECT '', '' WHERE 0)"
    return f"""pair_query AS MATERIALIZED (
    SELECT CASE WHEN has_broad THEN '{SECTION_COLUMNS} : (' || %(pairs)s || ')' ELSE '{MATCH_NOTHING}' END AS scoped,
           CASE WHEN has_broad THEN '{MATCH_NOTHING}' ELSE '{SECTION_COLUMNS} : (' || %(pairs)s || ')' END AS unscoped
    FROM plan
)"""  # noqa: S608


def hits_sql(group_count: int) -> str:
    """Entries matching the query, with a text score: bm25() when every word is narrow.

    bm25() counts the entries holding each word of the MATCH on every query, so with a broad word
    the entries are scored without it: one MATCH per word group, restricted to the scope's roles
    when the group is broad.
    """
    group_hits = " UNION ALL ".join(group_hits_sql(n) for n in range(group_count))
    narrow_bits = " UNION ALL ".join(narrow_bits_sql(n) for n in range(group_count))
    pair_hits = NEAR_HITS
    if group_count == 1:
        # Every hit of a one-group query holds that group: no second MATCH; and it has no pairs.
        narrow_bits = "SELECT entry_id, 1 AS bit FROM ranked_hits"
        pair_hits = "SELECT 0 AS entry_id WHERE 0"
    return f"""scope_ranges AS MATERIALIZED (
    SELECT e.role_id, MIN(e.id) AS lo, MAX(e.id) AS hi FROM roles_searchentry e
    WHERE (SELECT has_broad FROM plan) AND e.role_id IN (SELECT role_id FROM scope)
    GROUP BY e.role_id
),
group_query AS MATERIALIZED (
    SELECT b.n, b.broad,
           CASE WHEN (SELECT has_broad FROM plan) AND b.broad THEN '{TEXT_COLUMNS} : (' || b.expr || ')'
                ELSE '{MATCH_NOTHING}' END AS scoped,
           CASE WHEN (SELECT has_broad FROM plan) AND NOT b.broad THEN '{TEXT_COLUMNS} : (' || b.expr || ')'
                ELSE '{MATCH_NOTHING}' END AS unscoped,
           CASE WHEN (SELECT has_broad FROM plan) THEN '{MATCH_NOTHING}'
                ELSE '{TEXT_COLUMNS} : (' || b.expr || ')' END AS narrow
    FROM breadth b
),
ranked_hits AS (
    SELECT roles_searchentry_fts.rowid AS entry_id,
           -bm25(roles_searchentry_fts, {WEIGHT_TITLE}, {WEIGHT_HEADING}, {WEIGHT_BODY}, 0) AS score
    FROM roles_searchentry_fts
    WHERE roles_searchentry_fts MATCH (
        SELECT CASE WHEN has_broad THEN '{MATCH_NOTHING}' ELSE '{TEXT_COLUMNS} : (' || narrow_expr || ')' END FROM plan
    )
),
group_hits AS ({group_hits}),
group_scores AS MATERIALIZED (
    SELECT entry_id, SUM(weight) AS score, SUM(bit) AS bits FROM group_hits GROUP BY entry_id
),
narrow_bits AS MATERIALIZED (SELECT entry_id, SUM(bit) AS bits FROM ({narrow_bits}) AS nb GROUP BY entry_id),
{pair_query_sql(group_count)},
near_hits AS MATERIALIZED ({pair_hits}),
hits AS MATERIALIZED (
    SELECT e.id AS entry_id, e.role_id, e.kind, h.score, h.bits,
           CASE WHEN nh.entry_id IS NULL THEN 0.0 ELSE 1.0 END AS near
    FROM (
        SELECT r.entry_id, r.score, COALESCE(nb.bits, 0) AS bits
        FROM ranked_hits r LEFT JOIN narrow_bits nb ON nb.entry_id = r.entry_id
        UNION ALL
        SELECT entry_id, score, bits FROM group_scores
    ) AS h JOIN roles_searchentry e ON e.id = h.entry_id
    LEFT JOIN near_hits nh ON nh.entry_id = h.entry_id
)"""  # noqa: S608


# snippet() only works inside a MATCH query: a MATCH over each page role's range of entry ids makes
# the page's snippets (a MATCH per row re-read a broad word's posting list for each).
PAGE_SNIPPETS = """
page_roles AS MATERIALIZED (
    SELECT rk.role_id FROM bounds b JOIN ranked rk ON rk.pos > b.start AND rk.pos <= b.start + %(per_page)s
),
page_ranges AS MATERIALIZED (
    SELECT e.role_id, MIN(e.id) AS lo, MAX(e.id) AS hi FROM roles_searchentry e
    WHERE e.role_id IN (SELECT role_id FROM page_roles) GROUP BY e.role_id
),
page_fts AS MATERIALIZED (
    SELECT roles_searchentry_fts.rowid AS entry_id,
           snippet(roles_searchentry_fts, -1, char(2), char(3), '…', 24) AS snippet
    FROM page_ranges p JOIN roles_searchentry_fts
      ON roles_searchentry_fts MATCH %(snippet_match)s AND roles_searchentry_fts.rowid BETWEEN p.lo AND p.hi
    WHERE +roles_searchentry_fts.rowid IN (
        SELECT g.entry_id FROM page_roles p JOIN grouped g ON g.role_id = p.role_id AND g.rn <= %(sections)s
    )
),"""
SNIPPET = "(SELECT ps.snippet FROM page_fts ps WHERE ps.entry_id = e.id)"


class SQLiteSearchBackend(SearchBackend):
    def vocabulary(self, tokens: list[str]) -> Vocabulary:
        sql, params = [CATEGORIES_SQL], {}
        for n, token in enumerate(tokens):
            sql.append(candidates_sql(n, token))
            params.update(candidates_params(n, token))
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(sql), params)
            return Vocabulary.from_rows(tokens, cursor.fetchall())

    def ranking_parts(
        self, groups: list[WordGroup], filters: str, excluded: list[str], vocabulary: Vocabulary, bounds: Bounds
    ) -> RankingParts:
        title_hits, params = title_hits_sql(groups, "l.spaced")
        long_words = [
            w for w in dict.fromkeys(w for words in title_words(groups) for w in words) if len(w) >= LONG_WORD
        ]
        likes = []
        for k, word in enumerate(long_words):
            likes.append(f"l.spaced LIKE %(long_title_word_{k})s")
            params[f"long_title_word_{k}"] = f"% {word}%"
        for n, group in enumerate(groups):
            params[f"group_{n}"] = excluding(match_expression([group]), excluded)
        params["pairs"] = " OR ".join(phrase_expression(first, second) for first, second in adjacent_pairs(groups))
        params["snippet_match"] = f"{TEXT_COLUMNS} : ({excluding(match_expression(groups), excluded)})"
        return RankingParts(
            title_roles=title_roles_sql(title_hits, filters, f"({' OR '.join(likes) or '1 = 0'})"),
            plan=plan_sql(len(groups)),
            hits=hits_sql(len(groups)),
            snippet=SNIPPET,
            capped=CAPPED,
            params=params,
            page_snippets=PAGE_SNIPPETS,
        )

    def did_you_mean(self, words: dict[str, int]) -> list[tuple[str, str]]:
        # As PostgreSQL's title-word table: a title word starting with the word.
        likes = " + ".join(f"(' ' || lower(title) LIKE %(word_{k})s)" for k in range(len(words)))
        params = {f"word_{k}": f"% {word}%" for k, word in enumerate(words)}
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT title, slug FROM roles_role WHERE is_published AND ({likes}) > 0 "  # noqa: S608
                f"ORDER BY {likes} DESC, title LIMIT 3",
                params,
            )
            return cursor.fetchall()

    def suggest(self, tokens: list[str], text: str, limit: int) -> list[tuple[str, str]]:
        """Titles whose words start with every typed word, those starting with the first one first."""
        clauses, params = [], {"first_prefix": f"{tokens[0]}%", "limit": limit}
        for n, token in enumerate(tokens):
            clauses.append(f"(lower(title) LIKE %(start_{n})s OR lower(title) LIKE %(inner_{n})s)")
            params.update({f"start_{n}": f"{token}%", f"inner_{n}": f"% {token}%"})
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT title, slug FROM roles_role WHERE is_published AND {' AND '.join(clauses)} "  # noqa: S608
                "ORDER BY lower(title) LIKE %(first_prefix)s DESC, length(title), title LIMIT %(limit)s",
                params,
            )
            return cursor.fetchall()

    def title_words_rebuild(self) -> None:
        """Nothing: titles are read from roles_role itself."""

    def settle(self) -> None:
        """Nothing: FTS5 indexes each row as it is written, and no plan here depends on statistics."""

    def entry_writer(self) -> SQLiteEntryWriter:
        return SQLiteEntryWriter()

    def add_terms(self, words: set[str]) -> None:
        if not words:
            return
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT OR IGNORE INTO roles_searchterm (term) VALUES (%(term)s)",
                [{"term": word} for word in sorted(words)],
            )


class SQLiteEntryWriter(EntryWriter):
    """executemany: the FTS5 trigger indexes each row as it is inserted."""

    def prepare(self, rows: list[tuple]) -> None:
        return None

    def write(self, rows: list[tuple], prepared: object = None) -> None:
        if not rows:
            return
        quote = connection.ops.quote_name
        columns = ", ".join(map(quote, ENTRY_ROW_COLUMNS))
        values = ", ".join(f"%({column})s" for column in ENTRY_ROW_COLUMNS)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {ENTRY_TABLE} ({columns}) VALUES ({values})",  # noqa: S608
                [dict(zip(ENTRY_ROW_COLUMNS, row, strict=True)) for row in rows],
            )
