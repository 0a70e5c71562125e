"""The public pages, rendered through the test client and checked against the shipped fixture."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roles.models import FAQ, CareerLevel, CareerMove, Duty, Role, SlugHistory, SourceDocument
from salaries.templatetags.money import format_money, format_money_range
from tests.query_budgets import ROLE_PAGE_QUERIES


@pytest.fixture(autouse=True)
def render_every_request(settings):
    """These tests measure the views themselves, so the whole-page cache (roles/caching.py) is off."""
    settings.PAGE_CACHE_ENABLED = False


TSS = "technical-support-specialist"
SENIOR = "senior-technical-support-specialist"
CSS = "customer-support-specialist"
FIXED_ANCHORS = ["overview", "responsibilities", "skills", "how-to-become", "education", "salary", "career-path", "faq"]


def fixture_records(model: str) -> list[dict]:
    records = json.loads((Path(settings.BASE_DIR) / "fixtures" / "careerguide.json").read_text())
    return [r["fields"] for r in records if r["model"] == model]


def role_key(slug: str) -> str:
    return next(r["key"] for r in fixture_records("roles.role") if r["slug"] == slug)


def of_role(model: str, slug: str) -> list[dict]:
    key = role_key(slug)
    return [r for r in fixture_records(model) if r["role"] == [key]]


def page(client, url: str, status: int = 200) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == status, url
    return BeautifulSoup(response.content, "html.parser")


def heading_section(soup: BeautifulSoup, heading: str):
    """The page section headed ``heading`` (h2 or h3), or None."""
    for h in soup.select(".role-body h2, .role-body h3"):
        if h.get_text(" ", strip=True) == heading and h.find_parent("section"):
            return h.find_parent("section")
    return None


def text_of(soup: BeautifulSoup) -> str:
    return " ".join(soup.get_text(" ").split())


def squash(text: str) -> str:
    return " ".join(text.split())


# --- money formatting -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((59660, "USD"), "$59,660"),
        ((40000, "BRL"), "R$40,000"),
        ((50000, "AUD"), "AUD 50,000"),
        ((None, "USD"), ""),
    ],
)
def test_format_money(args, expected):
    assert format_money(*args) == expected


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((35000, 55000, "EUR"), "€35,000–€55,000"),
        ((50000, 80000, "AUD"), "AUD 50,000–80,000"),
        ((40000, 70000, "BRL"), "R$40,000–R$70,000"),
        ((37000, 95000, "USD", True), "$37,000–$95,000+"),
        ((40000, None, "USD"), "$40,000"),
    ],
)
def test_format_money_range(args, expected):
    assert format_money_range(*args) == expected


# --- home and list ----------------------------------------------------------------------------


def test_home_shows_every_role_as_a_card_with_its_facts(client, catalog, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        soup = page(client, "/")
    assert len(soup.find_all("h1")) == 1
    assert soup.find("form", attrs={"action": "/search/"})
    cards = soup.select(".role-card")
    assert {c.find("a")["href"] for c in cards} == {f"/roles/{s}/" for s in (TSS, SENIOR, CSS)}
    tss_card = next(c for c in cards if c.find("a")["href"] == f"/roles/{TSS}/")
    assert "$59,660" in text_of(tss_card)
    assert "2–4 years" in text_of(tss_card)
    assert "5%" in text_of(tss_card)
    assert soup.find("a", href=reverse("salaries:list"))
    assert soup.find("a", href=reverse("roles:career_paths"))


@pytest.mark.parametrize(
    ("sort", "first"),
    [
        ("title", "Customer Support Specialist"),
        # The senior role's median comes from the career guide's ladder ($80,000), above the guide's own $59,660.
        ("salary", "Senior Technical Support Specialist"),
        ("experience", "Customer Support Specialist"),
    ],
)
def test_role_list_is_grouped_and_sortable(client, catalog, sort, first, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        soup = page(client, f"/roles/?sort={sort}")
    assert soup.find("h2", string="Information Technology")
    rows = [th.find("a").get_text() for th in soup.select("tbody th[scope=row]")]
    assert len(rows) == 3
    assert rows[0] == first
    if sort == "experience":
        assert rows == [
            "Customer Support Specialist",
            "Technical Support Specialist",
            "Senior Technical Support Specialist",
        ]


def test_unpublished_role_is_hidden_and_its_page_404s(client, catalog):
    Role.objects.filter(slug=CSS).update(is_published=False)
    assert CSS not in client.get("/roles/").content.decode()
    assert client.get(f"/roles/{CSS}/").status_code == 404


def category_sizes() -> dict[str, tuple[str, int]]:
    """slug -> (name, number of published roles) for every category that has any."""
    counts = Role.objects.published().values("category__slug", "category__name").annotate(n=Count("pk"))
    return {row["category__slug"]: (row["category__name"], row["n"]) for row in counts}


def test_home_shows_at_most_six_cards_per_category_and_links_to_the_rest(client, catalog):
    call_command("generate_catalog", roles=40, seed=1, verbosity=0, no_search_index=True)
    sizes = category_sizes()
    assert any(n > 6 for _, n in sizes.values()), sizes  # the test needs a big category
    soup = page(client, "/")
    total = sum(n for _, n in sizes.values())
    assert soup.find("a", string=f"Browse all {total} roles")
    for slug, (name, n) in sizes.items():
        section = soup.find("section", attrs={"aria-labelledby": f"cat-{slug}"})
        assert section is not None, slug  # every category is still listed
        cards = section.select(".role-card")
        assert len(cards) == min(n, 6), slug
        more = section.find("a", href=f"/roles/?category={slug}")
        if n > 6:
            assert more.get_text(strip=True) == f"All {n} roles in {name}"
            # The best-paid roles come first.
            expected = list(
                Role.objects.published()
                .filter(category__slug=slug)
                .order_by(F("median_salary").desc(nulls_last=True), "title")
                .values_list("slug", flat=True)[:6]
            )
            assert [c.find("a")["href"] for c in cards] == [f"/roles/{s}/" for s in expected]
        else:
            assert more is None


def test_home_lists_every_card_and_no_more_link_with_the_fixture(client, catalog):
    soup = page(client, "/")
    assert len(soup.select(".role-card")) == 3
    assert not soup.select("a.category-more")
    assert soup.find("a", string="Browse all 3 roles")


def list_rows(soup: BeautifulSoup) -> list[str]:
    return [th.find("a")["href"] for th in soup.select("tbody th[scope=row]")]


@pytest.fixture
def big_catalog(catalog_150):
    """150 generated roles besides the shipped three, built once per test process (tests/conftest.py)."""


def test_role_list_is_paginated_and_each_role_is_on_exactly_one_page(client, big_catalog):
    total = Role.objects.published().count()
    assert total > 120  # three pages of 60
    seen = []
    for number in (1, 2, 3):
        soup = page(client, f"/roles/?page={number}")
        rows = list_rows(soup)
        assert len(rows) == (60 if number < 3 else total - 120)
        seen += rows
        nav = soup.find("nav", attrs={"aria-label": "Pages"})
        current = nav.find(attrs={"aria-current": "page"})
        assert current.get_text(strip=True) == str(number)
        assert len(nav.find_all(attrs={"aria-current": "page"})) == 1
        assert soup.find("h2")  # still grouped by category within the page
    assert len(seen) == len(set(seen)) == total
    assert f"{total} roles" in text_of(page(client, "/roles/"))


def test_role_list_keeps_sort_and_category_across_pages(client, big_catalog):
    slug, (name, n) = max(category_sizes().items(), key=lambda item: item[1][1])
    category_id = Role.objects.filter(category__slug=slug).values_list("category_id", flat=True)[0]
    for number in range(max(0, 61 - n)):  # enough roles in one category for two pages
        Role.objects.create(
            title=f"Extra role {number}", slug=f"extra-role-{number}", category_id=category_id, summary="."
        )
    first = page(client, f"/roles/?category={slug}&sort=salary")
    assert first.find("h1").get_text(strip=True) == f"{name} roles"
    assert {h.get_text(strip=True) for h in first.select("section[aria-labelledby^=cat-] > h2")} == {name}
    next_link = first.find("a", rel="next")
    assert parse_qs(urlsplit(next_link["href"]).query) == {"category": [slug], "sort": ["salary"], "page": ["2"]}
    second = page(client, f"/roles/{next_link['href']}")
    expected = (
        Role.objects.published()
        .filter(category__slug=slug)
        .order_by(F("median_salary").desc(nulls_last=True), "title", "pk")
        .values_list("slug", flat=True)
    )
    assert list_rows(first) + list_rows(second) == [f"/roles/{s}/" for s in expected]
    # The sort links keep the category and go back to page 1.
    sort_link = second.find("nav", attrs={"aria-label": "Sort roles"}).find("a", string="Title")
    assert parse_qs(urlsplit(sort_link["href"]).query) == {"category": [slug], "sort": ["title"]}


@pytest.mark.parametrize(("value", "expected"), [("abc", 1), ("0", 3), ("-1", 3), ("999", 3), ("", 1)])
def test_role_list_bad_page_values_give_the_first_or_last_page(client, big_catalog, value, expected):
    soup = page(client, f"/roles/?page={value}")
    current = soup.find("nav", attrs={"aria-label": "Pages"}).find(attrs={"aria-current": "page"})
    assert current.get_text(strip=True) == str(expected)


def test_role_list_unknown_category_is_an_empty_page_not_an_error(client, catalog):
    soup = page(client, "/roles/?category=no-such-category&page=7")
    assert list_rows(soup) == []
    assert "No published roles in this category" in text_of(soup)


def test_list_pages_query_count_does_not_grow_with_the_catalog(client, catalog, django_assert_max_num_queries):
    urls = ["/", "/roles/", "/roles/?sort=salary&page=2", "/roles/?category=information-technology&page=abc"]

    def counts() -> list[int]:
        return [count_queries(client, url)[0] for url in urls]

    small = counts()
    call_command("generate_catalog", roles=80, seed=1, verbosity=0, no_search_index=True)
    with django_assert_max_num_queries(2):
        page(client, "/roles/?page=2")
    with django_assert_max_num_queries(1):
        page(client, "/")
    assert counts() == small


# --- the role page ----------------------------------------------------------------------------


def test_role_page_has_one_h1_meta_and_all_fixed_anchors(client, catalog):
    soup = page(client, f"/roles/{TSS}/")
    role = Role.objects.get(slug=TSS)
    assert [h.get_text(strip=True) for h in soup.find_all("h1")] == [role.title]
    assert soup.title.get_text().startswith(role.title)
    assert soup.find("meta", attrs={"name": "description"})["content"] == role.summary
    for anchor in [*FIXED_ANCHORS, "related", "tools", "certifications", "pros-cons", "market-outlook"]:
        assert soup.find(id=anchor), anchor
        assert soup.select_one(f'.toc a[href="#{anchor}"]') or soup.find(id=anchor).name == "section"
    # The landmarks, from the elements themselves (a role attribute on them would be redundant: Nu checker):
    # <main>, and <header> (banner) and <footer> (contentinfo) as children of <body>.
    assert soup.find("main")
    assert soup.body.find("header", recursive=False) and soup.body.find("footer", recursive=False)
    assert soup.find("nav", attrs={"aria-label": "On this page"})


def test_every_section_row_is_rendered_under_its_anchor_with_its_source(client, catalog):
    for slug in (TSS, SENIOR, CSS):
        soup = page(client, f"/roles/{slug}/")
        for section in of_role("roles.section", slug):
            node = soup.find(id=section["anchor"])
            assert node is not None, (slug, section["anchor"])
            assert node.find(["h2", "h3"]).get_text(strip=True) == section["heading"]
            first_paragraph = section["body"].split("\n\n")[0].strip()
            assert squash(first_paragraph)[:80] in text_of(node)
            # A subsection names its source itself, or shares the one its section names: by title and kind.
            named_in = node if node.select_one(":scope > .source-note") else node.find_parent("section")
            document = SourceDocument.objects.get(file_name=section["source"][0])
            note = text_of(named_in.select_one(":scope > .source-note"))
            assert f"the {document.title} " in note and document.kind in note
            assert document.file_name not in note


def test_every_structured_item_of_every_role_is_on_its_page(client, catalog):
    checks = {
        "roles.duty": ("responsibilities", ["text"]),
        "roles.skill": ("skills", ["name", "detail"]),
        "roles.tool": ("tools", ["name", "category"]),
        "roles.certification": ("certifications", ["name"]),
        "roles.step": ("how-to-become", ["text"]),
        "roles.educationpath": ("education", ["name", "description"]),
        "roles.qualification": ("qualifications", ["group", "text"]),
        "roles.procon": ("pros-cons", ["text"]),
        "roles.faq": ("faq", ["question", "answer"]),
        "roles.relatedrole": ("related", ["title", "blurb"]),
    }
    for slug in (TSS, SENIOR, CSS):
        soup = page(client, f"/roles/{slug}/")
        for model, (anchor, fields) in checks.items():
            for item in of_role(model, slug):
                # Under the heading the document put it under, else under its anchor's section.
                section = text_of(heading_section(soup, item["source_section"]) or soup.find(id=anchor)).lower()
                for name in fields:
                    if item[name]:
                        assert squash(item[name]).lower()[:60] in section, (slug, model, name, item[name])


def test_education_paths_show_cost_and_duration(client, catalog):
    section = text_of(page(client, f"/roles/{TSS}/").find(id="education"))
    assert "$5,000–$20,000" in section and "24 months" in section
    assert "$40,000–$100,000+" in section and "4 years" in section
    assert "$10,000–$20,000" in section and "12–24 weeks" in section
    assert "6–18 months" in section


def test_key_facts_are_at_a_glance(client, catalog):
    glance = text_of(page(client, f"/roles/{TSS}/").find(id="at-a-glance"))
    for fact in (
        "$59,660",
        "U.S. Bureau of Labor Statistics",
        "2023",
        "5%",
        "2022–2032",
        "≈80k",
        "May 2023",
        "2–4 years",
    ):
        assert fact in glance
    assert "$37,000–$95,000+" in glance
    assert "CompTIA A+" in glance and "ITIL" in glance
    senior = text_of(page(client, f"/roles/{SENIOR}/").find(id="at-a-glance"))
    role = Role.objects.get(slug=SENIOR)
    for employer in role.employer_types:
        assert employer in senior
    assert role.ai_impact[:60] in senior
    assert "ITIL 4 Foundation" in senior


def test_every_salary_band_is_shown_with_its_figures(client, catalog):
    soup = page(client, f"/roles/{TSS}/")
    # The by-country bands stand under the guide's own "Global Salaries" heading.
    salary = text_of(soup.find(id="salary")) + text_of(soup.find(id="global-salaries"))
    for band in of_role("salaries.salaryband", TSS):
        if band["kind"] == "experience_level":
            assert band["label"] in salary
            for figure in (band["median"], band["average"]):
                if figure:
                    assert format_money(figure, band["currency"]) in salary, band
        elif band["kind"] in ("regional", "range"):
            assert format_money_range(band["min"], band["max"], band["currency"], band["max_open_ended"]) in salary
            if band["currency"] != "USD" and band["usd_min"]:
                assert format_money_range(band["usd_min"], band["usd_max"], "USD") in salary
    assert "€35,000–€55,000" in salary and "AUD 50,000–80,000" in salary and "R$40,000–R$70,000" in salary
    assert "median is not a starting salary" in salary


def test_salary_chart_is_an_accessible_server_side_svg(client, catalog):
    svg = page(client, f"/roles/{TSS}/").find(id="salary").find("svg")
    assert svg["role"] == "img"
    title_id, desc_id = svg["aria-labelledby"].split()
    assert svg.find("title", id=title_id).get_text()
    description = svg.find("desc", id=desc_id).get_text()
    assert "Junior Technical Support Specialist" in description and "$50,000" in description
    assert len(svg.select("rect.chart-bar")) == 6


def test_related_roles_show_range_and_link_only_when_the_target_exists(client, catalog):
    soup = page(client, f"/roles/{SENIOR}/")
    related = soup.find(id="related")
    for item in of_role("roles.relatedrole", SENIOR):
        assert item["title"] in text_of(related)
    assert "$70,000–$108,000" in text_of(related)
    assert "$95,000–$155,000" in text_of(related)
    assert not related.find("a")  # no related role of the Senior guide has a page
    # Give one a page: it now links there.
    target = Role.objects.get(slug=CSS)
    Role.objects.get(slug=SENIOR).related_roles.filter(title="Service Desk Support Technician").update(target=target)
    related = page(client, f"/roles/{SENIOR}/").find(id="related")
    link = related.find("a", string="Service Desk Support Technician")
    assert link["href"] == f"/roles/{CSS}/"


def test_career_ladder_lists_every_level_with_years_and_links_levels_that_are_roles(client, catalog):
    soup = page(client, f"/roles/{TSS}/")
    ladder = soup.find(id="career-path")
    ladder_text = text_of(ladder)
    for level in of_role("roles.careerlevel", TSS):
        assert level["title"] in ladder_text
        years = (
            f"{level['years_min']}+ years"
            if level["years_max"] is None
            else f"{level['years_min']}–{level['years_max']} years"
        )
        assert years in ladder_text
        assert squash(level["description"])[:60] in ladder_text
        for area in level["focus_areas"].splitlines():
            assert area.strip() in ladder_text
    assert ladder.find("a", string="Senior Technical Support Specialist")["href"] == f"/roles/{SENIOR}/"
    assert ladder.select_one(".is-current").find(string=lambda s: "This role" in s)


def test_a_level_of_exactly_some_years_reads_as_that_many_years(client, catalog):
    level = CareerLevel.objects.filter(role__slug=TSS).order_by("order").first()
    level.years_min = level.years_max = 2
    level.save()
    one = CareerLevel.objects.filter(role__slug=TSS).order_by("order").last()
    one.years_min = one.years_max = 1
    one.save()
    ladder = text_of(page(client, f"/roles/{TSS}/").find(id="career-path"))
    assert "2 years" in ladder and "2–2 years" not in ladder
    assert "1 year" in ladder and "1–1 year" not in ladder and "1 years" not in ladder


def test_career_moves_are_on_the_role_page_and_link_to_roles_that_exist(client, catalog):
    for slug in (TSS, SENIOR, CSS):
        path = text_of(page(client, f"/roles/{slug}/").find(id="career-path"))
        for move in of_role("roles.careermove", slug):
            assert move["to_title"] in path and squash(move["evidence"])[:50] in path
    css = page(client, f"/roles/{CSS}/").find(id="career-path")
    assert css.find("a", string="Technical support")["href"] == f"/roles/{TSS}/"


def test_role_page_shows_where_it_sits_on_another_roles_ladder(client, catalog):
    soup = page(client, f"/roles/{SENIOR}/")
    note = text_of(soup.select_one(".ladder-note"))
    assert "Technical Support Specialist career path" in note and "level 3 of 6" in note and "4–7 years" in note
    path = soup.find(id="career-path")
    assert path.find("a", href=f"/roles/{TSS}/#career-path")
    assert "Director of Technical Support" in text_of(path)


def test_sections_come_in_reading_order(client, catalog):
    soup = page(client, f"/roles/{CSS}/")
    order = [a["href"][1:] for a in soup.select(".toc-list a")]
    # The document's order: duties, overview, qualifications (with its skills), outlook, cover letter, FAQ;
    # the contract's #salary and #related, which the document has no heading for, in their usual places.
    assert order == [
        "at-a-glance",
        "responsibilities",
        "overview",
        "tools",
        "qualifications",
        "salary",
        "market-outlook",
        "career-path",
        "cover-letter",
        "faq",
        "related",
    ]


@pytest.mark.parametrize("slug", [TSS, SENIOR, CSS])
def test_role_page_query_count(client, catalog, slug, django_assert_max_num_queries):
    with django_assert_max_num_queries(ROLE_PAGE_QUERIES):
        page(client, f"/roles/{slug}/")


def count_queries(client, url: str) -> tuple[int, BeautifulSoup]:
    with CaptureQueriesContext(connection) as queries:
        soup = page(client, url)
    return len(queries), soup


def test_role_page_query_count_does_not_grow_with_content(client, catalog):
    role = Role.objects.get(slug=TSS)
    before, _ = count_queries(client, f"/roles/{TSS}/")
    assert before <= ROLE_PAGE_QUERIES
    for number in range(30):
        FAQ.objects.create(role=role, question=f"Extra question {number}?", answer="An answer.", order=100 + number)
        Duty.objects.create(role=role, text=f"Extra duty {number}", order=100 + number)
        CareerLevel.objects.create(role=role, title=f"Extra level {number}", years_min=number, order=100 + number)
        CareerMove.objects.create(
            role=role, from_title=role.title, to_title=f"Extra move {number}", kind="lateral", evidence="."
        )
    after, soup = count_queries(client, f"/roles/{TSS}/")
    assert after == before
    assert "Extra question 29?" in text_of(soup.find(id="faq"))
    assert "Extra level 29" in text_of(soup.find(id="career-path"))
    assert "Extra move 29" in text_of(soup.find(id="career-path"))


# --- addresses and errors ---------------------------------------------------------------------


def test_old_slug_redirects_permanently_keeping_the_query_string(client, catalog):
    role = Role.objects.get(slug=CSS)
    role.slug = "customer-support"
    role.save()
    assert SlugHistory.objects.filter(slug=CSS).exists()
    response = client.get(f"/roles/{CSS}/?utm_source=mail")
    assert response.status_code == 301
    assert response["Location"] == "/roles/customer-support/?utm_source=mail"
    assert client.get("/roles/customer-support/").status_code == 200


def test_unknown_slug_gives_the_styled_404(client, catalog):
    soup = page(client, "/roles/no-such-role/", status=404)
    assert soup.find("h1").get_text(strip=True) == "We can’t find that page"
    assert soup.body.find("header", recursive=False) and soup.body.find("footer", recursive=False)
    assert soup.find("a", href="/roles/")


def test_500_page_leaks_nothing(client, catalog, monkeypatch):
    from roles.pages import roles as views

    def explode(self):
        raise RuntimeError("secret-token-123 in /work/main/roles/views.py")

    monkeypatch.setattr(views.RoleDetailView, "get_queryset", explode)
    client.raise_request_exception = False
    response = client.get(f"/roles/{TSS}/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong" in body
    for leak in ("secret-token-123", "Traceback", "RuntimeError", "views.py", settings.SECRET_KEY):
        assert leak not in body


# --- career paths -----------------------------------------------------------------------------


def test_career_paths_page_shows_every_ladder_and_the_links_between_roles(
    client, catalog, django_assert_max_num_queries
):
    # 1 count for the pages, 5 for the ladders (roles, levels, related roles, ladder positions, moves)
    # + 4 for the career map.
    with django_assert_max_num_queries(10):
        soup = page(client, "/career-paths/")
    assert len(soup.find_all("h1")) == 1
    text = text_of(soup)
    for level in fixture_records("roles.careerlevel"):
        assert level["title"] in text
    for item in fixture_records("roles.relatedrole"):
        assert item["title"] in text
    tss = soup.find(id=f"path-{TSS}")
    assert tss.find("a", string="Senior Technical Support Specialist")["href"] == f"/roles/{SENIOR}/"
    for move in fixture_records("roles.careermove"):
        assert move["to_title"] in text
    css = soup.find(id=f"path-{CSS}")
    assert css.find("a", string="Technical support")["href"] == f"/roles/{TSS}/"
    senior = soup.find(id=f"path-{SENIOR}")
    assert "Sits on the Technical Support Specialist path" in text_of(senior)


def test_career_paths_are_paged_and_the_map_shows_the_page_roles(client, big_catalog):
    total = Role.objects.published().count()
    pages = -(-total // 24)
    assert pages >= 3
    seen = []
    for number in range(1, pages + 1):
        response = client.get(f"/career-paths/?page={number}")
        assert response.status_code == 200
        assert len(response.content) < 1_000_000
        soup = BeautifulSoup(response.content, "html.parser")
        paths = [section["id"].removeprefix("path-") for section in soup.select("section.path-card")]
        assert len(paths) == (24 if number < pages else total - 24 * (pages - 1))
        seen += paths
        # The map holds this page's roles (and the roles they lead to), not the whole catalog.
        listed = soup.find(id="career-map-list").get_text(" ")
        for slug in paths:
            assert Role.objects.get(slug=slug).title in listed
        assert len(soup.select("#career-map svg a.map-node")) < total
    assert len(seen) == len(set(seen)) == total
    assert f"{total} roles" in text_of(page(client, "/career-paths/"))
    soup = page(client, "/career-paths/?page=abc")
    assert soup.find("nav", attrs={"aria-label": "Pages"}).find(attrs={"aria-current": "page"}).get_text() == "1"


def test_career_paths_query_count_is_constant(client, catalog):
    before, _ = count_queries(client, "/career-paths/")
    role = Role.objects.get(slug=CSS)
    for number in range(30):
        CareerLevel.objects.create(role=role, title=f"Level {number}", years_min=number, order=number)
    after, soup = count_queries(client, "/career-paths/")
    assert after == before
    assert "Level 29" in text_of(soup)
