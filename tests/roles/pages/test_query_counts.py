"""SQL queries per page do not grow with the catalog: the same count with 3 roles and with 503."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roles.catalog import delete_generated_catalog
from roles.search import search_index_rebuild

SLUG = "technical-support-specialist"
URLS = [
    f"/roles/{SLUG}/",
    "/",
    "/roles/",
    "/salaries/",
    "/career-paths/",
    "/search/?q=technical+support",
    "/search/?q=support+specialist&page=2",
    f"/roles/{SLUG}/job-description/",
    "/api/roles/",
    f"/api/roles/{SLUG}/",
]


def query_counts(client) -> dict[str, int]:
    counts = {}
    for url in URLS:
        client.get(url)  # first request: anything loaded once per process is not counted
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(queries)
    return counts


@pytest.mark.slow
@pytest.mark.django_db
def test_queries_per_page_do_not_depend_on_catalog_size(catalog_500, client, settings):
    # Measure the pages themselves, not the page cache.
    settings.PAGE_CACHE_ENABLED = False
    # The 500 generated roles are built once per process (tests/conftest.py); this test's savepoint
    # takes them away again for the three shipped roles, with a search index of those three alone.
    large = query_counts(client)
    delete_generated_catalog()
    search_index_rebuild()
    small = query_counts(client)
    assert large == small
    # A page that runs one query per role would show here as hundreds.
    assert all(count <= 25 for count in small.values()), small
