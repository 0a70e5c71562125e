"""A label's parenthesised qualifier is the source's, and it is kept (#18): "AI impact (through 2030)" is not
"AI impact". Tested on a document of the tests' own making, through the parser and through the role page."""

from __future__ import annotations

import pytest

from roles.importers.jobdescription import parse
from tests.roles.publishing.facts_helpers import load_documents, soup, text_of

DOCUMENT = """JobDescription.org

Engineering

Harbour Pilot Assistant

Last updated: 2024-03-02

Harbour Pilot Assistants help pilots bring ships into port safely.

Role at a glance

Typical education (minimum)
High school diploma; maritime coursework preferred
Typical experience
1-2 years
Key certifications (in most ports)
Boatmaster licence
Top employer types
Port authorities, Pilotage companies
Growth outlook (2024–2034)
Stable demand
AI impact (by 2035)
Low — ships still need a person on the bridge.

Duties and responsibilities

  • Keep the pilot boat's log and the tide tables up to date
  • Relay the harbour master's instructions to the pilot

Qualifications

  • One season on a working harbour boat
"""


def test_the_parser_keeps_each_labels_qualifier():
    doc = parse(DOCUMENT, file_name="harbour.txt", sha256="0" * 64)
    assert doc.facts.qualifiers == {
        "typical_education": "minimum",
        "key_certifications": "in most ports",
        "growth_outlook": "2024–2034",
        "ai_impact": "by 2035",
    }
    assert doc.facts.ai_impact == "Low — ships still need a person on the bridge."


@pytest.mark.django_db
def test_the_role_page_shows_each_label_with_its_qualifier(client, tmp_path, settings):
    settings.PAGE_CACHE_ENABLED = False
    source = tmp_path / "harbour_pilot_assistant.txt"
    source.write_text(DOCUMENT, encoding="utf-8")
    load_documents(tmp_path, source)
    glance = text_of(soup(client, "/roles/harbour-pilot-assistant/").select_one("#at-a-glance"))
    assert "AI impact (by 2035) Low — ships still need a person on the bridge." in glance
    assert "Typical education (minimum) High school diploma" in glance
    assert "Job outlook (2024–2034) Stable demand" in glance
    # A label the source writes without one gets none.
    assert "Typical experience 1" in glance and "Top employer types Port" in glance
