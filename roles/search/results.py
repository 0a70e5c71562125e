"""What a search answers: roles with their matched sections, filters, suggestions, and their JSON form."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from roles.models import Role

# The backends bracket matched words in snippets with these control characters (which a cleaned
# text never holds); ``render_snippet`` escapes the text and only then turns them into <mark>.
SNIPPET_START, SNIPPET_END = "\x02", "\x03"
SNIPPET_MARKS_RE = re.compile(f"([{SNIPPET_START}{SNIPPET_END}])")
LINE_BREAKS_RE = re.compile(r"\s*\n\s*")
SNIPPET_LINE_SEPARATOR = " · "


def role_url(slug: str) -> str:
    return reverse("roles:detail", kwargs={"slug": slug})


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

    @classmethod
    def for_role(cls, title: str, slug: str) -> Suggestion:
        return cls(label=title, url=role_url(slug))


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
class SectionRow:
    """One matched section of a result page, as a backend's ranking query returns it."""

    slug: str
    title: str
    category: str
    role_score: float
    anchor: str
    label: str
    snippet: str
    score: float


@dataclass
class RankedPage:
    total: int
    page: int
    hits: list[RoleHit]
    # Roles outside the ranked set may match too (a broad word): ``total`` counts the ranked ones.
    capped: bool


def role_hits(rows: list[SectionRow]) -> list[RoleHit]:
    """Rows in rank order (a role's sections best first) grouped into one hit per role."""
    hits: list[RoleHit] = []
    for row in rows:
        if not hits or hits[-1].slug != row.slug:
            hits.append(
                RoleHit(
                    slug=row.slug, title=row.title, category=row.category, url=role_url(row.slug), score=row.role_score
                )
            )
        hit = hits[-1]
        if any(section.anchor == row.anchor for section in hit.sections):
            continue  # a Section row and a list can share an anchor: link to it once
        hit.sections.append(
            SectionHit(
                anchor=row.anchor,
                label=row.label,
                snippet=render_snippet(row.snippet, label=row.label),
                url=f"{hit.url}#{row.anchor}" if row.anchor else hit.url,
                score=row.score,
            )
        )
    return hits


def render_snippet(raw: str, label: str = "") -> SafeString:
    """Escape the database's text, then mark the words it bracketed with the sentinels.

    An entry's lines are list items or paragraphs: in a one-line snippet they are kept apart with
    " · " (a page would run "Zendesk", "ServiceNow" and "Jira" together into one phrase). An entry's
    first line is its section's ``label`` (indexed so the heading's words are found); the result already
    names the section, so a snippet starting with it drops it ("Tools · Zendesk" is "Zendesk")."""
    raw = raw.strip()
    first, newline, rest = raw.partition("\n")
    if label and newline and SNIPPET_MARKS_RE.sub("", first).strip().casefold() == label.strip().casefold():
        raw = rest.strip()
    raw = LINE_BREAKS_RE.sub(SNIPPET_LINE_SEPARATOR, raw)
    out = []
    marked = False
    for piece in SNIPPET_MARKS_RE.split(raw):
        if piece == SNIPPET_START:
            marked = True
        elif piece == SNIPPET_END:
            marked = False
        elif piece:
            text = escape(piece)
            out.append(f"<mark>{text}</mark>" if marked else text)
    return mark_safe("".join(out))  # noqa: S308 - every piece of text was escaped above


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
    # The words the results were looked up by (``query.searched_words``); None: they may depend on others.
    searched_words: list[str] | None = None

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
            "results": self._browse_json() if self.is_browse else self._results_json(),
            "total": self.total,
            "page": self.page,
            "num_pages": self.num_pages,
            "notice": self.notice,
            "capped": self.capped,
            "corrected_query": self.corrected_query,
            "excluded": self.excluded,
            "did_you_mean": [{"label": s.label, "url": s.url} for s in self.did_you_mean],
        }

    def _browse_json(self) -> list[dict]:
        """A filter-only (or empty) query lists the roles of its page, as the page does, by category."""
        return [
            {
                "slug": role.slug,
                "title": role.title,
                "category": role.category.name,
                "section": "",
                "anchor": "",
                "snippet": "",
                "url": role_url(role.slug),
                "score": 0,
                "sections": [],
            }
            for role in self.browse_roles
        ]

    def _results_json(self) -> list[dict]:
        return [
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
        ]
