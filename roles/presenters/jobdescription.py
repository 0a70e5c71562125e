"""A ready-to-use job description, built once from a role's data and rendered three ways.

``job_description_build`` turns a Role (loaded with
``Role.objects.with_page_data()``) into a plain ``JobDescription``. The HTML page
(templates/roles/jobdescription.html), ``render_markdown`` and ``render_text``
only lay that structure out, so what a recruiter copies, prints or downloads
always says the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from roles.models import Role

CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


@dataclass(frozen=True)
class Item:
    """One bullet: a name and, optionally, a short explanation after it."""

    text: str
    detail: str = ""

    @property
    def line(self) -> str:
        return f"{self.text} ({self.detail})" if self.detail else self.text


@dataclass(frozen=True)
class Group:
    heading: str
    items: list[Item]


@dataclass(frozen=True)
class SalaryFigure:
    label: str
    amount: str
    source: str = ""


@dataclass
class JobDescription:
    title: str
    slug: str
    category: str
    summary: str
    role_url: str
    responsibilities: list[Item] = field(default_factory=list)
    qualifications: list[Group] = field(default_factory=list)
    salary: list[SalaryFigure] = field(default_factory=list)
    source: str = ""

    @property
    def salary_note(self) -> str:
        if self.salary:
            return "Pay per year, before tax; figures vary by employer, location and experience."
        return "Our sources publish no salary figures for this role."


def format_money(amount: int | None, currency: str, *, open_ended: bool = False) -> str:
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


def _band_source(band, role: Role) -> str:
    document = band.source or role.source
    bits = [bit for bit in (band.source_note, document.title if document else "") if bit]
    if band.year:
        bits.append(str(band.year))
    # The range note often repeats its label; say it once.
    return "; ".join(dict.fromkeys(bits))


def salary_figures(role: Role) -> list[SalaryFigure]:
    """The pay a job description quotes: the role's own figures, else those of its level on another role's ladder."""
    figures: list[SalaryFigure] = []
    if role.median_salary:
        source = ", ".join(str(bit) for bit in (role.median_salary_source, role.median_salary_year) if bit)
        figures.append(
            SalaryFigure("Median pay", format_money(role.median_salary, role.median_salary_currency), source)
        )
    bands = list(role.salary_bands.all())
    for band in bands:
        if band.kind == "range":
            figures.append(SalaryFigure(band.label or "Range", _band_amount(band), _band_source(band, role)))
    for band in bands:
        if band.kind == "experience_level":
            figures.append(SalaryFigure(band.label, _band_amount(band), _band_source(band, role)))
    if figures:
        return figures
    # A job-description document often has no pay table, but a career guide may price this
    # role as one rung of its ladder; quote that, saying where it comes from.
    for level in role.ladder_positions.all():
        for band in level.salary_bands.all():
            if band.kind == "experience_level":
                source = _band_source(band, level.role)
                source = f"{source} ({level.role.title} career path)" if source else f"{level.role.title} career path"
                figures.append(SalaryFigure(band.label, _band_amount(band), source))
    return figures


def _starts(group: str, prefix: str) -> bool:
    return group.strip().lower().startswith(prefix)


def qualification_groups(role: Role) -> list[Group]:
    """Education, experience, skills and certifications, each only when the role has some."""
    qualifications = list(role.qualifications.all())
    education = [Item(q.text) for q in qualifications if _starts(q.group, "education")]
    if not education and role.typical_education:
        education = [Item(role.typical_education)]
    experience = [Item(q.text) for q in qualifications if _starts(q.group, "experience")]
    if not experience and (role.typical_experience or role.experience_label):
        experience = [Item(role.typical_experience or role.experience_label)]

    other: dict[str, list[Item]] = {}
    for q in qualifications:
        if not (_starts(q.group, "education") or _starts(q.group, "experience")):
            other.setdefault(q.group, []).append(Item(q.text))

    skills = list(role.skills.all())
    technical = [Item(s.name, s.detail) for s in skills if s.kind != "soft"]
    soft = [Item(s.name) for s in skills if s.kind == "soft"]
    certifications = [Item(c.name, "key" if c.is_key else "") for c in role.certifications.all()]

    candidates = [
        Group("Education", education),
        Group("Experience", experience),
        *(Group(heading, items) for heading, items in other.items()),
        Group("Technical skills", technical),
        Group("Soft skills", soft),
        Group("Certifications", certifications),
    ]
    return [group for group in candidates if group.items]


def job_description_build(*, role: Role, role_url: str) -> JobDescription:
    """The job description for ``role``; ``role_url`` is the absolute address of its full page."""
    return JobDescription(
        title=role.title,
        slug=role.slug,
        category=role.category.name,
        summary=role.summary,
        role_url=role_url,
        responsibilities=[Item(duty.text) for duty in role.duties.all()],
        qualifications=qualification_groups(role),
        salary=salary_figures(role),
        source=role.source.title if role.source else "",
    )


def _salary_line(figure: SalaryFigure) -> str:
    line = f"{figure.label}: {figure.amount}"
    return f"{line} (source: {figure.source})" if figure.source else line


def render_markdown(jd: JobDescription) -> str:
    out = [f"# {jd.title}", "", f"*{jd.category}*", "", jd.summary, ""]
    if jd.responsibilities:
        out += ["## Responsibilities", "", *(f"- {item.line}" for item in jd.responsibilities), ""]
    if jd.qualifications:
        out += ["## Qualifications", ""]
        for group in jd.qualifications:
            out += [f"### {group.heading}", "", *(f"- {item.line}" for item in group.items), ""]
    out += ["## Salary", ""]
    if jd.salary:
        out += [*(f"- {_salary_line(figure)}" for figure in jd.salary), ""]
    out += [jd.salary_note, ""]
    out += ["---", "", f"Full role guide: [{jd.title}]({jd.role_url})", ""]
    return "\n".join(out)


def _underline(text: str, char: str) -> list[str]:
    return [text, char * len(text)]


def render_text(jd: JobDescription) -> str:
    out = [*_underline(jd.title.upper(), "="), jd.category, "", jd.summary, ""]
    if jd.responsibilities:
        out += [*_underline("Responsibilities", "-"), *(f"- {item.line}" for item in jd.responsibilities), ""]
    if jd.qualifications:
        out += _underline("Qualifications", "-")
        for group in jd.qualifications:
            out += [f"{group.heading}:", *(f"- {item.line}" for item in group.items), ""]
    out += _underline("Salary", "-")
    out += [f"- {_salary_line(figure)}" for figure in jd.salary]
    out += [jd.salary_note, ""]
    out += [f"Full role guide: {jd.role_url}", ""]
    return "\n".join(out)
