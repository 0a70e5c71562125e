"""A job ad, built once from a role's data (and, when a recruiter gives them, one job's details) and
rendered four ways.

``job_description_build`` turns a Role (loaded with ``Role.objects.for_page()``) and an
optional ``Tailoring`` into a plain ``JobDescription``. The HTML page
(templates/roles/jobdescription.html), ``render_markdown``, ``render_text`` and
roles.presenters.jobdescription_docx only lay that structure out, so what a recruiter copies,
prints or downloads always says the same thing. Without a tailoring it is a template: the
company, place and way to apply are bracketed placeholders and the pay is the role's typical pay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from roles.models import Role
from roles.presenters.jobtailoring import EMPLOYMENT_SENTENCES, PAY_PERIODS, Tailoring, format_date

CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}
COMPANY_PLACEHOLDER = "[Company]"
LOCATION_PLACEHOLDER = "[location]"
APPLY_PLACEHOLDER = "[How to apply: a link to your application form or an e-mail address]"


@dataclass(frozen=True)
class Item:
    """One bullet: a name and, optionally, a short explanation after it."""

    text: str
    detail: str = ""

    @property
    def line(self) -> str:
        if not self.detail:
            return self.text
        # A detail with brackets of its own reads as "Name: detail", never as nested brackets.
        return f"{self.text}: {self.detail}" if "(" in self.detail else f"{self.text} ({self.detail})"


@dataclass(frozen=True)
class Group:
    heading: str
    items: list[Item]


@dataclass(frozen=True)
class Fact:
    """A line of the ad's at-a-glance list: "Location: Berlin, Germany"."""

    label: str
    value: str


@dataclass(frozen=True)
class SalaryFigure:
    label: str
    amount: str
    source: str = ""
    note: str = ""


@dataclass
class JobDescription:
    title: str
    slug: str
    category: str
    role_url: str
    opening: str = ""
    company: str = ""
    facts: list[Fact] = field(default_factory=list)
    responsibilities: list[Item] = field(default_factory=list)
    requirements: list[Group] = field(default_factory=list)
    skills: list[Group] = field(default_factory=list)
    pay: str = ""  # the pay the recruiter gave; when empty, ``salary`` holds the role's typical pay
    salary: list[SalaryFigure] = field(default_factory=list)
    benefits: list[str] = field(default_factory=list)
    apply_url: str = ""
    apply_text: str = ""
    closing: str = ""
    equal_opportunity: str = ""
    source: str = ""

    @property
    def is_tailored(self) -> bool:
        return bool(self.company)

    @property
    def salary_note(self) -> str:
        if self.pay:
            return ""
        if self.salary:
            return (
                "Typical pay for this role, from published figures, not the pay of this job: per year, "
                "before tax; it varies by employer, location and experience."
            )
        return "Our sources publish no salary figures for this role."

    @property
    def apply_label(self) -> str:
        """The apply link as a reader sees it: the address, or the e-mail address of a mailto: link."""
        return self.apply_url.removeprefix("mailto:")

    @property
    def apply_sentence(self) -> str:
        """How to apply, as one line of text (the link written out)."""
        if not self.apply_url:
            return APPLY_PLACEHOLDER
        return f"{self.apply_text} {self.apply_label}"


def format_money(amount, currency: str, *, open_ended: bool = False) -> str:
    if amount is None:
        return ""
    symbol = CURRENCY_SYMBOLS.get(currency)
    number = f"{amount:,}"
    text = f"{symbol}{number}" if symbol else f"{currency} {number}"
    return text + ("+" if open_ended else "")


def _band_amount(band) -> str:
    """One line for a band: the range and the middle figures it has, in its own currency."""
    parts = []
    if band.min is not None and band.max is not None:
        low = format_money(band.min, band.currency)
        high = format_money(band.max, band.currency, open_ended=band.max_open_ended)
        parts.append(f"{low} – {high}")
    if band.median is not None:
        parts.append(f"median {format_money(band.median, band.currency)}")
    if band.average is not None:
        parts.append(f"average {format_money(band.average, band.currency)}")
    if not parts:
        parts.append(format_money(band.min or band.max, band.currency))
    return ", ".join(parts)


def _band_note(band) -> str:
    """What a range's note says about the figures when the note is not a publisher: the note
    "U.S. national range, varies by experience and location" names the range (its label) and
    qualifies it; only the qualification is worth saying."""
    note, label = band.source_note.strip(), band.label.strip()
    if label and note.lower().startswith(label.lower()):
        return note[len(label) :].lstrip(" ,;:–-")
    return ""


def _band_source(band, role: Role) -> str:
    document = band.source or role.source
    publisher = "" if _band_note(band) or band.source_note.strip() == band.label.strip() else band.source_note
    bits = [bit for bit in (publisher, document.title if document else "") if bit]
    if band.year:
        bits.append(str(band.year))
    return "; ".join(dict.fromkeys(bits))


def salary_figures(role: Role) -> list[SalaryFigure]:
    """The typical pay a job description quotes: the role's median and overall ranges, and the pay of
    its own rung on a career ladder (its own or another role's). The other rungs are other jobs."""
    figures: list[SalaryFigure] = []
    rung_medians = {
        (band.median, band.currency)
        for level in role.ladder_positions.all()
        for band in level.salary_bands.all()
        if band.kind == "experience_level"
    }
    # A median taken from the role's rung on a ladder (#18) is quoted once, on the rung's line below.
    if role.median_salary and (role.median_salary, role.median_salary_currency) not in rung_medians:
        # The date as the source writes it ("May 2023"), as on the role page; the bare year otherwise.
        when = role.median_salary_period or role.median_salary_year
        source = ", ".join(str(bit) for bit in (role.median_salary_source, when) if bit)
        figures.append(
            SalaryFigure("Median pay", format_money(role.median_salary, role.median_salary_currency), source)
        )
    for band in role.salary_bands.all():
        if band.kind == "range":
            figures.append(
                SalaryFigure(band.label or "Range", _band_amount(band), _band_source(band, role), _band_note(band))
            )
    for level in role.ladder_positions.all():
        for band in level.salary_bands.all():
            if band.kind == "experience_level":
                source = _band_source(band, level.role)
                if level.role_id != role.pk:
                    path = f"{level.role.title} career path"
                    source = f"{source}; {path}" if source else path
                figures.append(SalaryFigure(band.label, _band_amount(band), source))
    # No document prices the role: the official national median of its occupation, named as what it is
    # (as on its card and role page), rather than "no source gives pay".
    official = getattr(role, "official_median", None)
    if not figures and official:
        release = getattr(role, "official_release", None) or ""
        source = f"occupation-wide, BLS OEWS {release}".rstrip()
        figures.append(SalaryFigure("U.S. median pay of the occupation", format_money(official, "USD"), source))
    return figures


def _starts(group: str, prefix: str) -> bool:
    return group.strip().lower().startswith(prefix)


def _experience_item(role: Role) -> Item | None:
    wording = role.typical_experience or role.experience_label
    if not wording:
        return None
    # "2-4 years" on its own reads as a fact sheet; an ad says what the years are of.
    if re.search(r"\byears?$", wording.strip(), re.IGNORECASE):
        wording = f"{wording.strip()} of experience"
    return Item(wording)


def requirement_groups(role: Role) -> list[Group]:
    """Education, experience, any other qualifications and certifications, each only when the role has some."""
    qualifications = list(role.page_content.qualifications)
    education = [Item(q.text) for q in qualifications if _starts(q.group, "education")]
    if not education and role.typical_education:
        education = [Item(role.typical_education)]
    experience = [Item(q.text) for q in qualifications if _starts(q.group, "experience")]
    if not experience and (item := _experience_item(role)):
        experience = [item]

    other: dict[str, list[Item]] = {}
    for q in qualifications:
        if not (_starts(q.group, "education") or _starts(q.group, "experience")):
            other.setdefault(q.group, []).append(Item(q.text))
    certifications = [Item(c.name, "key certification" if c.is_key else "") for c in role.page_content.certifications]
    candidates = [
        Group("Education", education),
        Group("Experience", experience),
        *(Group(heading, items) for heading, items in other.items()),
        Group("Certifications", certifications),
    ]
    return [group for group in candidates if group.items]


def skill_groups(role: Role) -> list[Group]:
    skills = list(role.page_content.skills)
    technical = [Item(s.name, s.detail) for s in skills if s.kind != "soft"]
    soft = [Item(s.name) for s in skills if s.kind == "soft"]
    return [group for group in (Group("Technical skills", technical), Group("Soft skills", soft)) if group.items]


# Letters whose spoken name starts with a vowel sound: "an HR manager", "an SEO specialist".
_VOWEL_SOUND_LETTERS = frozenset("AEFHILMNORSX")
# Words starting with a "u" said "you": "a UX designer", "a unit manager".
_YOU_SOUND = ("uni", "use", "usu", "uti", "uro", "ura")


def indefinite_article(title: str) -> str:
    word = title.split()[0] if title.split() else ""
    if len(word) > 1 and word.isupper():
        return "an" if word[0] in _VOWEL_SOUND_LETTERS else "a"
    lower = word.lower()
    if lower[:1] in ("a", "e", "i", "o") or (lower[:1] == "u" and not lower.startswith(_YOU_SOUND)):
        return "an"
    return "a"


def _as_clause(sentence: str) -> str:
    """A duty ("Diagnose and resolve ...") as the end of "you will ...": lower-cased unless it opens with an acronym."""
    text = sentence.strip().rstrip(".;:")
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def opening(role: Role, tailoring: Tailoring | None) -> str:
    """The ad's first paragraph: who is hiring, for what, where and on what terms, and the role's main duty."""
    company = tailoring.company if tailoring else COMPANY_PLACEHOLDER
    if tailoring is None:
        where = f" in {LOCATION_PLACEHOLDER}"
    elif tailoring.remote:
        where = ""
    else:
        where = f" in {tailoring.location}"
    sentences = [f"{company} is hiring {indefinite_article(role.title)} {role.title}{where}."]
    if tailoring and tailoring.remote:
        # Google asks that a TELECOMMUTE posting says plainly that the job is fully remote.
        sentences.append(f"This is a fully remote job: you can work from anywhere in {tailoring.remote_area}.")
    if tailoring and tailoring.employment_type in EMPLOYMENT_SENTENCES:
        sentences.append(EMPLOYMENT_SENTENCES[tailoring.employment_type])
    duties = list(role.page_content.duties)
    if duties:
        sentences.append(f"In this role you will {_as_clause(duties[0].text)}.")
    return " ".join(sentences)


def pay_range(tailoring: Tailoring) -> str:
    """ "$55,000 – $70,000 a year", "From $55,000 a year", "Up to $30 an hour"."""
    low = format_money(tailoring.salary_min, tailoring.currency)
    high = format_money(tailoring.salary_max, tailoring.currency)
    period = PAY_PERIODS[tailoring.salary_period]
    if low and high:
        amount = low if tailoring.salary_min == tailoring.salary_max else f"{low} – {high}"
    elif low:
        amount = f"From {low}"
    else:
        amount = f"Up to {high}"
    return f"{amount} {period}"


def _facts(tailoring: Tailoring, pay: str) -> list[Fact]:
    facts = [
        Fact("Company", tailoring.company),
        Fact("Location", tailoring.location_label),
        Fact("Employment type", tailoring.employment_label),
    ]
    if pay:
        facts.append(Fact("Pay", pay))
    facts.append(Fact("Posted", format_date(tailoring.posted)))
    facts.append(Fact("Applications close", format_date(tailoring.valid_through)))
    return facts


def job_description_build(*, role: Role, role_url: str, tailoring: Tailoring | None = None) -> JobDescription:
    """The job ad for ``role``; ``role_url`` is the absolute address of its full guide."""
    jd = JobDescription(
        title=role.title,
        slug=role.slug,
        category=role.category.name,
        role_url=role_url,
        opening=opening(role, tailoring),
        responsibilities=[Item(duty.text) for duty in role.page_content.duties],
        requirements=requirement_groups(role),
        skills=skill_groups(role),
        source=role.source.title if role.source else "",
    )
    if tailoring is None:
        jd.salary = salary_figures(role)
        return jd
    jd.company = tailoring.company
    jd.pay = pay_range(tailoring) if tailoring.has_pay else ""
    jd.salary = [] if jd.pay else salary_figures(role)
    jd.facts = _facts(tailoring, jd.pay)
    jd.benefits = list(tailoring.benefits)
    jd.apply_url = tailoring.apply_url
    jd.apply_text = "Send your application to" if tailoring.apply_email else "Apply online at"
    jd.closing = f"Applications close on {format_date(tailoring.valid_through)}."
    jd.equal_opportunity = tailoring.equal_opportunity
    return jd
