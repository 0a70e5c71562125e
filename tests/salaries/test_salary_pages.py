"""The salaries page: every band of every published role, comparable side by side."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from roles.models import Role
from roles.templatetags.money import format_money, format_money_range
from salaries.models import SalaryBand


@pytest.fixture(autouse=True)
def render_every_request(settings):
    """These tests measure the views themselves, so the whole-page cache (roles/caching.py) is off."""
    settings.PAGE_CACHE_ENABLED = False


def bands_in_fixture() -> list[dict]:
    records = json.loads((Path(settings.BASE_DIR) / "fixtures" / "careerguide.json").read_text())
    return [r["fields"] for r in records if r["model"] == "salaries.salaryband"]


def get_text(client) -> tuple[BeautifulSoup, str]:
    response = client.get("/salaries/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return soup, " ".join(soup.get_text(" ").split())


def test_salaries_page_shows_every_band_with_its_figures(client, catalog, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        soup, text = get_text(client)
    assert [h.get_text(strip=True) for h in soup.find_all("h1")] == ["Salaries"]
    bands = bands_in_fixture()
    assert bands
    for band in bands:
        assert band["label"] in text
        for figure in (band["median"], band["average"]):
            if figure:
                assert format_money(figure, band["currency"]) in text
        if band["min"] or band["max"]:
            assert format_money_range(band["min"], band["max"], band["currency"], band["max_open_ended"]) in text
        if band["currency"] != "USD" and band["usd_min"]:
            assert format_money_range(band["usd_min"], band["usd_max"], "USD") in text
    assert "median is not a starting salary" in text
    assert "Complete Technical Support Specialist Career Guide" in text  # sources are named


def test_salary_chart_on_salaries_page_is_accessible(client, catalog):
    soup, _ = get_text(client)
    svg = soup.find("svg")
    assert svg["role"] == "img"
    assert svg.find("title").get_text() and svg.find("desc").get_text()
    assert len(svg.select("rect.chart-bar")) == SalaryBand.objects.by_experience_level().count()


def test_salaries_page_hides_unpublished_roles_and_its_query_count_is_constant(
    client, catalog, django_assert_num_queries
):
    with django_assert_num_queries(1):
        get_text(client)
    role = Role.objects.get(slug="technical-support-specialist")
    for number in range(30):
        SalaryBand.objects.create(
            role=role, kind=SalaryBand.REGIONAL, label=f"Region {number}", currency="EUR", min=1000, max=2000 + number
        )
    with django_assert_num_queries(1):
        _, text = get_text(client)
    assert "Region 29" in text and "€1,000–€2,029" in text
    Role.objects.filter(pk=role.pk).update(is_published=False)
    _, text = get_text(client)
    assert "Region 29" not in text and "Director of Technical Support" not in text
