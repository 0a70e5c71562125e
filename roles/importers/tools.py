"""Product names a sentence lists ("Zendesk, Freshdesk, Intercom, and Help Scout", "Intercom or Drift",
"(Wireshark)"): the tools a job-description page names in its technical skills and tools FAQ.

A name is a run of words that each hold a capital ("Jira Service Management", "HubSpot"); names count
as tools when two or more are joined into a list by commas, "and", "or" or "/", or when one stands
alone in brackets. Nothing here knows a product.
"""

from __future__ import annotations

import re

_TOKEN_RE = re.compile(r"[A-Za-z0-9][\w+#.'’-]*[\w+#]|[A-Za-z0-9]")
_JOINER_RE = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+|\s*/\s*)$")


def _is_name_word(word: str) -> bool:
    return any(c.isupper() for c in word) and not word.isdigit()


def _runs(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of each run of name words."""
    runs: list[tuple[int, int]] = []
    for m in _TOKEN_RE.finditer(sentence):
        if not _is_name_word(m.group(0)):
            continue
        if (
            runs
            and re.fullmatch(r"\s", sentence[runs[-1][1] : m.start()])
            and len(sentence[runs[-1][0] : m.end()].split()) <= 4
        ):
            runs[-1] = (runs[-1][0], m.end())
        else:
            runs.append((m.start(), m.end()))
    return runs


def _starts_sentence(sentence: str, start: int) -> bool:
    return not sentence[:start].strip() or sentence[:start].rstrip()[-1] in ".!?:;"


def product_names(sentence: str) -> list[str]:
    """The names ``sentence`` lists, in order, each once."""
    runs = _runs(sentence)
    found: list[str] = []

    def add(start: int, end: int) -> None:
        name = sentence[start:end].strip(" .,;:'’")
        if name and name not in found:
            found.append(name)

    i = 0
    while i < len(runs):
        j = i
        while j + 1 < len(runs) and _JOINER_RE.match(sentence[runs[j][1] : runs[j + 1][0]]):
            j += 1
        if j > i:
            for start, end in runs[i : j + 1]:
                add(start, end)
        else:
            start, end = runs[i]
            alone_in_brackets = sentence[:start].rstrip().endswith("(") and sentence[end:].lstrip().startswith(")")
            if alone_in_brackets and not _starts_sentence(sentence, start):
                add(start, end)
        i = j + 1
    return found
