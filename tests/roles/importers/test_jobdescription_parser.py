"""The JobDescription.org parser, on text alone (no database, no Django)."""

from __future__ import annotations

import dataclasses
import importlib
import json
import sys
import types
from decimal import Decimal
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _load_parser():
    try:
        from roles.importers import jobdescription
    except ImportError:
        # The package's __init__ imports every parser; load ours alone if a sibling is not in the tree yet.
        package = types.ModuleType("roles.importers")
        package.__path__ = [str(ROOT / "roles" / "importers")]
        sys.modules["roles.importers"] = package
        jobdescription = importlib.import_module("roles.importers.jobdescription")
    return jobdescription


jd = _load_parser()
DocumentError = importlib.import_module("roles.importers.document").DocumentError
FORMAT_JOB_DESCRIPTION = importlib.import_module("roles.importers.document").FORMAT_JOB_DESCRIPTION

SOURCES = ROOT / "fixtures" / "sources"
DOCS = Path(__file__).resolve().parent.parent / "docs"
SENIOR = SOURCES / "001_a14770785156dc66.txt"
CUSTOMER = SOURCES / "002_48a63475ebba2e71.txt"
NETWORK = DOCS / "jd_layout_a_network_engineer.txt"
UX = DOCS / "jd_layout_b_ux_designer.txt"


def parse_path(path: Path):
    return jd.parse(path.read_text(encoding="utf-8"), file_name=path.name, sha256="0" * 64)


@pytest.fixture(scope="module")
def senior():
    return parse_path(SENIOR)


@pytest.fixture(scope="module")
def customer():
    return parse_path(CUSTOMER)


@pytest.fixture(scope="module")
def network():
    return parse_path(NETWORK)


@pytest.fixture(scope="module")
def ux():
    return parse_path(UX)


def figure_texts(doc, kind=None):
    return [f.text for f in doc.figures if kind is None or f.kind == kind]


# ------------------------------------------------------------------ looks_like


@pytest.mark.parametrize("path", [SENIOR, CUSTOMER, NETWORK, UX])
def test_looks_like_job_descriptions(path):
    assert jd.looks_like(path.read_text(encoding="utf-8"))


def test_looks_like_rejects_guides_and_other_text():
    assert not jd.looks_like("X Career Guide\nKey Facts & Statistics\nRole at a glance\n")
    assert not jd.looks_like("Information Technology\nSome Role\nDuties and responsibilities\n- a\n")
    guide = SOURCES / "000_0abef9bbc078f129.txt"
    if guide.exists():
        assert not jd.looks_like(guide.read_text(encoding="utf-8"))


# ------------------------------------------------------- layout A: senior file


def test_senior_header(senior):
    assert senior.format == FORMAT_JOB_DESCRIPTION
    assert senior.category == "Information Technology"
    assert senior.role_title == senior.title == "Senior Technical Support Specialist"
    assert senior.file_name == SENIOR.name
    assert senior.summary.startswith("Senior Technical Support Specialists handle the most complex tier-3 issues")
    assert senior.summary.endswith("within the support organization.")


def test_senior_glance_facts(senior):
    f = senior.facts
    assert f.typical_education == "Bachelor's degree in CS, IS, or equivalent experience"
    assert f.typical_experience == "5-8 years"
    assert (f.experience_years_min, f.experience_years_max) == (5, 8)
    assert f.key_certifications == ["ITIL 4 Foundation", "ITIL 4 Managing Professional"]
    assert f.top_employer_types == [
        "Enterprise IT organizations",
        "SaaS companies",
        "Cloud service providers",
        "Platform-specific vendors",
    ]
    assert f.growth_outlook.startswith("Concentrating demand; fewer people needed for routine tasks")
    assert f.growth_percent is None
    assert f.ai_impact.startswith("Mixed — AI handles tier-1 and tier-2 routine volume")
    assert f.ai_impact.endswith("complex, non-routine escalations.")


def test_senior_duties(senior):
    assert len(senior.duties) == 10
    assert senior.duties[0].text.startswith("Own tier-3 escalations: investigate complex issues")
    assert senior.duties[-1].text.startswith("Track and report on key support metrics")
    assert all(d.section == "Duties and responsibilities" for d in senior.duties)
    assert not any(d.text.startswith("-") for d in senior.duties)


def test_senior_sections(senior):
    # Every heading in the page's order, with its level; a heading over a list has no prose of its own.
    assert [(s.anchor, s.heading, s.level) for s in senior.sections] == [
        ("responsibilities", "Duties and responsibilities", 2),
        ("overview", "Overview", 2),
        ("qualifications", "Qualifications", 2),
        ("education", "Education", 3),
        ("experience-benchmarks", "Experience benchmarks", 3),
        ("technical-depth-expected", "Technical depth expected", 3),
        ("leadership-and-process-skills", "Leadership and process skills", 3),
        ("market-outlook", "Career outlook", 2),
        ("cover-letter", "Sample cover letter", 2),
        ("faq", "Frequently asked questions", 2),
        ("related", "More in Information Technology", 2),
    ]
    overview, outlook = senior.sections[1], senior.sections[7]
    assert len(overview.paragraphs) == 5
    assert overview.paragraphs[0].startswith("Senior Technical Support Specialists are the technical ceiling")
    assert len(outlook.paragraphs) == 4
    assert outlook.paragraphs[-1].startswith("For senior specialists targeting continued advancement")
    assert overview.section == "Overview" and outlook.section == "Career outlook"


def test_senior_qualifications(senior):
    groups = [(q.group, q.text) for q in senior.qualifications]
    leadership = "Leadership and process skills"
    assert [g for g, _ in groups] == ["Education"] * 3 + ["Experience benchmarks"] * 4 + [leadership] * 3
    assert groups[0][1].startswith("Bachelor's degree in computer science, information systems")
    assert (
        groups[3][1] == "5–8 years of technical support experience with at least 2–3 years at a tier-2 or tier-3 level"
    )
    # A group that is not technical or soft skills stays a qualification group under its own heading, whole.
    assert (
        groups[7][1] == "ITIL 4 Foundation minimum; Managing Professional for those with service management ownership"
    )
    assert all(q.section == q.group for q in senior.qualifications)


def test_senior_skills(senior):
    skills = [(s.name, s.kind, s.section) for s in senior.skills]
    assert len(skills) == 6
    assert skills[0] == ("Windows Server and Linux administration", "technical", "Technical depth expected")
    assert senior.skills[0].detail == "enough to diagnose application and OS-layer issues from logs and system state"
    assert ("Active Directory / Azure AD", "technical", "Technical depth expected") in skills
    assert all(section == "Technical depth expected" for _, _, section in skills)
    assert senior.skills[-1].name == "Scripting"
    assert not any(s.kind == "soft" for s in senior.skills)


def test_senior_tools(senior):
    tools = [(t.category, t.text) for t in senior.tools]
    assert ("Cloud platforms", "AWS") in tools
    assert ("Cloud platforms", "GCP") in tools
    assert ("Scripting", "PowerShell") in tools
    assert ("Scripting", "Python") in tools
    # Every product the skills name, also one alone in brackets; prose with no product names gives none.
    assert [t.text for t in senior.tools] == [
        "Windows Server",
        "Linux",
        "Active Directory",
        "Azure AD",
        "Wireshark",
        "AWS",
        "Azure",
        "GCP",
        "PowerShell",
        "Python",
    ]
    assert not any(t.category in {"Databases", "Root cause analysis methodologies"} for t in senior.tools)


def test_senior_certifications(senior):
    certs = [(c.text, c.category) for c in senior.certifications]
    assert certs[:2] == [("ITIL 4 Foundation", "key"), ("ITIL 4 Managing Professional", "key")]
    names = [c for c, _ in certs]
    for name in (
        "Microsoft Certified: Azure Administrator (AZ-104)",
        "Salesforce Advanced Administrator",
        "ServiceNow Certified System Administrator",
        "CompTIA CySA+",
        "Security+",
    ):
        assert name in names
    lowered = [n.lower() for n in names]
    assert len(lowered) == len(set(lowered))
    assert "AZ-104" not in names  # already named with its code
    assert not any(n.startswith(("Expectations", "The ", "and ")) for n in names)


def test_senior_cover_letter(senior):
    letter = senior.cover_letter
    assert letter.startswith(
        "Dear Hiring Manager,\n\nI'm applying for the Senior Technical Support Specialist position"
    )
    assert letter.endswith("I'd appreciate the chance to discuss the position.\n\n[Your Name]")
    assert len(letter.split("\n\n")) == 7


def test_senior_faqs(senior):
    assert [f.question for f in senior.faqs] == [
        "What distinguishes a Senior Technical Support Specialist from a regular Support Specialist?",
        "What certifications are expected at the senior level?",
        "How much mentoring is expected in a senior role?",
        "Is the Senior Technical Support Specialist a path toward management or engineering?",
        "How is AI changing what senior support specialists do?",
    ]
    assert senior.faqs[0].answer.startswith("The distinction is depth and ownership.")
    assert senior.faqs[-1].answer.startswith("AI systems are handling more of the volume")
    assert all(f.section == "Frequently asked questions" for f in senior.faqs)


def test_senior_related_roles(senior):
    expected = [
        ("Senior Technical Support Analyst", 70000, 108000),
        ("Service Desk Support Technician", 40000, 65000),
        ("Senior Systems Administrator", 90000, 138000),
        ("Software Implementation Specialist", 62000, 98000),
        ("DevOps IT Service Management (ITSM) Engineer", 95000, 140000),
        ("IT Compliance Manager", 95000, 155000),
    ]
    assert [(r.title, r.salary_min, r.salary_max) for r in senior.related_roles] == expected
    assert all(r.currency == "USD" and r.section == "More in Information Technology" for r in senior.related_roles)
    assert senior.related_roles[0].blurb.startswith("Senior Technical Support Analysts manage complex incidents")
    assert senior.related_roles[-1].blurb.startswith("IT Compliance Managers own the design")
    bands = [(b.kind, b.label, b.related_title, b.min, b.max, b.currency) for b in senior.salary_bands]
    assert bands == [("related_role", t, t, lo, hi, "USD") for t, lo, hi in expected]
    assert all(b.section == "More in Information Technology" for b in senior.salary_bands)


def test_senior_figures(senior):
    texts = figure_texts(senior)
    for value in ("5-8 years", "5–7 years", "61%", "74%", "8 business days", "3.5 days", "18 months", "$70K–$108K"):
        assert value in texts
    # "from 61% to 74%" is a change between two figures, not a range.
    before, after = (next(f for f in senior.figures if f.text == t) for t in ("61%", "74%"))
    assert (before.kind, before.value_min, before.value_max, before.section) == (
        "percent",
        61,
        61,
        "Sample cover letter",
    )
    assert (after.value_min, after.value_max) == (74, 74)
    money = [f for f in senior.figures if f.kind == "money"]
    assert len(money) == 6 and all(f.section == "More in Information Technology" for f in money)
    assert (money[-1].value_min, money[-1].value_max) == (Decimal(95000), Decimal(155000))


def test_senior_empty_lists(senior):
    assert senior.career_levels == [] and senior.steps == [] and senior.education_paths == []


# ------------------------------------------------------ layout B: customer file


def test_customer_header_and_facts(customer):
    assert customer.category == "Information Technology"
    assert customer.role_title == customer.title == "Customer Support Specialist"
    assert customer.summary.startswith("Customer Support Specialists at technology companies are the front line")
    f = customer.facts
    assert f.typical_education == (
        "High school diploma or GED; Associate or Bachelor's degree in IT, Business, or Communications preferred"
    )
    assert f.typical_experience == "1-3 years in customer-facing roles"
    assert (f.experience_years_min, f.experience_years_max) == (1, 3)
    assert f.key_certifications == []
    assert f.top_employer_types == ["SaaS companies", "B2B software firms", "technology enterprises"]
    assert f.growth_outlook == (
        "Expanding demand for technical support roles driven by the continued growth of the SaaS market"
    )
    assert f.growth_percent is None
    assert f.ai_impact.startswith("Mixed — AI-powered chatbots are automating Tier I interactions")


def test_customer_duties_and_sections(customer):
    assert len(customer.duties) == 10
    assert customer.duties[0].text == (
        "Respond to inbound support tickets via email, live chat, and phone within defined SLA timeframes"
    )
    assert customer.duties[-1].text == (
        "Test new product features before release to identify support implications and contribute to internal "
        "documentation"
    )
    assert [(s.anchor, s.heading, len(s.paragraphs)) for s in customer.sections] == [
        ("responsibilities", "Duties and responsibilities", 0),
        ("overview", "Overview", 5),
        ("qualifications", "Qualifications", 0),
        ("education", "Education", 0),
        ("experience", "Experience", 0),
        ("technical-skills", "Technical skills", 0),
        ("soft-skills", "Soft skills", 0),
        ("market-outlook", "Career outlook", 6),
        ("cover-letter", "Sample cover letter", 7),
        ("faq", "Frequently asked questions", 0),
    ]


def test_customer_qualifications_skills_tools(customer):
    assert [q.group for q in customer.qualifications] == ["Education"] * 3 + ["Experience"] * 3
    assert customer.qualifications[0].text == "High school diploma or GED (minimum for entry-level roles)"
    technical = [s.name for s in customer.skills if s.kind == "technical"]
    assert technical == ["Ticketing platforms", "CRM", "Basic web literacy", "Documentation", "Data access"]
    soft = [(s.name, s.detail) for s in customer.skills if s.kind == "soft"]
    assert soft[0] == (
        "Clear, concise written communication",
        "responses that answer the actual question without unnecessary filler",
    )
    assert [n for n, _ in soft] == [
        "Clear, concise written communication",
        "Composure",
        "Pattern recognition",
        "Self-direction",
    ]
    assert all(s.section == "Soft skills" for s in customer.skills if s.kind == "soft")
    assert [(t.category, t.text) for t in customer.tools] == [
        ("Ticketing platforms", "Zendesk"),
        ("Ticketing platforms", "Freshdesk"),
        ("Ticketing platforms", "Intercom"),
        ("Ticketing platforms", "Jira Service Management"),
        ("CRM", "Salesforce"),
        ("CRM", "HubSpot"),
        ("Documentation", "Confluence"),
        ("Documentation", "Notion"),
        # The FAQ about tools names the rest.
        ("", "Help Scout"),
        ("", "Drift"),
        ("", "Guru"),
    ]
    assert customer.certifications == []
    assert customer.facts.key_certifications_text == "None typically required"


def test_customer_cover_letter_and_faqs(customer):
    assert customer.cover_letter.startswith("Dear Hiring Manager,\n\nI'm applying for the Customer Support Specialist")
    assert customer.cover_letter.endswith("I'd welcome the chance to discuss the role.\n\n[Your Name]")
    assert [f.question for f in customer.faqs] == [
        "What metrics do Customer Support Specialists get measured on?",
        "Is Customer Support Specialist different from Technical Support?",
        "Do Customer Support Specialists need coding or technical skills?",
        "What tools do Customer Support Specialists use most?",
        "What career paths open up after Customer Support Specialist?",
    ]
    assert customer.faqs[3].answer.startswith("Ticketing platforms are the primary tools: Zendesk")
    assert customer.faqs[-1].answer.endswith("develop stronger technical depth.")
    assert customer.related_roles == [] and customer.salary_bands == []


def test_customer_figures(customer):
    texts = figure_texts(customer)
    for value in ("1-3 years", "30–70", "40–60%", "12 months", "35%"):
        assert value in texts
    interactions = next(f for f in customer.figures if f.text == "30–70")
    assert (interactions.kind, interactions.value_min, interactions.value_max) == ("count", 30, 70)
    assert interactions.section == "Overview"
    assert "4.6/5" in texts  # a rating: 4.6 out of 5


# ---------------------------------------------------------- no chrome anywhere


@pytest.mark.parametrize("path", [SENIOR, CUSTOMER, NETWORK, UX])
def test_no_chrome_in_output(path):
    dumped = json.dumps(dataclasses.asdict(parse_path(path)), default=str, ensure_ascii=False)
    for chrome in ("JobDescription.org", "Last updated", "See all", "→", "\\u0000"):
        assert chrome not in dumped


@pytest.mark.parametrize("path", [SENIOR, CUSTOMER, NETWORK, UX])
def test_sections_are_provenance(path):
    doc = parse_path(path)
    records = doc.duties + doc.skills + doc.certifications + doc.tools + doc.qualifications + doc.faqs
    records += doc.related_roles + doc.salary_bands + doc.figures
    assert all(r.section for r in records)
    anchors = [s.anchor for s in doc.sections]
    assert len(anchors) == len(set(anchors))


# ------------------------------------------------ our own layout A document


def test_network_engineer(network):
    assert (network.category, network.role_title) == ("Information Technology", "Network Engineer")
    f = network.facts
    assert f.typical_experience == "3-6 years" and (f.experience_years_min, f.experience_years_max) == (3, 6)
    assert f.key_certifications == ["CCNA", "CCNP Enterprise", "CompTIA Network+"]
    assert f.top_employer_types == [
        "Managed service providers",
        "Telecommunications carriers",
        "Financial institutions",
        "Cloud providers",
    ]
    assert f.ai_impact.startswith("Augmenting — ")
    assert len(network.duties) == 8
    assert (
        network.duties[-1].text
        == "Evaluate new hardware and cloud networking services and present recommendations with costs"
    )
    assert [(s.anchor, s.heading, len(s.paragraphs)) for s in network.sections] == [
        ("responsibilities", "Duties and responsibilities", 0),
        ("overview", "Overview", 2),
        ("work-environment", "Work environment", 2),
        ("qualifications", "Qualifications", 0),
        ("education", "Education", 0),
        ("experience", "Experience", 0),
        ("technical-skills", "Technical skills", 0),
        ("soft-skills", "Soft skills", 0),
        ("market-outlook", "Career outlook", 2),
        ("cover-letter", "Sample cover letter", 5),
        ("faq", "Frequently asked questions", 0),
        ("related", "More in Information Technology", 0),
    ]
    assert [q.group for q in network.qualifications] == ["Education", "Education", "Experience", "Experience"]
    assert [(t.category, t.text) for t in network.tools][:6] == [
        ("Routing and switching platforms", "Cisco IOS"),
        ("Routing and switching platforms", "Juniper Junos"),
        ("Routing and switching platforms", "Arista EOS"),
        ("Monitoring tools", "SolarWinds"),
        ("Monitoring tools", "PRTG"),
        ("Monitoring tools", "Grafana"),
    ]
    assert [s.name for s in network.skills if s.kind == "soft"] == ["Calm incident leadership", "Written change plans"]
    assert [c.text for c in network.certifications] == [
        "CCNA",
        "CCNP Enterprise",
        "CompTIA Network+",
        "Juniper JNCIA-Junos",
        "AWS Certified Advanced Networking Specialty",
    ]
    assert network.cover_letter.endswith("Sincerely,\n\nJordan Lee")
    assert [f.question for f in network.faqs] == [
        "Which certifications matter most for network engineers?",
        "Do network engineers need to code?",
        "Is on-call work common?",
        "How long does it take to become a network engineer?",
    ]
    assert [(r.title, r.salary_min, r.salary_max) for r in network.related_roles] == [
        ("Network Administrator", 65000, 95000),
        ("Cloud Network Architect", 105000, 160000),
        ("Security Operations Analyst", 75000, 115000),
    ]
    assert (
        network.related_roles[1].blurb
        == "Cloud Network Architects design connectivity between data centres and public cloud platforms."
    )
    assert len(network.salary_bands) == 3
    texts = figure_texts(network)
    for value in ("$105K–$160K", "2–4 hours", "95%", "4 to 6 weeks", "70%", "30%"):
        assert value in texts
    outlook_money = [x for x in network.figures if x.text == "$105K–$160K" and x.section == "Career outlook"]
    assert outlook_money and outlook_money[0].value_max == 160000


# ------------------------------------------------ our own layout B document


def test_ux_designer(ux):
    assert (ux.category, ux.role_title) == ("Design", "Senior UX Designer")
    f = ux.facts
    assert f.typical_experience == "8+ years"
    assert (f.experience_years_min, f.experience_years_max) == (8, None)
    assert f.key_certifications == [] and ux.certifications == []
    assert f.growth_percent == Decimal("16")
    assert (f.growth_period_start, f.growth_period_end) == (2023, 2033)
    assert (
        len(ux.duties) == 6
        and ux.duties[2].text == "Run usability tests with 5–8 participants per round and report findings"
    )
    tools = ["Figma", "Sketch", "Adobe XD", "Maze", "UserTesting", "Dovetail", "HTML", "CSS"]
    assert [t.text for t in ux.tools] == tools
    assert [(s.name, s.detail) for s in ux.skills if s.kind == "soft"] == [
        ("Facilitation", "running workshops that end in decisions"),
        ("Storytelling", "presenting research so that teams act on it"),
    ]
    assert ux.cover_letter.startswith("Dear Hiring Manager,")
    assert ux.cover_letter.endswith("Best regards,\n\n[Your Name]")
    assert [q.question for q in ux.faqs] == [
        "Do UX designers need to code?",
        "What does a senior UX designer do that a mid-level designer does not?",
        "How long is a typical design sprint?",
    ]
    assert ux.faqs[2].answer == "Most teams run sprints of 1-2 weeks."
    assert [(r.title, r.salary_min, r.salary_max, r.section) for r in ux.related_roles] == [
        ("Product Designer", 90000, 140000, "More in Design"),
        ("UX Researcher", 85000, 130000, "More in Design"),
    ]
    texts = figure_texts(ux)
    # An unknown glance label ("Typical salary") is ignored as a fact, but its numbers are still data.
    for value in ("$110K–$150K", "48%", "71%", "1-2 weeks", "5–8", "2023–2033"):
        assert value in texts


# ------------------------------------------------------------- malformed input

GOOD_A = NETWORK.read_text(encoding="utf-8")


def _error(text: str) -> DocumentError:
    with pytest.raises(DocumentError) as info:
        jd.parse(text, file_name="bad.txt", sha256="0")
    return info.value


def test_missing_title_lines():
    text = (
        "Last updated\nA summary.\nRole at a glance\n- Typical experience\n- 2 years\n"
        "Duties and responsibilities\n- Do x\n"
    )
    err = _error(text)
    assert err.line == 1


def test_missing_role_title_line_before_last_updated():
    lines = GOOD_A.splitlines()
    del lines[1]  # the role title
    err = _error("\n".join(lines))
    assert err.line == 2  # "Last updated" now comes after one line only


def test_missing_glance_block():
    lines = GOOD_A.splitlines()
    start = lines.index("Role at a glance")
    end = lines.index("Duties and responsibilities")
    err = _error("\n".join(lines[:start] + lines[end:]))
    assert err.line == start + 1  # where the glance block should start
    assert "Role at a glance" in err.message


def test_missing_duties_block():
    lines = GOOD_A.splitlines()
    start = lines.index("Duties and responsibilities")
    end = lines.index("Overview")
    err = _error("\n".join(lines[:start] + lines[end:]))
    assert err.line == start + 1
    assert "Duties" in err.message


def test_glance_label_without_value():
    lines = GOOD_A.splitlines()
    value_at = lines.index("- 3-6 years")
    del lines[value_at]
    err = _error("\n".join(lines))
    assert err.line == value_at  # the "- Typical experience" label, 1-based
    assert "Typical experience" in err.message


def test_faq_question_without_answer_layout_b():
    text = UX.read_text(encoding="utf-8")
    broken = text.replace("Most teams run sprints of 1-2 weeks.\n", "")
    err = _error(broken)
    line = broken.splitlines().index("How long is a typical design sprint?") + 1
    assert err.line == line


def test_empty_duties_block():
    lines = GOOD_A.splitlines()
    start = lines.index("Duties and responsibilities")
    end = lines.index("Overview")
    err = _error("\n".join(lines[: start + 1] + lines[end:]))
    assert err.line == start + 1


def test_unknown_glance_label_is_not_fatal(network):
    assert network.facts.typical_education.startswith("Bachelor's degree in Network Engineering")
    assert "Business hours" not in json.dumps(dataclasses.asdict(network.facts), default=str)


def test_faq_question_without_answer_layout_a():
    lines = SENIOR.read_text(encoding="utf-8").splitlines()
    question_at = lines.index("- How much mentoring is expected in a senior role?")
    del lines[question_at + 1]  # its answer
    err = _error("\n".join(lines))
    assert err.line == question_at + 1
    assert "How much mentoring" in err.message
