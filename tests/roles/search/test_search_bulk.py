"""The bulk search-index path writes exactly the entries and vocabulary of the per-role path."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection

from roles.models import Role, SearchEntry, SearchTerm
from roles.search import search, search_index_rebuild, search_index_rebuild_bulk

QUERIES = ["technical support", "certif", "custmer", "salary", "ticketing", "what does a support lead do"]


def _snapshot() -> dict:
    entries = sorted(
        SearchEntry.objects.order_by().values_list(
            "role_id", "kind", "source_pk", "anchor", "label", "order", "title", "heading", "body"
        )
    )
    vectors = []
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute('SELECT role_id, kind, source_pk, "order", search_vector::text FROM roles_searchentry')
            vectors = sorted(cursor.fetchall(), key=lambda row: tuple("" if v is None else str(v) for v in row))
    terms = sorted(SearchTerm.objects.values_list("term", flat=True))
    # Through the public entry point: the FTS5 tables (SQLite) and tsvectors (PostgreSQL) must answer alike.
    answers = [search(query).as_json() for query in QUERIES]
    return {"entries": entries, "vectors": vectors, "terms": terms, "answers": answers}


def _compare(before: dict, after: dict) -> None:
    assert len(after["entries"]) == len(before["entries"])
    for expected, got in zip(before["entries"], after["entries"], strict=True):
        assert got == expected
    assert after["vectors"] == before["vectors"]
    assert after["terms"] == before["terms"]
    assert after["answers"] == before["answers"]


@pytest.fixture
def generated_catalog(catalog):
    call_command("generate_catalog", roles=20, seed=5, no_search_index=True, verbosity=0)


def test_bulk_rebuild_of_everything_matches_per_role_rebuild(generated_catalog):
    assert Role.objects.count() == 23
    written = search_index_rebuild()
    per_role = _snapshot()
    assert written == len(per_role["entries"]) > 23 * 10
    assert any(answer["results"] for answer in per_role["answers"])

    assert search_index_rebuild_bulk() == written
    _compare(per_role, _snapshot())


def test_bulk_rebuild_of_some_roles_matches_and_leaves_the_others(generated_catalog):
    search_index_rebuild()
    per_role = _snapshot()
    some = list(Role.objects.order_by("pk").values_list("pk", flat=True)[2:9])
    untouched = set(SearchEntry.objects.exclude(role_id__in=some).values_list("id", flat=True))

    # Stale entries of the chosen roles are replaced, not duplicated.
    SearchEntry.objects.filter(role_id__in=some, kind="faq").update(body="stale")
    search_index_rebuild_bulk(roles=some, chunk_size=3)

    _compare(per_role, _snapshot())
    assert set(SearchEntry.objects.exclude(role_id__in=some).values_list("id", flat=True)) == untouched


def test_bulk_rebuild_of_the_shipped_catalog_matches(catalog):
    search_index_rebuild()
    per_role = _snapshot()
    assert len({row[0] for row in per_role["entries"]}) == 3
    search_index_rebuild_bulk()
    _compare(per_role, _snapshot())


def test_generate_catalog_indexes_its_roles_like_the_per_role_path(catalog):
    call_command("generate_catalog", roles=12, seed=2, verbosity=0)
    generated = _snapshot()
    assert {row[0] for row in generated["entries"]} == set(Role.objects.values_list("pk", flat=True))
    search_index_rebuild()
    _compare(generated, _snapshot())
