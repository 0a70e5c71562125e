"""Propose the SOC occupation of a role from its document: its title and the occupation names it mentions,
matched against the OEWS occupation titles. No Django: plain strings in, a code out.

1. Detailed occupations the text names ("computer user support specialists"), else the detailed
   occupations under a broader group it names ("computer support specialists" is the group 15-1230),
   else every detailed occupation: the first of these that shares a word with the role's title.
2. Among them, the most words shared with the title win; a tie goes to the occupation with the most
   workers nationally (the general case rather than the niche).
Nothing shares a word with the title: no proposal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

DETAILED_LEVEL = 3
IGNORED_WORDS = frozenset({"and", "of", "the", "all", "other", "except", "a", "an", "in", "or", "for", "to", "with"})
WORD = re.compile(r"[a-z]+")


def words(text: str) -> list[str]:
    """Lowercase words, plurals folded ("specialists" -> "specialist")."""
    found = []
    for word in WORD.findall(text.lower()):
        if word in IGNORED_WORDS:
            continue
        if len(word) > 3 and word.endswith("ies"):
            word = word[:-3] + "y"
        elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        found.append(word)
    return found


def _mentions(phrase: list[str], text: str) -> bool:
    return bool(phrase) and f" {' '.join(phrase)} " in text


def propose_soc_code(
    title: str,
    text: str,
    occupations: Iterable[tuple[str, str, int]],
    employment: dict[str, int] | None = None,
) -> str | None:
    """The SOC code ("15-1232") for a role titled ``title`` whose document reads ``text``, or None.

    ``occupations`` are (code, title, display level) rows, level 3 being a detailed occupation;
    ``employment`` the national employment by code, for ties.
    """
    employment = employment or {}
    occupations = list(occupations)
    detailed = {code: set(words(name)) for code, name, level in occupations if level == DETAILED_LEVEL}
    title_words = set(words(title))
    if not title_words:
        return None
    normalised = f" {' '.join(words(title + ' ' + text))} "
    named, grouped = set(), set()
    for code, name, level in occupations:
        phrase = words(name)
        # One word ("Models", "Engineers") is too common in prose to name an occupation.
        if len(phrase) < 2 or not _mentions(phrase, normalised):
            continue
        if level == DETAILED_LEVEL:
            named.add(code)
        else:
            grouped |= {child for child in detailed if child.startswith(_group_prefix(code))}
    for candidates in (named, grouped, set(detailed)):
        relevant = [code for code in candidates if detailed[code] & title_words]
        if relevant:
            return min(relevant, key=lambda code: (-len(detailed[code] & title_words), -employment.get(code, 0), code))
    return None


def _group_prefix(code: str) -> str:
    """The codes a group covers: "15-1230" covers "15-123x", "15-1200" "15-12xx", "15-0000" "15-xxxx"."""
    return code.rstrip("0") or code
