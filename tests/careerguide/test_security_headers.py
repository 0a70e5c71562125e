"""Every kind of page carries the security headers, and no page needs what the CSP forbids."""

import re

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

# Marks the module as using the database, so pytest-django sets up the test database even when
# this module runs alone (the module-scoped fixture below loads the catalog into it once).
pytestmark = pytest.mark.django_db

ROLE = "technical-support-specialist"

# (name, how to build its address, expected status): one page of every type the site serves.
PAGES = [
    ("home", lambda: reverse("roles:home"), 200),
    ("roles list", lambda: reverse("roles:list"), 200),
    ("role page", lambda: reverse("roles:detail", kwargs={"slug": ROLE}), 200),
    ("salaries", lambda: reverse("salaries:list"), 200),
    ("career paths", lambda: reverse("roles:career_paths"), 200),
    ("compare", lambda: reverse("roles:compare") + f"?roles={ROLE},customer-support-specialist", 200),
    ("skills API", lambda: reverse("roles:api_skills") + f"?role={ROLE}", 200),
    ("search", lambda: reverse("roles:search") + "?q=support", 200),
    ("job description", lambda: reverse("roles:job_description", kwargs={"slug": ROLE}), 200),
    ("job description download", lambda: reverse("roles:job_description_md", kwargs={"slug": ROLE}), 200),
    ("API list", lambda: reverse("roles:api_roles"), 200),
    ("API role", lambda: reverse("roles:api_role", kwargs={"slug": ROLE}), 200),
    ("search API", lambda: reverse("roles:api_search") + "?q=support", 200),
    ("sitemap", lambda: reverse("sitemap"), 200),
    ("robots", lambda: reverse("robots_txt"), 200),
    ("health", lambda: reverse("healthz"), 200),
    ("404 page", lambda: reverse("roles:detail", kwargs={"slug": "no-such-role"}), 404),
    ("API 404", lambda: reverse("roles:api_role", kwargs={"slug": "no-such-role"}), 404),
    ("admin login", lambda: reverse("admin:login"), 200),
]

EXPECTED_CSP = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "img-src": {"'self'", "data:"},
    "font-src": {"'self'"},
    "connect-src": {"'self'"},
    "object-src": {"'none'"},
    "base-uri": {"'none'"},
    "form-action": {"'self'"},
    "frame-ancestors": {"'none'"},
}


def parse_csp(header: str) -> dict[str, set[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = set(words[1:])
    return directives


@pytest.fixture(scope="module")
def responses(django_db_setup, django_db_blocker):
    """Every page fetched once over the shipped catalog (loading it per test would dominate the run)."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_catalog", verbosity=0)
        client = Client()
        fetched = {name: client.get(build_url(), secure=True) for name, build_url, _ in PAGES}
        transaction.set_rollback(True)
    return fetched


@pytest.fixture
def page(request, responses):
    name, _, expected_status = request.param
    response = responses[name]
    assert response.status_code == expected_status, f"{name}: {response.status_code}"
    return name, response


@pytest.mark.parametrize("page", PAGES, indirect=True, ids=[name for name, _, _ in PAGES])
def test_every_page_type_sends_the_security_headers(page):
    name, response = page
    csp = response.headers.get("Content-Security-Policy")
    assert csp, f"{name}: no Content-Security-Policy"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert parse_csp(csp) == EXPECTED_CSP
    hsts = response.headers["Strict-Transport-Security"]
    assert int(re.search(r"max-age=(\d+)", hsts).group(1)) >= 365 * 24 * 3600
    assert "includeSubDomains" in hsts and "preload" in hsts
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response.headers["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions


HTML_PAGES = [p for p in PAGES if p[0] not in {"job description download", "sitemap", "robots", "health"}]
HTML_PAGES = [p for p in HTML_PAGES if "API" not in p[0]]


@pytest.mark.parametrize("page", HTML_PAGES, indirect=True, ids=[name for name, _, _ in HTML_PAGES])
def test_html_pages_need_nothing_the_policy_forbids(page):
    """No inline script, inline style or event handler: with the strict CSP, a browser would drop them."""
    name, response = page
    assert response["Content-Type"].startswith("text/html")
    soup = BeautifulSoup(response.content, "html.parser")
    for script in soup.find_all("script"):
        if script.get("src"):
            assert script["src"].startswith("/"), f"{name}: script from elsewhere: {script['src']}"
        else:
            # Data blocks (JSON-LD, json_script) are not executed, so the policy allows them.
            assert script.get("type") in {"application/ld+json", "application/json"}, f"{name}: inline {script}"
    for tag in soup.find_all(True):
        assert "style" not in tag.attrs, f"{name}: style attribute on <{tag.name}>"
        handlers = [attr for attr in tag.attrs if attr.lower().startswith("on")]
        assert not handlers, f"{name}: event handler {handlers} on <{tag.name}>"
        if tag.name == "a" and tag.get("href"):
            assert not tag["href"].strip().lower().startswith("javascript:"), f"{name}: javascript: link"
    assert not soup.find("style"), f"{name}: inline <style> block"
    for link in soup.find_all("link", rel="stylesheet"):
        assert link["href"].startswith("/"), f"{name}: stylesheet from elsewhere: {link['href']}"


def test_admin_login_cookies_are_httponly_and_samesite(client, db):
    response = client.get(reverse("admin:login"), secure=True)
    cookie = response.cookies["csrftoken"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_session_cookie_is_httponly_and_samesite(client, db, django_user_model, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    django_user_model.objects.create_user("editor", password="pw-for-test-only", is_staff=True)
    response = client.post(reverse("admin:login"), {"username": "editor", "password": "pw-for-test-only"}, secure=True)
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
