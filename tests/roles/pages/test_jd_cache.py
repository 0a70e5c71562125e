"""Tailored job descriptions through the page cache: each tailoring is its own page, served right
twice; nothing invalid or dated by the clock is stored; and only the declared tailoring
parameters change what the views answer, so a cache keyed on them alone stays correct."""

import pytest
from django.core.cache import cache
from jd_helpers import ACME, TSS, acme, address, word_document, word_text

from careerguide.pagecache import local_pages

GLOBEX = acme(company="Globex Corporation", location="Springfield, United States", currency="USD", salary_min="61000")


@pytest.fixture
def page_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "jd-cache"}}
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    local_pages.clear()
    yield
    cache.clear()
    local_pages.clear()


def body_text(response, fmt: str) -> str:
    return word_text(word_document(response)) if fmt == "docx" else response.content.decode()


@pytest.mark.parametrize("fmt", ["page", "md", "txt", "docx"])
def test_a_tailored_page_is_served_right_twice(page_cache, catalog, client, fmt):
    first = client.get(address(fmt=fmt, **ACME))
    second = client.get(address(fmt=fmt, **ACME))
    assert (first.status_code, second.status_code) == (200, 200)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert "Acme Ltd" in body_text(second, fmt)
    for header in ("Content-Type", "Content-Disposition", "X-Robots-Tag", "Content-Security-Policy"):
        assert second.get(header) == first.get(header), header


@pytest.mark.parametrize("fmt", ["page", "md", "txt", "docx"])
def test_two_tailorings_never_get_each_others_page(page_cache, catalog, client, fmt):
    for _ in range(2):
        acme_text = body_text(client.get(address(fmt=fmt, **ACME)), fmt)
        globex_text = body_text(client.get(address(fmt=fmt, **GLOBEX)), fmt)
        template_text = body_text(client.get(address(fmt=fmt)), fmt)
        assert "Acme Ltd" in acme_text and "Globex" not in acme_text
        assert "Globex Corporation" in globex_text and "$61,000" in globex_text and "Acme" not in globex_text
        assert "[Company]" in template_text and "Acme" not in template_text and "Globex" not in template_text


def test_the_template_stays_indexable_after_a_tailored_page_is_cached(page_cache, catalog, client):
    client.get(address(**ACME))
    client.get(address(**ACME))
    template = client.get(address())
    assert b'name="robots"' not in template.content
    assert b"JobPosting" not in template.content


def test_bad_values_are_never_stored(page_cache, catalog, client):
    url = address(**acme(salary_min="abc"))
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 400
        assert "X-Page-Cache" not in response


def test_the_redirect_that_dates_a_link_is_never_stored(page_cache, catalog, client):
    url = address(**acme(posted=None))
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 302
        assert "X-Page-Cache" not in response


@pytest.mark.parametrize("fmt", ["page", "md", "txt"])
def test_only_the_tailoring_parameters_change_the_answer(catalog, client, fmt, settings):
    """Same tailoring, other parameters added and the order changed: the same bytes. A page cache may
    therefore key these views on the validated tailoring parameters alone."""
    settings.PAGE_CACHE_ENABLED = False
    plain = client.get(address(fmt=fmt, **ACME)).content
    shuffled = dict(reversed(list(ACME.items())))
    noisy = client.get(address(fmt=fmt, utm_source="mail", ref="<x>", **shuffled)).content
    assert noisy == plain
    assert client.get(address(fmt=fmt, utm_source="mail")).content == client.get(address(fmt=fmt)).content


def test_the_job_posting_url_is_the_tailoring_alone(catalog, client, settings):
    settings.PAGE_CACHE_ENABLED = False
    response = client.get(address(utm_source="mail", **ACME))
    assert b"utm_source" not in response.content
    assert f"http://testserver/roles/{TSS}/job-description/?company=Acme+Ltd".encode() in response.content
