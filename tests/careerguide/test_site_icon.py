"""The site icon: /favicon.ico answers (browsers ask for it on every site) and every page links its icons."""

from __future__ import annotations

import pytest


def test_favicon_ico_answers_an_icon_with_cache_headers(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/vnd.microsoft.icon"
    body = response.content
    assert body[:4] == b"\x00\x00\x01\x00", "an ICO file header"
    assert int.from_bytes(body[4:6], "little") >= 2, "more than one size"
    assert "max-age=" in response["Cache-Control"]
    assert client.post("/favicon.ico").status_code == 405


@pytest.mark.parametrize("path", ["/", "/roles/", "/search/?q=support", "/roles/no-such-role/"])
def test_every_page_links_the_site_icons(client, db, path):
    html = client.get(path).content.decode()
    assert '<link rel="icon" href="/favicon.ico"' in html
    assert 'rel="icon" href="/static/icons/icon.svg" type="image/svg+xml"' in html
    assert 'rel="apple-touch-icon"' in html
