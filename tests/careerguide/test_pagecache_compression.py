"""Compressed pages: stored once as Brotli and gzip, sent by Accept-Encoding; and public pages carry
no secret (no CSRF token, no session cookie), so compressing them is safe from BREACH."""

import gzip

import brotli
import pytest
from django.conf import settings as django_settings

SLUG = "technical-support-specialist"
PUBLIC_PAGES = [
    f"/roles/{SLUG}/",
    "/",
    "/roles/",
    "/salaries/",
    "/career-paths/",
    "/search/?q=support",
    f"/roles/{SLUG}/job-description/",
    f"/compare/?roles={SLUG}",
    f"/api/roles/{SLUG}/",
    "/api/roles/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("hit", [False, True], ids=["miss", "hit"])
def test_html_and_json_are_sent_compressed_as_accepted(private_page_cache, catalog, client, hit):
    url = f"/roles/{SLUG}/"
    plain = client.get(url).content if hit else None
    br = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert br["X-Page-Cache"] == ("hit" if hit else "miss")
    assert br["Content-Encoding"] == "br"
    assert "Accept-Encoding" in br["Vary"]
    body = brotli.decompress(br.content)
    assert len(br.content) < len(body) / 4
    assert int(br["Content-Length"]) == len(br.content)
    gz = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert gz["Content-Encoding"] == "gzip"
    assert gzip.decompress(gz.content) == body
    identity = client.get(url, headers={"Accept-Encoding": "br;q=0, gzip;q=0"})
    assert "Content-Encoding" not in identity
    assert identity.content == body
    if plain is not None:
        assert plain == body
    api = client.get(f"/api/roles/{SLUG}/", headers={"Accept-Encoding": "gzip"})
    assert api["Content-Encoding"] == "gzip"
    assert gzip.decompress(api.content).startswith(b"{")


@pytest.mark.django_db
def test_compressed_copies_are_stored_once(private_page_cache, catalog, client):
    redis = private_page_cache
    url = f"/roles/{SLUG}/"
    for encoding in ("br", "gzip", "", "gzip, br", "identity"):
        client.get(url, headers={"Accept-Encoding": encoding})
    assert redis.page_keys() == 1
    # What the cache holds is the compressed forms: a fraction of the page.
    stored = max(len(redis.client.get(k)) for k in redis.client.scan_iter(match="*careerguide:page:*"))
    assert stored < len(client.get(url).content) / 2


@pytest.mark.django_db
def test_conditional_request_for_a_compressed_page_gets_304(private_page_cache, catalog, client):
    url = f"/roles/{SLUG}/"
    first = client.get(url, headers={"Accept-Encoding": "br"})
    assert first["ETag"].startswith("W/")
    again = client.get(url, headers={"Accept-Encoding": "br", "If-None-Match": first["ETag"]})
    assert again.status_code == 304


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_carry_no_secret(private_page_cache, catalog, client, url):
    for _ in range(2):  # the miss and the hit
        response = client.get(url, headers={"Accept-Encoding": "gzip"})
        assert response.status_code == 200
        assert not response.cookies, f"{url} sets {list(response.cookies)}"
        body = gzip.decompress(response.content).decode()
        assert "csrfmiddlewaretoken" not in body
        assert django_settings.CSRF_COOKIE_NAME not in body
        assert django_settings.SESSION_COOKIE_NAME not in body


@pytest.mark.django_db
def test_pages_with_a_secret_are_not_compressed(private_page_cache, catalog, client):
    login = client.get(f"/{django_settings.ADMIN_URL}login/", headers={"Accept-Encoding": "gzip, br"})
    assert "csrfmiddlewaretoken" in login.content.decode()
    assert "Content-Encoding" not in login
