"""One career map of every role and level, joined across documents, laid out as SVG on the server.

Nodes are the published roles, the levels of every ladder and the titles that career moves lead to,
merged by ``title_key`` (so the "Senior Technical Support Specialist" level of one guide and the
role of that name from a job description are one node), and a field of work with the person who does
it (``destination_key``: "toward solutions engineering" and "Solutions engineer roles" are one destination,
one box, named by the practitioner's title, whose description keeps each document's wording). Edges come
from the data alone: ladder order, the moves the importer read from the prose (``CareerMove``) and related
roles that have a page. A new document therefore extends the map by itself.

``build_career_map()`` costs four queries whatever the size of the catalog. The layout is layered:
a node sits one column right of everything that leads to it, so the map reads left to right from
first job to leadership; within a column nodes follow their predecessors to keep lines short.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field

from roles.importers.text import title_key
from roles.models import CareerLevel, CareerMove, RelatedRole, Role

# Small enough that six columns (first job to director) fit a desktop page at close to full size.
NODE_WIDTH = 168
NODE_HEIGHT = 46
COLUMN_GAP = 44
ROW_GAP = 14
MARGIN = 12
LINE_CHARS = 22

LADDER = "ladder"
RELATED = "related"
EDGE_LABELS = {
    LADDER: "Next on the ladder",
    CareerMove.PROMOTION: "Promotion",
    CareerMove.MANAGEMENT: "Into management",
    CareerMove.ENGINEERING: "Into engineering",
    CareerMove.SPECIALISATION: "Specialisation",
    CareerMove.LATERAL: "Lateral move",
    RELATED: "Related role",
}
EDGE_ORDER = list(EDGE_LABELS)

# Endings that turn a job's title into its field of work and back ("engineer"/"engineering", "manager"/
# "management", "consultant"/"consulting", "developer"/"development", "administrator"/"administration"),
# longest first. Stripped repeatedly from a title's last word, with a plural "s" and a final "e", while at
# least MIN_STEM letters remain, both forms leave the same stem.
FIELD_ENDINGS = ("ation", "ator", "ment", "ing", "ant", "er")
FIELD_FORMS = ("ation", "ment", "ing")  # a field of work, not a job title: "Solutions engineering"
MIN_STEM = 4


def destination_key(title: str) -> str:
    """The key under which two ways of writing one destination meet: ``title_key`` with its last word reduced to
    the stem its job-title and field-of-work forms share ("solutions engineering" and "Solutions engineers" give
    "solutions engin"). Move targets and ladder levels without a role of their own merge by it, into one another or
    into a role's box (a move 'toward network engineering' leads to the Network Engineer role); two roles never
    merge: each keeps its own box."""
    words = title_key(title).split()
    if not words:
        return ""
    last = words[-1]
    if last.endswith("s") and not last.endswith("ss") and len(last) > MIN_STEM:
        last = last[:-1]
    stripped = True
    while stripped:
        stripped = False
        for ending in FIELD_ENDINGS:
            if last.endswith(ending) and len(last) - len(ending) >= MIN_STEM:
                last, stripped = last[: -len(ending)], True
                break
    if last.endswith("e") and len(last) > MIN_STEM:
        last = last[:-1]
    return " ".join([*words[:-1], last])


def _is_field_form(title: str) -> bool:
    return title_key(title).endswith(FIELD_FORMS)


@dataclass(eq=False)
class MapNode:
    key: str
    title: str
    role: Role | None = None
    url: str = ""
    ladders: list[str] = field(default_factory=list)  # "level 2 of 6 on the X ladder (1–3 years)"
    mentioned_by: list[str] = field(default_factory=list)  # titles of roles whose documents name it
    wordings: list[str] = field(default_factory=list)  # each way the documents write it, when more than one
    rank: int = 0
    order: float = 0.0
    x: int = 0
    y: int = 0
    lines: list[str] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return "map-" + self.key.replace(" ", "-")

    @property
    def kind(self) -> str:
        if self.role:
            return "role"
        return "level" if self.ladders else "move"

    @property
    def description(self) -> str:
        parts = ["Role guide" if self.role else ("Career level" if self.ladders else "Where a move leads")]
        parts += self.ladders
        if not self.role and self.mentioned_by:
            parts.append("named in the " + " and ".join(self.mentioned_by) + " guide")
        if len(self.wordings) > 1:
            others = [w for w in self.wordings if w != self.title]
            parts.append("written " + " and ".join(f"“{w}”" for w in [self.title, *others]))
        return "; ".join(parts)

    @property
    def text_lines(self) -> list[dict]:
        first = NODE_HEIGHT / 2 - (len(self.lines) - 1) * 8 + 5
        return [{"text": line, "y": round(self.y + first + i * 16)} for i, line in enumerate(self.lines)]


@dataclass(eq=False)
class MapEdge:
    source: MapNode
    target: MapNode
    kind: str
    evidence: str = ""
    path: str = ""

    @property
    def label(self) -> str:
        return EDGE_LABELS[self.kind]


@dataclass
class CareerMap:
    nodes: list[MapNode]
    edges: list[MapEdge]
    width: int = 0
    height: int = 0

    @property
    def roles(self) -> list[MapNode]:
        return [n for n in self.nodes if n.role]

    def outline(self) -> list[dict]:
        """The map as a list: every role and every node that leads somewhere, with its edges grouped
        by kind and sentence ("Into management: A, B, C — because the guide says ...")."""
        items = []
        for node in sorted(self.nodes, key=lambda n: (n.rank, n.order)):
            out = [e for e in self.edges if e.source is node]
            if not out and not node.role:
                continue
            groups: dict[tuple[str, str], list[MapNode]] = {}
            for edge in sorted(out, key=lambda e: (EDGE_ORDER.index(e.kind), e.target.rank, e.target.order)):
                groups.setdefault((edge.kind, edge.evidence), []).append(edge.target)
            items.append(
                {
                    "node": node,
                    "groups": [
                        {"label": EDGE_LABELS[kind], "kind": kind, "evidence": evidence, "targets": targets}
                        for (kind, evidence), targets in groups.items()
                    ],
                }
            )
        return items


def _wrap(title: str) -> list[str]:
    lines = textwrap.wrap(title, LINE_CHARS) or [title]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), LINE_CHARS, placeholder="…")]
    return lines


def build_career_map(role_ids: Iterable[int] | None = None) -> CareerMap:
    """The published roles (all, or those of ``role_ids`` and the roles they link to), their ladder levels
    and move targets as one laid-out graph (four queries). A list page passes its own roles: the layout
    costs time quadratic in the nodes, so a map of a 10,000-role catalog would take minutes to draw."""
    scope = {} if role_ids is None else {"role_id__in": list(role_ids)}
    levels = list(
        CareerLevel.objects.filter(role__is_published=True, **scope)
        .only("id", "role_id", "title", "linked_role_id", "years_min", "years_max", "order")
        .order_by("role__title", "order", "id")
    )
    moves = list(
        CareerMove.objects.filter(role__is_published=True, **scope)
        .only("role_id", "from_title", "from_role_id", "to_title", "to_role_id", "kind", "evidence", "source_section")
        .order_by("role__title", "order", "id")
    )
    related = list(
        RelatedRole.objects.filter(role__is_published=True, target__is_published=True, **scope)
        .only("id", "role_id", "target_id", "order")
        .order_by("role__title", "order", "id")
    )
    roles = Role.objects.published().only("id", "title", "slug").order_by("title")
    if role_ids is not None:
        linked = {level.linked_role_id for level in levels} | {item.target_id for item in related}
        linked |= {move.from_role_id for move in moves} | {move.to_role_id for move in moves}
        roles = roles.filter(pk__in=set(scope["role_id__in"]) | (linked - {None}))
    roles = list(roles)

    by_key: dict[str, MapNode] = {}
    by_destination: dict[str, MapNode] = {}
    by_role: dict[int, MapNode] = {}
    for role in roles:
        url = role.get_absolute_url()
        node = MapNode(key=title_key(role.title), title=role.title, role=role, url=url, wordings=[role.title])
        by_key[node.key] = node
        by_destination.setdefault(destination_key(role.title), node)
        by_role[role.pk] = node

    def node_for(title: str, role_id: int | None, *, fallback_url: str, mentioned_by: str) -> MapNode:
        if role_id in by_role:
            return by_role[role_id]
        key = title_key(title)
        node = by_key.get(key) or by_destination.get(destination_key(title))
        if node is None:
            node = by_key[key] = MapNode(key=key, title=title, url=fallback_url, wordings=[title])
            by_destination.setdefault(destination_key(title), node)
        elif all(title_key(w) != key for w in node.wordings):
            # The same destination written another way: one box, named as a job when one wording is a job title
            # (a role keeps its own title).
            node.wordings.append(title)
            if not node.role and _is_field_form(node.title) and not _is_field_form(title):
                node.title = title
        if mentioned_by not in node.mentioned_by and not node.role:
            node.mentioned_by.append(mentioned_by)
        return node

    edges: list[MapEdge] = []
    seen: set[tuple[int, int]] = set()

    def connect(source: MapNode, target: MapNode, kind: str, evidence: str = "") -> None:
        if source is target or (id(source), id(target)) in seen:
            return
        seen.add((id(source), id(target)))
        edges.append(MapEdge(source=source, target=target, kind=kind, evidence=evidence))

    ladders: dict[int, list[CareerLevel]] = {}
    for level in levels:
        ladders.setdefault(level.role_id, []).append(level)
    for role_id, ladder in ladders.items():
        owner = by_role[role_id]
        previous = None
        for number, level in enumerate(ladder, 1):
            node = node_for(
                level.title, level.linked_role_id, fallback_url=f"{owner.url}#career-path", mentioned_by=owner.title
            )
            where = f"level {number} of {len(ladder)} on the {owner.title} ladder"
            node.ladders.append(f"{where} ({level.years_label})" if level.years_label else where)
            if previous:
                connect(previous, node, LADDER)
            previous = node

    for move in moves:
        owner = by_role[move.role_id]
        anchor = "#faq" if "question" in move.source_section.lower() else "#career-path"
        source = node_for(move.from_title, move.from_role_id, fallback_url=owner.url, mentioned_by=owner.title)
        target = node_for(move.to_title, move.to_role_id, fallback_url=owner.url + anchor, mentioned_by=owner.title)
        connect(source, target, move.kind, move.evidence)

    for item in related:
        connect(by_role[item.role_id], by_role[item.target_id], RELATED)

    nodes = list(by_key.values())
    _layout(nodes, edges)
    career_map = CareerMap(nodes=nodes, edges=edges)
    career_map.width = max((n.x + NODE_WIDTH for n in nodes), default=0) + MARGIN
    career_map.height = max((n.y + NODE_HEIGHT for n in nodes), default=0) + MARGIN
    return career_map


def _layout(nodes: list[MapNode], edges: list[MapEdge]) -> None:
    """Columns by longest path (a related role may share its column), rows by predecessors' rows."""
    for _ in range(len(nodes)):  # at most one pass per node, so a cycle in the data cannot loop forever
        changed = False
        for edge in edges:
            step = 0 if edge.kind == RELATED else 1
            if edge.target.rank < edge.source.rank + step:
                edge.target.rank = edge.source.rank + step
                changed = True
        if not changed:
            break
    columns: dict[int, list[MapNode]] = {}
    for node in nodes:
        columns.setdefault(node.rank, []).append(node)
    incoming_kind = {}
    for edge in edges:
        incoming_kind.setdefault(id(edge.target), EDGE_ORDER.index(edge.kind))
    for rank in sorted(columns):
        column = columns[rank]
        for node in column:
            before = [e.source.order for e in edges if e.target is node and e.source.rank < rank]
            node.order = sum(before) / len(before) if before else 0.0
        # Roles and ladder levels run through the middle of each column, so a ladder reads as a
        # straight spine; the moves off it fan out above and below, grouped by kind.
        spine = sorted((n for n in column if n.kind != "move"), key=lambda n: (n.order, n.title.lower()))
        others = sorted(
            (n for n in column if n.kind == "move"),
            key=lambda n: (n.order, incoming_kind.get(id(n), 0), n.title.lower()),
        )
        half = len(others) // 2
        column[:] = others[:half] + spine + others[half:]
        for index, node in enumerate(column):
            node.order = index
    tallest = max((len(c) for c in columns.values()), default=0)
    for rank, column in columns.items():
        offset = (tallest - len(column)) * (NODE_HEIGHT + ROW_GAP) // 2
        for index, node in enumerate(column):
            node.x = MARGIN + rank * (NODE_WIDTH + COLUMN_GAP)
            node.y = MARGIN + offset + index * (NODE_HEIGHT + ROW_GAP)
            node.lines = _wrap(node.title)
    for edge in edges:
        s, t = edge.source, edge.target
        if t.rank > s.rank:
            x1, y1 = s.x + NODE_WIDTH, s.y + NODE_HEIGHT // 2
            x2, y2 = t.x - 4, t.y + NODE_HEIGHT // 2
            mid = (x1 + x2) // 2
            edge.path = f"M{x1},{y1} C{mid},{y1} {mid},{y2} {x2},{y2}"
        else:  # same column (a related role): an arc on the right-hand side
            x1, y1 = s.x + NODE_WIDTH, s.y + NODE_HEIGHT // 2
            y2 = t.y + NODE_HEIGHT // 2
            bulge = x1 + COLUMN_GAP // 2
            edge.path = f"M{x1},{y1} C{bulge},{y1} {bulge},{y2} {x1 + 4},{y2}"
