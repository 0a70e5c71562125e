"""The official figures' labels are true on every role page of the shipped catalog, with or without
pay from the guide's documents (the catalog as `make run` builds it, wages from fixtures/oews/)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command


@pytest.fixture
def shipped_wages(catalog, settings):
    settings.PAGE_CACHE_ENABLED = False
    call_command("import_wages", verbosity=0)


def salary_text(client, slug: str) -> str:
    response = client.get(f"/roles/{slug}/")
    assert response.status_code == 200
    section = BeautifulSoup(response.content, "html.parser").select_one("#salary")
    return " ".join(section.get_text(" ").split())


def test_a_role_no_document_gives_pay_for_does_not_point_at_figures_above(client, shipped_wages):
    text = salary_text(client, "customer-support-specialist")
    assert "No source document gives pay for this role." in text
    assert "figures above" not in text
    assert "figures for everyone in the occupation, not from the guide's documents" in text


def test_official_figures_are_told_apart_from_the_documents_figures(client, shipped_wages):
    text = salary_text(client, "technical-support-specialist")
    assert "$65,000" in text and "$61,860" in text
    assert "figures for everyone in the occupation, not from the guide's documents" in text


def chart_captions(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [figure.figcaption.get_text(" ", strip=True) for figure in soup.select("figure.salary-chart")]


def test_a_chart_names_the_light_bar_only_when_it_draws_one(client, catalog):
    # The career ladder gives medians and averages, no ranges: no light bar is drawn.
    for url in ("/roles/technical-support-specialist/", "/salaries/"):
        captions = chart_captions(client, url)
        assert captions, url
        assert all("light bar" not in caption for caption in captions), url
    # The compare chart draws the guide's overall range ($37k–$95k+) as a light bar.
    captions = chart_captions(client, "/compare/?roles=technical-support-specialist,customer-support-specialist")
    assert any("light bar: the published range" in caption for caption in captions)


def test_an_area_table_names_each_roles_occupation(client, shipped_wages):
    # The three shipped roles are filed under one occupation (15-1232), so their figures are the same:
    # the table says whose figures they are.
    response = client.get("/salaries/", {"area": "texas"})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    section = soup.select_one("#official-area")
    assert "roles in one occupation share its figures" in " ".join(section.get_text(" ").split())
    rows = section.select("tbody tr")
    assert len(rows) == 3
    for row in rows:
        assert "SOC 15-1232" in row.th.get_text(" ")


def test_a_range_whose_note_names_it_says_its_label_once(client, catalog):
    # The guide: "Range: $37k - $95k+ USD (U.S. national range, varies by experience and location)".
    response = client.get("/roles/technical-support-specialist/")
    soup = BeautifulSoup(response.content, "html.parser")
    item = next(li for li in soup.select("#salary li") if "$37,000–$95,000+" in li.get_text())
    text = " ".join(item.get_text(" ").split())
    assert text == "$37,000–$95,000+ — U.S. national range, varies by experience and location (United States)"
