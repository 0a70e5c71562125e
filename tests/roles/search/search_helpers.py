"""What the search tests share: the shipped roles' slugs, a call of the JSON search endpoint, the
slugs of its results, and marks for the tests of one database's own pieces (each runs in that
database's pass of .ci/run)."""

import pytest
from django.db import connection
from search_queries import CUSTOMER, SENIOR, TSS

__all__ = ["CUSTOMER", "SENIOR", "TSS", "analyze", "api", "postgres_only", "slugs", "sqlite_only"]

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="checks a PostgreSQL-only piece")
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="checks a SQLite-only piece")


def api(client, **params):
    response = client.get("/api/search/", params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def slugs(data) -> list[str]:
    return [result["slug"] for result in data["results"]]


def analyze() -> None:
    """PostgreSQL judges a word's breadth from the planner's statistics: refresh them, as a build does."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE roles_searchentry")
