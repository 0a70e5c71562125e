"""Pay where you live: the role page's official figures, the pay pages of a role, the API and the sitemap."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roles.models import Role
from salaries.wages.models import Area
from tests.query_budgets import ROLE_PAGE_QUERIES
from tests.salaries.wages_data import SAMPLE

TSS = "technical-support-specialist"
PAY = f"/roles/{TSS}/pay/"


@pytest.fixture(autouse=True)
def render_every_request(settings):
    """These tests measure the views themselves, so the whole-page cache is off."""
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def wages(catalog):
    """The catalog with the sample's wages; 29-1215 (family physicians, top-coded in places) for the senior role."""
    call_command("import_wages", str(SAMPLE), "--all", verbosity=0)
    Role.objects.filter(slug="senior-technical-support-specialist").update(soc_code="29-1215")


def page(client, url: str, status: int = 200) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == status, url
    return BeautifulSoup(response.content, "html.parser")


def text_of(node) -> str:
    return " ".join(node.get_text(" ").split())


def jsonld(soup) -> list[dict]:
    return json.loads(soup.find("script", type="application/ld+json").string)["@graph"]


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_role_page_shows_the_national_figures_beside_the_documents(client, wages, django_assert_max_num_queries):
    # The role page's own budget (one query per relation it shows), of which two read the official wages.
    with django_assert_max_num_queries(ROLE_PAGE_QUERIES):
        soup = page(client, f"/roles/{TSS}/")
    official = soup.select_one("#salary #official-pay")
    text = text_of(official)
    assert "$61,860 a year" in text and "$29.74 an hour" in text
    assert "$40,980 to $100,540" in text and "717,190 jobs" in text
    assert "BLS OEWS, May 2025" in text and "Computer User Support Specialists (SOC 15-1232)" in text
    form = official.find("form")
    assert form["method"] == "get" and form["action"] == PAY
    options = {option["value"]: option.text for option in form.select("select[name=area] option") if option["value"]}
    assert options["texas"] == "Texas"
    assert options["austin-round-rock-san-marcos-tx"] == "Austin-Round Rock-San Marcos, TX"
    assert "national" not in options


def test_the_area_choice_escapes_area_names_and_keeps_states_apart_from_metros(client, wages):
    # The <option>s are joined in Python, not by the template: they must be escaped all the same.
    Area.objects.filter(slug="texas").update(name="Texas <b>\"&'</b>")
    response = client.get(f"/roles/{TSS}/")
    assert b'<option value="texas">Texas &lt;b&gt;&quot;&amp;&#x27;&lt;/b&gt;</option>' in response.content
    soup = BeautifulSoup(response.content, "html.parser")
    groups = {group["label"]: group.select("option") for group in soup.select("#pay-area optgroup")}
    states = {option["value"]: option.text for option in groups["States"]}
    assert states["texas"] == "Texas <b>\"&'</b>" and not soup.select("#pay-area b")
    metros = [option["value"] for option in groups["Metropolitan areas"]]
    assert "austin-round-rock-san-marcos-tx" in metros and "texas" not in metros


def test_the_pay_where_you_live_form_works_without_javascript(client, wages):
    response = client.get(PAY, {"area": "austin-round-rock-san-marcos-tx"})
    assert response.status_code == 302
    assert response["Location"] == f"{PAY}austin-round-rock-san-marcos-tx/"


def test_pay_page_has_every_state_in_a_table_and_on_the_map(client, wages, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):  # the role, its occupation's rows with areas and release
        soup = page(client, PAY)
    rows = {text_of(row.th): row for row in soup.select("#states tbody tr")}
    assert list(rows) == ["California", "Texas"]
    assert [text_of(cell) for cell in rows["Texas"].find_all("td")] == [
        "$59,490",
        "$38,690 – $90,140",
        "$28.60",
        "72,030",
        "1.11",
    ]
    assert rows["Texas"].th.a["href"] == f"{PAY}texas/"
    svg = soup.select_one(".tile-map svg")
    links = {link["href"]: link for link in svg.find_all("a")}
    assert set(links) == {f"{PAY}texas/", f"{PAY}california/"}
    texas = links[f"{PAY}texas/"]
    assert texas["aria-label"] == "Texas, TX: median $59,490"
    assert texas.find("text").text == "TX"
    # Shaded by class (strict CSP), lowest median lightest: Texas $59,490 < California.
    assert "tile-shade-1" in texas.rect["class"] and "tile-shade-5" in links[f"{PAY}california/"].rect["class"]
    assert not soup.select("[style]")
    assert svg["aria-describedby"] and soup.find(id=svg["aria-describedby"])


def test_metro_table_filters_by_state_and_name_without_javascript(client, wages):
    def metros(query: str) -> list[str]:
        return [text_of(row.th) for row in page(client, PAY + query).select("#metro-table tbody tr")]

    assert metros("?state=texas") == ["Austin-Round Rock-San Marcos, TX"]
    assert sorted(metros("?q=albany")) == ["Albany, OR", "Albany-Schenectady-Troy, NY"]
    assert metros("?state=texas&q=albany") == []
    assert "1 of 4 metropolitan areas match in Texas." in text_of(page(client, PAY + "?state=texas").find(id="metros"))


def test_pay_page_links_each_state_to_its_metro_areas_instead_of_listing_them_all(client, wages):
    soup = page(client, PAY)
    # The sample has one state's row (Texas) and four metro areas, one of them in Texas: that one is a
    # link away, and the three whose states have no row are listed, as no state links to them.
    assert {text_of(a): a["href"] for a in soup.select("#metro-states a")} == {"Texas": "?state=texas#metros"}
    assert [text_of(li) for li in soup.select("#metro-states li")] == ["Texas (1)"]
    assert sorted(text_of(row.th) for row in soup.select("#metro-table tbody tr")) == [
        "Aguadilla, PR",
        "Albany, OR",
        "Albany-Schenectady-Troy, NY",
    ]
    assert "4 metropolitan areas, listed by state" in text_of(soup.find(id="metros"))


def test_a_name_filter_lists_at_most_forty_metro_areas_and_says_so(client, catalog, django_assert_max_num_queries):
    call_command("import_wages", verbosity=0)  # the shipped release: 528 metro areas
    with django_assert_max_num_queries(2):
        soup = page(client, PAY + "?q=a")
    assert len(soup.select("#metro-table tbody tr")) == 40
    assert "the first 40 are shown, type more of the name or pick a state" in text_of(soup.find(id="metro-count"))


def test_pay_page_is_under_60_kb_with_the_shipped_release(client, catalog, django_assert_max_num_queries):
    # Every metro area in one table was 250 KB: a phone's download for a page of figures.
    call_command("import_wages", verbosity=0)
    with django_assert_max_num_queries(2):
        response = client.get(PAY)
    assert response.status_code == 200
    assert len(response.content) < 60_000, len(response.content)
    soup = BeautifulSoup(response.content, "html.parser")
    assert len(soup.select("#states tbody tr")) >= 50 and len(soup.select("#metro-states a")) >= 50
    assert not soup.select("#metro-table"), "every metro area of the release is a state's link away"


def test_state_page_compares_with_the_nation_and_says_so_in_json_ld(client, wages):
    soup = page(client, f"{PAY}texas/")
    assert text_of(soup.h1) == "Technical Support Specialist pay in Texas"
    lead = text_of(soup.select_one("p.lead"))
    assert "Median $59,490 a year ($28.60 an hour), 4% below the nation's $61,860" in lead
    rows = soup.select("#percentiles tr")[1:]
    percentiles = {text_of(row.th): [text_of(td) for td in row.find_all("td")] for row in rows}
    assert percentiles["10th"] == ["$18.60", "$38,690", "$40,980"]
    assert percentiles["90th"] == ["$43.34", "$90,140", "$100,540"]
    assert percentiles["Median (50th)"] == ["$28.60", "$59,490", "$61,860"]
    employment = text_of(soup.select_one("#employment"))
    assert "72,030; 717,190 nationally" in employment and "Location quotient 1.11" in employment
    occupation = next(node for node in jsonld(soup) if node["@type"] == "Occupation")
    assert occupation["occupationLocation"] == [
        {"@type": "State", "name": "Texas", "containedInPlace": {"@type": "Country", "name": "United States"}}
    ]
    salary = occupation["estimatedSalary"][0]
    assert (salary["percentile10"], salary["median"], salary["percentile90"]) == (38690, 59490, 90140)
    assert salary["currency"] == "USD" and occupation["occupationalCategory"]["codeValue"] == "15-1232"


def test_metro_page_and_a_constant_query_count(client, wages):
    soup = page(client, f"{PAY}austin-round-rock-san-marcos-tx/")
    assert "Location quotient 1.62" in text_of(soup.select_one("#employment"))
    occupation = next(node for node in jsonld(soup) if node["@type"] == "Occupation")
    assert occupation["occupationLocation"][0]["@type"] == "AdministrativeArea"
    assert occupation["occupationLocation"][0]["name"] == "Austin-Round Rock-San Marcos, TX"
    counts = {queries(client, f"{PAY}{area}/") for area in ["texas", "austin-round-rock-san-marcos-tx", "albany-or"]}
    assert counts == {2}


def test_top_coded_and_suppressed_figures_say_so(client, wages):
    senior = "/roles/senior-technical-support-specialist/pay/"
    soup = page(client, f"{senior}albany-or/")
    percentiles = text_of(soup.select_one("#percentiles"))
    assert "$239,200 or more" in percentiles and "$115.00 or more" in percentiles
    occupation = next(node for node in jsonld(soup) if node["@type"] == "Occupation")
    assert "median" not in occupation["estimatedSalary"][0]  # a ceiling is not a median
    soup = page(client, f"{senior}aguadilla-pr/")
    percentiles = text_of(soup.select_one("#percentiles"))
    assert "Not published Estimate not released." in percentiles
    assert "$239,200" not in percentiles


@pytest.mark.parametrize("url", [f"{PAY}atlantis/", f"{PAY}national/", f"/roles/{TSS}/pay/utopia-ca/"])
def test_an_unknown_area_is_a_404(client, wages, url):
    page(client, url, status=404)


def test_a_role_without_a_soc_code_says_there_are_no_official_figures(client, wages):
    Role.objects.filter(slug="customer-support-specialist").update(soc_code="")
    soup = page(client, "/roles/customer-support-specialist/pay/")
    assert "No official figures exist for this role" in text_of(soup.find("main"))
    page(client, "/roles/customer-support-specialist/pay/texas/", status=404)
    # Without pay in any document nor a SOC code, #salary (an anchor every role page keeps, #18) says both.
    salary = text_of(page(client, "/roles/customer-support-specialist/").select_one("#salary"))
    assert "No source document gives pay for this role." in salary and "No official figures" in salary
    Role.objects.filter(slug=TSS).update(soc_code="")
    assert "No official figures" in text_of(page(client, f"/roles/{TSS}/").select_one("#salary #official-pay"))


def test_an_old_role_address_redirects_on_the_pay_pages(client, wages):
    role = Role.objects.get(slug=TSS)
    role.slug = "it-support-specialist"
    role.save()
    response = client.get(f"{PAY}texas/")
    assert response.status_code == 301 and response["Location"] == "/roles/it-support-specialist/pay/texas/"
    response = client.get(PAY)
    assert response.status_code == 301 and response["Location"] == "/roles/it-support-specialist/pay/"
    response = client.get(f"/api/roles/{TSS}/pay/texas/")
    assert response.status_code == 301 and response["Location"] == "/api/roles/it-support-specialist/pay/texas/"


def test_api_carries_national_and_area_figures(client, wages):
    data = client.get(f"/api/roles/{TSS}/").json()["official_wages"]
    assert data["soc_code"] == "15-1232" and data["source"] == "BLS OEWS, May 2025"
    assert data["national"]["annual_median"] == {"value": 61860}
    assert data["national"]["employment"] == {"value": 717190}
    data = client.get(f"/api/roles/{TSS}/pay/texas/").json()
    assert data["area"]["area"] == {"slug": "texas", "name": "Texas", "kind": "state"}
    assert data["area"]["annual_median"] == {"value": 59490}
    assert data["area"]["hourly_median"] == {"value": "28.60"}
    assert data["area"]["location_quotient"] == {"value": "1.11"}
    assert data["national"]["annual_median"] == {"value": 61860}
    top = client.get("/api/roles/senior-technical-support-specialist/pay/albany-or/").json()
    assert top["area"]["annual_median"] == {"value": 239200, "top_coded": True}
    hidden = client.get("/api/roles/senior-technical-support-specialist/pay/aguadilla-pr/").json()
    assert hidden["area"]["annual_median"] == {"value": None, "not_published": "Estimate not released."}
    missing = client.get(f"/api/roles/{TSS}/pay/atlantis/")
    assert missing.status_code == 404 and "atlantis" in missing.json()["error"]


def test_sitemap_lists_the_pay_pages(client, wages):
    body = client.get("/sitemap.xml").content.decode()
    assert f"{PAY}texas/</loc>" in body and f"{PAY}austin-round-rock-san-marcos-tx/</loc>" in body
    assert f"{PAY}</loc>" in body and f"{PAY}national/</loc>" not in body


def test_salaries_page_narrowed_to_an_area_shows_every_roles_official_median_there(
    client, wages, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):  # the area, the count, the roles with their figures there, the bands
        soup = page(client, "/salaries/?area=texas")
    rows = {
        text_of(row.th.a): [text_of(td) for td in row.find_all("td")] for row in soup.select("#official-area tbody tr")
    }
    assert rows == {
        "Customer Support Specialist": ["$59,490", "$38,690 – $90,140", "72,030"],
        "Senior Technical Support Specialist": ["$235,710", "$75,150 – $414,010", "6,190"],
        "Technical Support Specialist": ["$59,490", "$38,690 – $90,140", "72,030"],
    }
    link = soup.select_one("#official-area tbody th a")
    assert link["href"].endswith("/pay/texas/")
    rows = {
        text_of(row.th.a): text_of(row.td)
        for row in page(client, "/salaries/?area=albany-or").select("#official-area tbody tr")
    }
    assert rows["Senior Technical Support Specialist"] == "$239,200 or more"
    assert "Official pay in" not in text_of(page(client, "/salaries/"))
    page(client, "/salaries/?area=atlantis", status=404)


@pytest.mark.parametrize("value", ["../../admin", "Texas!", "x" * 500, "\x00"])
def test_a_malformed_area_in_the_form_is_a_404_not_an_error(client, wages, value):
    assert client.get(PAY, {"area": value}).status_code == 404
    assert client.get("/salaries/", {"area": value}).status_code == 404
