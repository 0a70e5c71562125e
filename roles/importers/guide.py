"""Parser for long career guides (Himalayas style: "Complete <Role> Career Guide").

The page was captured as plain text: headings are plain lines, some elements are
glued together ("0-2 yearsHandle…", "Explore career guideSupport Specialist",
"View examplesPros & Cons"), the career-path block and the step texts repeat, and
site chrome (application toolkit, career coach, sign-up prompts) is mixed in.

Parsing goes in three passes: ``_prepare_lines`` splits glued chrome and cuts the
trailing chrome; ``_segment`` cuts the body into headed segments (headings that
name the role are matched with the role title substituted); each segment kind
then has its own reader. Nothing here names a particular role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from . import text as T
from .document import (
    FAQ,
    FORMAT_GUIDE,
    CareerLevel,
    DocumentError,
    EducationPath,
    Facts,
    NamedItem,
    ParsedDocument,
    Qualification,
    RelatedRole,
    SalaryBand,
    Section,
    Skill,
    Step,
)

TITLE_RE = re.compile(r"^Complete\s+(?P<role>.+?)\s+Career\s+Guide$", re.IGNORECASE)
KEY_FACTS = "Key Facts & Statistics"

# Site chrome that the capture glued in front of real content ("View examplesPros & Cons").
CHROME_PREFIXES = (
    "View examples",
    "Explore career guide",
    "See your skills gap",
    "Assess your readiness",
    "Get started for free",
)


@dataclass
class Line:
    no: int  # 1-based line number in the source
    text: str


@dataclass
class Spec:
    """A heading the reader knows: its anchor, level and the kind of block under it."""

    key: str
    pattern: re.Pattern
    anchor: str
    level: int
    kind: str  # facts | prose | list | steps | table | career | faq | related | chrome
    parent: str = ""  # key of the main heading a subheading is only recognised under


@dataclass
class Segment:
    heading: str
    line: int
    spec: Spec
    lines: list[Line] = field(default_factory=list)


def _specs(role: str) -> list[Spec]:
    r = re.escape(role)
    plural = rf"{r}(?:s|es)?"

    def spec(key, pattern, anchor, kind="prose", level=2, parent=""):
        return Spec(key, re.compile(rf"^{pattern}$", re.IGNORECASE), anchor, level, kind, parent)

    return [
        spec("facts", re.escape(KEY_FACTS), "key-facts", "facts"),
        spec("overview", rf"What\s+is\s+an?\s+{r}\?", "overview"),
        spec("responsibilities", rf"What\s+does\s+an?\s+{r}\s+do\?", "responsibilities"),
        spec("duties", r"Key\s+Responsibilities", "key-responsibilities", "list", 3),
        spec("work-environment", r"Work\s+Environment", "work-environment"),
        spec("tools", r"Tools\s+(?:&|and)\s+Technologies", "tools"),
        spec("skills", r"Skills\s+(?:&|and)\s+Qualifications", "skills"),
        spec("education-requirements", r"Education\s+Requirements", "education-requirements", "list", 3),
        spec("technical-skills", r"Technical\s+Skills", "technical-skills", "list", 3),
        spec("soft-skills", r"Soft\s+Skills", "soft-skills", "list", 3),
        spec("how-to-become", rf"How\s+to\s+Become\s+an?\s+{r}", "how-to-become", "steps"),
        spec("education", r"Education\s+(?:&|and)\s+Training", "education"),
        spec("salary", r"Salary\s+(?:&|and)\s+Outlook", "salary"),
        spec("salary-table", r"Salary\s+by\s+Experience\s+Level", "salary-by-experience", "table", 3),
        spec("market-outlook", r"Market\s+Commentary", "market-outlook", level=3),
        spec("career-path", r"Career\s+Path", "career-path", "career"),
        spec("diversity", rf"Diversity\s+(?:&|and)\s+Inclusion\s+in\s+{r}\s+Roles", "diversity-inclusion"),
        spec("inclusive-hiring", r"Inclusive\s+Hiring\s+Practices", "inclusive-hiring", level=3),
        spec("workplace-culture", r"Workplace\s+Culture", "workplace-culture", level=3),
        spec("support-networks", r"Resources\s+(?:&|and)\s+Support\s+Networks", "support-networks", level=3),
        spec("global", rf"Global\s+{r}\s+Opportunities", "global-opportunities"),
        spec("global-salaries", r"Global\s+Salaries", "global-salaries", level=3),
        spec("remote-work", r"Remote\s+Work", "remote-work", level=3),
        spec("visa", r"Visa\s+(?:&|and)\s+Immigration", "visa", level=3),
        spec("market-reality", rf"(?:(?:19|20)\d\d\s+)?Market\s+Reality\s+for\s+{plural}", "market-reality"),
        spec("challenges", r"Current\s+Challenges", "challenges", level=3),
        spec("growth-opportunities", r"Growth\s+Opportunities", "growth-opportunities", level=3),
        spec("market-trends", r"Current\s+Market\s+Trends", "market-trends", level=3),
        spec("toolkit", r"Job\s+Application\s+Toolkit", "", "chrome"),
        spec("pros-cons", r"Pros\s+(?:&|and)\s+Cons", "pros-cons"),
        spec("pros", r"Pros", "pros", "list", 3, parent="pros-cons"),
        spec("cons", r"Cons", "cons", "list", 3, parent="pros-cons"),
        spec("faq", r"Frequently\s+Asked\s+Questions", "faq", "faq"),
        spec("related", r"Related\s+Careers", "related", "related"),
    ]


def _end_re(role: str) -> re.Pattern:
    # "Assess your <Role> readiness" opens the career-coach chrome that runs to the end of the page.
    return re.compile(rf"^Assess\s+your\s+(?:{re.escape(role)}|.+?)\s+readiness$", re.IGNORECASE)


# --------------------------------------------------------------------------- entry points


def looks_like(text: str) -> bool:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if not lines:
        return False
    has_facts = any(ln == KEY_FACTS for ln in lines)
    # A guide whose title line is missing is still a guide (parse() then says what is wrong).
    return bool(TITLE_RE.match(lines[0])) or (has_facts and any(TITLE_RE.match(ln) for ln in lines[:5]))


def parse(text: str, *, file_name: str, sha256: str) -> ParsedDocument:
    raw = [Line(i, s.strip()) for i, s in enumerate(text.splitlines(), start=1) if s.strip()]
    if not raw:
        raise DocumentError("empty document", line=1)
    m = TITLE_RE.match(raw[0].text)
    if not m:
        raise DocumentError(
            f"the first line must be the guide title 'Complete <Role> Career Guide', found {raw[0].text[:60]!r}",
            line=raw[0].no,
        )
    role = m.group("role").strip()
    lines = _prepare_lines(raw[1:], role)
    specs = _specs(role)
    summary_lines, segments = _segment(lines, specs)

    keys = {seg.spec.key for seg in segments}
    if "facts" not in keys:
        where = segments[0].line if segments else (summary_lines[-1].no + 1 if summary_lines else raw[0].no + 1)
        raise DocumentError(f"missing the '{KEY_FACTS}' section (expected after the summary)", line=where)
    if not keys & {"duties", "responsibilities", "technical-skills", "soft-skills", "skills"}:
        raise DocumentError(
            "missing both the responsibilities and the skills sections", line=lines[-1].no if lines else None
        )

    doc = ParsedDocument(
        file_name=file_name,
        format=FORMAT_GUIDE,
        title=raw[0].text,
        sha256=sha256,
        role_title=role,
        summary=" ".join(ln.text for ln in summary_lines),
    )
    if doc.summary:
        doc.figures += T.extract_figures(doc.summary, "")
    _Reader(doc, role).read(segments)
    return doc


# --------------------------------------------------------------------------- pass 1: lines


def _prepare_lines(lines: list[Line], role: str) -> list[Line]:
    """Split glued chrome prefixes off, drop bare chrome lines, cut the trailing chrome."""
    end_re = _end_re(role)
    out: list[Line] = []
    for ln in lines:
        rest = ln.text
        stripped = True
        while stripped:
            stripped = False
            for prefix in CHROME_PREFIXES:
                if rest.startswith(prefix):
                    rest = rest[len(prefix) :].strip()
                    stripped = True
        if not rest:
            continue
        if end_re.match(rest):
            break
        out.append(Line(ln.no, rest))
    return out


# --------------------------------------------------------------------------- pass 2: segments


def _looks_like_heading(s: str) -> bool:
    words = s.split()
    return (
        0 < len(words) <= 8
        and s[0].isupper()
        and s[-1] not in ".:;,!"
        and "|" not in s
        and ". " not in s
        and not re.match(r"^[-•*]\s", s)
    )


def _segment(lines: list[Line], specs: list[Spec]) -> tuple[list[Line], list[Segment]]:
    summary: list[Line] = []
    segments: list[Segment] = []
    seen: set[str] = set()
    main_key = ""
    for ln in lines:
        cur = segments[-1] if segments else None
        spec = None
        in_faq = cur is not None and cur.spec.kind == "faq"
        if not (in_faq and ln.text.endswith("?")):
            for sp in specs:
                if sp.key in seen and sp.level == 2:
                    continue  # a main heading is read once; a later identical line is content
                if sp.parent and sp.parent != main_key:
                    continue
                if sp.pattern.match(ln.text):
                    spec = sp
                    break
        if spec is None and cur is not None and cur.spec.kind == "prose" and cur.lines and _looks_like_heading(ln.text):
            # An unknown heading between paragraphs: keep it as its own section.
            spec = Spec("unknown:" + ln.text, re.compile("^$"), T.anchor_for(ln.text), cur.spec.level, "prose")
        if spec is not None:
            seen.add(spec.key)
            if spec.level == 2:
                main_key = spec.key
            segments.append(Segment(ln.text, ln.no, spec))
        elif cur is None:
            summary.append(ln)
        else:
            cur.lines.append(ln)
    return summary, segments


# --------------------------------------------------------------------------- gazetteer

# (canonical name, aliases incl. demonyms) — countries first, then world regions.
COUNTRIES = {
    "United States": ["United States", "U.S.A.", "U.S.", "USA", "US", "America", "American"],
    "United Kingdom": ["United Kingdom", "U.K.", "UK", "Britain", "Great Britain", "British", "England", "English"],
    "Canada": ["Canada", "Canadian"],
    "Mexico": ["Mexico", "Mexican"],
    "Brazil": ["Brazil", "Brazilian"],
    "Argentina": ["Argentina", "Argentinian", "Argentine"],
    "Chile": ["Chile", "Chilean"],
    "Colombia": ["Colombia", "Colombian"],
    "Peru": ["Peru", "Peruvian"],
    "Germany": ["Germany", "German"],
    "France": ["France", "French"],
    "Spain": ["Spain", "Spanish"],
    "Portugal": ["Portugal", "Portuguese"],
    "Italy": ["Italy", "Italian"],
    "Netherlands": ["the Netherlands", "Netherlands", "Holland", "Dutch"],
    "Belgium": ["Belgium", "Belgian"],
    "Switzerland": ["Switzerland", "Swiss"],
    "Austria": ["Austria", "Austrian"],
    "Ireland": ["Ireland", "Irish"],
    "Sweden": ["Sweden", "Swedish"],
    "Norway": ["Norway", "Norwegian"],
    "Denmark": ["Denmark", "Danish"],
    "Finland": ["Finland", "Finnish"],
    "Poland": ["Poland", "Polish"],
    "Romania": ["Romania", "Romanian"],
    "Czech Republic": ["Czech Republic", "Czechia", "Czech"],
    "Hungary": ["Hungary", "Hungarian"],
    "Bulgaria": ["Bulgaria", "Bulgarian"],
    "Ukraine": ["Ukraine", "Ukrainian"],
    "Greece": ["Greece", "Greek"],
    "Turkey": ["Turkey", "Türkiye", "Turkish"],
    "Israel": ["Israel", "Israeli"],
    "United Arab Emirates": ["United Arab Emirates", "UAE", "Emirati"],
    "Saudi Arabia": ["Saudi Arabia", "Saudi"],
    "Egypt": ["Egypt", "Egyptian"],
    "South Africa": ["South Africa", "South African"],
    "Nigeria": ["Nigeria", "Nigerian"],
    "Kenya": ["Kenya", "Kenyan"],
    "India": ["India", "Indian"],
    "Pakistan": ["Pakistan", "Pakistani"],
    "China": ["China", "Chinese"],
    "Japan": ["Japan", "Japanese"],
    "South Korea": ["South Korea", "Korea", "Korean"],
    "Singapore": ["Singapore", "Singaporean"],
    "Malaysia": ["Malaysia", "Malaysian"],
    "Indonesia": ["Indonesia", "Indonesian"],
    "Philippines": ["the Philippines", "Philippines", "Filipino"],
    "Vietnam": ["Vietnam", "Vietnamese"],
    "Thailand": ["Thailand", "Thai"],
    "Australia": ["Australia", "Australian"],
    "New Zealand": ["New Zealand"],
}
REGIONS = {
    "North America": ["North America", "North American"],
    "Latin America": ["Latin America", "Latin American"],
    "South America": ["South America", "South American"],
    "Central America": ["Central America", "Central American"],
    "Western Europe": ["Western Europe", "Western European"],
    "Eastern Europe": ["Eastern Europe", "Eastern European"],
    "Central Europe": ["Central Europe", "Central European"],
    "Northern Europe": ["Northern Europe", "Northern European"],
    "Southern Europe": ["Southern Europe", "Southern European"],
    "Nordics": ["Nordic countries", "Nordics", "Nordic", "Scandinavia", "Scandinavian"],
    "Europe": ["Europe", "European", "EU"],
    "Asia-Pacific": ["Asia-Pacific", "Asia Pacific", "APAC"],
    "Southeast Asia": ["Southeast Asia", "South-East Asia", "Southeast Asian"],
    "Middle East": ["Middle East", "Middle Eastern", "MENA"],
    "Asia": ["Asia", "Asian"],
    "Africa": ["Africa", "African"],
    "Oceania": ["Oceania"],
}
_PLACE = {alias: (name, True) for name, aliases in COUNTRIES.items() for alias in aliases}
_PLACE.update({alias: (name, False) for name, aliases in REGIONS.items() for alias in aliases})
PLACE_RE = re.compile(
    r"(?<![\w.])(?:" + "|".join(re.escape(a) for a in sorted(_PLACE, key=len, reverse=True)) + r")(?![\w-])"
)


def places(text: str) -> list[str]:
    """Countries named in ``text`` (by name, abbreviation or demonym); regions only when no country is named."""
    countries: list[str] = []
    regions: list[str] = []
    for m in PLACE_RE.finditer(text):
        name, is_country = _PLACE[m.group(0)]
        target = countries if is_country else regions
        if name not in target:
            target.append(name)
    return countries or regions


# --------------------------------------------------------------------------- list phrases

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


# --------------------------------------------------------------------------- pass 3: readers

WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "ten": 10}
WORD_DURATION_RE = re.compile(
    r"\b(?P<n>one|two|three|four|five|six|seven|eight|ten)[- ](?P<unit>year|month|week)s?\b", re.IGNORECASE
)
PROGRAMME_RE = re.compile(
    r"(?:(?P<qual>\b[A-Z][\w'’.+-]*)\s+)?(?P<kind>(?i:degrees?|bootcamps?|certifications?|certificates?|courses?|"
    r"apprenticeships?|diplomas?|programmes?|programs?))\b"
)
LEVEL_WORDS_RE = re.compile(
    r"\b(entry[- ]level|junior|mid[- ]level|mid-career|experienced|senior|lead|principal|executive)\b", re.IGNORECASE
)
YEARS_GLUED_RE = re.compile(rf"^(?P<years>\d+\s?(?:{T.DASH}\s?\d+|\+)?\s?(?:years?|yrs?))(?P<rest>.*)$", re.IGNORECASE)
STEP_RE = re.compile(r"^Step\s+(?P<n>\d+)\b\s*[:.\-–]?\s*(?P<rest>.*)$", re.IGNORECASE)
COLUMN_RE = re.compile(r"^(?P<prefix>.*?)\s*\b(?P<col>median|average|avg|mean|min(?:imum)?|max(?:imum)?|range)\b", re.I)


# Key-facts labels; the industries label is followed by one value per line, each of which looks like a label.
LIST_FACTS = {"top industries", "top employers", "top employer types", "industries"}
FACT_LABELS = {
    "median salary",
    "growth outlook",
    "job growth",
    "annual openings",
    "job openings",
    "typical education",
    "typical experience",
    "key certifications",
    "certifications",
    "ai impact",
} | LIST_FACTS


class _Reader:
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
        if not paragraphs:
            return
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

    def read_facts(self, seg: Segment) -> None:
        facts: Facts = self.doc.facts
        groups: list[tuple[str, Line, list[Line]]] = []
        for ln in seg.lines:
            if ":" in ln.text and re.match(r"^(Range|Salary Range)\s*:", ln.text, re.IGNORECASE):
                self.read_range(ln, seg.heading)
                continue
            in_list = bool(groups) and _norm(groups[-1][0]) in LIST_FACTS
            if _norm(ln.text) in FACT_LABELS or (not in_list and self._is_fact_label(ln.text)):
                groups.append((ln.text, ln, []))
            elif groups:
                groups[-1][2].append(ln)
            else:
                raise DocumentError(f"key facts: value {ln.text[:40]!r} has no label", line=ln.no)
        for label, label_line, values in groups:
            # A key fact is one statement spread over lines: its figures stand in "Label: values".
            statement = f"{label}: " + " ".join(v.text for v in values)
            for v in values:
                for fig in T.extract_figures(v.text, seg.heading):
                    fig.context = statement
                    self.doc.figures.append(fig)
            key = _norm(label)
            joined = " ".join(v.text for v in values)
            note = _paren_note(joined)
            source, year_a, year_b = _source_of(note)
            if key == "median salary":
                amount = T.parse_amount(values[0].text) if values else None
                if not amount:
                    raise DocumentError("key facts: 'Median Salary' has no amount", line=label_line.no)
                facts.median_salary, cur, _ = amount
                facts.median_salary_currency = cur or "USD"
                facts.median_salary_source = source
                facts.median_salary_year = year_b or year_a
            elif key in {"growth outlook", "job growth", "growth"}:
                m = T.PERCENT_RE.search(joined)
                if m:
                    facts.growth_percent = Decimal(m.group("c") or m.group("b"))
                rest = [v.text for v in values if not re.fullmatch(r"[-+]?\d+(?:\.\d+)?\s?%", v.text)]
                facts.growth_outlook = re.sub(r"\s*\([^()]*\)\s*$", "", " ".join(rest)).strip()
                facts.growth_source = source
                span = T.YEAR_SPAN_RE.search(note)
                if span:
                    facts.growth_period_start, facts.growth_period_end = int(span.group("a")), int(span.group("b"))
            elif key in {"annual openings", "job openings"}:
                amount = T.parse_amount(values[0].text) if values else None
                if amount:
                    facts.annual_openings = amount[0]
                facts.annual_openings_source = source
            elif key in LIST_FACTS:
                facts.top_employer_types = [p.strip() for v in values for p in re.split(r"[,;]", v.text) if p.strip()]
            elif key == "typical education":
                facts.typical_education = joined
                for _cat, names in named_lists(joined):
                    for name in names:
                        if name not in facts.key_certifications:
                            facts.key_certifications.append(name)
                        self.add_certification(name, seg.heading, "key")
            elif key == "typical experience":
                facts.typical_experience = joined
                facts.experience_years_min, facts.experience_years_max, _ = T.parse_years(joined)
            elif key in {"key certifications", "certifications"}:
                for v in values:
                    for name in _paren_list(v.text):
                        facts.key_certifications.append(name)
                        self.add_certification(name, seg.heading, "key")
            elif key == "ai impact":
                facts.ai_impact = joined

    @staticmethod
    def _is_fact_label(s: str) -> bool:
        words = s.split()
        return (
            0 < len(words) <= 4
            and all(w[0].isupper() or w in {"&", "and", "of"} for w in words)
            and not re.search(r"[\d(),$€£%≈:]", s)
        )

    def read_range(self, ln: Line, section: str) -> None:
        self.figures(ln.text, section)
        value = ln.text.split(":", 1)[1]
        parsed = T.parse_money_range(value)
        if not parsed:
            raise DocumentError("key facts: 'Range' has no money range", line=ln.no)
        low, high, cur, plus = parsed
        note = _paren_note(value)
        label = note.split(",")[0].strip() if note else "Range"
        region = ", ".join(places(note))
        self.doc.salary_bands.append(
            SalaryBand(
                kind="range",
                label=label,
                currency=cur,
                region=region,
                min=low,
                max=high,
                max_open_ended=plus,
                source_note=note,
                section=section,
            )
        )

    # ---- prose

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
                    for name in names:
                        if _norm(name) in self.tool_keys:
                            continue
                        self.tool_keys.add(_norm(name))
                        self.doc.tools.append(NamedItem(name, seg.heading, category))

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

    def read_global_salaries(self, seg: Segment, paragraphs: list[str]) -> None:
        for p in paragraphs:
            for sentence in T.split_sentences(p):
                matches = list(T.MONEY_RANGE_RE.finditer(sentence))
                bands: list[tuple[re.Match, re.Match | None]] = []
                i = 0
                while i < len(matches):
                    m = matches[i]
                    usd = None
                    if i + 1 < len(matches):
                        nxt = matches[i + 1]
                        between = sentence[m.end() : nxt.start()]
                        parsed_next = T.parse_money_range(nxt.group(0))
                        if re.fullmatch(r"\s*\(\s*", between) and parsed_next and parsed_next[2] == "USD":
                            usd = nxt
                            i += 1
                    bands.append((m, usd))
                    i += 1
                prev_end, prev_region = 0, ""
                for n, (m, usd) in enumerate(bands):
                    before = sentence[prev_end : m.start()]
                    end = (usd.end() + 1) if usd else m.end()
                    after = sentence[end : bands[n + 1][0].start() if n + 1 < len(bands) else len(sentence)]
                    region = ", ".join(places(before)) or prev_region
                    low, high, cur, plus = T.parse_money_range(m.group(0))
                    lvl = LEVEL_WORDS_RE.search(before) or LEVEL_WORDS_RE.search(after)
                    level = lvl.group(1).lower().replace(" ", "-") if lvl else ""
                    label = " — ".join(x for x in (region, level) if x) or m.group(0)
                    band = SalaryBand(
                        kind="regional",
                        label=label,
                        currency=cur,
                        region=region,
                        min=low,
                        max=high,
                        max_open_ended=plus,
                        source_note=sentence,
                        section=seg.heading,
                    )
                    if usd:
                        band.usd_min, band.usd_max = T.parse_money_range(usd.group(0))[:2]
                    elif cur == "USD":
                        band.usd_min, band.usd_max = low, high
                    self.doc.salary_bands.append(band)
                    prev_end, prev_region = end, region

    # ---- lists

    def read_list(self, seg: Segment) -> None:
        key = seg.spec.key
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

    def read_table(self, seg: Segment) -> None:
        rows = [ln for ln in seg.lines if "|" in ln.text]
        others = [ln.text for ln in seg.lines if "|" not in ln.text]
        if not rows:
            raise DocumentError("salary table has no rows", line=seg.line)
        header = _cells(rows[0].text)
        columns: list[tuple[str, str]] = []  # (field, region)
        for cell in header[1:]:
            m = COLUMN_RE.match(cell)
            if not m:
                raise DocumentError(f"salary table: unknown column {cell!r}", line=rows[0].no)
            col = m.group("col").lower()
            col = {"avg": "average", "mean": "average", "minimum": "min", "maximum": "max"}.get(col, col)
            columns.append((col, ", ".join(places(m.group("prefix")))))
        for ln in rows[1:]:
            cells = _cells(ln.text)
            if all(re.fullmatch(r":?-+:?", c) for c in cells):
                continue
            if len(cells) != len(header):
                raise DocumentError(
                    f"salary table row has {len(cells)} cells, the header has {len(header)}", line=ln.no
                )
            band = SalaryBand(kind="experience_level", label=cells[0], level_title=cells[0], section=seg.heading)
            for (col, region), cell in zip(columns, cells[1:], strict=True):
                band.region = band.region or region
                if col == "range":
                    parsed = T.parse_money_range(cell)
                    if not parsed:
                        raise DocumentError(f"salary table: {cell!r} is not a range", line=ln.no)
                    band.min, band.max, band.currency, band.max_open_ended = parsed
                    continue
                amount = T.parse_amount(cell)
                if not amount:
                    raise DocumentError(f"salary table: {cell!r} is not an amount", line=ln.no)
                value, cur, plus = amount
                band.currency = cur or band.currency
                setattr(band, col, value)
                if col == "max":
                    band.max_open_ended = plus
            self.doc.salary_bands.append(band)
            self.figures(" | ".join(cells[1:]), seg.heading)
        if others:
            self.add_section(seg, others)

    # ---- career path

    def read_career(self, seg: Segment) -> None:
        lines = seg.lines
        starts = [
            i
            for i in range(len(lines) - 1)
            if _looks_like_heading(lines[i].text) and YEARS_GLUED_RE.match(lines[i + 1].text)
        ]
        intro = [ln.text for ln in lines[: starts[0]]] if starts else [ln.text for ln in lines]
        self.add_section(seg, intro)
        seen: set[str] = set()
        for k, i in enumerate(starts):
            block = lines[i : starts[k + 1] if k + 1 < len(starts) else len(lines)]
            title = block[0].text
            if _norm(title) in seen:
                continue  # the page repeats the levels; the first copy wins
            seen.add(_norm(title))
            m = YEARS_GLUED_RE.match(block[1].text)
            years, description = m.group("years").strip(), m.group("rest").strip()
            ymin, ymax, open_ended = T.parse_years(years)
            desc_parts, focus_parts, in_focus = [description] if description else [], [], False
            for ln in block[2:]:
                if re.fullmatch(r"Key\s+Focus\s+Areas:?", ln.text, re.IGNORECASE):
                    in_focus = True
                elif in_focus:
                    focus_parts.append(ln.text)
                else:
                    desc_parts.append(ln.text)
            description = " ".join(desc_parts)
            focus = " ".join(focus_parts)
            self.doc.career_levels.append(
                CareerLevel(
                    title=title,
                    years_min=ymin,
                    years_max=ymax,
                    description=description,
                    focus_areas=T.split_sentences(focus),
                    years_open_ended=open_ended,
                    section=seg.heading,
                )
            )
            for t in (years, description, focus):
                if t:
                    self.figures(t, seg.heading)

    # ---- FAQ

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


def _cells(row: str) -> list[str]:
    cells = [c.strip() for c in row.strip().strip("|").split("|")]
    return cells


def _kind(word: str) -> str:
    w = word.lower()
    return re.sub(r"(?:e?s)$", "", w) if not w.endswith("ss") else w


def _is_sentence_start(sentence: str, pos: int) -> bool:
    return not sentence[:pos].strip()


def _paren_note(text: str) -> str:
    m = re.search(r"\(([^()]*)\)\s*$", text) or re.search(r"\(([^()]*)\)", text)
    return m.group(1).strip() if m else ""


MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
DATE_PART_RE = re.compile(rf"(?:{MONTHS}\s+)?(?:19|20)\d\d(?:\s?{T.DASH}\s?(?:19|20)\d\d)?")


def _source_of(note: str) -> tuple[str, int | None, int | None]:
    """ "U.S. Bureau of Labor Statistics, May 2023" -> ("U.S. Bureau of Labor Statistics", 2023, None)."""
    if not note:
        return "", None, None
    parts = [p.strip() for p in note.split(",")]
    source = ", ".join(p for p in parts if not DATE_PART_RE.fullmatch(p))
    span = T.YEAR_SPAN_RE.search(note)
    if span:
        return source, int(span.group("a")), int(span.group("b"))
    years = T.YEAR_RE.findall(note)
    return source, (int(years[-1]) if years else None), None


__all__ = ["looks_like", "parse", "places", "named_lists"]
