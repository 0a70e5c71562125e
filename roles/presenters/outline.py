"""The role page's outline: its sections in reading order, each with the structured data drawn under it.

Assembled in Python from rows already read, so it costs no queries of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from roles.models import Role, Section, SourceDocument

# The reading order of a role page. Sections from a source keep their own order; a section made
# only of structured data (e.g. a job description's duties) is slotted in after the nearest
# section that comes before it here.
CANONICAL_ORDER = [
    "overview",
    "work-environment",
    "responsibilities",
    "skills",
    "tools",
    "certifications",
    "qualifications",
    "how-to-become",
    "education",
    "salary",
    "market-outlook",
    "career-path",
    "diversity-inclusion",
    "global-opportunities",
    "market-reality",
    "pros-cons",
    "faq",
    "cover-letter",
    "related",
]

# Anchor → heading used when the data has no section row of its own to take the heading from.
STRUCTURED_HEADINGS = {
    "responsibilities": "Responsibilities",
    "skills": "Skills",
    "tools": "Tools & technologies",
    "certifications": "Certifications",
    "qualifications": "Qualifications",
    "how-to-become": "How to become one",
    "education": "Education & training",
    "salary": "Salary",
    "career-path": "Career path",
    "pros-cons": "Pros & cons",
    "faq": "Frequently asked questions",
    "related": "Related roles",
}

# The template that draws an anchor's structured data under its section. Chosen here, once per
# section, so the page does not test every anchor in every section.
BLOCK_TEMPLATES = {
    "responsibilities": "roles/includes/blocks/responsibilities.html",
    "skills": "roles/includes/blocks/skills.html",
    "tools": "roles/includes/blocks/tools.html",
    "certifications": "roles/includes/blocks/certifications.html",
    "qualifications": "roles/includes/blocks/qualifications.html",
    "how-to-become": "roles/includes/blocks/how-to-become.html",
    "education": "roles/includes/blocks/education.html",
    "salary": "roles/includes/salary.html",
    "career-path": "roles/includes/ladder.html",
    "pros-cons": "roles/includes/blocks/pros-cons.html",
    "faq": "roles/includes/blocks/faq.html",
    "related": "roles/includes/blocks/related.html",
}
# Drawn even without rows of their own (the salary block also shows the role's median).
ALWAYS_DRAWN = {"salary", "career-path"}


@dataclass
class PageSection:
    """One block of the role page: a source section (if any) plus the structured data under its anchor."""

    anchor: str
    heading: str
    level: int = 2
    section: Section | None = None
    source: SourceDocument | None = None
    block: str | None = None
    children: list[PageSection] = field(default_factory=list)


def _first_source(items, fallback):
    for item in items:
        if getattr(item, "source_id", None):
            return item.source
    return fallback


def distinct_sources(role: Role) -> list[SourceDocument]:
    sources = {}
    for item in [role, *role.sections.all()]:
        if item.source_id and item.source_id not in sources:
            sources[item.source_id] = item.source
    return list(sources.values())


def build_role_outline(role: Role, structured: dict[str, list]) -> list[PageSection]:
    """The page's sections in reading order; nothing from ``role.sections`` or ``structured`` is left out."""
    top: list[PageSection] = []
    by_anchor: dict[str, PageSection] = {}
    for section in role.sections.all():
        node = PageSection(
            anchor=section.anchor,
            heading=section.heading,
            level=section.level,
            section=section,
            source=section.source or role.source,
        )
        by_anchor[section.anchor] = node
        if section.level > 2 and top:
            top[-1].children.append(node)
        else:
            node.level = 2
            top.append(node)
    for anchor, node in by_anchor.items():
        if anchor in BLOCK_TEMPLATES and (anchor in ALWAYS_DRAWN or structured.get(anchor)):
            node.block = BLOCK_TEMPLATES[anchor]
    rank = {anchor: index for index, anchor in enumerate(CANONICAL_ORDER)}
    for anchor, items in structured.items():
        if anchor in by_anchor or not items:
            continue
        node = PageSection(
            anchor=anchor,
            heading=STRUCTURED_HEADINGS[anchor],
            source=_first_source(items, role.source),
        )
        position = 0
        for index, existing in enumerate(top):
            if rank.get(existing.anchor, -1) < rank[anchor]:
                position = index + 1 if existing.anchor in rank else position
        node.block = BLOCK_TEMPLATES[anchor]
        top.insert(position, node)
        by_anchor[anchor] = node
    return top
