"""Passes 1 and 2 of the guide parser: the headings it knows, the chrome it drops, the headed segments."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import text as T

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
