"""Lists of proper names in running text ("tools like Zendesk, ServiceNow, or Jira")."""

from __future__ import annotations

import re

LIST_TRIGGER_RE = re.compile(r"\b(?:like|such as|including|e\.g\.,?|for example,?)\s+", re.IGNORECASE)
_SEP_RE = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+|\s*/\s*")
_LEAD_WORDS = {"the", "a", "an", "various", "other", "several", "popular", "common", "specific", "modern", "tools"}
_CATEGORY_STOP = {
    "use", "uses", "using", "utilize", "utilizes", "utilise", "utilises", "leverage", "leverages", "employ",
    "employs", "rely", "relies", "on", "with", "and", "or", "the", "a", "an", "of", "for", "in", "to", "alongside",
    "also", "they", "might", "may", "can", "work", "works", "are", "is", "be", "by", "as", "common", "popular",
    "various", "other", "several", "many", "key", "modern", "standard", "specific", "their", "such", "like",
    "including", "from", "into", "through", "via", "at",
}  # fmt: skip


def _is_name_token(word: str) -> bool:
    return any(c.isupper() for c in word) or (any(c.isdigit() for c in word) and len(word) > 0)


def _inline_list(tail: str) -> list[str]:
    """Proper names listed at the start of ``tail`` ("Zendesk, ServiceNow, or Jira Service Desk to manage…")."""
    tail = re.split(r"[;()]|\.(?:\s|$)|\b(?:like|such as|including|e\.g\.)\b", tail, maxsplit=1)[0]
    items: list[str] = []
    pieces = _SEP_RE.split(tail.strip().rstrip("."))
    for n, piece in enumerate(pieces):
        words = piece.split()
        i = 0
        while i < len(words) and i < 2 and words[i].lower() in _LEAD_WORDS:
            i += 1
        if i >= len(words):
            break
        if not any(c.isupper() for c in words[i]):
            # A lower-case name ("pandas and NumPy") counts only as a one-word item followed by a proper name.
            following = pieces[n + 1].split() if n + 1 < len(pieces) else []
            if len(words) - i == 1 and following and any(c.isupper() for c in following[0]):
                items.append(words[i])
                continue
            break
        j = i
        while j < len(words) and _is_name_token(words[j]):
            j += 1
        if j == len(words) - 1 and words[j].isalpha() and words[j].islower() and words[j].endswith("s"):
            j += 1  # "Linux distributions": a plural common noun closing the item
        items.append(" ".join(words[i:j]).rstrip(",:"))
        if j < len(words):
            break  # the list ran on into the sentence ("… Jira Service Desk to manage …")
    return items


def _paren_list(inner: str) -> list[str]:
    inner = re.sub(r"^\s*(?:e\.g\.,?|for example,?|such as|including|like)\s*", "", inner, flags=re.IGNORECASE)
    return [p.strip().rstrip(".") for p in _SEP_RE.split(inner) if p.strip()]


def _category_before(text: str) -> str:
    words = re.findall(r"[\w'-]+", text)
    cat: list[str] = []
    for w in reversed(words):
        if w.lower() in _CATEGORY_STOP or w.lower().endswith("ly") or len(cat) == 4:
            break
        cat.insert(0, w)
    return " ".join(cat).lower()


def named_lists(sentence: str) -> list[tuple[str, list[str]]]:
    """Every "<category> like/such as/(e.g., …) <names>" list in a sentence, as (category, names)."""
    found: list[tuple[str, list[str]]] = []
    for m in re.finditer(r"\(([^()]*)\)", sentence):
        inner = m.group(1)
        if re.match(r"\s*(?:e\.g\.|for example|such as|including|like)(?!\w)", inner, re.IGNORECASE):
            found.append((_category_before(sentence[: m.start()]), _paren_list(inner)))
    masked = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), sentence)
    for m in LIST_TRIGGER_RE.finditer(masked):
        names = _inline_list(sentence[m.end() :])
        if names:
            found.append((_category_before(masked[: m.start()]), names))
    return found


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().lower()
