"""The read-only JSON API: list, detail, errors, and conditional GET."""

import json

import pytest
from django.urls import reverse
from django.utils.http import parse_http_date

import roles.api.roles
from roles.models import Role


def get_json(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response["Content-Type"].startswith("application/json")
    return response, json.loads(response.content)


def test_list_matches_the_fixture(client, catalog):
    response, data = get_json(client, "/api/roles/")
    assert response.status_code == 200
    published = Role.objects.published()
    assert data["count"] == published.count() == 3
    assert data["next"] is None and data["previous"] is None
    by_slug = {item["slug"]: item for item in data["results"]}
    assert set(by_slug) == set(published.values_list("slug", flat=True))
    tss = by_slug["technical-support-specialist"]
    assert tss == {
        "slug": "technical-support-specialist",
        "title": "Technical Support Specialist",
        "category": "Information Technology",
        "url": "http://testserver/roles/technical-support-specialist/",
        "api_url": "http://testserver/api/roles/technical-support-specialist/",
        "median_salary": {"amount": 59660, "currency": "USD"},
        "typical_experience": "2-4 years",
    }
    assert by_slug["customer-support-specialist"]["median_salary"] is None


def test_list_is_paginated(client, catalog, monkeypatch):
    monkeypatch.setattr(roles.api.roles, "PAGE_SIZE", 2)
    _, first = get_json(client, "/api/roles/")
    assert [first["count"], first["page"], first["pages"], len(first["results"])] == [3, 1, 2, 2]
    assert first["next"] == "http://testserver/api/roles/?page=2"
    _, second = get_json(client, first["next"])
    assert len(second["results"]) == 1 and second["next"] is None
    assert second["previous"] == "http://testserver/api/roles/?page=1"
    seen = [r["slug"] for r in first["results"] + second["results"]]
    assert len(set(seen)) == 3

    response, error = get_json(client, "/api/roles/?page=9")
    assert response.status_code == 404 and "error" in error
    response, error = get_json(client, "/api/roles/?page=abc")
    assert response.status_code == 400 and "error" in error


def test_list_hides_unpublished_roles(client, catalog):
    Role.objects.filter(slug="customer-support-specialist").update(is_published=False)
    _, data = get_json(client, "/api/roles/")
    assert data["count"] == 2
    assert "customer-support-specialist" not in {r["slug"] for r in data["results"]}


@pytest.mark.parametrize(
    "slug", ["technical-support-specialist", "senior-technical-support-specialist", "customer-support-specialist"]
)
def test_detail_matches_the_fixture(client, catalog, slug):
    role = Role.objects.get(slug=slug)
    response, data = get_json(client, reverse("roles:api_role", kwargs={"slug": slug}))
    assert response.status_code == 200
    assert data["slug"] == slug and data["title"] == role.title and data["summary"] == role.summary
    assert data["job_description_url"] == f"http://testserver/roles/{slug}/job-description/"
    assert data["duties"] == [d.text for d in role.duties.order_by("order", "id")]
    assert [s["name"] for s in data["skills"]] == [s.name for s in role.skills.order_by("order", "id")]
    assert [c["name"] for c in data["certifications"]] == list(
        role.certifications.order_by("order", "id").values_list("name", flat=True)
    )
    assert len(data["tools"]) == role.tools.count()
    assert len(data["steps"]) == role.steps.count()
    assert len(data["education_paths"]) == role.education_paths.count()
    assert len(data["qualifications"]) == role.qualifications.count()
    assert len(data["pros"]) + len(data["cons"]) == role.pros_cons.count()
    assert [f["question"] for f in data["faqs"]] == list(
        role.faqs.order_by("order", "id").values_list("question", flat=True)
    )
    assert [s["anchor"] for s in data["sections"]] == list(
        role.sections.order_by("order", "id").values_list("anchor", flat=True)
    )
    assert [level["title"] for level in data["levels"]] == list(
        role.career_levels.order_by("order", "id").values_list("title", flat=True)
    )
    assert len(data["salary_bands"]) == role.salary_bands.count()
    assert [r["title"] for r in data["related_roles"]] == list(
        role.related_roles.order_by("order", "id").values_list("title", flat=True)
    )
    assert len(data["figures"]) == role.figures.count()
    assert data["sources"][0]["file_name"] == role.source.file_name


def test_detail_figures(client, catalog):
    _, data = get_json(client, "/api/roles/technical-support-specialist/")
    facts = data["facts"]
    assert facts["median_salary"] == {
        "amount": 59660,
        "currency": "USD",
        "source": "U.S. Bureau of Labor Statistics",
        "year": 2023,
        "period": "May 2023",
    }
    assert facts["experience_years"] == {"min": 2, "max": 4}
    assert facts["growth"]["percent"] == 5.0
    assert facts["annual_openings"]["count"] == 80000
    levels = {b["label"]: b for b in data["salary_bands"] if b["kind"] == "experience_level"}
    assert levels["Director of Technical Support"]["median"] == 145000
    national = next(b for b in data["salary_bands"] if b["kind"] == "range")
    assert [national["min"], national["max"], national["max_open_ended"]] == [37000, 95000, True]
    senior = next(level for level in data["levels"] if level["title"] == "Senior Technical Support Specialist")
    assert senior["role_slug"] == "senior-technical-support-specialist"


def test_unknown_and_unpublished_slugs_give_json_404(client, catalog):
    response, data = get_json(client, "/api/roles/no-such-role/")
    assert response.status_code == 404
    assert data == {"error": 'No published role has the slug "no-such-role".'}
    Role.objects.filter(slug="customer-support-specialist").update(is_published=False)
    response, data = get_json(client, "/api/roles/customer-support-specialist/")
    assert response.status_code == 404 and "error" in data


def test_old_slug_redirects(client, catalog):
    role = Role.objects.get(slug="customer-support-specialist")
    role.slug = "customer-success-specialist"
    role.save()
    response = client.get("/api/roles/customer-support-specialist/")
    assert response.status_code == 301
    assert response["Location"] == "/api/roles/customer-success-specialist/"


URLS = ["/api/roles/", "/api/roles/technical-support-specialist/"]


@pytest.mark.parametrize("page_cache", [True, False], ids=["page-cache", "view-only"])
@pytest.mark.parametrize("url", URLS)
def test_conditional_get_and_caching(client, catalog, settings, url, page_cache):
    # Whether or not the site's page cache (careerguide.pagecache) sits in front, the API answers conditionally.
    settings.PAGE_CACHE_ENABLED = page_cache
    first = client.get(url)
    assert first.status_code == 200
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('"') and etag.endswith('"')
    assert parse_http_date(last_modified)
    cache_control = first["Cache-Control"]
    assert "public" in cache_control and "max-age=" in cache_control

    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag
    assert client.get(url, headers={"If-Modified-Since": last_modified}).status_code == 304

    # An edit changes the body, so the old validators now fetch the new one.
    role = Role.objects.get(slug="technical-support-specialist")
    role.title = "Technical Support Specialist II"
    role.save()
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert "Technical Support Specialist II" in changed.content.decode()


@pytest.mark.parametrize("url", URLS)
def test_last_modified_is_when_the_content_changed(client, catalog, settings, url):
    settings.PAGE_CACHE_ENABLED = False
    response = client.get(url)
    newest = max(Role.objects.published().values_list("updated_at", flat=True))
    assert parse_http_date(response["Last-Modified"]) == int(newest.timestamp())


def test_read_only(client, catalog):
    assert client.post("/api/roles/").status_code == 405
    assert client.delete("/api/roles/technical-support-specialist/").status_code == 405


@pytest.mark.parametrize(
    "url",
    [
        "/api/roles/",
        "/api/roles/technical-support-specialist/",
        "/api/skills/?role=technical-support-specialist",
        "/api/search/?q=support",
        "/search/suggest/?q=sup",
        "/api/roles/technical-support-specialist/pay/texas/",
    ],
)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_write_to_the_read_only_api_is_a_405_naming_get_and_head_even_with_csrf_checked(catalog, url, method):
    """As production answers a script (CSRF checked): 405 with Allow, not an HTML "CSRF verification failed" page."""
    from django.test import Client

    response = getattr(Client(enforce_csrf_checks=True), method)(url)
    assert response.status_code == 405, response.content[:200]
    assert "GET" in response["Allow"] and "HEAD" in response["Allow"]


def test_out_of_range_page_counts_the_pages_in_good_english(client, catalog, monkeypatch):
    response, error = get_json(client, "/api/roles/?page=9")
    assert response.status_code == 404
    assert error["error"] == "page out of range: there is 1 page"
    monkeypatch.setattr(roles.api.roles, "PAGE_SIZE", 2)
    response, error = get_json(client, "/api/roles/?page=9")
    assert error["error"] == "page out of range: there are 2 pages"
