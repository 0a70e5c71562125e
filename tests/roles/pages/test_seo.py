"""Every page tells browsers and unfurlers about itself; role pages carry JSON-LD that survives any editor input."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from roles.models import Role

PAGES = [
    ("roles:home", {}),
    ("roles:list", {}),
    ("roles:detail", {"slug": "technical-support-specialist"}),
    ("roles:detail", {"slug": "customer-support-specialist"}),
    ("roles:job_description", {"slug": "senior-technical-support-specialist"}),
    ("roles:career_paths", {}),
    ("roles:search", {}),
    ("salaries:list", {}),
]
HOSTILE = "</script><script>alert(1)</script> \"quoted\" & <b>bold</b> \u2028 'single'"


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response, BeautifulSoup(response.content, "html.parser")


def meta(soup, **attrs):
    tag = soup.find("meta", attrs=attrs)
    assert tag is not None, attrs
    return tag["content"]


def jsonld_blocks(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [json.loads(script.string) for script in soup.find_all("script", type="application/ld+json")]


def graph_node(data, kind):
    return next(node for node in data["@graph"] if node["@type"] == kind)


@pytest.mark.parametrize(("name", "kwargs"), PAGES, ids=[f"{n}-{k.get('slug', '')}" for n, k in PAGES])
def test_every_page_has_meta_and_canonical_tags(client, catalog, name, kwargs):
    path = reverse(name, kwargs=kwargs)
    _, soup = soup_of(client, path + "?utm_source=newsletter")
    title = soup.title.get_text(strip=True)
    description = meta(soup, name="description")
    assert title and description
    canonical = soup.find("link", rel="canonical")["href"]
    # The query string is not part of the page's one address.
    assert canonical == f"http://testserver{path}"
    assert meta(soup, property="og:url") == canonical
    assert meta(soup, property="og:title")
    assert meta(soup, property="og:title") in title
    assert meta(soup, property="og:description") == description
    assert meta(soup, property="og:site_name") == "Career Guide"
    assert meta(soup, property="og:type") in {"website", "article"}
    assert meta(soup, name="twitter:card") == "summary"
    assert meta(soup, name="twitter:title") == meta(soup, property="og:title")
    assert meta(soup, name="twitter:description") == description


@pytest.mark.parametrize("slug", ["technical-support-specialist", "customer-support-specialist"])
def test_role_page_unfurls_with_title_and_summary(client, catalog, slug):
    role = Role.objects.get(slug=slug)
    _, soup = soup_of(client, role.get_absolute_url())
    assert meta(soup, property="og:title") == role.title
    assert meta(soup, property="og:description") == role.summary
    assert soup.find("a", href=f"/roles/{slug}/job-description/")


@pytest.mark.parametrize(
    "url", ["/roles/technical-support-specialist/", "/roles/technical-support-specialist/job-description/"]
)
def test_jsonld_carries_the_occupation_and_its_salary_figures(client, catalog, url):
    response, _ = soup_of(client, url)
    # The JSON starts on the line after the opening tag.
    assert b'<script type="application/ld+json">\n{' in response.content
    (data,) = jsonld_blocks(response)
    assert data["@context"] == "https://schema.org"
    occupation = graph_node(data, "Occupation")
    assert occupation["name"] == "Technical Support Specialist"
    assert occupation["url"] == "http://testserver/roles/technical-support-specialist/"
    assert occupation["occupationalCategory"] == "Information Technology"
    # Only this role's pay, as the page shows it (#18): no other level of the ladder, no minValue (not a
    # property of MonetaryAmountDistribution), and where the figure is for.
    assert occupation["estimatedSalary"] == [
        {
            "@type": "MonetaryAmountDistribution",
            "name": "Median pay (U.S. Bureau of Labor Statistics)",
            "currency": "USD",
            "duration": "P1Y",
            "median": 59660,
        }
    ]
    assert occupation["occupationLocation"] == [{"@type": "Country", "name": "United States"}]
    assert occupation["mainEntityOfPage"]["@id"] == "http://testserver/roles/technical-support-specialist/"
    assert (
        occupation["mainEntityOfPage"]["lastReviewed"]
        == Role.objects.get(slug="technical-support-specialist").source.imported_at.date().isoformat()
    )
    assert "CompTIA A+" in [q["name"] for q in occupation["qualifications"] if isinstance(q, dict)]
    assert "Network Fundamentals" in occupation["skills"]
    assert len(occupation["responsibilities"]) == 7
    assert occupation["experienceRequirements"]["monthsOfExperience"] == 24
    assert occupation["educationRequirements"]

    crumbs = graph_node(data, "BreadcrumbList")["itemListElement"]
    assert [c["position"] for c in crumbs] == list(range(1, len(crumbs) + 1))
    assert crumbs[0]["item"] == "http://testserver/"
    assert crumbs[2] == {
        "@type": "ListItem",
        "position": 3,
        "name": "Technical Support Specialist",
        "item": "http://testserver/roles/technical-support-specialist/",
    }


def test_jsonld_for_a_role_priced_on_another_ladder(client, catalog):
    response, _ = soup_of(client, "/roles/senior-technical-support-specialist/")
    occupation = graph_node(jsonld_blocks(response)[0], "Occupation")
    # The median the page shows at a glance, from the career guide's ladder, named for it.
    assert [(s["name"], s["median"]) for s in occupation["estimatedSalary"]] == [
        ("Median pay (Complete Technical Support Specialist Career Guide, Salary by Experience Level)", 80000)
    ]
    assert occupation["occupationLocation"] == [{"@type": "Country", "name": "United States"}]
    assert occupation["educationRequirements"][0].startswith("Bachelor's degree in computer science")
    assert occupation["experienceRequirements"]["monthsOfExperience"] == 60


@pytest.mark.parametrize(
    "url", ["/roles/customer-support-specialist/", "/roles/customer-support-specialist/job-description/"]
)
def test_jsonld_and_meta_survive_hostile_editor_text(client, catalog, url):
    role = Role.objects.get(slug="customer-support-specialist")
    role.summary = HOSTILE
    role.title = 'Support "Hero" </script>'
    role.save()
    response, soup = soup_of(client, url)
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "</script><script>" not in html
    (data,) = jsonld_blocks(response)
    occupation = graph_node(data, "Occupation")
    assert occupation["description"] == HOSTILE
    assert occupation["name"] == 'Support "Hero" </script>'
    assert graph_node(data, "BreadcrumbList")["itemListElement"][2]["name"] == 'Support "Hero" </script>'
    if url.endswith("/customer-support-specialist/"):
        assert meta(soup, property="og:description") == HOSTILE
    assert meta(soup, property="og:title").startswith('Support "Hero" </script>')
