"""What a query asks for, from its text alone: cleaning, words, exclusions, and word groups.

Nothing here reads the database. The backends turn the groups made here into their own match
expressions; because a group holds only words of letters and digits, nothing the user typed ever
reaches FTS5 or tsquery syntax.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

# Longer queries are cut to this many characters (and the page says so): no one types more,
# and it bounds the work a single request can ask for.
MAX_QUERY_LENGTH = 200
# Words beyond this many add little to ranking and a lot to the match expression.
MAX_TOKENS = 10
# The header's suggestions look at the first few words typed.
SUGGEST_TOKENS = 5
# A word is read as a typo of a vocabulary word only when one is this close: at most one edit (a
# letter added, dropped, changed, or two neighbours swapped) for words of up to nine letters, two
# for longer ones. "nurse" is two edits from "pursue" and "course", "intercom" from "interior",
# "clinical" from "critical": no correction.
TYPO_LONG_WORD = 10
TYPO_ALTERNATIVES = 2
# Vocabulary words are plain lowercase words of this length.
TERM_MIN_LENGTH, TERM_MAX_LENGTH = 2, 64
# Words shorter than this match too many titles to choose roles by, and are not completed as prefixes.
LONG_WORD = 3

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


def suggest_tokens(text: str) -> list[str]:
    """The words of a partly typed title (stop words kept: "director of" is typed on the way)."""
    return TOKEN_RE.findall(text.lower())[:SUGGEST_TOKENS]


def edit_distance(a: str, b: str) -> int:
    """Edits between two words: insertions, deletions, substitutions and swaps of neighbours (OSA)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 1
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                best = min(best, previous2[j - 2] + 1)
            current.append(best)
        previous2, previous = previous, current
    return previous[-1]


def typo_limit(token: str) -> int:
    """How many edits a word may be from the word it is a typo of (0: too short to correct)."""
    if len(token) < 4:
        return 0
    return 2 if len(token) >= TYPO_LONG_WORD else 1


def close_words(token: str, words: list[str]) -> list[str]:
    """The vocabulary words ``token`` may be a typo of, closest first (ties: the most alike, then A-Z)."""
    limit = typo_limit(token)
    scored = []
    for word in words:
        distance = edit_distance(token, word)
        if 0 < distance <= limit:
            scored.append((distance, -difflib.SequenceMatcher(None, token, word).ratio(), word))
    return [word for *_, word in sorted(scored)]


def trigrams(token: str) -> list[str]:
    return sorted({token[i : i + 3] for i in range(len(token) - 2)})


@dataclass
class WordGroup:
    """One query word and what it may match: exact words, and words it is a prefix of."""

    token: str
    words: list[str]
    prefixes: list[str]
    corrected: str = ""
    # Vocabulary words a prefix stands for: FTS5 matches these, because a prefix query without a
    # prefix index merges the posting lists of every word it starts (150 ms for "certif" at 10,000 roles).
    expansions: list[str] = field(default_factory=list)


def resolve(tokens: list[str], candidates: dict[str, list[str]]) -> list[WordGroup]:
    """Turn each token into the words it should match (``candidates``: its vocabulary words)."""
    groups = []
    for token in tokens:
        words = candidates.get(token, [])
        group = WordGroup(token=token, words=[], prefixes=[])
        if token in words or token.isdigit():
            group.words.append(token)
        elif len(token) >= LONG_WORD and any(word.startswith(token) for word in words):
            group.prefixes.append(token)
            group.expansions = [word for word in words if word.startswith(token)]
        else:
            close = close_words(token, words)[:TYPO_ALTERNATIVES]
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


def group_alternatives(group: WordGroup) -> list[str]:
    """The words a group matches in the text (a prefix through the vocabulary words it starts)."""
    return group.words + group.expansions


def adjacent_pairs(groups: list[WordGroup]) -> list[tuple[list[str], list[str]]]:
    """Each query word with the next one, as their alternatives: the pairs the proximity rule looks
    for as phrases ("network security" typed, the text says "network security", in that order)."""
    return [(group_alternatives(a), group_alternatives(b)) for a, b in zip(groups, groups[1:], strict=False)]


def excluded_group(excluded: list[str]) -> WordGroup:
    """The excluded words as one group of alternatives, matched as the query's own words are."""
    return WordGroup(token="", words=list(excluded), prefixes=[])


def corrected_query(groups: list[WordGroup]) -> str:
    """The query as searched after typo correction, or "" when no word was corrected."""
    if not any(group.corrected for group in groups):
        return ""
    return " ".join(group.corrected or group.token for group in groups)


def title_stem(word: str) -> str:
    # "specialists" should find "Specialist": compare titles with a crudely stemmed word.
    return word[:-1] if len(word) > 4 and word.endswith("s") else word


def title_words(groups: list[WordGroup]) -> list[list[str]]:
    """Per group, the beginnings of title words that count as holding it."""
    return [[title_stem(word) for word in group.words] + group.prefixes for group in groups]


def did_you_mean_words(groups: list[WordGroup], candidates: dict[str, list[str]]) -> dict[str, int]:
    """Words to look for in titles when nothing matched, each with the number of its query word.

    Each query word stands for what was typed and the vocabulary words close to it (``close_words``):
    a word far from every title word ("nurse") suggests no title at all.
    """
    tagged = [(n, group.token) for n, group in enumerate(groups)]
    for n, group in enumerate(groups):
        tagged += [(n, word) for word in close_words(group.token, candidates.get(group.token, []))[:2]]
    group_of: dict[str, int] = {}
    for n, word in tagged:
        if len(word) >= LONG_WORD:
            group_of.setdefault(word, n)
    return dict(list(group_of.items())[:8])


def searched_words(groups: list[WordGroup], candidates: dict[str, list[str]], excluded: list[str]) -> list[str] | None:
    """Every word the results were looked up by: each query word's exact words and synonyms, the
    vocabulary words a prefix stands for, and the excluded words. None when the results may depend on
    other words too: a word not made of letters alone (digits are matched as typed), or a word read as
    a typo or found nowhere (a word added to the vocabulary anywhere could become its correction).
    The page cache makes a search stale when text holding one of these words changes."""
    words = list(excluded)
    for group in groups:
        token = group.token
        known = token in candidates.get(token, []) or group.prefixes
        if group.corrected or not known or not token.isalpha():
            return None
        words += group.words + group.expansions + group.prefixes
    if not all(word.isalpha() and len(word) >= TERM_MIN_LENGTH for word in words):
        return None  # an excluded "-c": the index's text holds words the vocabulary does not
    return list(dict.fromkeys(words))
