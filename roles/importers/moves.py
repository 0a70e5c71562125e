"""Career moves described in a document's prose, found by sentence shape.

Guides and job descriptions say where a role leads in running text: "often move toward IT Manager,
Service Desk Manager, or Support Engineering Manager", "Customer Success Manager is a common lateral
move", "Career progression often moves from customer support through technical support toward
solutions engineering". ``extract_moves`` reads every sentence of the prose a parser kept (sections,
FAQ answers, ladder level descriptions, pros) and turns the sentences of those shapes into
``CareerMove`` records. Nothing here knows any role by name, so a new document brings its own moves.

A move's kind is read from the words around the list ("lateral", "leadership roles", "related
fields", "advancement paths") and, when the sentence gives none, from the target's title
("... Manager" is management, "... Engineer" is engineering).
"""

from __future__ import annotations

import re

from .document import CareerMove, ParsedDocument

PROMOTION = "promotion"
LATERAL = "lateral"
SPECIALISATION = "specialisation"
MANAGEMENT = "management"
ENGINEERING = "engineering"
KINDS = (PROMOTION, LATERAL, SPECIALISATION, MANAGEMENT, ENGINEERING)

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])")
# A list of titles ends where the sentence goes on to say something about them.
_LIST_STOP = re.compile(
    r",?\s+(?:are|is|were|was|can|could|may|might|will|often|for|with|who|whose|that|which|because|where|when|"
    r"while|if|after|once|by|as|to|within|at|in order)\b|,\s*(?:[a-z]+ing|which|where|while|especially|particularly)\b"
    r"|\s+[-–—]\s+|[;:]",
)
_ITEM_SPLIT = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|and/or)\s+")
_LEADING_WORDS = re.compile(r"^(?:even|also|then|eventually|perhaps|possibly|roles? (?:as|like)|an?|the)\s+", re.I)
_TRAILING_ROLE_WORD = re.compile(r"\s+(?:roles?|positions?|jobs?|careers?|tracks?)$", re.I)
# Lower-case list items must look like a field or a function, not a description.
_NOT_A_FIELD = re.compile(
    r"^(?:more|less|other|new|different|various|several|many|some|their|its|his|her|specific|specialized|"
    r"specialised|higher|better|broader|related|adjacent|a|an|the)\b",
    re.I,
)
_INDUSTRY_GERUNDS = {
    "engineering",
    "marketing",
    "accounting",
    "consulting",
    "training",
    "nursing",
    "banking",
    "testing",
}
_INTRODUCER = re.compile(r"\s*(?:\(|\b)(?:like|such as|including|e\.g\.,?|for example,?|especially)\s+", re.I)

# "<verb> into|toward <list>", where the verb says someone changes job.
_MOVE_INTO = re.compile(
    r"\b(?P<verb>move|moves|moved|moving|transition|transitions|transitioned|transitioning|progress|progresses|"
    r"progressing|advance|advances|advancing|step up|steps up|stepping up|pivot|pivots|pivoting|graduate|graduates|"
    r"paths? (?:is|are|leads?)|or)\s+(?P<prep>into|toward|towards|to)\s+"
    r"(?P<rest>(?:(?!\s(?:or|and)\s+(?:toward|towards|into)\b)[^.;?!])+)",
    re.I,
)
# "from <a> through <b> toward <c>" and "from <a> to <c>".
_CHAIN = re.compile(
    r"\b(?:moves?|moving|progress\w*|advance\w*|transition\w*|goes|go|runs?)\s+from\s+(?P<a>[^,.;]+?)"
    r"(?:\s+(?:through|via|to)\s+(?P<b>[^,.;]+?))?\s+(?:toward|towards|to|into|and then)\s+(?P<c>[^.;?!]+)",
    re.I,
)
# "<list> is a common lateral move" / "<list> are the direct advancement paths".
_SUBJECT_IS_MOVE = re.compile(
    r"^(?P<list>[A-Z][^.;?!]*?)\s+(?:is|are)\s+(?:often\s+)?(?:a|an|the)?\s*(?:\w+\s+){0,3}?"
    r"(?P<cue>advancement paths?|advancement routes?|promotion paths?|promotions?|lateral moves?|lateral paths?|"
    r"next steps?|natural next steps?|natural progressions?)\b",
)
# "<list> roles are accessible for ..." (someone in this role can get them).
_SUBJECT_IS_OPEN = re.compile(
    r"^(?P<list>[A-Z][^.;?!]*?)\s+(?:roles|positions|jobs)\s+are\s+(?:also\s+)?(?:accessible|open|available)\s+(?:to|for)\b",
)
# "specializing in <area> (e.g., <list>)".
_SPECIALISE = re.compile(
    r"\bspeciali[sz](?:e|es|ed|ing|ation)\s+in\s+(?P<q>[^(.;]*?)\s*\((?:e\.g\.,?|such as|like|including)\s*"
    r"(?P<list>[^)]+)\)",
    re.I,
)
# "career paths like <list>".
_PATHS_LIKE = re.compile(
    r"\bcareer (?:paths?|moves?|options?)\s+(?:like|such as|including)\s+(?P<list>[^.;?!]+)",
    re.I,
)


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph (good enough for prose: "e.g.," and "U.S." are left alone)."""
    return [s.strip() for s in _SENTENCE_END.split(" ".join(text.split())) if s.strip()]


def _title_key(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", title.lower()).strip()


def classify(cue: str, title: str, default: str = LATERAL) -> str:
    """A move's kind: from what the sentence calls it when it says, else from the target's title."""
    cue = cue.lower()
    if re.search(r"\blateral|\brelated\b|\badjacent\b", cue):
        return LATERAL
    if re.search(r"speciali[sz]", cue):
        return SPECIALISATION
    if re.search(r"leadership|management|managerial|\bmanag", cue):
        return MANAGEMENT
    if re.search(r"advancement|promotion|promoted|progression|step up|next level", cue):
        return PROMOTION
    lowered = title.lower()
    if re.search(r"\b(?:manager|management|lead|leader|director|head|supervisor|coordinator|chief|vp)\b", lowered):
        return MANAGEMENT
    if re.search(r"engineer|architect|developer|development|devops|reliability|programm", lowered):
        return ENGINEERING
    if re.search(r"\b(?:senior|principal|staff|tier[ -]?[23]|level [23])\b", lowered):
        return PROMOTION
    return default


def _clean_item(item: str) -> str:
    item = item.strip(" ,.()\"'“”")
    previous = None
    while previous != item:
        previous = item
        item = _LEADING_WORDS.sub("", item).strip()
    stripped = _TRAILING_ROLE_WORD.sub("", item)
    # "Site Reliability Engineer roles" -> the title; "product roles" keeps its word, or nothing is left.
    if stripped != item and (any(c.isupper() for c in stripped) or " " in stripped):
        item = stripped
    return item[:1].upper() + item[1:] if item else ""


def _looks_like_field(item: str) -> bool:
    first = item.split()[0] if item.split() else ""
    if _NOT_A_FIELD.match(item):
        return False
    # "executing well-defined requests" describes work; "bookkeeping" or "nursing" names a field.
    if first.endswith("ing") and first.islower() and first not in _INDUSTRY_GERUNDS and len(item.split()) > 1:
        return False
    return len(item.split()) <= 4


def _split_list(text: str, *, strict: bool) -> list[str]:
    """Titles out of "A, B, or even C, leveraging ...": cut at the clause that follows, split, clean.

    ``strict``: the list was not introduced by "like"/"such as", so every item must look like a title
    (capitalised) or a short field name; otherwise the whole list is refused.
    """
    stop = _LIST_STOP.search(text)
    if stop:
        text = text[: stop.start()]
    raw = [part for part in _ITEM_SPLIT.split(text) if part.strip()]
    items = []
    for part in raw:
        lowercase_original = part.strip()[:1].islower()
        item = _clean_item(part)
        if not item or len(item) > 80:
            continue
        if strict and lowercase_original and not _looks_like_field(part.strip()):
            return []
        if not _looks_like_field(item) and not any(w[:1].isupper() for w in item.split()[1:] or [item]):
            return []
        items.append(item)
    return items


def _after_introducer(rest: str) -> tuple[str, str, bool]:
    """(qualifier, list text, introduced): "leadership roles like A, B" -> ("leadership roles", "A, B", True)."""
    paren = re.match(r"(?P<q>[^()]*?)\s*\((?P<list>[^)]*)\)", rest)
    if paren and paren.group("list")[:1].isupper() and "," in paren.group("list"):
        return paren.group("q"), paren.group("list"), True
    intro = _INTRODUCER.search(rest)
    if intro and len(rest[: intro.start()].split()) <= 5:
        return rest[: intro.start()], rest[intro.end() :], True
    return "", rest, False


def _role_or_named(named: str, role_title: str) -> str:
    """The document's role when ``named`` is its function ("customer support" in a Customer Support guide)."""
    key, role = _title_key(named), _title_key(role_title)
    if not key or key == role or role.startswith(key + " ") or key in {"support", "this role", "the role"}:
        return role_title
    return _clean_item(named)


def moves_in_sentence(sentence: str, *, role_title: str, section: str = "") -> list[CareerMove]:
    """The moves one sentence describes, from ``role_title`` unless the sentence names where they start."""
    found: list[CareerMove] = []

    def add(from_title: str, to_title: str, kind: str) -> None:
        if to_title and _title_key(to_title) != _title_key(from_title):
            found.append(
                CareerMove(from_title=from_title, to_title=to_title, kind=kind, evidence=sentence, section=section)
            )

    chained = set()
    for match in _CHAIN.finditer(sentence):
        # "progress from executing requests to owning analytics" describes the work, not jobs.
        if not all(_looks_like_field(part.strip()) for part in (match.group("a"), match.group("b") or "x")):
            continue
        start = _role_or_named(match.group("a"), role_title)
        middle = match.group("b")
        if middle:
            middle = _clean_item(middle)
            add(start, middle, classify("progression", middle))
            start = middle
        for target in _split_list(match.group("c"), strict=True):
            add(start, target, classify("", target))
        chained.add(match.start())

    for match in _MOVE_INTO.finditer(sentence):
        if any(abs(match.start() - c) < 40 for c in chained):
            continue
        verb, prep = match.group("verb").lower(), match.group("prep").lower()
        # "used interchangeably or to denote" is no move; "considering a move into X" is a way in, not out.
        if (verb == "or" and prep == "to") or re.search(r"\b(?:a|the)\s*$", sentence[: match.start()]):
            continue
        # "Some move into management, others into data science" lists both.
        rest = re.sub(r",\s*others\s+(?:move\s+)?(?:into|toward|towards|to)\s+", ", ", match.group("rest"))
        qualifier, listed, introduced = _after_introducer(rest)
        targets = _split_list(listed, strict=not introduced)
        prefix = sentence[: match.start()]
        for target in targets:
            kind = classify(qualifier, target, default="") or classify(prefix, target)
            add(role_title, target, kind)

    for pattern in (_SUBJECT_IS_MOVE, _SUBJECT_IS_OPEN):
        match = pattern.search(sentence)
        if match:
            cue = match.groupdict().get("cue") or ""
            for target in _split_list(match.group("list"), strict=False):
                add(role_title, target, classify(cue, target))

    for match in _SPECIALISE.finditer(sentence):
        for target in _split_list(match.group("list"), strict=False):
            add(role_title, target, SPECIALISATION)

    for match in _PATHS_LIKE.finditer(sentence):
        for target in _split_list(match.group("list"), strict=False):
            add(role_title, target, classify("", target))
    return found


def _prose(doc: ParsedDocument):
    """(text, section) for every piece of prose that can describe where the role leads."""
    for sec in doc.sections:
        for paragraph in sec.paragraphs:
            yield paragraph, sec.section or sec.heading
    for faq in doc.faqs:
        yield faq.answer, faq.section
    for level in doc.career_levels:
        yield level.description, level.section
    for pro in doc.pros:
        yield pro.text, pro.section


def extract_moves(doc: ParsedDocument) -> list[CareerMove]:
    """Every move the document describes, once per (from, to), in document order."""
    moves: list[CareerMove] = []
    seen: set[tuple[str, str]] = set()
    for text, section in _prose(doc):
        for sentence in sentences(text):
            for move in moves_in_sentence(sentence, role_title=doc.role_title, section=section):
                key = (_title_key(move.from_title), _title_key(move.to_title))
                if key not in seen:
                    seen.add(key)
                    moves.append(move)
    return moves
