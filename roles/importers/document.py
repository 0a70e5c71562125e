"""Plain data a parser returns: no Django, so parsers are testable on text alone.

Every parser (one per source format) turns a document's text into one
``ParsedDocument``. The fixture writer (``roles.publishing.fixture_writer``) is the only
code that turns these into Django rows; parsers never touch the database.

Conventions:
- Money is an ``int`` per year in the currency's main unit ("$95k+" -> 95000).
- ``*_open_ended`` is True where the source says "+" ("15+ years", "$95k+").
- ``section`` on a record is the heading it was found under in the source, as
  written there ("Salary by Experience Level"), so every record has provenance.
- Lists keep the document's order; ``order`` fields are derived from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

FORMAT_GUIDE = "guide"
FORMAT_JOB_DESCRIPTION = "job_description"


class DocumentError(ValueError):
    """A document cannot be imported. ``line`` is 1-based where it applies."""

    def __init__(self, message: str, *, line: int | None = None, file_name: str = ""):
        super().__init__(message)
        self.message = message
        self.line = line
        self.file_name = file_name

    def __str__(self) -> str:
        where = self.file_name or "<document>"
        if self.line is not None:
            where = f"{where}, line {self.line}"
        return f"{where}: {self.message}"


@dataclass
class Figure:
    """One number found in running text, kept as data with its context.

    kind: "money" | "percent" | "duration" | "count" | "year".
    For a range, ``value_min`` < ``value_max``; a single value has both equal.
    ``unit``: ISO currency for money ("USD", "EUR", "CAD", "AUD", "BRL"),
    "years" | "months" | "weeks" | "days" | "hours" for durations, "" otherwise.
    """

    kind: str
    value_min: Decimal
    value_max: Decimal
    unit: str
    text: str  # the matched characters, e.g. "$5,000-$20,000"
    context: str  # the sentence it stands in
    section: str  # source heading
    open_ended: bool = False


@dataclass
class Section:
    """Long-form prose. ``anchor`` is the stable id used on the role page."""

    anchor: str
    heading: str
    paragraphs: list[str]
    level: int = 2  # 2 for a main section, 3 for a subsection
    section: str = ""  # source heading (usually == heading)


@dataclass
class Skill:
    name: str
    detail: str = ""
    kind: str = "technical"  # "technical" | "soft"
    section: str = ""


@dataclass
class NamedItem:
    """A duty, certification, tool, pro or con: one line of text."""

    text: str
    section: str = ""
    category: str = ""  # tools: "Ticketing systems"; certifications: "key" when in key facts


@dataclass
class Step:
    number: int
    text: str
    section: str = ""


@dataclass
class EducationPath:
    """A way in (degree, bootcamp, certification...) with its cost and duration."""

    name: str
    description: str
    cost_min: int | None = None
    cost_max: int | None = None
    cost_open_ended: bool = False
    currency: str = "USD"
    duration_min: Decimal | None = None
    duration_max: Decimal | None = None
    duration_unit: str = ""  # "weeks" | "months" | "years"
    section: str = ""


@dataclass
class Qualification:
    """A job-description qualification line under its group ("Education")."""

    group: str
    text: str
    section: str = ""


@dataclass
class FAQ:
    question: str
    answer: str
    section: str = ""


@dataclass
class CareerLevel:
    title: str
    years_min: int | None
    years_max: int | None  # None with years_open_ended=True for "15+"
    description: str
    focus_areas: list[str] = field(default_factory=list)
    years_open_ended: bool = False
    section: str = ""


@dataclass
class SalaryBand:
    """A salary figure set for one audience.

    kind: "experience_level" (the by-level table), "range" (key-facts range),
    "regional" (global salaries), "related_role" (a related role's range).
    ``level_title`` names the career level for "experience_level" bands;
    ``related_title`` the related role for "related_role" bands.
    ``usd_min``/``usd_max`` carry the USD conversion the text gives.
    """

    kind: str
    label: str
    currency: str = "USD"
    region: str = ""
    min: int | None = None
    max: int | None = None
    median: int | None = None
    average: int | None = None
    usd_min: int | None = None
    usd_max: int | None = None
    max_open_ended: bool = False
    level_title: str = ""
    related_title: str = ""
    source_note: str = ""  # "U.S. Bureau of Labor Statistics"
    year: int | None = None
    section: str = ""


@dataclass
class RelatedRole:
    title: str
    blurb: str = ""
    salary_min: int | None = None
    salary_max: int | None = None
    currency: str = "USD"
    section: str = ""


@dataclass
class Facts:
    """The at-a-glance facts. Text fields keep the source wording for display."""

    typical_education: str = ""
    typical_experience: str = ""
    experience_years_min: int | None = None
    experience_years_max: int | None = None
    key_certifications: list[str] = field(default_factory=list)
    key_certifications_text: str = ""  # the key-certifications value as written ("None typically required")
    top_employer_types: list[str] = field(default_factory=list)
    growth_outlook: str = ""
    growth_percent: Decimal | None = None
    growth_period_start: int | None = None
    growth_period_end: int | None = None
    growth_source: str = ""
    annual_openings: int | None = None
    annual_openings_text: str = ""  # as written, qualifiers kept: "≈80k"
    annual_openings_source: str = ""
    median_salary: int | None = None
    median_salary_currency: str = "USD"
    median_salary_source: str = ""
    median_salary_year: int | None = None
    median_salary_period: str = ""  # the date the source gives for the median, as written: "May 2023"
    ai_impact: str = ""
    # A label's parenthesised qualifier, as written, by fact: {"ai_impact": "through 2030"}.
    qualifiers: dict[str, str] = field(default_factory=dict)


@dataclass
class CareerMove:
    """A move the prose describes: from a role (the document's own unless the sentence names
    another) to another title. kind: "promotion" | "lateral" | "specialisation" | "management" |
    "engineering". ``evidence`` is the sentence it was read from."""

    from_title: str
    to_title: str
    kind: str
    evidence: str
    section: str = ""


@dataclass
class ParsedDocument:
    file_name: str
    format: str  # FORMAT_GUIDE | FORMAT_JOB_DESCRIPTION
    title: str  # the document's own title line
    sha256: str
    role_title: str
    category: str = ""
    summary: str = ""
    facts: Facts = field(default_factory=Facts)
    sections: list[Section] = field(default_factory=list)
    duties: list[NamedItem] = field(default_factory=list)
    skills: list[Skill] = field(default_factory=list)
    certifications: list[NamedItem] = field(default_factory=list)
    tools: list[NamedItem] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    education_paths: list[EducationPath] = field(default_factory=list)
    qualifications: list[Qualification] = field(default_factory=list)
    pros: list[NamedItem] = field(default_factory=list)
    cons: list[NamedItem] = field(default_factory=list)
    faqs: list[FAQ] = field(default_factory=list)
    cover_letter: str = ""
    career_levels: list[CareerLevel] = field(default_factory=list)
    salary_bands: list[SalaryBand] = field(default_factory=list)
    related_roles: list[RelatedRole] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    moves: list[CareerMove] = field(default_factory=list)
    stated_date: str = ""  # the date the document gives itself ("Last updated March 5, 2025"), as written
