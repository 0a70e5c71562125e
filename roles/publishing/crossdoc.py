"""Cross-document facts: what one document says about a role another document covers.

Read from parsed documents alone (levels of a ladder with their pay and years, related roles with
their salary ranges, FAQs that contrast the role with another), so a new document of either format
extends the joins by itself. The fixture writer turns each into a ``roles.documentfact`` row of the
role it is about, and takes a role's headline median from them when its own documents give none.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from roles.importers.document import ParsedDocument
from roles.importers.text import title_key

# "different from X", "X vs Y", "compared to X", "distinguishes A from X": where a FAQ names the other role.
CONTRAST_RE = re.compile(
    r"\b(?:different\s+from|differ\s+from|compared?\s+(?:to|with)|versus|vs\.?|distinguishes\s+.+?\s+from|"
    r"difference\s+between\s+.+?\s+and)\s+(?P<other>[^?.,;]+)",
    re.IGNORECASE,
)
LEADING_WORDS_RE = re.compile(r"^(?:(?:a|an|the|regular|typical|general)\s+)+", re.IGNORECASE)


@dataclass
class CrossFact:
    """One fact about the role ``about``, stated in ``document``."""

    about: str  # key of the role the fact is about (its page shows it)
    kind: str  # "ladder_level" | "related_role" | "contrast" | "contrasted"
    other: str  # key of the other role (the stating document's, or the contrasted one)
    document: ParsedDocument
    title: str
    text: str = ""
    section: str = ""
    currency: str = "USD"
    median: int | None = None
    average: int | None = None
    min: int | None = None
    max: int | None = None
    max_open_ended: bool = False
    years_min: int | None = None
    years_max: int | None = None
    pay_section: str = ""
    region: str = ""

    @property
    def headline(self) -> int | None:
        """The figure a role's headline median may take: a median the document gives, nothing computed."""
        return self.median


def contrasted_title(question: str) -> str:
    m = CONTRAST_RE.search(question)
    return LEADING_WORDS_RE.sub("", m.group("other").strip()) if m else ""


def cross_document_facts(documents: Iterable[ParsedDocument], link: Callable[[str], str | None]) -> list[CrossFact]:
    """Every fact a document gives about another role ``link`` knows (``link(title)`` -> the role's key or None)."""
    facts: list[CrossFact] = []
    for doc in documents:
        own = link(doc.role_title)
        pay = {title_key(b.level_title): b for b in doc.salary_bands if b.kind == "experience_level" and b.level_title}
        for level in doc.career_levels:
            about = link(level.title)
            if not about or about == own:
                continue
            band = pay.get(title_key(level.title))
            facts.append(
                CrossFact(
                    about=about,
                    kind="ladder_level",
                    other=own,
                    document=doc,
                    title=level.title,
                    text=level.description,
                    section=level.section,
                    years_min=level.years_min,
                    years_max=level.years_max,
                    **(_pay(band) if band else {}),
                )
            )
        ranges = {title_key(b.related_title): b for b in doc.salary_bands if b.kind == "related_role"}
        for related in doc.related_roles:
            about = link(related.title)
            if not about or about == own:
                continue
            band = ranges.get(title_key(related.title))
            facts.append(
                CrossFact(
                    about=about,
                    kind="related_role",
                    other=own,
                    document=doc,
                    title=related.title,
                    text=related.blurb,
                    section=related.section,
                    **(_pay(band) if band else {}),
                )
            )
        for faq in doc.faqs:
            other = contrasted_title(faq.question)
            about = link(other) if other else None
            if not about or about == own:
                continue
            # On the contrasted role's pages, the question and answer; on this role's own, a link to the other.
            facts.append(
                CrossFact(about, "contrast", own, doc, title=faq.question, text=faq.answer, section=faq.section)
            )
            facts.append(CrossFact(own, "contrasted", about, doc, title=other, section=faq.section))
    return facts


def _pay(band) -> dict:
    return {
        "currency": band.currency,
        "median": band.median,
        "average": band.average,
        "min": band.min,
        "max": band.max,
        "max_open_ended": band.max_open_ended,
        "pay_section": band.section,
        "region": band.region,
    }
