"""Pass 3 of the guide parser: one reader per kind of segment."""

from __future__ import annotations

import re
from decimal import Decimal

from .. import text as T
from ..document import (
    FAQ,
    DocumentError,
    EducationPath,
    NamedItem,
    ParsedDocument,
    Qualification,
    RelatedRole,
    Section,
    Skill,
    Step,
)
from .facts import FactsReader
from .ladder import LadderReader
from .lists import _inline_list, _norm, _paren_list, named_lists
from .salary import SalaryReader
from .segments import Line, Segment, _looks_like_heading

WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "ten": 10}
WORD_DURATION_RE = re.compile(
    r"\b(?P<n>one|two|three|four|five|six|seven|eight|ten)[- ](?P<unit>year|month|week)s?\b", re.IGNORECASE
)
PROGRAMME_RE = re.compile(
    r"(?:(?P<qual>\b[A-Z][\w'’.+-]*)\s+)?(?P<kind>(?i:degrees?|bootcamps?|certifications?|certificates?|courses?|"
    r"apprenticeships?|diplomas?|programmes?|programs?))\b"
)
STEP_RE = re.compile(r"^Step\s+(?P<n>\d+)\b\s*[:.\-–]?\s*(?P<rest>.*)$", re.IGNORECASE)


class _Reader(FactsReader, SalaryReader, LadderReader):
    def __init__(self, doc: ParsedDocument, role: str):
        self.doc = doc
        self.role = role
        self.anchors: set[str] = set()
        self.cert_keys: set[str] = set()
        self.tool_keys: set[str] = set()

    # ---- helpers

    def figures(self, text: str, section: str) -> None:
        self.doc.figures += T.extract_figures(text, section)

    def add_section(self, seg: Segment, paragraphs: list[str]) -> None:
        """Every heading of the source becomes a section in source order, also one with no prose of its own
        (its list, table or steps are drawn under it on the page)."""
        anchor = seg.spec.anchor or T.anchor_for(seg.heading)
        base, n = anchor, 2
        while anchor in self.anchors:
            anchor, n = f"{base}-{n}", n + 1
        self.anchors.add(anchor)
        self.doc.sections.append(Section(anchor, seg.heading, paragraphs, seg.spec.level, seg.heading))
        for p in paragraphs:
            self.figures(p, seg.heading)

    def add_certification(self, name: str, section: str, category: str = "") -> None:
        name = name.strip().strip(",.;:")
        name = re.sub(r"^(?:the|an?)\s+", "", name, flags=re.IGNORECASE)
        if not name or _norm(name) in self.cert_keys:
            return
        self.cert_keys.add(_norm(name))
        self.doc.certifications.append(NamedItem(name, section, category))

    def scan_certifications(self, text: str, section: str) -> None:
        for sentence in T.split_sentences(text):
            for m in re.finditer(r"\bcertifications?\b", sentence, re.IGNORECASE):
                tail = sentence[m.end() :]
                trig = re.match(r"\s*(?:\(\s*)?(?:like|such as|including|e\.g\.,?)\s+", tail, re.IGNORECASE)
                if not trig:
                    continue
                rest = tail[trig.end() :]
                names = _paren_list(rest.split(")")[0]) if "(" in trig.group(0) else _inline_list(rest)
                for name in names:
                    self.add_certification(name, section)

    # ---- driver

    def read(self, segments: list[Segment]) -> None:
        for seg in segments:
            kind = seg.spec.kind
            if kind == "chrome":
                continue
            getattr(self, f"read_{kind}")(seg)
        # Certifications named anywhere in prose, after the key-facts ones.
        for sec in self.doc.sections:
            for p in sec.paragraphs:
                self.scan_certifications(p, sec.section)
        for step in self.doc.steps:
            self.scan_certifications(step.text, step.section)
        for faq in self.doc.faqs:
            self.scan_certifications(faq.answer, faq.section)
        # The guide states no typical experience: take it from the level named like the role.
        facts = self.doc.facts
        if not facts.typical_experience:
            for level in self.doc.career_levels:
                if _norm(level.title) == _norm(self.role) and level.years_min is not None:
                    facts.experience_years_min = level.years_min
                    facts.experience_years_max = level.years_max
                    if level.years_open_ended:
                        facts.typical_experience = f"{level.years_min}+ years"
                    else:
                        facts.typical_experience = f"{level.years_min}-{level.years_max} years"
                    break

    # ---- key facts

    def read_prose(self, seg: Segment) -> None:
        paragraphs = [ln.text for ln in seg.lines]
        self.add_section(seg, paragraphs)
        if seg.spec.key == "tools":
            self.read_tools(seg, paragraphs)
        elif seg.spec.key == "education":
            self.read_education(seg, paragraphs)
        elif seg.spec.key == "global-salaries":
            self.read_global_salaries(seg, paragraphs)

    def read_tools(self, seg: Segment, paragraphs: list[str]) -> None:
        for p in paragraphs:
            for sentence in T.split_sentences(p):
                for category, names in named_lists(sentence):
                    self.add_tools(names, seg.heading, category)

    def add_tools(self, names: list[str], section: str, category: str) -> None:
        for name in names:
            if _norm(name) in self.tool_keys:
                continue
            self.tool_keys.add(_norm(name))
            self.doc.tools.append(NamedItem(name, section, category))

    def read_education(self, seg: Segment, paragraphs: list[str]) -> None:
        sentences = [s for p in paragraphs for s in T.split_sentences(p)]
        # The fullest name each kind of programme is given anywhere in the section ("IT bootcamps").
        qualified: dict[str, str] = {}
        for s in sentences:
            for m in PROGRAMME_RE.finditer(s):
                if m.group("qual") and not _is_sentence_start(s, m.start()):
                    qualified.setdefault(_kind(m.group("kind")), f"{m.group('qual')} {m.group('kind')}")
        seen: set[str] = set()
        for s in sentences:
            money = T.parse_money_range(s)
            dur = T.DURATION_RE.search(s)
            if not money and not dur:
                continue
            m = PROGRAMME_RE.search(s)
            if not m:
                continue
            kind = _kind(m.group("kind"))
            if m.group("qual") and not _is_sentence_start(s, m.start()):
                name = f"{m.group('qual')} {m.group('kind')}"
            else:
                name = qualified.get(kind) or m.group("kind")
            name = name[0].upper() + name[1:]
            if _norm(name) in seen:
                continue
            seen.add(_norm(name))
            path = EducationPath(name=name, description=s, section=seg.heading)
            if money:
                path.cost_min, path.cost_max, path.currency, path.cost_open_ended = money
            if dur:
                a = Decimal(dur.group("a"))
                path.duration_min = a
                path.duration_max = Decimal(dur.group("b")) if dur.group("b") else a
                unit = dur.group("unit").lower()
                path.duration_unit = unit if unit.endswith("s") else unit + "s"
            else:
                wd = WORD_DURATION_RE.search(s)
                if wd:
                    path.duration_min = path.duration_max = Decimal(WORD_NUMBERS[wd.group("n").lower()])
                    path.duration_unit = wd.group("unit").lower() + "s"
            self.doc.education_paths.append(path)

    def read_list(self, seg: Segment) -> None:
        key = seg.spec.key
        self.add_section(seg, [])
        for ln in seg.lines:
            item = T.normalise_line(ln.text)
            self.figures(item, seg.heading)
            if key == "duties":
                self.doc.duties.append(NamedItem(item, seg.heading))
            elif key == "pros":
                self.doc.pros.append(NamedItem(item, seg.heading))
            elif key == "cons":
                self.doc.cons.append(NamedItem(item, seg.heading))
            elif key in {"technical-skills", "soft-skills"}:
                kind = "technical" if key == "technical-skills" else "soft"
                m = re.match(r"^(?P<name>.+?)\s*\((?P<detail>[^()]*)\)$", item) or re.match(
                    r"^(?P<name>[^:]{1,60}):\s*(?P<detail>.+)$", item
                )
                name, detail = (m.group("name").strip(), m.group("detail").strip()) if m else (item, "")
                self.doc.skills.append(Skill(name, detail, kind, seg.heading))
                if kind == "technical":
                    # "Ticket Management Systems (e.g., ServiceNow, Zendesk)": the products a skill names are tools.
                    for _category, names in named_lists(item):
                        self.add_tools(names, seg.heading, name)
            else:
                self.doc.qualifications.append(Qualification(seg.heading, item, seg.heading))

    # ---- how to become (steps)

    def read_steps(self, seg: Segment) -> None:
        intro: list[Line] = []
        steps: list[tuple[Line, int, list[str]]] = []
        for ln in seg.lines:
            m = STEP_RE.match(ln.text)
            if m:
                steps.append((ln, int(m.group("n")), [m.group("rest")] if m.group("rest") else []))
            elif steps:
                steps[-1][2].append(ln.text)
            else:
                intro.append(ln)
        step_texts = {_norm(t) for _, _, texts in steps for t in texts}
        # The page shows the step texts once bare (right after the intro) and again under "Step N".
        prose = [ln.text for ln in intro if _norm(ln.text) not in step_texts]
        self.add_section(seg, prose)
        seen: set[int] = set()
        for ln, number, texts in steps:
            if number in seen:
                continue
            if not texts:
                raise DocumentError(f"'Step {number}' has no text", line=ln.no)
            seen.add(number)
            text = " ".join(texts)
            self.doc.steps.append(Step(number, text, seg.heading))
            self.figures(text, seg.heading)

    # ---- salary table

    def read_faq(self, seg: Segment) -> None:
        intro: list[str] = []
        current: FAQ | None = None
        for ln in seg.lines:
            if ln.text.endswith("?"):
                current = FAQ(ln.text, "", seg.heading)
                self.doc.faqs.append(current)
                self.figures(ln.text, seg.heading)
            elif current is None:
                intro.append(ln.text)
            else:
                current.answer = f"{current.answer} {ln.text}".strip()
        self.add_section(seg, intro)
        for faq in self.doc.faqs:
            if not faq.answer:
                raise DocumentError(f"FAQ {faq.question!r} has no answer", line=seg.line)
            self.figures(faq.answer, seg.heading)

    # ---- related careers

    def read_related(self, seg: Segment) -> None:
        intro: list[str] = []
        current: RelatedRole | None = None
        for ln in seg.lines:
            glued = T.MONEY_RANGE_RE.search(ln.text)
            title_text = ln.text[: glued.start()].strip() if glued and glued.end() == len(ln.text) else ln.text
            if _looks_like_heading(title_text):
                current = RelatedRole(title_text, section=seg.heading)
                if title_text != ln.text:
                    current.salary_min, current.salary_max, current.currency, _ = T.parse_money_range(glued.group(0))
                    self.figures(glued.group(0), seg.heading)
                self.doc.related_roles.append(current)
            elif current is None:
                intro.append(ln.text)
            else:
                current.blurb = f"{current.blurb} {ln.text}".strip()
                self.figures(ln.text, seg.heading)
        self.add_section(seg, intro)


def _kind(word: str) -> str:
    w = word.lower()
    return re.sub(r"(?:e?s)$", "", w) if not w.endswith("ss") else w


def _is_sentence_start(sentence: str, pos: int) -> bool:
    return not sentence[:pos].strip()
