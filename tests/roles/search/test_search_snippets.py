"""A snippet shows the section's text, not its heading again (#18): the result already names the section."""

from __future__ import annotations

from search_helpers import CUSTOMER, api


def sections_of(data, slug: str) -> dict[str, dict]:
    hit = next(result for result in data["results"] if result["slug"] == slug)
    return {section["anchor"]: section for section in hit["sections"]}


def test_a_list_snippet_does_not_start_with_its_section_label(client, catalog):
    tools = sections_of(api(client, q="help desk"), CUSTOMER)["tools"]
    assert tools["section"] == "Tools"
    assert tools["snippet"].startswith("Zendesk · Freshdesk")
    assert "<mark>Help</mark> Scout" in tools["snippet"]


def test_the_html_result_has_no_stray_heading_in_its_snippet(client, catalog):
    response = client.get("/search/", {"q": "help desk"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Zendesk · Freshdesk" in html
    assert "Tools · Zendesk" not in html and "Related roles · " not in html


def test_a_query_for_the_heading_itself_still_finds_the_section(client, catalog):
    tools = sections_of(api(client, q="tools zendesk"), CUSTOMER)["tools"]
    assert "<mark>Zendesk</mark>" in tools["snippet"] and not tools["snippet"].startswith("<mark>Tools")
