"""Role cards and list rows say what their median is and where it came from (#18), at a constant query count;
compare explains two differing medians of a role in the role page's words, and, like a job description, quotes the
occupation's official median of a role no document prices; compare keeps what the years of experience are of."""

from __future__ import annotations

from html import unescape

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from roles.models import Role
from tests.salaries.wages_data import SAMPLE

TSS = "technical-support-specialist"
SENIOR = "senior-technical-support-specialist"
CSS = "customer-support-specialist"


@pytest.fixture(autouse=True)
def render_every_request(settings):
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def wages(catalog):
    """The sample's official wages; the customer-support role (no median in any document) names 15-1232."""
    call_command("import_wages", str(SAMPLE), "--all", verbosity=0)
    Role.objects.filter(slug=CSS).update(soc_code="15-1232")


def median_cells(client, url: str, selector: str) -> dict[str, str]:
    response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    cells = {}
    for node in soup.select(selector):
        slug = node.find("a")["href"].strip("/").split("/")[-1]
        cells[slug] = " ".join(node.get_text(" ").split())
    return cells


@pytest.mark.parametrize(("url", "selector"), [("/", ".role-card"), ("/roles/", "tbody tr")])
def test_each_median_says_what_it_is_and_where_it_came_from(
    client, wages, url, selector, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        cells = median_cells(client, url, selector)
    # The role's own document's figure, with its source and date.
    assert "$59,660 U.S. Bureau of Labor Statistics, May 2023" in cells[TSS]
    # A figure another document gives: the senior role's level on the career guide's ladder.
    assert "$80,000 its level on the Technical Support Specialist ladder" in cells[SENIOR]
    # No document gives one: the official national median of the occupation, named so.
    assert "$61,860 occupation-wide, BLS OEWS May 2025" in cells[CSS]


def test_a_role_without_any_median_shows_a_dash(client, catalog):
    cells = median_cells(client, "/", ".role-card")
    assert "Median pay —" in cells[CSS]


def test_official_medians_cost_no_query_per_card(client, wages, django_assert_max_num_queries):
    call_command("generate_catalog", roles=40, seed=1, verbosity=0, no_search_index=True)
    Role.objects.update(soc_code="15-1232")
    with django_assert_max_num_queries(2):
        cells = median_cells(client, "/roles/", "tbody tr")
    assert len(cells) > 40


def test_compare_says_what_each_of_two_medians_is(client, catalog):
    response = client.get(f"/compare/?roles={TSS},{CSS}")
    assert response.status_code == 200
    html = unescape(response.content.decode())
    role_page = unescape(client.get(f"/roles/{TSS}/").content.decode())
    note = (
        "Two medians, two populations: $59,660 (U.S. Bureau of Labor Statistics, May 2023) is for everyone in "
        "the occupation; $65,000 is the"
    )
    assert note in role_page
    assert note in html
    assert html.count("Two medians, two populations") == 1


@pytest.mark.parametrize("fmt", ["job-description/", "job-description.txt", "job-description.md"])
def test_a_job_description_quotes_the_occupation_median_when_no_document_gives_pay(client, wages, fmt):
    """The role page shows the occupation's official figures: its job ad must not say no source gives pay."""
    response = client.get(f"/roles/{CSS}/{fmt}")
    assert response.status_code == 200
    text = " ".join(unescape(BeautifulSoup(response.content, "html.parser").get_text(" ")).split())
    assert "publish no salary figures" not in text
    assert "$61,860" in text and "occupation-wide, BLS OEWS May 2025" in text


def test_a_job_description_with_no_figure_anywhere_says_so(client, catalog):
    response = client.get(f"/roles/{CSS}/job-description.txt")
    assert "Our sources publish no salary figures for this role." in response.content.decode()


def compare_row(client, heading: str) -> list[str]:
    """The text of each role's cell in the compare table's row ``heading`` (TSS, then CSS)."""
    soup = BeautifulSoup(client.get(f"/compare/?roles={TSS},{CSS}").content, "html.parser")
    row = next(tr for tr in soup.select("tbody tr") if tr.th and tr.th.get_text(strip=True) == heading)
    return [" ".join(td.get_text(" ").split()) for td in row.find_all("td")]


def test_compare_shows_the_occupation_median_of_a_role_no_document_prices(client, wages):
    cells = compare_row(client, "Median salary")
    assert cells[0] == "$59,660 U.S. Bureau of Labor Statistics, May 2023"
    assert cells[1] == "$61,860 occupation-wide, BLS OEWS May 2025"


def test_compare_keeps_what_the_years_of_experience_are_of(client, catalog):
    """Compare says what the years are of, as the role page does: "1-3 years in customer-facing roles"."""
    cells = compare_row(client, "Typical experience")
    assert cells[0] == "2–4 years"
    assert cells[1] == "1–3 years in customer-facing roles"


def test_compare_without_shared_skills_points_to_the_lists_where_they_are(client, catalog):
    """The per-role skill lists come after "What they have in common": the note sends the reader down to them."""
    soup = BeautifulSoup(client.get(f"/compare/?roles={TSS},{CSS}").content, "html.parser")
    shared, skills = soup.find(id="shared"), soup.find(id="skills")
    assert shared.find_next(id="skills") is skills  # the lists follow the note in the page
    note = next(p for p in shared.find_all("p") if "No skill appears under the same name" in p.get_text())
    assert "below" in note.get_text() and "above" not in note.get_text()
    assert note.find("a", href="#skills") is not None


def shown_medians(client, url: str, selector: str) -> list[int]:
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    figures = []
    for node in soup.select(selector):
        text = " ".join(node.get_text(" ").split())
        figures.append(int(text.split("$", 1)[1].split()[0].replace(",", "")))
    return figures


@pytest.mark.parametrize(("url", "selector"), [("/roles/?sort=salary", "tbody tr"), ("/", ".role-card")])
def test_best_paid_first_follows_the_medians_shown(client, wages, url, selector, django_assert_max_num_queries):
    """Sorted by median salary (and the home page's best-paid cards), the order is that of the figures on the page,
    the occupation's official median included where no document gives one."""
    with django_assert_max_num_queries(2):
        medians = shown_medians(client, url, selector)
    assert medians == [80000, 61860, 59660]


@pytest.mark.parametrize(("url", "selector"), [("/", ".role-card"), ("/roles/", "tbody tr")])
def test_cards_and_rows_keep_what_the_years_of_experience_are_of(client, catalog, url, selector):
    """ "1-3 years in customer-facing roles" is not 1-3 years as a Customer Support Specialist."""
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    nodes = {node.find("a")["href"].strip("/").split("/")[-1]: node for node in soup.select(selector)}
    experience = {
        slug: " ".join((node.find("dd") if selector == ".role-card" else node.find("td")).get_text(" ").split())
        for slug, node in nodes.items()
    }
    assert experience == {
        CSS: "1–3 years in customer-facing roles",
        TSS: "2–4 years",
        SENIOR: "5–8 years",
    }
