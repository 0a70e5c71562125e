"""Whatever an editor stores, the public pages show it as text: no script runs, no link turns into code.

Every free-text field of a role and of everything hanging off it gets markup, a ``javascript:``
link, a ``</script>`` breakout and unclosed tags, saved through the ORM (as an import or the
admin would). Then the role page, its job description and downloads, search results, the API
and the JSON-LD are checked.
"""

import json

import pytest
from bs4 import BeautifulSoup
from django.db import models
from django.urls import reverse

from roles.models import Role
from roles.search import search_index_deferred

SLUG = "technical-support-specialist"
MARKER = "zqxhostile"
# Each piece attacks a different context: element content, attribute, URL, <script> breakout, comment.
PAYLOAD = (
    f'{MARKER} <script>alert(1)</script> <a href="javascript:alert(2)">x</a> javascript:alert(3) '
    "</script><script>alert(4)</script> <img src=x onerror=alert(5)> <b><i>unclosed <!--"
)
SHORT_PAYLOAD = f"{MARKER} <script>alert(1)</script><b><i>"
# Fields whose values are codes or identifiers the site validates, not prose an editor writes.
SKIPPED_FIELDS = {"slug", "anchor", "source_section", "currency", "median_salary_currency", "unit"}


def hostile_value(field: models.Field) -> str:
    limit = field.max_length or 10_000
    return PAYLOAD if limit >= len(PAYLOAD) else SHORT_PAYLOAD[:limit]


def poison(instance: models.Model) -> list[str]:
    """Put the payload in every free-text field of ``instance`` and save it; returns the field names."""
    changed = []
    for field in instance._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField) or isinstance(field, models.SlugField):
            continue
        if field.choices or field.name in SKIPPED_FIELDS or (field.max_length or 10_000) < len(SHORT_PAYLOAD):
            continue
        setattr(instance, field.name, hostile_value(field))
        changed.append(field.name)
    instance.save()
    return changed


@pytest.fixture
def poisoned(catalog):
    role = Role.objects.get(slug=SLUG)
    # Saves re-index the role for search; deferring does it once at the end, as an import does.
    with search_index_deferred():
        poisoned_fields = {"Role": poison(role)}
        for relation in Role._meta.related_objects:
            if not relation.one_to_many or relation.field.name != "role":
                continue  # links from other roles (ladder positions, related-from) are not this role's content
            for child in relation.related_model.objects.filter(role=role):
                poisoned_fields[relation.related_model.__name__] = poison(child)
    return poisoned_fields


def test_every_text_field_of_the_role_and_its_content_was_poisoned(poisoned):
    assert "summary" in poisoned["Role"] and "title" in poisoned["Role"]
    for model in ("Section", "Duty", "Skill", "FAQ", "CareerLevel", "RelatedRole", "SalaryBand"):
        assert poisoned.get(model), f"no {model} rows were poisoned"


def strings(data):
    """Every string value inside parsed JSON."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings(value)


def assert_html_is_inert(html: str, where: str) -> BeautifulSoup:
    # The payload must only ever appear escaped: never as live markup.
    for raw in ("<script>alert", 'javascript:alert(2)">', "<img src=x", "<b><i>unclosed"):
        assert raw not in html, f"{where}: unescaped {raw!r}"
    soup = BeautifulSoup(html, "html.parser")
    for script in soup.find_all("script"):
        if not script.get("src"):
            assert script.get("type") in {"application/ld+json", "application/json"}, f"{where}: {script}"
        assert "alert(" not in (script.get("src") or ""), where
    for tag in soup.find_all(True):
        assert not [a for a in tag.attrs if a.lower().startswith("on")], f"{where}: handler on <{tag.name}>"
        for attribute in ("href", "src", "action", "formaction"):
            value = (tag.get(attribute) or "").strip().lower()
            assert not value.startswith("javascript:"), f"{where}: {attribute}={value!r}"
    # The text itself is still shown, as text.
    assert MARKER in soup.get_text(), f"{where}: the stored text is not shown at all"
    return soup


def assert_json_ld_parses_and_keeps_the_text(soup: BeautifulSoup, where: str) -> None:
    blocks = soup.find_all("script", type="application/ld+json")
    assert blocks, f"{where}: no JSON-LD"
    data = [json.loads(block.string) for block in blocks]
    # The editor's text survives intact inside the data: escaped for HTML, not mangled.
    assert any("<script>alert(1)</script>" in text for text in strings(data)), where


def test_role_page_shows_stored_markup_as_text(client, poisoned):
    response = client.get(reverse("roles:detail", kwargs={"slug": SLUG}))
    assert response.status_code == 200
    soup = assert_html_is_inert(response.content.decode(), "role page")
    assert_json_ld_parses_and_keeps_the_text(soup, "role page")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.content.decode()


def test_job_description_page_shows_stored_markup_as_text(client, poisoned):
    response = client.get(reverse("roles:job_description", kwargs={"slug": SLUG}))
    assert response.status_code == 200
    assert_html_is_inert(response.content.decode(), "job description")


@pytest.mark.parametrize("name", ["roles:job_description_md", "roles:job_description_txt"])
def test_job_description_downloads_are_never_html(client, poisoned, name):
    response = client.get(reverse(name, kwargs={"slug": SLUG}))
    assert response.status_code == 200
    assert not response["Content-Type"].startswith("text/html")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in response.get("Content-Disposition", "") or response["Content-Type"].startswith("text/")


def test_other_pages_listing_the_role_show_stored_markup_as_text(client, poisoned):
    for name in ("roles:home", "roles:list", "salaries:list", "roles:career_paths"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        html = response.content.decode()
        for raw in ("<script>alert", "<img src=x", "<b><i>unclosed"):
            assert raw not in html, f"{name}: unescaped {raw!r}"
        soup = BeautifulSoup(html, "html.parser")
        for tag in soup.find_all(href=True):
            assert not tag["href"].strip().lower().startswith("javascript:"), name
        for block in soup.find_all("script", type="application/ld+json"):
            json.loads(block.string)


def test_search_results_show_stored_markup_as_text(client, poisoned):
    response = client.get(reverse("roles:search"), {"q": MARKER})
    assert response.status_code == 200
    html = response.content.decode()
    assert_html_is_inert(html, "search results")
    # The hostile text is found and shown (highlighting must not un-escape it).
    assert "/roles/" + SLUG in html


def test_search_suggestions_and_api_return_the_text_as_json_data(client, poisoned):
    for name, params in (("roles:api_search", {"q": MARKER}), ("roles:search_suggest", {"q": MARKER[:5]})):
        response = client.get(reverse(name), params)
        assert response.status_code == 200, name
        assert response["Content-Type"].startswith("application/json"), name
        assert response["X-Content-Type-Options"] == "nosniff"
        json.loads(response.content)


def test_api_returns_the_stored_text_unchanged_as_json(client, poisoned):
    response = client.get(reverse("roles:api_role", kwargs={"slug": SLUG}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert PAYLOAD in set(strings(json.loads(response.content)))
