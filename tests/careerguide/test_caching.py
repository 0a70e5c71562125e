"""The page cache: what is cached, its validators, and that every kind of content change shows at once.

Each test runs twice: with the local-memory cache and with Redis (database 15, flushed).
"""

import json
import os
import shutil

import pytest
from bs4 import BeautifulSoup
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from careerguide.pagecache import local_pages
from roles.models import Role

SLUG = "technical-support-specialist"
ROLE = f"/roles/{SLUG}/"
JD = f"/roles/{SLUG}/job-description/"
API_ROLE = f"/api/roles/{SLUG}/"
# The pages that show a role's title: each must show an edit to it at once.
TITLE_PAGES = [ROLE, "/", "/roles/", "/search/?q=technical+support", "/api/roles/", API_ROLE, JD]
# The pages that show a role's summary.
SUMMARY_PAGES = [ROLE, "/", "/roles/", API_ROLE, JD]
SECURITY_HEADERS = [
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Permissions-Policy",
]


def redis_test_url() -> str:
    """REDIS_URL's server (127.0.0.1:6379 here), on a database of its own per test worker so parallel runs never
    flush each other's pages."""
    server = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0").rsplit("/", 1)[0]
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    return f"{server}/{15 - int(worker or 0) % 8}"


@pytest.fixture(params=["locmem", "redis"])
def page_cache(request, settings):
    if request.param == "redis":
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": redis_test_url(),
            }
        }
    else:
        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test-page-cache"}
        }
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    local_pages.clear()
    yield request.param
    cache.clear()
    local_pages.clear()


def warm(client, urls):
    """Request every page twice so each is in the cache; return their bodies."""
    bodies = {}
    for url in urls:
        client.get(url)
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["X-Page-Cache"] == "hit", url
        bodies[url] = response.content.decode()
    return bodies


def assert_everywhere(client, urls, text):
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert text in response.content.decode(), f"{url} still shows the old content"


@pytest.mark.django_db
def test_second_anonymous_request_is_a_hit_with_the_same_body_and_headers(page_cache, catalog, client):
    first = client.get(ROLE)
    second = client.get(ROLE)
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Last-Modified"] == first["Last-Modified"]
    assert int(second["Content-Length"]) == len(second.content)
    for header in SECURITY_HEADERS:
        assert second.get(header), header
        assert second[header] == first[header], header


@pytest.mark.django_db
@pytest.mark.parametrize("url", TITLE_PAGES)
def test_public_pages_set_no_cookie_and_are_cached(page_cache, catalog, client, url):
    first = client.get(url)
    assert not first.cookies, f"{url} sets {list(first.cookies)}: it could not be shared"
    assert "cookie" not in first.get("Vary", "").lower()
    assert client.get(url)["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_if_none_match_and_if_modified_since_get_304(page_cache, catalog, client):
    first = client.get(ROLE)
    etag, last_modified = first["ETag"], first["Last-Modified"]
    for headers in ({"If-None-Match": etag}, {"If-Modified-Since": last_modified}):
        response = client.get(ROLE, headers=headers)
        assert response.status_code == 304, headers
        assert response.content == b""
        assert response["ETag"] == etag
    assert client.get(ROLE, headers={"If-None-Match": '"something-else"'}).status_code == 200
    assert client.get(ROLE, headers={"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"}).status_code == 200


@pytest.mark.django_db
def test_query_string_and_accept_are_part_of_the_key(page_cache, catalog, client):
    one = client.get("/search/?q=technical+support")
    other = client.get("/search/?q=customer")
    assert other["X-Page-Cache"] == "miss"
    assert one.content != other.content
    assert client.get(API_ROLE, headers={"Accept": "application/json"})["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_orm_edit_shows_at_once_on_every_page(page_cache, catalog, client):
    warm(client, TITLE_PAGES)
    role = Role.objects.get(slug=SLUG)
    role.title = "Technical Support Wizard"
    role.save()
    assert_everywhere(client, TITLE_PAGES, "Technical Support Wizard")


@pytest.mark.django_db
def test_child_row_edit_shows_at_once(page_cache, catalog, client):
    role = Role.objects.get(slug=SLUG)
    faq = role.faqs.order_by("order").first()
    warm(client, [ROLE, API_ROLE])
    faq.answer = "An answer nobody has read before."
    faq.save()
    assert_everywhere(client, [ROLE, API_ROLE], "An answer nobody has read before.")
    faq.delete()
    for url in (ROLE, API_ROLE):
        assert "An answer nobody has read before." not in client.get(url).content.decode()


def admin_form_data(html: str) -> dict:
    """Every field of the admin change form as the browser would submit it."""
    form = BeautifulSoup(html, "html.parser").find("form", id=lambda v: v and v.endswith("_form"))
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "button", "file"):
            continue
        if field.name == "textarea":
            data[name] = field.text
        elif field.name == "select":
            chosen = field.find("option", selected=True)
            data[name] = chosen.get("value", "") if chosen else ""
        elif field.get("type") == "checkbox":
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        else:
            data[name] = field.get("value", "")
    return data


@pytest.mark.django_db
def test_admin_form_edit_shows_at_once_to_anonymous_visitors(page_cache, catalog, client, settings):
    # The role's change form, with all its inlines, has more fields than Django's default limit of 1,000.
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000
    warm(client, TITLE_PAGES)
    editor = Client()
    editor.force_login(get_user_model().objects.create_superuser("editor", "editor@example.com", "x"))
    role = Role.objects.get(slug=SLUG)
    url = f"/{django_settings.ADMIN_URL}roles/role/{role.pk}/change/"
    page = editor.get(url)
    assert page.status_code == 200
    assert "X-Page-Cache" not in page, "the admin must never be cached"
    data = admin_form_data(page.content.decode())
    data["title"] = "Technical Support Wizard"
    response = editor.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert_everywhere(client, TITLE_PAGES, "Technical Support Wizard")


@pytest.mark.django_db
def test_import_with_build_fixtures_and_loaddata_shows_at_once(page_cache, catalog, client, tmp_path):
    sources = tmp_path / "sources"
    shutil.copytree(django_settings.SOURCES_DIR, sources)
    guide = next(sources.glob("000_*.txt"))
    text = guide.read_text(encoding="utf-8")
    assert "frontline heroes" in text
    guide.write_text(text.replace("frontline heroes", "frontline lighthouse keepers"), encoding="utf-8")
    warm(client, SUMMARY_PAGES)
    output = tmp_path / "imported.json"
    call_command("build_fixtures", str(sources), output=str(output), verbosity=0)
    call_command("loaddata", str(output), verbosity=0)
    assert_everywhere(client, SUMMARY_PAGES, "frontline lighthouse keepers")


@pytest.mark.django_db
def test_fixture_load_shows_at_once(page_cache, catalog, client, tmp_path):
    role = Role.objects.get(slug=SLUG)
    warm(client, SUMMARY_PAGES)
    records = json.loads((django_settings.BASE_DIR / "fixtures" / "careerguide.json").read_text(encoding="utf-8"))
    record = next(r for r in records if r["model"] == "roles.role" and r["fields"]["key"] == str(role.key))
    record["fields"]["summary"] = "A summary loaded from a fixture file."
    fixture = tmp_path / "one_role.json"
    fixture.write_text(json.dumps([record]), encoding="utf-8")
    call_command("loaddata", str(fixture), verbosity=0)
    assert_everywhere(client, SUMMARY_PAGES, "A summary loaded from a fixture file.")


@pytest.mark.django_db
def test_bulk_generated_catalog_shows_at_once(page_cache, catalog, client):
    warm(client, ["/roles/"])
    call_command("generate_catalog", roles=6, seed=3, verbosity=0)
    generated = Role.objects.filter(source__file_name="generated-catalog.txt").order_by("pk").first()
    assert_everywhere(client, ["/roles/"], generated.title)


@pytest.mark.django_db
def test_signed_in_users_admin_and_healthz_are_never_cached(page_cache, catalog, client):
    user = get_user_model().objects.create_user("reader", password="x")
    client.get(ROLE)
    signed_in = Client()
    signed_in.force_login(user)
    for _ in range(2):
        assert "X-Page-Cache" not in signed_in.get(ROLE)
    for url in ("/healthz", f"/{django_settings.ADMIN_URL}login/"):
        client.get(url)
        assert "X-Page-Cache" not in client.get(url), url


@pytest.mark.django_db
def test_page_cache_can_be_turned_off(page_cache, catalog, client, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get(ROLE)
    assert "X-Page-Cache" not in client.get(ROLE)
