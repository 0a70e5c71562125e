"""Every internal link on every kind of public page answers 200 or a redirect, never a 404 or a 500.

The catalog as `make run` builds it: the shipped fixture, its search index and its official wages.
"""

from __future__ import annotations

from urllib.parse import urldefrag, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.management import call_command

ROLES = ["technical-support-specialist", "customer-support-specialist", "senior-technical-support-specialist"]
TAILORED = (
    "?company=Acme&location=Austin%2C+TX&employment_type=FULL_TIME&salary_min=50000&salary_max=60000"
    "&currency=USD&apply_url=https://acme.example/jobs"
)
PAGES = [
    "/",
    "/roles/",
    *(f"/roles/{slug}/" for slug in ROLES),
    *(f"/roles/{slug}/job-description/" for slug in ROLES),
    *(f"/roles/{slug}/job-description/{TAILORED}" for slug in ROLES),
    "/roles/technical-support-specialist/pay/",
    "/roles/technical-support-specialist/pay/texas/",
    "/salaries/",
    "/salaries/?area=texas",
    "/career-paths/",
    "/compare/?roles=technical-support-specialist,customer-support-specialist",
    "/search/?q=help+desk",
    "/search/?q=nurse",
]


@pytest.fixture
def shipped_site(catalog, settings):
    settings.PAGE_CACHE_ENABLED = False
    call_command("rebuild_search_index", verbosity=0)
    call_command("import_wages", verbosity=0)


def internal_links(html: bytes) -> set[str]:
    soup = BeautifulSoup(html, "html.parser")
    links = set()
    for anchor in soup.find_all("a", href=True):
        href = urldefrag(anchor["href"])[0]
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not href.startswith("/"):
            continue
        if href.startswith("/" + settings.ADMIN_URL):
            continue
        links.add(href)
    return links


def test_every_page_type_and_every_internal_link_on_it_answers(client, shipped_site):
    links: dict[str, str] = {}
    for url in PAGES:
        # A tailored job description first redirects to its address with the day it was posted.
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        for link in internal_links(response.content):
            links.setdefault(link, url)
    assert len(links) > 50
    broken = {}
    for link, found_on in sorted(links.items()):
        status = client.get(link).status_code
        if status not in (200, 301, 302):
            broken[link] = (status, found_on)
    assert broken == {}


def test_a_missing_page_is_a_404_page(client, shipped_site):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert internal_links(response.content)
