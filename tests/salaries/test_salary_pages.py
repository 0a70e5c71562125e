"""The salaries page: every band of a page of published roles, comparable side by side."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.management import call_command
from django.db.models import F

from roles.models import Role
from salaries.models import SalaryBand
from salaries.templatetags.money import format_money, format_money_range


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
    with django_assert_max_num_queries(3):  # count, the page's roles, their bands
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
    with django_assert_num_queries(3):
        get_text(client)
    role = Role.objects.get(slug="technical-support-specialist")
    for number in range(30):
        SalaryBand.objects.create(
            role=role, kind=SalaryBand.REGIONAL, label=f"Region {number}", currency="EUR", min=1000, max=2000 + number
        )
    with django_assert_num_queries(3):
        _, text = get_text(client)
    assert "Region 29" in text and "€1,000–€2,029" in text
    Role.objects.filter(pk=role.pk).update(is_published=False)
    _, text = get_text(client)
    assert "Region 29" not in text and "Director of Technical Support" not in text


def page_roles(soup) -> list[str]:
    """The roles whose bands a page shows, as its summary line names them."""
    return [a["href"] for a in soup.select("p.text-body-secondary a[href$='#salary']")]


@pytest.fixture
def big_catalog(catalog):
    call_command("generate_catalog", roles=30, seed=3, verbosity=0, no_search_index=True)


def test_salaries_page_pages_over_roles_so_it_stays_small_at_any_size(client, big_catalog, django_assert_num_queries):
    with_bands = list(Role.objects.published().filter(salary_bands__isnull=False).distinct().order_by("title", "pk"))
    assert len(with_bands) > 20  # three pages of 10
    seen = []
    for number in (1, 2, 3, 4):
        with django_assert_num_queries(3):
            response = client.get(f"/salaries/?page={number}")
        assert response.status_code == 200
        assert len(response.content) < 400_000
        soup = BeautifulSoup(response.content, "html.parser")
        roles = page_roles(soup)
        assert len(roles) == min(10, len(with_bands) - 10 * (number - 1))
        seen += roles
        current = soup.find("nav", attrs={"aria-label": "Pages"}).find(attrs={"aria-current": "page"})
        assert current.get_text(strip=True) == str(number)
    assert seen == [f"{role.get_absolute_url()}#salary" for role in with_bands]
    # Every band of a role on the page is there, and none of a role on another page.
    first, second = with_bands[0], with_bands[10]
    text = " ".join(BeautifulSoup(client.get("/salaries/").content, "html.parser").get_text(" ").split())
    for band in first.salary_bands.filter(kind=SalaryBand.EXPERIENCE_LEVEL).exclude(median=None):
        assert format_money(band.median, band.currency) in text
    assert f"{len(with_bands)} roles" in text
    soup = BeautifulSoup(client.get("/salaries/").content, "html.parser")
    level_rows = {a["href"] for a in soup.select("section[aria-labelledby=by-level] tbody td a")}
    assert f"{first.get_absolute_url()}#salary" in level_rows
    assert f"{second.get_absolute_url()}#salary" not in level_rows


def test_salaries_page_keeps_sort_and_category_across_pages(client, big_catalog):
    slug = (
        Role.objects.published()
        .filter(salary_bands__isnull=False)
        .values_list("category__slug", flat=True)
        .order_by("category__slug")
        .first()
    )
    category = Role.objects.filter(category__slug=slug).first().category
    template = Role.objects.filter(category=category, salary_bands__isnull=False).first()
    for number in range(11):  # enough roles with bands in this category for two pages
        role = Role.objects.create(
            title=f"Extra paid role {number}",
            slug=f"extra-paid-role-{number}",
            category=category,
            summary=".",
            median_salary=10_000 + number,
        )
        SalaryBand.objects.create(role=role, kind=SalaryBand.RANGE, label="Overall", currency="USD", min=1, max=2)
    assert template is not None
    first = BeautifulSoup(client.get(f"/salaries/?category={slug}&sort=salary").content, "html.parser")
    next_link = first.find("a", rel="next")
    assert parse_qs(urlsplit(next_link["href"]).query) == {"category": [slug], "sort": ["salary"], "page": ["2"]}
    second = BeautifulSoup(client.get(f"/salaries/{next_link['href']}").content, "html.parser")
    expected = list(
        Role.objects.published()
        .filter(category__slug=slug, salary_bands__isnull=False)
        .distinct()
        .order_by(F("median_salary").desc(nulls_last=True), "title", "pk")
    )

    assert page_roles(first) + page_roles(second) == [f"{r.get_absolute_url()}#salary" for r in expected]
    assert category.name in first.get_text()


@pytest.mark.parametrize("value", ["abc", "0", "-1", "999", "1.5"])
def test_salaries_page_bad_page_values_are_a_page_not_an_error(client, big_catalog, value):
    response = client.get(f"/salaries/?page={value}")
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").find("nav", attrs={"aria-label": "Pages"})


def test_salaries_page_unknown_category_says_so(client, catalog):
    response = client.get("/salaries/?category=no-such-category")
    assert response.status_code == 200
    assert b"No salary figures are published for this category yet." in response.content


def test_sources_are_named_by_title_and_kind_never_by_the_stored_file_name(client, catalog):
    """A stored file name ("000_0abef9bbc078f129.txt") means nothing to a reader: a source is its title and its kind,
    in the page's list of sources and in the footer."""
    response = client.get("/salaries/")
    soup = BeautifulSoup(response.content, "html.parser")
    text = " ".join(soup.body.get_text(" ").split())
    assert ".txt" not in text
    assert text.count("Complete Technical Support Specialist Career Guide (career guide)") == 2
    assert text.count("Senior Technical Support Specialist (job description)") == 2
