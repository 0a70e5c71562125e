"""The search page's form: one query box with a plain submit button; the filters folded into <details>
(which opens and closes without JavaScript) unless one is set, so a phone shows the results first."""

from __future__ import annotations

import re

import pytest


def form_html(client, **params) -> str:
    html = client.get("/search/", params).content.decode()
    return html[html.index('<form id="search-form"') : html.index("</form>", html.index('<form id="search-form"'))]


@pytest.mark.parametrize("params", [{"q": "support"}, {}])
def test_one_query_box_and_folded_filters(client, db, params):
    form = form_html(client, **params)
    assert form.count('name="q"') == 1
    assert 'role="search" aria-label="Search the guide"' in form
    assert 'name=""' not in form and '<button type="submit"' in form
    details = re.search(r"<details class=\"search-filters\"([^>]*)>", form)
    assert details and "open" not in details.group(1)
    inside = form[details.end() :]
    for name in ("category", "experience", "salary_min", "salary_max"):
        assert f'name="{name}"' in inside, f"{name} is not among the folded filters"


@pytest.mark.parametrize("params", [{"category": "it"}, {"salary_min": "40000"}, {"experience": "x"}])
def test_a_set_or_invalid_filter_shows_the_filters_open(client, db, params):
    form = form_html(client, q="support", **params)
    assert re.search(r"<details class=\"search-filters\" open>", form)


def test_search_landmarks_have_unique_names(client, db):
    for path in ("/", "/search/?q=x", "/roles/no-such-role/"):
        html = client.get(path).content.decode()
        names = re.findall(r'role="search" aria-label="([^"]+)"', html)
        assert len(names) == html.count('role="search"'), f"{path}: a search landmark without a name"
        assert len(names) == len(set(names)), f"{path}: search landmarks share a name {names}"
