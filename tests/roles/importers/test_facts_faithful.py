"""Nothing dropped or garbled (#18): every heading of a document on its role's page, once and in the
document's order; every list item once; Figures only for quantities; every tool the document names.

Run over the shipped sources and over documents of the tests' own making in both formats.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.utils.text import slugify

from roles.importers import parse_file
from roles.importers.text import extract_figures
from roles.models import Figure, Role
from tests.roles.publishing.facts_helpers import FACTS_DOCS, SHIPPED_SOURCES, load_facts_docs, soup, text_of

SHIPPED = sorted(SHIPPED_SOURCES.glob("*.txt"))
OWN = sorted(FACTS_DOCS.glob("*.txt"))
# The at-a-glance box stands for these headings; its facts are checked in test_facts_nothing_invented.
GLANCE_HEADINGS = {"Role at a glance", "Key Facts & Statistics"}


def _body(client, slug: str):
    page = soup(client, f"/roles/{slug}/")
    body = page.find(class_="role-body")
    for extra in body.select("#selfcheck"):
        extra.decompose()  # the self-check repeats the skills as tick boxes, by design
    return page, body


def _check_document(client, path: Path) -> None:
    doc = parse_file(path)
    page, body = _body(client, slugify(doc.role_title))
    headings = [h.get_text(" ", strip=True) for h in body.find_all(["h2", "h3"])]
    wanted = [s.heading for s in doc.sections if s.heading not in GLANCE_HEADINGS]
    positions = []
    for heading in wanted:
        assert headings.count(heading) == 1, (path.name, heading, headings)
        positions.append(headings.index(heading))
    assert positions == sorted(positions), (path.name, "headings out of the document's order")
    text = text_of(body)
    items = [d.text for d in doc.duties] + [q.text for q in doc.qualifications] + [f.question for f in doc.faqs]
    items += [item.text for item in doc.pros + doc.cons] + [s.text for s in doc.steps]
    items += [s.name for s in doc.skills] + [r.title for r in doc.related_roles]
    for item in items:
        assert text.count(" ".join(item.split())) >= 1, (path.name, item)
    for item in [d.text for d in doc.duties] + [q.text for q in doc.qualifications] + [f.question for f in doc.faqs]:
        assert text.count(" ".join(item.split())) == 1, (path.name, "more than once", item)
    for sentence in {move.evidence for move in doc.moves}:
        assert text.count(f"“{' '.join(sentence.split())}”") == 1, (path.name, "quoted more than once", sentence)
    assert not re.search(r"\([^()]*\([^()]*\)[^()]*\)", text), (path.name, "nested brackets")
    tools = text_of(body.find(id="tools")) if doc.tools else ""
    for tool in doc.tools:
        assert tool.text in tools, (path.name, tool.text)
    glance = text_of(page.find(id="at-a-glance"))
    if doc.facts.key_certifications_text and not doc.facts.key_certifications:
        assert f"Key certifications {doc.facts.key_certifications_text}" in glance


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_documents_are_on_their_pages_whole_and_in_order(client, catalog, path):
    _check_document(client, path)


def test_own_documents_are_on_their_pages_whole_and_in_order(client, db, tmp_path):
    load_facts_docs(tmp_path)
    for path in OWN:
        _check_document(client, path)


def test_the_issue_examples(client, catalog):
    _, senior = _body(client, ["", "roles", "senior-technical-support-specialist", ""][2])
    leadership = senior.find(id="leadership-and-process-skills")
    assert leadership.find("h3").get_text(strip=True) == "Leadership and process skills"
    assert "ITIL 4 Foundation minimum; Managing Professional" in text_of(leadership)
    assert not senior.find(string=re.compile(r"^ITIL 4 Foundation minimum")).find_parent("strong")
    jd = client.get("/roles/senior-technical-support-specialist/job-description/").content.decode()
    assert "packet capture interpretation (Wireshark)" in jd and "(packet capture interpretation (Wireshark)" not in jd
    customer = Role.objects.get(slug="customer-support-specialist")
    assert {"Salesforce", "HubSpot", "Confluence", "Notion", "Drift", "Guru", "Help Scout"} <= {
        tool.name for tool in customer.tools.all()
    }
    assert customer.key_certifications_text == "None typically required"


@pytest.mark.parametrize(
    ("sentence", "quantities"),
    [
        ("Benefits include retirement plans (401k matching) and paid leave.", []),
        ("We run Microsoft 365 and Windows 11 across 40 offices.", ["40"]),
        ("ITIL 4 Foundation is the usual first certificate.", []),
        ("Own tier-3 escalations and AZ-104 renewals with 5-Whys reviews.", []),
        ("Over 50 tickets a day, ≈12k a year, 150k users.", ["50", "≈12k", "150k"]),
        ("Resolved 15+ issues in 2 weeks.", ["15+", "2 weeks"]),
    ],
)
def test_figures_are_only_quantities(sentence, quantities):
    assert [figure.text for figure in extract_figures(sentence, "")] == quantities


def test_no_shipped_figure_is_a_name(catalog):
    for figure in Figure.objects.filter(kind="count"):
        context = figure.context
        for name in (f"Microsoft {figure.text}", f"ITIL {figure.text}", f"tier-{figure.text}", f"{figure.text}k"):
            assert name not in context or figure.text.endswith("k"), (figure.text, context)
