"""The career-move extractor, on text alone: the shipped sources and sentences written for other roles."""

from pathlib import Path

import pytest

from roles.importers import parse_file
from roles.importers.moves import extract_moves, moves_in_sentence

SOURCES = Path(__file__).resolve().parents[3] / "fixtures" / "sources"
DOCS = Path(__file__).resolve().parent.parent / "docs"


def moves_of(file_name: str, folder: Path = SOURCES) -> dict[tuple[str, str], str]:
    doc = parse_file(folder / file_name)
    return {(m.from_title, m.to_title): m.kind for m in doc.moves}


def in_sentence(sentence: str, role: str) -> dict[tuple[str, str], str]:
    return {(m.from_title, m.to_title): m.kind for m in moves_in_sentence(sentence, role_title=role)}


def test_guide_moves_into_leadership_related_fields_and_specialisms():
    moves = moves_of("000_0abef9bbc078f129.txt")
    tss = "Technical Support Specialist"
    for target in ("Quality Assurance", "Product Management", "Sales Engineering", "Technical Writing"):
        assert moves[(tss, target)] == "lateral"
    for target in ("Team Lead", "Support Manager", "Training Coordinator"):
        assert moves[(tss, target)] == "management"
    assert moves[(tss, "Cybersecurity")] == "specialisation"
    assert moves[(tss, "Network engineering")] == "specialisation"
    assert (tss, "Software Development") in moves
    # Negated or vague phrases ("without transitioning into more specialized IT fields") give nothing.
    assert not any("specialized" in to.lower() or to.lower() == "management" for _, to in moves)


def test_senior_job_description_forks_into_management_and_engineering():
    moves = moves_of("001_a14770785156dc66.txt")
    senior = "Senior Technical Support Specialist"
    for target in ("IT Manager", "Service Desk Manager", "Support Engineering Manager"):
        assert moves[(senior, target)] == "management"
    for target in ("Platform Engineer", "Solutions Architect", "Site Reliability Engineer"):
        assert moves[(senior, target)] == "engineering"


def test_customer_support_chain_advancement_and_lateral_moves():
    moves = moves_of("002_48a63475ebba2e71.txt")
    css = "Customer Support Specialist"
    # "moves from customer support through technical support toward solutions engineering or product roles":
    # the start is this document's own role; the middle step is the start of the next moves.
    assert moves[(css, "Technical support")] == "promotion"
    assert moves[("Technical support", "Solutions engineering")] == "engineering"
    assert ("Technical support", "Product roles") in moves
    assert moves[(css, "Technical Support Engineer")] == "promotion"
    assert moves[(css, "Senior Support Specialist")] == "promotion"
    assert moves[(css, "Customer Success Manager")] == "lateral"
    # "used interchangeably or to denote different tiers" is not a move.
    assert not any("tiers" in to for _, to in moves)


def test_every_move_keeps_its_sentence_and_section():
    doc = parse_file(SOURCES / "001_a14770785156dc66.txt")
    move = next(m for m in doc.moves if m.to_title == "Platform Engineer")
    assert move.evidence.startswith("Those who focus on deepening technical expertise may move toward")
    assert move.section == "Frequently asked questions"
    assert extract_moves(doc) == doc.moves  # the importer ran the same extractor


def test_moves_are_listed_once_per_pair():
    doc = parse_file(SOURCES / "000_0abef9bbc078f129.txt")
    pairs = [(m.from_title, m.to_title) for m in doc.moves]
    assert len(pairs) == len(set(pairs))
    assert pairs.count(("Technical Support Specialist", "Quality Assurance")) == 1  # said twice in the guide


def test_sample_guide_for_another_role():
    moves = moves_of("guide_data_analyst.txt", DOCS)
    assert moves[("Data Analyst", "Management")] == "management"
    assert moves[("Data Analyst", "Analytics engineering")] == "engineering"
    assert ("Data Analyst", "Data science") in moves
    # "progress from executing well-defined requests to owning analytics" describes the work, not jobs.
    assert not any(to.lower() == "analytics" or "owning" in to.lower() for _, to in moves)


@pytest.mark.parametrize(
    ("sentence", "role", "expected"),
    [
        (
            "Registered Nurses often move toward Nurse Manager, Clinical Educator, or Nurse Practitioner roles.",
            "Registered Nurse",
            {
                ("Registered Nurse", "Nurse Manager"): "management",
                ("Registered Nurse", "Clinical Educator"): "lateral",
                ("Registered Nurse", "Nurse Practitioner"): "lateral",
            },
        ),
        (
            "Staff Accountant and Senior Accountant are the direct advancement paths within finance.",
            "Accounting Clerk",
            {
                ("Accounting Clerk", "Staff Accountant"): "promotion",
                ("Accounting Clerk", "Senior Accountant"): "promotion",
            },
        ),
        (
            "Career progression often moves from bookkeeping through accounting toward financial analysis or audit.",
            "Bookkeeper",
            {
                ("Bookkeeping", "Accounting"): "promotion",
                ("Accounting", "Financial analysis"): "lateral",
                ("Accounting", "Audit"): "lateral",
            },
        ),
        (
            "Many chefs eventually transition into related fields such as Food Styling, Catering, or even Food "
            "Writing, drawing on years of kitchen work.",
            "Line Cook",
            {
                ("Line Cook", "Food Styling"): "lateral",
                ("Line Cook", "Catering"): "lateral",
                ("Line Cook", "Food Writing"): "lateral",
            },
        ),
        (
            "Teachers with a taste for leadership can step up into roles like Head of Department or Deputy Head.",
            "Teacher",
            {("Teacher", "Head of Department"): "management", ("Teacher", "Deputy Head"): "management"},
        ),
        (
            "Some specialise in niche areas (e.g., pediatric care, oncology) after a few years.",
            "Registered Nurse",
            {
                ("Registered Nurse", "Pediatric care"): "specialisation",
                ("Registered Nurse", "Oncology"): "specialisation",
            },
        ),
    ],
)
def test_sentences_written_for_other_roles(sentence, role, expected):
    assert in_sentence(sentence, role) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "These titles are used interchangeably or to denote different tiers.",
        "Pay may stay flat without transitioning into more specialized fields or management.",
        "Common questions from people considering a move into data analysis.",
        "Analysts progress from executing well-defined requests to owning analytics for a whole unit.",
        "The work moves between research and craft.",
        "Customer support is a gateway to several technology career paths.",
    ],
)
def test_sentences_that_describe_no_move(sentence):
    assert in_sentence(sentence, "Some Role") == {}
