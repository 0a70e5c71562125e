"""The career-guide parser on text alone: the real Technical Support Specialist guide,
a second guide written for another role, and malformed input."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from roles.importers.document import FORMAT_GUIDE, DocumentError, ParsedDocument
from roles.importers.guide import looks_like, parse

ROOT = Path(__file__).resolve().parents[3]
REAL = ROOT / "fixtures" / "sources" / "000_0abef9bbc078f129.txt"
ANALYST = Path(__file__).resolve().parent.parent / "docs" / "guide_data_analyst.txt"


def _parse(path: Path) -> ParsedDocument:
    return parse(path.read_text(encoding="utf-8"), file_name=path.name, sha256="0" * 64)


@pytest.fixture(scope="module")
def doc() -> ParsedDocument:
    return _parse(REAL)


@pytest.fixture(scope="module")
def analyst() -> ParsedDocument:
    return _parse(ANALYST)


def _dump(d: ParsedDocument) -> str:
    return json.dumps(dataclasses.asdict(d), default=str, ensure_ascii=False)


def _bands(d: ParsedDocument, kind: str):
    return [b for b in d.salary_bands if b.kind == kind]


def _section(d: ParsedDocument, anchor: str):
    found = [s for s in d.sections if s.anchor == anchor]
    assert len(found) == 1, anchor
    return found[0]


# --------------------------------------------------------------------------- the real guide


def test_looks_like():
    assert looks_like(REAL.read_text(encoding="utf-8"))
    assert looks_like(ANALYST.read_text(encoding="utf-8"))
    assert not looks_like("Senior Technical Support Specialist\nRole at a glance\n- Label\n- Value\n")
    assert not looks_like("")


def test_title_and_summary(doc):
    assert doc.format == FORMAT_GUIDE
    assert doc.role_title == "Technical Support Specialist"
    assert doc.title == "Complete Technical Support Specialist Career Guide"
    assert doc.file_name == REAL.name
    assert doc.summary.startswith("Technical Support Specialists are the frontline heroes of the digital world")
    assert doc.summary.endswith("mastering new technological challenges.")
    assert doc.cover_letter == ""


def test_key_facts(doc):
    f = doc.facts
    assert (f.median_salary, f.median_salary_currency, f.median_salary_year) == (59660, "USD", 2023)
    assert f.median_salary_source == "U.S. Bureau of Labor Statistics"
    assert f.growth_percent == Decimal("5")
    assert f.growth_outlook == "as fast as average"
    assert f.growth_source == "U.S. Bureau of Labor Statistics"
    assert (f.growth_period_start, f.growth_period_end) == (2022, 2032)
    assert f.annual_openings == 80000
    assert f.annual_openings_source == "U.S. Bureau of Labor Statistics"
    assert f.typical_education.startswith("Associate's degree or postsecondary certificate")
    assert f.typical_education.endswith("(e.g., CompTIA A+, ITIL)")
    assert f.key_certifications == ["CompTIA A+", "ITIL"]
    assert f.top_employer_types == []
    # derived from the career level named like the role
    assert (f.typical_experience, f.experience_years_min, f.experience_years_max) == ("2-4 years", 2, 4)


def test_key_facts_range(doc):
    (band,) = _bands(doc, "range")
    assert band.label == "U.S. national range"
    assert band.region == "United States"
    assert (band.currency, band.min, band.max, band.max_open_ended) == ("USD", 37000, 95000, True)
    assert band.source_note == "U.S. national range, varies by experience and location"
    assert band.section == "Key Facts & Statistics"


def test_sections_and_anchors(doc):
    anchors = [s.anchor for s in doc.sections]
    # Every heading of the source, in its order, also those with only a list, table or steps under them.
    assert anchors == [
        "overview",
        "responsibilities",
        "key-responsibilities",
        "work-environment",
        "tools",
        "skills",
        "education-requirements",
        "technical-skills",
        "soft-skills",
        "how-to-become",
        "education",
        "salary",
        "salary-by-experience",
        "market-outlook",
        "career-path",
        "diversity-inclusion",
        "inclusive-hiring",
        "workplace-culture",
        "support-networks",
        "global-opportunities",
        "global-salaries",
        "remote-work",
        "visa",
        "market-reality",
        "challenges",
        "growth-opportunities",
        "market-trends",
        "pros-cons",
        "pros",
        "cons",
        "faq",
        "related",
    ]
    assert len(set(anchors)) == len(anchors)
    assert {s.anchor for s in doc.sections if not s.paragraphs} == {
        "responsibilities",
        "key-responsibilities",
        "education-requirements",
        "technical-skills",
        "soft-skills",
        "salary-by-experience",
        "pros",
        "cons",
    }
    assert _section(doc, "inclusive-hiring").level == 3
    assert _section(doc, "global-salaries").level == 3
    assert _section(doc, "market-trends").level == 3
    assert _section(doc, "overview").level == 2
    assert _section(doc, "overview").heading == "What is a Technical Support Specialist?"
    assert _section(doc, "market-reality").section == "2025 Market Reality for Technical Support Specialists"
    assert len(_section(doc, "overview").paragraphs) == 2
    assert len(_section(doc, "market-trends").paragraphs) == 4
    assert _section(doc, "related").paragraphs == [
        "Explore similar roles that might align with your interests and skills:"
    ]


def test_how_to_become_prose_excludes_bare_step_copy(doc):
    prose = _section(doc, "how-to-become").paragraphs
    assert len(prose) == 3
    assert prose[0].startswith("Becoming a Technical Support Specialist involves various entry paths")
    assert prose[2].startswith("A common misconception")
    assert not any(p.startswith("Master foundational IT") for s in doc.sections for p in s.paragraphs)


def test_steps(doc):
    assert [s.number for s in doc.steps] == [1, 2, 3, 4, 5, 6, 7]
    assert doc.steps[0].text.startswith("Master foundational IT and troubleshooting skills")
    assert doc.steps[6].text.startswith("Apply for entry-level Technical Support Specialist positions")
    assert len({s.text for s in doc.steps}) == 7
    assert all(s.section == "How to Become a Technical Support Specialist" for s in doc.steps)


def test_duties(doc):
    assert len(doc.duties) == 7
    assert doc.duties[0].text.startswith("Diagnose and resolve technical issues reported by end-users")
    assert doc.duties[-1].text.startswith("Manage user accounts, permissions, and access rights")
    assert all(d.section == "Key Responsibilities" and not d.text.startswith("-") for d in doc.duties)


def test_skills(doc):
    tech = [(s.name, s.detail) for s in doc.skills if s.kind == "technical"]
    soft = [(s.name, s.detail) for s in doc.skills if s.kind == "soft"]
    assert len(tech) == 12 and len(soft) == 8
    assert tech[0] == ("Operating System Troubleshooting", "Windows, macOS, Linux")
    assert ("Remote Desktop and Support Tools", "e.g., TeamViewer, AnyDesk") in tech
    assert ("Printer Setup and Troubleshooting", "") in tech
    assert ("Command Line Interface (CLI) Basics", "") in tech
    assert soft[0][0] == "Active Listening"
    assert soft[0][1].startswith("Essential for understanding complex technical issues")
    assert soft[-1][0] == "Attention to Detail"
    assert {s.section for s in doc.skills} == {"Technical Skills", "Soft Skills"}


def test_tools(doc):
    tools = {t.text: t.category for t in doc.tools}
    assert list(tools) == [
        "Zendesk",
        "ServiceNow",
        "Jira Service Desk",
        "TeamViewer",
        "AnyDesk",
        "Microsoft Remote Desktop",
        "Windows",
        "macOS",
        "Linux distributions",
        "Microsoft 365",
        "Google Workspace",
        "ping",
        "tracert",
        "ipconfig",
        "Slack",
        "Microsoft Teams",
        # Named by a technical skill: "Cloud Application Support (e.g., Office 365, Google Workspace)".
        "Office 365",
    ]
    assert tools["Office 365"] == "Cloud Application Support"
    assert tools["Zendesk"] == "ticketing systems"
    assert tools["AnyDesk"] == "remote desktop software"
    assert tools["macOS"] == "operating systems"
    assert tools["Google Workspace"] == "office suites"
    assert tools["tracert"] == "network diagnostic tools"
    assert tools["Microsoft Teams"] == "collaboration platforms"
    assert [t.section for t in doc.tools] == ["Tools & Technologies"] * 16 + ["Technical Skills"]


def test_certifications(doc):
    certs = [(c.text, c.category, c.section) for c in doc.certifications]
    assert certs == [
        ("CompTIA A+", "key", "Key Facts & Statistics"),
        ("ITIL", "key", "Key Facts & Statistics"),
        ("Network+", "", "Education & Training"),
        ("Microsoft Certified: Azure Fundamentals", "", "Frequently Asked Questions"),
        ("ITIL 4 Foundation", "", "Frequently Asked Questions"),
    ]


def test_education_paths(doc):
    paths = {p.name: p for p in doc.education_paths}
    assert list(paths) == ["Associate's degree", "Bachelor's degree", "IT bootcamps", "Certifications"]
    a = paths["Associate's degree"]
    assert (a.cost_min, a.cost_max, a.currency, a.duration_min, a.duration_max, a.duration_unit) == (
        5000,
        20000,
        "USD",
        24,
        24,
        "months",
    )
    b = paths["Bachelor's degree"]
    assert (b.cost_min, b.cost_max, b.cost_open_ended, b.duration_min, b.duration_unit) == (
        40000,
        100000,
        True,
        4,
        "years",
    )
    c = paths["IT bootcamps"]
    assert (c.cost_min, c.cost_max, c.duration_min, c.duration_max, c.duration_unit) == (10000, 20000, 12, 24, "weeks")
    d = paths["Certifications"]
    assert (d.cost_min, d.cost_max, d.duration_min, d.duration_max, d.duration_unit) == (None, None, 6, 18, "months")
    assert "a few hundred to a couple of thousand dollars" in d.description
    assert "CompTIA A+, Network+, and ITIL" in d.description
    assert all(p.section == "Education & Training" for p in doc.education_paths)


def test_pros_cons(doc):
    assert len(doc.pros) == 7 and len(doc.cons) == 7
    assert doc.pros[0].text.startswith("Technical support specialists gain extensive hands-on experience")
    assert doc.cons[-1].text.startswith("Some technical issues are beyond the scope")
    assert {p.section for p in doc.pros} == {"Pros"} and {c.section for c in doc.cons} == {"Cons"}


def test_faqs(doc):
    assert [f.question for f in doc.faqs] == [
        "Do I need a specific degree or certification to become a Technical Support Specialist?",
        "What are the typical salary expectations for an entry-level and experienced Technical Support Specialist?",
        "What is the typical work schedule and environment like for a Technical Support Specialist?",
        "Is the role of a Technical Support Specialist in high demand, and is it a secure career path?",
        "What are the most important soft skills and technical aptitudes required for this role?",
        "What are the typical career advancement opportunities for a Technical Support Specialist?",
        "What are the biggest challenges Technical Support Specialists face daily?",
    ]
    assert doc.faqs[1].answer.startswith("Entry-level Technical Support Specialist roles typically pay between $35,000")
    assert doc.faqs[-1].answer.endswith("new software, hardware, and systems.")
    assert all(f.section == "Frequently Asked Questions" for f in doc.faqs)


def test_career_levels(doc):
    levels = [(lv.title, lv.years_min, lv.years_max, lv.years_open_ended) for lv in doc.career_levels]
    assert levels == [
        ("Junior Technical Support Specialist", 0, 2, False),
        ("Technical Support Specialist", 2, 4, False),
        ("Senior Technical Support Specialist", 4, 7, False),
        ("Technical Support Lead", 7, 10, False),
        ("Technical Support Manager", 10, 15, False),
        ("Director of Technical Support", 15, None, True),
    ]
    junior = doc.career_levels[0]
    assert junior.description.startswith("Handle initial customer inquiries")  # "0-2 years" split off
    assert junior.focus_areas[0] == "Develop foundational troubleshooting skills for common issues."
    assert len(junior.focus_areas) == 5
    assert len(doc.career_levels[-1].focus_areas) == 3
    assert all(lv.section == "Career Path" and "years" not in lv.description[:12] for lv in doc.career_levels)


def test_salary_by_experience(doc):
    bands = _bands(doc, "experience_level")
    assert [(b.label, b.median, b.average) for b in bands] == [
        ("Junior Technical Support Specialist", 50000, 55000),
        ("Technical Support Specialist", 65000, 68000),
        ("Senior Technical Support Specialist", 80000, 85000),
        ("Technical Support Lead", 95000, 98000),
        ("Technical Support Manager", 110000, 115000),
        ("Director of Technical Support", 145000, 150000),
    ]
    assert all(b.level_title == b.label and b.region == "United States" and b.currency == "USD" for b in bands)
    assert all(b.section == "Salary by Experience Level" for b in bands)


def test_regional_salaries(doc):
    got = [(b.label, b.region, b.currency, b.min, b.max, b.usd_min, b.usd_max) for b in _bands(doc, "regional")]
    assert got == [
        ("United States — entry-level", "United States", "USD", 45000, 60000, 45000, 60000),
        ("United States — experienced", "United States", "USD", 70000, 95000, 70000, 95000),
        ("Canada", "Canada", "CAD", 40000, 75000, 30000, 55000),
        ("Germany, United Kingdom — experienced", "Germany, United Kingdom", "EUR", 35000, 55000, 38000, 60000),
        ("Poland, Romania", "Poland, Romania", "EUR", 15000, 30000, 16000, 33000),
        ("Australia", "Australia", "AUD", 50000, 80000, 33000, 53000),
        ("Brazil", "Brazil", "BRL", 40000, 70000, 8000, 14000),
    ]
    assert all(b.section == "Global Salaries" for b in _bands(doc, "regional"))


def test_related_roles(doc):
    assert [r.title for r in doc.related_roles] == [
        "IT Support Specialist",
        "Support Specialist",
        "Technical Support",
        "Technical Support Agent",
        "Technical Support Representative",
    ]
    assert all(r.blurb.startswith("A growing field") and r.salary_min is None for r in doc.related_roles)


def test_figures(doc):
    texts = Counter((f.section, f.text) for f in doc.figures)
    assert texts[("Career Path", "0-2 years")] == 1  # the repeated level block adds nothing
    assert texts[("Career Path", "15+ years")] == 1
    assert texts[("How to Become a Technical Support Specialist", "2-4 months")] == 1  # bare step copy skipped
    assert texts[("Global Salaries", "R$40,000-R$70,000")] == 1
    dupes = Counter((f.kind, f.text, f.context, f.section) for f in doc.figures)
    assert [k for k, n in dupes.items() if n > 1] == []
    by_text = {f.text: f for f in doc.figures}
    assert by_text["$59,660 USD"].value_min == Decimal("59660")
    assert by_text["57,600"].kind == "count"
    assert by_text["6%"].section == "Market Commentary"
    assert by_text["$40,000-$100,000+"].open_ended is True
    assert by_text["$145k USD"].section == "Salary by Experience Level"
    assert by_text["3-5 years"].section == "Frequently Asked Questions"


@pytest.mark.parametrize(
    "chrome",
    [
        "View examples",
        "Explore career guide",
        "Himalayas",
        "Sign up",
        "Job Application Toolkit",
        "Resume Examples",
        "Career Coach",
        "readiness",
        "No credit card",
    ],
)
def test_no_chrome(doc, analyst, chrome):
    assert chrome not in _dump(doc)
    assert chrome not in _dump(analyst)


# --------------------------------------------------------------------------- a second guide, another role


def test_analyst_basics(analyst):
    assert analyst.role_title == "Data Analyst"
    assert analyst.title == "Complete Data Analyst Career Guide"
    f = analyst.facts
    assert (f.median_salary, f.median_salary_year, f.growth_percent) == (83640, 2024, Decimal("23"))
    assert f.growth_outlook == "much faster than average"
    assert (f.growth_period_start, f.growth_period_end, f.annual_openings) == (2023, 2033, 12000)
    assert f.top_employer_types == ["Finance and Insurance", "Healthcare", "Technology", "Consulting Services"]
    assert f.key_certifications == ["Google Data Analytics Professional Certificate", "Microsoft PL-300"]
    assert (f.typical_experience, f.experience_years_min, f.experience_years_max) == ("2-5 years", 2, 5)
    (rng,) = _bands(analyst, "range")
    assert (rng.min, rng.max, rng.max_open_ended, rng.region) == (52000, 130000, True, "United States")


def test_analyst_sections(analyst):
    anchors = [s.anchor for s in analyst.sections]
    assert anchors[:4] == ["overview", "responsibilities", "key-responsibilities", "work-environment"]
    assert "market-reality" in anchors  # "2026 Market Reality for Data Analysts": the year is free
    assert _section(analyst, "market-reality").heading == "2026 Market Reality for Data Analysts"
    assert len(set(anchors)) == len(anchors) == 32
    assert _section(analyst, "how-to-become").paragraphs[-1].startswith("Hiring managers care most")
    assert len(_section(analyst, "how-to-become").paragraphs) == 2
    assert [q.text for q in analyst.qualifications] == [
        "Bachelor's degree in statistics, mathematics, economics, or computer science",
        "Master's degree in business analytics for senior or research-heavy roles",
    ]


def test_analyst_lists(analyst):
    assert len(analyst.duties) == 6
    assert len([s for s in analyst.skills if s.kind == "technical"]) == 10
    assert len([s for s in analyst.skills if s.kind == "soft"]) == 6
    assert (analyst.skills[0].name, analyst.skills[0].detail) == ("SQL", "joins, window functions, CTEs")
    assert [s.number for s in analyst.steps] == [1, 2, 3, 4, 5, 6]
    assert (len(analyst.pros), len(analyst.cons), len(analyst.faqs)) == (5, 6, 5)
    assert analyst.faqs[3].question == "Is Python required?"
    assert analyst.faqs[3].answer == "SQL comes first; Python becomes important for mid-level and senior roles."
    assert [r.title for r in analyst.related_roles] == [
        "Business Analyst",
        "Data Scientist",
        "BI Developer",
        "Data Engineer",
    ]
    tools = {t.text: t.category for t in analyst.tools}
    assert tools["Power BI"] == "business intelligence platforms"
    assert tools["pandas"] == tools["NumPy"] == "libraries"
    assert tools["R"] == "programming languages"
    assert "Snowflake" in tools and "Confluence" in tools
    assert [c.text for c in analyst.certifications] == [
        "Google Data Analytics Professional Certificate",
        "Microsoft PL-300",
        "Tableau Desktop Specialist",
        "IBM Data Analyst Professional Certificate",
    ]


def test_analyst_levels_keep_first_copy(analyst):
    levels = [(lv.title, lv.years_min, lv.years_max, lv.years_open_ended) for lv in analyst.career_levels]
    assert levels == [
        ("Junior Data Analyst", 0, 2, False),
        ("Data Analyst", 2, 5, False),
        ("Senior Data Analyst", 5, 8, False),
        ("Lead Data Analyst", 8, 12, False),
        ("Analytics Manager", 12, None, True),
    ]
    # the second copy of the block words the junior level differently: the first copy wins
    assert analyst.career_levels[0].description.startswith("Prepare recurring reports and answer well-scoped")
    assert analyst.career_levels[-1].focus_areas == [
        "Shape data strategy with executives.",
        "Grow a high-performing team.",
        "Balance long-term investments with quick wins.",
    ]


def test_analyst_salary_table_columns_in_any_order(analyst):
    got = [(b.label, b.average, b.median, b.min, b.max, b.max_open_ended) for b in _bands(analyst, "experience_level")]
    assert got == [
        ("Junior Data Analyst", 62000, 60000, 48000, 72000, False),
        ("Data Analyst", 80000, 78000, 65000, 95000, False),
        ("Senior Data Analyst", 102000, 100000, 85000, 120000, False),
        ("Lead Data Analyst", 122000, 120000, 105000, 140000, False),
        ("Analytics Manager", 145000, 142000, 125000, 170000, True),
    ]


def test_analyst_regional_salaries(analyst):
    got = [(b.label, b.currency, b.min, b.max, b.usd_min, b.usd_max) for b in _bands(analyst, "regional")]
    assert got == [
        ("United Kingdom — junior", "GBP", 28000, 38000, 35000, 48000),
        ("United Kingdom — senior", "GBP", 50000, 70000, 63000, 88000),
        ("Netherlands, Sweden — mid-level", "EUR", 45000, 65000, 49000, 71000),
        ("India", "INR", 400000, 1200000, 4800, 14500),
        ("Singapore — experienced", "SGD", 60000, 90000, 44000, 66000),
        ("Mexico", "MXN", 250000, 420000, 14000, 24000),
    ]


def test_analyst_education_paths(analyst):
    got = [
        (p.name, p.cost_min, p.cost_max, p.cost_open_ended, p.duration_min, p.duration_max, p.duration_unit)
        for p in analyst.education_paths
    ]
    assert got == [
        ("Bachelor's degree", 40000, 120000, True, 4, 4, "years"),
        ("Master's degree", 30000, 75000, False, 1, 2, "years"),
        ("Bootcamps", 8000, 16000, False, 12, 16, "weeks"),
        ("Certifications", 200, 1500, False, 3, 6, "months"),
    ]


def test_analyst_figures(analyst):
    texts = Counter((f.section, f.text) for f in analyst.figures)
    assert texts[("Career Path", "12+ years")] == 1
    assert texts[("How to Become a Data Analyst", "3-4 months")] == 1
    assert texts[("Global Salaries", "₹400,000-₹1,200,000")] == 1
    dupes = Counter((f.kind, f.text, f.context, f.section) for f in analyst.figures)
    assert [k for k, n in dupes.items() if n > 1] == []


# --------------------------------------------------------------------------- malformed input


def _real_lines() -> list[str]:
    return REAL.read_text(encoding="utf-8").splitlines()


def test_missing_title_line():
    lines = _real_lines()[1:]
    with pytest.raises(DocumentError) as exc:
        parse("\n".join(lines), file_name="x.txt", sha256="")
    assert exc.value.line == 1
    assert "Career Guide" in exc.value.message


def test_title_after_blank_lines_reports_its_line():
    with pytest.raises(DocumentError) as exc:
        parse("\n\nTechnical Support Specialist\n" + "\n".join(_real_lines()[1:]), file_name="x.txt", sha256="")
    assert exc.value.line == 3


def test_missing_key_facts():
    lines = _real_lines()
    # drop "Key Facts & Statistics" and its block (source lines 3-16)
    text = "\n".join(lines[:2] + lines[16:])
    with pytest.raises(DocumentError) as exc:
        parse(text, file_name="x.txt", sha256="")
    assert "Key Facts & Statistics" in exc.value.message
    assert exc.value.line == 3  # where the key facts were expected: the first heading after the summary


def test_missing_responsibilities_and_skills():
    lines = _real_lines()
    text = "\n".join(lines[:19] + lines[61:])  # cut "What does…do?" through the soft skills
    with pytest.raises(DocumentError) as exc:
        parse(text, file_name="x.txt", sha256="")
    assert "responsibilities" in exc.value.message


def test_bad_salary_row_reports_line():
    lines = _real_lines()
    assert lines[99].startswith("Technical Support Specialist |")
    lines[99] = "Technical Support Specialist | $65k USD |"
    with pytest.raises(DocumentError) as exc:
        parse("\n".join(lines), file_name="x.txt", sha256="")
    assert exc.value.line == 100
    assert exc.value.message == "salary table row has 2 cells, the header has 3 cells"
    lines[99] = "Technical Support Specialist |"
    with pytest.raises(DocumentError) as exc:
        parse("\n".join(lines), file_name="x.txt", sha256="")
    assert exc.value.message == "salary table row has 1 cell, the header has 3 cells"


def test_median_salary_without_amount_reports_line():
    lines = _real_lines()
    assert lines[4] == "$59,660 USD"
    lines[4] = "not disclosed"
    with pytest.raises(DocumentError) as exc:
        parse("\n".join(lines), file_name="x.txt", sha256="")
    assert exc.value.line == 4  # the "Median Salary" label
