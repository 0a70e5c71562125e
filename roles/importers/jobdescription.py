"""Parser for JobDescription.org-style job-description pages.

Two captured layouts are read by the same code:

- layout A: no blank lines, "- " bullets, the "Role at a glance" block as
  alternating "- Label" / "- Value" lines, the FAQ as alternating "- question" /
  "- answer" lines, and related roles as "- Title$70K–$108K" followed by a blurb
  line (the first one glued after "See all <Category> jobs →").
- layout B: a "JobDescription.org" chrome line first, blank lines between
  blocks, label and value on separate plain lines, "  • " bullets, FAQ questions
  as lines ending in "?" followed by their answer.

Everything is found by structure (known headings, bullets, "Label:" lines,
money ranges), never by a particular role's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from . import text as T
from .document import (
    FAQ,
    FORMAT_JOB_DESCRIPTION,
    DocumentError,
    Facts,
    NamedItem,
    ParsedDocument,
    Qualification,
    RelatedRole,
    SalaryBand,
    Section,
    Skill,
)
from .tools import product_names

# ---------------------------------------------------------------- structure

GLANCE = "glance"
DUTIES = "duties"
OVERVIEW = "overview"
QUALIFICATIONS = "qualifications"
OUTLOOK = "outlook"
COVER = "cover"
FAQS = "faq"
RELATED = "related"
PROSE = "prose"  # an unknown prose heading

KNOWN_HEADINGS = {
    "role at a glance": GLANCE,
    "at a glance": GLANCE,
    "duties and responsibilities": DUTIES,
    "duties & responsibilities": DUTIES,
    "responsibilities": DUTIES,
    "key responsibilities": DUTIES,
    "overview": OVERVIEW,
    "role overview": OVERVIEW,
    "job overview": OVERVIEW,
    "qualifications": QUALIFICATIONS,
    "career outlook": OUTLOOK,
    "job outlook": OUTLOOK,
    "sample cover letter": COVER,
    "cover letter": COVER,
    "frequently asked questions": FAQS,
    "faq": FAQS,
    "faqs": FAQS,
}
SECTION_ANCHORS = {OVERVIEW: "overview", OUTLOOK: "market-outlook"}

MORE_IN_RE = re.compile(r"^More in\s+(?P<category>\S.*?)\s*$", re.IGNORECASE)
SEE_ALL_RE = re.compile(r"^\s*See all\b[^→]*→\s*", re.IGNORECASE)
SITE_CHROME_RE = re.compile(r"^\s*jobdescription\.org\s*$", re.IGNORECASE)
LAST_UPDATED_RE = re.compile(r"^\s*Last updated\b(?P<rest>.*)$", re.IGNORECASE)
DATE_LINE_RE = re.compile(
    r"^\s*(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(?:\d{1,2},?\s+)?)?(?:19|20)\d\d\s*$"
    r"|^\s*\d{4}-\d{2}-\d{2}\s*$",
    re.IGNORECASE,
)
DATE_MARK = "\x00date:"  # an entry holding the date the page gives itself
BULLET_RE = re.compile(r"^\s*(?:[•·▪●◦*]|-(?=\s))\s*")
GLANCE_LABELS = (
    ("typical education", "typical_education"),
    ("typical experience", "typical_experience"),
    ("key certification", "key_certifications"),
    ("top employer", "top_employer_types"),
    ("growth outlook", "growth_outlook"),
    ("ai impact", "ai_impact"),
)
NONE_RE = re.compile(r"^\s*(?:none\b|n/?a\b|not (?:typically )?required\b|no specific\b)", re.IGNORECASE)
CAP_TOKEN_RE = re.compile(r"^[A-Z0-9(][\w+/\-.():&']*$")
STOPWORDS = {"The", "A", "An", "Most", "It", "This", "These", "Those", "Many", "Some", "Other", "Any", "Both", "Each"}
CREDENTIAL_NOUNS = {
    "administrator",
    "associate",
    "professional",
    "foundation",
    "architect",
    "engineer",
    "specialist",
    "expert",
    "developer",
    "practitioner",
    "analyst",
    "fundamentals",
    "certification",
    "certificate",
    "master",
    "manager",
    "consultant",
    "auditor",
}


@dataclass
class Entry:
    line: int  # 1-based line number in the source
    raw: str  # the line as written, without surrounding space

    @property
    def bullet(self) -> bool:
        return bool(BULLET_RE.match(self.raw)) and len(self.raw) > 2

    @property
    def text(self) -> str:
        return BULLET_RE.sub("", self.raw, count=1).strip() if self.bullet else self.raw.strip()


@dataclass
class Block:
    kind: str
    heading: str
    line: int
    entries: list[Entry]


# ------------------------------------------------------------------ helpers


def looks_like(text: str) -> bool:
    has_glance = re.search(r"^\s*(?:[-•]\s*)?Role at a glance\s*$", text, re.IGNORECASE | re.MULTILINE)
    return bool(has_glance) and "key facts & statistics" not in text.lower()


def _heading_kind(value: str) -> str | None:
    key = value.strip().rstrip(":").strip().lower()
    if key in KNOWN_HEADINGS:
        return KNOWN_HEADINGS[key]
    if MORE_IN_RE.match(value.strip()):
        return RELATED
    return None


def _heading_like(entry: Entry) -> bool:
    """A plain short line that reads as a heading, not as prose or a list item."""
    value = entry.raw.strip()
    if entry.bullet or not value or len(value) > 70:
        return False
    if not value[0].isupper() or value[0] == "[" or "$" in value:
        return False
    return value[-1] not in ".?!,;:" and len(value.split()) <= 9


def _split_list(value: str) -> list[str]:
    """Split on commas outside parentheses: "CCNA (Cisco, entry), CCNP" -> 2 items."""
    items, depth, current = [], 0, []
    for ch in value:
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        if ch == "," and depth == 0:
            items.append("".join(current))
            current = []
        else:
            current.append(ch)
    items.append("".join(current))
    cleaned = []
    for item in items:
        item = re.sub(r"^\s*(?:and|or)\s+", "", item.strip()).strip().rstrip(".").strip()
        if item:
            cleaned.append(item)
    return cleaned


def _label_qualifier(label: str) -> str:
    """A label's parenthesised qualifiers, as written: "AI impact (through 2030)" -> "through 2030"."""
    return "; ".join(part.strip() for part in re.findall(r"\(([^()]*)\)", label) if part.strip())


def _glance_key(label: str) -> str | None:
    key = re.sub(r"\(.*?\)", "", label).strip().rstrip(":").strip().lower()
    for prefix, name in GLANCE_LABELS:
        if key.startswith(prefix):
            return name
    return None


def _split_name_detail(value: str) -> tuple[str, str]:
    """ "Name: detail" or "Name — detail" -> (name, detail); no separator -> (value, "")."""
    candidates = [m for m in (re.search(r":\s", value), re.search(r"\s[—–]\s", value)) if m]
    if not candidates:
        return value.strip(), ""
    m = min(candidates, key=lambda match: match.start())
    name, detail = value[: m.start()].strip(), value[m.end() :].strip()
    if not name or len(name.split()) > 10:
        return value.strip(), ""
    return name, detail


def _unique_anchor(anchor: str, used: set[str]) -> str:
    anchor = anchor or "section"
    candidate, n = anchor, 2
    while candidate in used:
        candidate = f"{anchor}-{n}"
        n += 1
    used.add(candidate)
    return candidate


# ------------------------------------------------------------ tokenising


def _entries(text: str) -> list[Entry]:
    """Non-blank lines with their numbers, site chrome dropped.

    "JobDescription.org" and "See all … jobs →" are chrome; what is glued after
    the arrow is kept as its own entry on the same line. "Last updated" (and a
    bare date after it) is kept as a marker entry so the header can be read.
    """
    entries: list[Entry] = []
    lines = text.splitlines()
    skip_date = False
    for number, raw in enumerate(lines, start=1):
        value = raw.strip()
        if not value:
            continue
        if skip_date and DATE_LINE_RE.match(value):
            skip_date = False
            entries.append(Entry(number, DATE_MARK + value))
            continue
        skip_date = False
        if SITE_CHROME_RE.match(value):
            continue
        m = LAST_UPDATED_RE.match(value)
        if m and len(value) < 40:
            entries.append(Entry(number, "\x00last-updated"))
            rest = m.group("rest").strip(" :")
            if rest and (T.stated_date(value) or DATE_LINE_RE.match(rest)):
                entries.append(Entry(number, DATE_MARK + rest))
            skip_date = not rest
            continue
        m = SEE_ALL_RE.match(value)
        if m:
            entries.append(Entry(number, "\x00see-all"))
            rest = value[m.end() :].strip()
            if rest:
                entries.append(Entry(number, rest))
            continue
        entries.append(Entry(number, raw.rstrip()))
    return entries


def _blocks(entries: list[Entry]) -> tuple[list[Entry], list[Block]]:
    """Header entries (before the first known heading) and the heading blocks."""
    header: list[Entry] = []
    blocks: list[Block] = []
    current: Block | None = None
    for entry in entries:
        if entry.raw == "\x00see-all":
            if current is None or current.kind != RELATED:
                current = Block(RELATED, "", entry.line, [])
                blocks.append(current)
            continue
        kind = None if entry.bullet else _heading_kind(entry.raw)
        if kind is not None:
            current = Block(kind, entry.raw.strip().rstrip(":").strip(), entry.line, [])
            blocks.append(current)
            continue
        if current is None:
            header.append(entry)
        else:
            current.entries.append(entry)
    return header, _split_unknown_headings(blocks)


def _split_unknown_headings(blocks: list[Block]) -> list[Block]:
    """Find headings the parser does not know by name, inside blocks whose
    content is prose or bullets (so a short plain line cannot be content)."""
    result: list[Block] = []
    for block in blocks:
        if block.kind in {GLANCE, FAQS, RELATED}:
            result.append(block)
            continue
        current = Block(block.kind, block.heading, block.line, [])
        result.append(current)
        signed = False
        for i, entry in enumerate(block.entries):
            if current.kind == COVER:
                if signed and _heading_like(entry):
                    current = Block(PROSE, entry.raw.strip(), entry.line, [])
                    result.append(current)
                    continue
                current.entries.append(entry)
                signed = signed or _is_signature(entry, current.entries)
                continue
            if current.kind == QUALIFICATIONS and (entry.raw.strip().endswith(":") or entry.bullet):
                current.entries.append(entry)
                continue
            following = block.entries[i + 1] if i + 1 < len(block.entries) else None
            if _heading_like(entry) and following is not None and not _heading_like(following):
                current = Block(PROSE, entry.raw.strip(), entry.line, [])
                result.append(current)
                continue
            current.entries.append(entry)
    return result


def _is_signature(entry: Entry, so_far: list[Entry]) -> bool:
    value = entry.text
    body = [e for e in so_far if not e.text.lower().startswith("dear ")]
    if len(body) < 2:
        return False
    if value.startswith("[") and value.endswith("]"):
        return True
    return len(value.split()) <= 5 and value[-1] not in ".?!,:;"


# --------------------------------------------------------------- parsing


def parse(text: str, *, file_name: str, sha256: str) -> ParsedDocument:
    entries = _entries(text)
    if not entries:
        raise DocumentError("document is empty", line=1)
    header, blocks = _blocks(entries)

    category, role_title, summary = _parse_header(header, blocks)
    doc = ParsedDocument(
        file_name=file_name,
        format=FORMAT_JOB_DESCRIPTION,
        title=role_title,
        sha256=sha256,
        role_title=role_title,
        category=category,
        summary=summary,
    )
    doc.stated_date = next((e.raw[len(DATE_MARK) :] for e in header if e.raw.startswith(DATE_MARK)), "")
    if summary:
        doc.figures += T.extract_figures(summary, role_title)

    glance = next((b for b in blocks if b.kind == GLANCE), None)
    if glance is None:
        where = blocks[0].line if blocks else entries[-1].line + 1
        raise DocumentError("no 'Role at a glance' block before this line", line=where)
    if not any(b.kind == DUTIES for b in blocks):
        after = [b for b in blocks if b.line > glance.line]
        where = after[0].line if after else entries[-1].line + 1
        raise DocumentError("no 'Duties and responsibilities' block (expected after 'Role at a glance')", line=where)

    used_anchors: set[str] = set()
    for block in blocks:
        if block.kind == GLANCE:
            _parse_glance(block, doc)
        elif block.kind == DUTIES:
            _add_heading(block, doc, used_anchors, "responsibilities")
            _parse_duties(block, doc)
        elif block.kind in {OVERVIEW, OUTLOOK, PROSE}:
            _parse_prose(block, doc, used_anchors)
        elif block.kind == QUALIFICATIONS:
            _add_heading(block, doc, used_anchors, "qualifications")
            _parse_qualifications(block, doc, used_anchors)
        elif block.kind == COVER:
            _parse_cover(block, doc)
            doc.sections.append(
                Section(
                    _unique_anchor("cover-letter", used_anchors),
                    block.heading,
                    doc.cover_letter.split("\n\n"),
                    level=2,
                    section=block.heading,
                )
            )
        elif block.kind == FAQS:
            _add_heading(block, doc, used_anchors, "faq")
            _parse_faqs(block, doc)
        elif block.kind == RELATED:
            if block.heading:
                _add_heading(block, doc, used_anchors, "related")
            _parse_related(block, doc)
    cover = next((b.heading for b in blocks if b.kind == COVER), "")
    _collect_certifications(doc, cover)
    for faq in doc.faqs:
        # A question about tools answers with the tools of the job.
        if re.search(r"\btools?\b|\bsoftware\b|\bplatforms?\b", faq.question, re.IGNORECASE):
            for sentence in T.split_sentences(faq.answer):
                _add_tools(doc, product_names(sentence), section=faq.section, category="")
    return doc


def _parse_header(header: list[Entry], blocks: list[Block]) -> tuple[str, str, str]:
    marker = next((i for i, e in enumerate(header) if e.raw == "\x00last-updated"), None)
    titles = header[:marker] if marker is not None else header[:2]
    body = header[marker + 1 :] if marker is not None else header[2:]
    where = header[0].line if header else (blocks[0].line if blocks else 1)
    if marker is not None and len(titles) != 2:
        line = titles[-1].line if len(titles) > 2 else header[marker].line
        raise DocumentError(
            f"expected a category line and a role-title line before 'Last updated', found {len(titles)} line(s)",
            line=line,
        )
    if len(titles) < 2:
        raise DocumentError("missing the category and role-title lines at the top of the page", line=where)
    for entry, what in zip(titles, ("category", "role title"), strict=True):
        value = entry.text
        if entry.bullet or len(value) > 100 or value.endswith((".", "?", "!", ":")) or value.startswith("\x00"):
            raise DocumentError(f"expected the {what} here, found a line of prose", line=entry.line)
    summary = "\n\n".join(e.text for e in body if not e.raw.startswith("\x00"))
    return titles[0].text, titles[1].text, summary


def _parse_glance(block: Block, doc: ParsedDocument) -> None:
    facts: Facts = doc.facts
    items = block.entries
    if not items:
        raise DocumentError("'Role at a glance' has no labels and values", line=block.line)
    i = 0
    while i < len(items):
        label = items[i]
        key = _glance_key(label.text)
        nxt = items[i + 1] if i + 1 < len(items) else None
        if key is None:
            # An unknown label: skip it with its value unless the next line is a known label.
            if nxt is None or _glance_key(nxt.text):
                i += 1
            else:
                doc.figures += T.extract_figures(nxt.text, block.heading)
                i += 2
            continue
        if nxt is None or _glance_key(nxt.text) is not None:
            raise DocumentError(f"'{label.text}' has no value", line=label.line)
        value = nxt.text
        doc.figures += T.extract_figures(value, block.heading)
        i += 2
        if qualifier := _label_qualifier(label.text):
            facts.qualifiers[key] = qualifier
        if key == "typical_education":
            facts.typical_education = value
        elif key == "typical_experience":
            facts.typical_experience = value
            low, high, _ = T.parse_years(value)
            facts.experience_years_min, facts.experience_years_max = low, high
        elif key == "key_certifications":
            facts.key_certifications_text = value
            facts.key_certifications = [] if NONE_RE.match(value) else _split_list(value)
        elif key == "top_employer_types":
            facts.top_employer_types = [] if NONE_RE.match(value) else _split_list(value)
        elif key == "growth_outlook":
            facts.growth_outlook = value
            m = T.PERCENT_RE.search(value)
            if m and m.group("c"):
                facts.growth_percent = Decimal(m.group("c"))
            span = T.YEAR_SPAN_RE.search(value)
            if span:
                facts.growth_period_start, facts.growth_period_end = int(span.group("a")), int(span.group("b"))
        elif key == "ai_impact":
            facts.ai_impact = value
    for name in facts.key_certifications:
        doc.certifications.append(NamedItem(name, section=block.heading, category="key"))


def _add_heading(block: Block, doc: ParsedDocument, used: set[str], anchor: str) -> None:
    """A heading whose content is a list (duties, qualifications, FAQ): a section with no prose, in source order."""
    doc.sections.append(Section(_unique_anchor(anchor, used), block.heading, [], level=2, section=block.heading))


def _parse_duties(block: Block, doc: ParsedDocument) -> None:
    if not block.entries:
        raise DocumentError(f"'{block.heading}' lists no duties", line=block.line)
    for entry in block.entries:
        doc.duties.append(NamedItem(entry.text, section=block.heading))
        doc.figures += T.extract_figures(entry.text, block.heading)


def _parse_prose(block: Block, doc: ParsedDocument, used: set[str]) -> None:
    paragraphs = [e.text for e in block.entries]
    anchor = SECTION_ANCHORS.get(block.kind) or T.anchor_for(block.heading)
    doc.sections.append(
        Section(_unique_anchor(anchor, used), block.heading, paragraphs, level=2, section=block.heading)
    )
    for paragraph in paragraphs:
        doc.figures += T.extract_figures(paragraph, block.heading)


def _parse_qualifications(block: Block, doc: ParsedDocument, used: set[str]) -> None:
    group = ""
    for entry in block.entries:
        value = entry.text
        if not entry.bullet and value.endswith(":") and len(value.split()) <= 8:
            group = value.rstrip(":").strip()
            doc.sections.append(Section(_unique_anchor(T.anchor_for(group), used), group, [], level=3, section=group))
            continue
        doc.figures += T.extract_figures(value, block.heading)
        lowered = group.lower()
        # Only a group named for technical or soft skills holds skills; "Leadership and process skills" and
        # other groups stay qualifications under their own heading.
        if re.search(r"\b(?:technical|soft)\b", lowered):
            kind = "soft" if "soft" in lowered else "technical"
            name, detail = _split_name_detail(value)
            doc.skills.append(Skill(name, detail, kind=kind, section=group))
            if kind == "technical":
                _add_tools(doc, product_names(value), section=group, category=name if detail else "")
        else:
            doc.qualifications.append(Qualification(group or block.heading, value, section=group or block.heading))


def _leading_name(value: str) -> str:
    """The leading run of capitalised tokens: "GCP at a level" -> "GCP"."""
    words = []
    for word in value.split():
        if not CAP_TOKEN_RE.match(word) or not (word[0].isupper() or word[0].isdigit() or word[0] == "("):
            break
        words.append(word)
    return " ".join(words).strip(" :;,.")


def _add_tools(doc: ParsedDocument, names: list[str], *, section: str, category: str) -> None:
    known = {tool.text.lower() for tool in doc.tools}
    for name in names:
        if name.lower() not in known:
            known.add(name.lower())
            doc.tools.append(NamedItem(name, section=section, category=category))


def _parse_cover(block: Block, doc: ParsedDocument) -> None:
    lines = list(block.entries)
    start = next((i for i, e in enumerate(lines) if e.text.lower().startswith("dear ")), 0)
    paragraphs = [e.text for e in lines[start:]]
    if not paragraphs:
        raise DocumentError("'Sample cover letter' has no letter", line=block.line)
    doc.cover_letter = "\n\n".join(paragraphs)
    for paragraph in paragraphs:
        doc.figures += T.extract_figures(paragraph, block.heading)


def _parse_faqs(block: Block, doc: ParsedDocument) -> None:
    items = block.entries
    alternating = (
        bool(items)
        and all(e.bullet for e in items)
        and len(items) % 2 == 0
        and all(items[i].text.endswith("?") for i in range(0, len(items), 2))
    )
    if items and all(e.bullet for e in items) and not any(e.text.endswith("?") for e in items):
        # "- question" / "- answer" lines whose questions do not end in "?": pair them in order.
        if len(items) % 2:
            raise DocumentError(f"question has no answer: '{items[-1].text}'", line=items[-1].line)
        alternating = True
    if alternating:
        pairs = [(items[i], [items[i + 1]]) for i in range(0, len(items), 2)]
    else:
        pairs = []
        for entry in items:
            if entry.text.endswith("?"):
                pairs.append((entry, []))
            elif not pairs:
                raise DocumentError("answer without a question", line=entry.line)
            else:
                pairs[-1][1].append(entry)
    for question, answer in pairs:
        if not answer:
            raise DocumentError(f"question has no answer: '{question.text}'", line=question.line)
        text = "\n\n".join(e.text for e in answer)
        doc.faqs.append(FAQ(question.text, text, section=block.heading))
        doc.figures += T.extract_figures(question.text, block.heading)
        doc.figures += T.extract_figures(text, block.heading)


def _parse_related(block: Block, doc: ParsedDocument) -> None:
    current: RelatedRole | None = None
    for entry in block.entries:
        value = entry.text
        money = T.MONEY_RANGE_RE.search(value)
        is_title = entry.bullet or (money is not None and not value[money.end() :].strip() and len(value) < 120)
        doc.figures += T.extract_figures(value, block.heading)
        if is_title:
            title, low, high, cur, plus = value, None, None, "USD", False
            if money is not None and not value[money.end() :].strip():
                title = value[: money.start()].strip(" -–—:|")
                low, high, cur, plus = T.parse_money_range(money.group(0))
            current = RelatedRole(title, "", low, high, cur, section=block.heading)
            doc.related_roles.append(current)
            if low is not None:
                doc.salary_bands.append(
                    SalaryBand(
                        kind="related_role",
                        label=title,
                        currency=cur,
                        min=low,
                        max=high,
                        max_open_ended=plus,
                        related_title=title,
                        section=block.heading,
                    )
                )
        elif current is not None:
            current.blurb = f"{current.blurb} {value}".strip()


# ---------------------------------------------------------- certifications

CERT_LIST_BEFORE_RE = re.compile(
    r"((?:[A-Z0-9][\w+/\-.]*(?:\s+(?:and|or)\s+|,\s*(?:and\s+|or\s+)?|\s+))+)certifications?\b"
)


def _credential(candidate: str) -> str | None:
    words = candidate.split()
    while words and words[0] in STOPWORDS:
        words = words[1:]
    name = " ".join(words).strip(" :;,.")
    if not name or len(words) > 7:
        return None
    has_code = any(sum(c.isupper() for c in w) >= 2 or any(c.isdigit() for c in w) or "+" in w for w in words)
    cred_noun = len(words) >= 2 and words[-1].strip("():").lower() in CREDENTIAL_NOUNS
    return name if has_code or cred_noun else None


def _enumerated_credentials(sentence: str) -> list[str]:
    found = []
    for part in re.split(r",\s*|;\s*|\s+or\s+|\s+and\s+", sentence):
        part = re.sub(r"^(?:and|or)\s+", "", part.strip())
        name = _credential(_leading_name(part))
        if name:
            found.append(name)
    return found


def _collect_certifications(doc: ParsedDocument, cover_heading: str) -> None:
    """Key certifications, then credentials named in a FAQ answer about
    certifications, or in "the X and Y certifications" anywhere in the text."""
    seen = {c.text.lower() for c in doc.certifications}
    codes = set()

    def add(name: str, section: str) -> None:
        key = name.lower()
        code = re.search(r"\(([^)]+)\)", name)
        if key in seen or key in codes:
            return
        seen.add(key)
        if code:
            codes.add(code.group(1).lower())
        doc.certifications.append(NamedItem(name, section=section))

    for cert in doc.certifications:
        code = re.search(r"\(([^)]+)\)", cert.text)
        if code:
            codes.add(code.group(1).lower())
    for faq in doc.faqs:
        if "certif" in faq.question.lower() or "credential" in faq.question.lower():
            for sentence in T.split_sentences(faq.answer):
                for name in _enumerated_credentials(sentence):
                    add(name, faq.section)
    sources = [(q.text, q.section) for q in doc.qualifications]
    sources += [(s.name + " " + s.detail, s.section) for s in doc.skills]
    sources += [(f.answer, f.section) for f in doc.faqs]
    sources += [(p, cover_heading) for p in doc.cover_letter.split("\n\n") if p]
    for value, section in sources:
        for m in CERT_LIST_BEFORE_RE.finditer(value):
            for name in _enumerated_credentials(m.group(1)):
                add(name, section)
