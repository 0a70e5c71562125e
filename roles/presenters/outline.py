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
    "overview": "Overview",
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
# Present on every role page (search and other sites link to them), holding the best content there is.
CONTRACT_ANCHORS = [
    "overview",
    "responsibilities",
    "skills",
    "how-to-become",
    "education",
    "salary",
    "career-path",
    "faq",
    "related",
]
SUMMARY_TEMPLATE = "roles/includes/blocks/summary.html"
NONE_GIVEN_TEMPLATE = "roles/includes/blocks/none_given.html"
# What other documents say about the role (a FAQ contrasting it, a list of related roles naming it).
DOCUMENT_FACTS_TEMPLATE = "roles/includes/blocks/document_facts.html"
# Drawn even without rows of their own (the salary block also shows the role's median).
ALWAYS_DRAWN = {"salary", "career-path"}
# Rows drawn under the heading they were found under in their document (``source_section``), so a
# page keeps the document's order and headings; the others are drawn under their anchor's section.
DRAWN_UNDER_THEIR_HEADING = {"responsibilities", "skills", "qualifications", "how-to-become", "education", "faq"}
DRAWN_UNDER_THEIR_HEADING |= {"pros-cons", "related"}


SALARY_PARTS = {"experience_level": "levels", "range": "range", "regional": "regional"}


@dataclass
class Block:
    """Structured rows drawn under a section: the template and the rows it draws."""

    template: str
    items: list = field(default_factory=list)
    # The salary block's parts this one draws ("levels", "range", "regional"); the block under the
    # main salary heading ("main") also draws every part no heading of its own holds.
    parts: tuple[str, ...] = ("main", *SALARY_PARTS.values())

    def of_kind(self, kind: str) -> list:
        return [item for item in self.items if getattr(item, "kind", "") == kind]

    @property
    def technical(self) -> list:
        return [item for item in self.items if getattr(item, "kind", "") != "soft"]

    @property
    def soft(self) -> list:
        return self.of_kind("soft")

    @property
    def pros(self) -> list:
        return self.of_kind("pro")

    @property
    def cons(self) -> list:
        return self.of_kind("con")


@dataclass
class PageSection:
    """One block of the role page: a source section (if any) plus the structured data drawn under it."""

    anchor: str
    heading: str
    level: int = 2
    section: Section | None = None
    source: SourceDocument | None = None
    blocks: list[Block] = field(default_factory=list)
    children: list[PageSection] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)  # contract anchors this section holds the content of

    @property
    def block(self) -> str | None:
        return self.blocks[0].template if self.blocks else None


def _first_source(items, fallback):
    for item in items:
        if getattr(item, "source_id", None):
            return item.source
    return fallback


def distinct_sources(role: Role) -> list[SourceDocument]:
    sources = {}
    for item in [role, *role.page_content.sections]:
        if item.source_id and item.source_id not in sources:
            sources[item.source_id] = item.source
    return list(sources.values())


def _by_heading(items) -> dict[tuple, list]:
    groups: dict[tuple, list] = {}
    for item in items:
        groups.setdefault((getattr(item, "source_id", None), getattr(item, "source_section", "")), []).append(item)
    return groups


def build_role_outline(role: Role, structured: dict[str, list]) -> list[PageSection]:
    """The page's sections in reading order; nothing from ``role.page_content.sections`` or ``structured`` is left out.

    Every section row is drawn in the document's order, with its level, also one with no prose (a
    heading over a list). Rows found under a heading are drawn under that heading's section; the
    rest go under the section of their anchor, or a section made for them in CANONICAL_ORDER.
    """
    top: list[PageSection] = []
    by_anchor: dict[str, PageSection] = {}
    by_heading: dict[tuple, PageSection] = {}
    for section in role.page_content.sections:
        node = PageSection(
            anchor=section.anchor,
            heading=section.heading,
            level=section.level,
            section=section,
            source=section.source or role.source,
        )
        by_anchor[section.anchor] = node
        by_heading.setdefault((section.source_id, section.source_section or section.heading), node)
        if section.level > 2 and top:
            top[-1].children.append(node)
        else:
            node.level = 2
            top.append(node)
    leftover: dict[str, list] = {}
    for anchor, items in structured.items():
        if anchor == "document-facts":
            continue
        if anchor not in DRAWN_UNDER_THEIR_HEADING:
            leftover[anchor] = items
            continue
        for key, group in _by_heading(items).items():
            node = by_heading.get(key)
            if node is None:
                leftover.setdefault(anchor, []).extend(group)
            else:
                node.blocks.append(Block(BLOCK_TEMPLATES[anchor], group))
    for anchor, node in by_anchor.items():
        if anchor in BLOCK_TEMPLATES and (anchor in ALWAYS_DRAWN or leftover.get(anchor)):
            node.blocks.append(Block(BLOCK_TEMPLATES[anchor], leftover.pop(anchor, [])))
    for anchor, items in leftover.items():
        if items:
            _node_at(anchor, top, by_anchor, _first_source(items, role.source)).blocks.append(
                Block(BLOCK_TEMPLATES[anchor], items)
            )
    _place_salary_parts(structured.get("salary", []), by_heading, by_anchor)
    facts = structured.get("document-facts", [])
    if facts:
        # Each fact names its own document; a section made for them names none.
        _node_at("related", top, by_anchor, None).blocks.append(Block(DOCUMENT_FACTS_TEMPLATE, facts))
    _keep_the_anchor_contract(top, by_anchor, role)
    return top


def _all_nodes(top: list[PageSection]):
    for node in top:
        yield node
        yield from node.children


def _keep_the_anchor_contract(top: list[PageSection], by_anchor: dict[str, PageSection], role: Role) -> None:
    """Every CONTRACT_ANCHORS anchor exists on every role page and holds the best the documents give.

    An anchor with no section of its own points at the section that holds its content (a job
    description's skills stand under "Qualifications"; how to become one is its qualifications and
    experience); otherwise a section says plainly that no document gives it.
    """
    holders = {
        "skills": next(
            (n for n in _all_nodes(top) if any(b.template == BLOCK_TEMPLATES["skills"] for b in n.blocks)), None
        ),
        "how-to-become": by_anchor.get("qualifications"),
        "education": by_anchor.get("qualifications"),
        "responsibilities": None,
        "overview": None,
    }
    for anchor in CONTRACT_ANCHORS:
        if anchor in by_anchor:
            continue
        holder = holders.get(anchor)
        if holder is not None:
            holder.aliases.append(anchor)
            by_anchor[anchor] = holder
            continue
        node = _node_at(anchor, top, by_anchor, None)
        if anchor in ALWAYS_DRAWN:
            node.blocks.append(Block(BLOCK_TEMPLATES[anchor], []))
        elif anchor == "overview" and role.summary:
            node.blocks.append(Block(SUMMARY_TEMPLATE, [role.summary]))
        elif anchor == "education" and role.typical_education:
            node.blocks.append(Block(SUMMARY_TEMPLATE, [role.typical_education]))
        else:
            node.blocks.append(Block(NONE_GIVEN_TEMPLATE, []))


def _node_at(anchor: str, top: list[PageSection], by_anchor: dict[str, PageSection], source) -> PageSection:
    """The section at ``anchor``, made and slotted in CANONICAL_ORDER when the documents have none."""
    node = by_anchor.get(anchor)
    if node is not None:
        return node
    rank = {name: index for index, name in enumerate(CANONICAL_ORDER)}
    node = PageSection(anchor=anchor, heading=STRUCTURED_HEADINGS[anchor], source=source)
    position = 0
    for index, existing in enumerate(top):
        if rank.get(existing.anchor, -1) < rank[anchor]:
            position = index + 1 if existing.anchor in rank else position
    top.insert(position, node)
    by_anchor[anchor] = node
    return node


def _place_salary_parts(bands, by_heading, by_anchor) -> None:
    """Each kind of salary band under the heading its rows came from ("Salary by Experience Level",
    "Global Salaries"); the main salary block keeps the kinds with no heading on the page."""
    placed = set()
    for (source_id, heading), group in _by_heading(bands).items():
        node = by_heading.get((source_id, heading))
        # Only bands have parts; a role standing in for its official wages (no bands of its own) has none.
        parts = {SALARY_PARTS[band.kind] for band in group if getattr(band, "kind", None) in SALARY_PARTS}
        if node is None or node.anchor == "salary" or not parts:
            continue
        node.blocks.append(Block(BLOCK_TEMPLATES["salary"], parts=tuple(sorted(parts))))
        placed |= parts
    main = by_anchor.get("salary")
    for block in main.blocks if main else []:
        if block.template == BLOCK_TEMPLATES["salary"]:
            block.parts = ("main", *(part for part in SALARY_PARTS.values() if part not in placed))
