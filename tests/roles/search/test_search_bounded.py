"""Search on big catalogs: broad words are ranked inside a bounded set of roles, and the page says so.

The bounds (``roles.search.engine.ROLE_CANDIDATES``, ``BROAD_ENTRIES``) are shrunk here so the shipped
three-role catalog takes the path a 10,000-role catalog takes. On PostgreSQL a word's breadth comes
from the planner's statistics, so those tests ANALYZE the index first, as a built catalog would be.
"""

from __future__ import annotations

import pytest
from django.db import connection
from search_helpers import CUSTOMER, SENIOR, TSS, analyze, api, postgres_only, slugs

from roles.models import Role, Skill
from roles.search import engine
from roles.search.backends.postgres import RANK
from tests.factories import make_role

# These tests change the search's bounds between identical requests.
pytestmark = pytest.mark.usefixtures("no_page_cache")


def test_small_catalogs_rank_every_match_and_are_not_capped(client, catalog):
    analyze()
    data = api(client, q="support specialist")
    assert sorted(slugs(data)) == sorted([TSS, SENIOR, CUSTOMER])
    assert data["total"] == 3 and data["capped"] is False and data["notice"] == ""


def test_broad_title_words_rank_the_best_titled_roles_and_say_more_match(client, catalog, bounded):
    full = api(client, q="technical support specialist")
    bounded(roles=2)
    data = api(client, q="technical support specialist")
    # The two roles whose titles hold the most query words, in the same order as an unbounded search.
    assert slugs(data) == slugs(full)[:2] == [TSS, SENIOR]
    assert data["total"] == 2 and data["capped"] is True
    assert "appear in most roles" in data["notice"]
    html = client.get("/search/", {"q": "technical support specialist"}).content.decode()
    assert "search-notice" in html and "appear in most roles" in html
    assert "The 2 best of more matching roles" in html


def test_broad_words_in_no_title_rank_roles_in_title_order_and_say_so(client, catalog, bounded):
    bounded(roles=2)
    data = api(client, q="certifications")
    first_two_titles = list(Role.objects.published().order_by("title", "id").values_list("slug", flat=True)[:2])
    assert sorted(slugs(data)) == sorted(first_two_titles)
    assert data["capped"] is True and data["total"] == 2
    # Every result still deep-links to a section that matched, with the word marked.
    assert all("#" in result["url"] and "<mark>" in result["snippet"] for result in data["results"])


def test_narrow_words_find_their_roles_outside_the_bounded_set(client, catalog, bounded):
    role = make_role("Archive Curator", summary="Looks after the archive.")
    Skill.objects.create(role=role, name="Zanzibar maps", detail="Support for zanzibar charts")
    bounded(roles=1)
    data = api(client, q="zanzibar support")
    # "support" is broad: one title role is ranked for it; "zanzibar" is narrow and found in any role.
    assert len(slugs(data)) == 2 and data["capped"] is True
    assert role.slug in slugs(data) and slugs(data)[0] != slugs(data)[1]
    found = data["results"][slugs(data).index(role.slug)]
    assert found["url"] == f"/roles/{role.slug}/#skills" and "<mark>zanzibar</mark>" in found["snippet"]


def test_exclusions_hold_on_the_bounded_path(client, catalog, bounded):
    bounded(roles=1)
    data = api(client, q="technical support -senior")
    # Senior Technical Support Specialist is out of the title step, so Technical Support Specialist
    # holds the most query words; its sections that mention the word (its career path) are left out.
    assert slugs(data) == [TSS] and data["capped"] is True
    assert all("senior" not in s["snippet"].lower() for r in data["results"] for s in r["sections"])


def test_later_pages_page_through_the_bounded_set(client, catalog, bounded, monkeypatch):
    monkeypatch.setattr(engine, "PER_PAGE", 1)
    bounded(roles=2)
    first, second = api(client, q="support", page=1), api(client, q="support", page=2)
    assert first["num_pages"] == 2 and second["page"] == 2
    assert slugs(first) != slugs(second)
    assert api(client, q="support", page=50)["page"] == 2, "a page past the end is the last page"


@pytest.mark.parametrize("query", ["support", "certifications", "netwrk suport specialist", "zendesk support"])
def test_the_bounded_path_costs_at_most_three_queries(client, catalog, bounded, django_assert_max_num_queries, query):
    bounded(roles=2)
    with django_assert_max_num_queries(3):
        assert client.get("/api/search/", {"q": query}).status_code == 200


def test_a_typed_number_never_matches_a_role_id(client, catalog):
    role = make_role("Archive Keeper", pk=987654, summary="Keeps the archive.")
    assert api(client, q="archive")["results"][0]["slug"] == role.slug
    data = api(client, q=str(role.pk))
    assert data["results"] == [] and data["total"] == 0


def test_titles_have_an_index_for_the_title_step(db):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Roles in title order; the title words themselves are in roles_searchtitleword (migration 0008).
            tables = "('roles_role', 'roles_searchtitleword')"
            cursor.execute(f"SELECT indexname FROM pg_indexes WHERE tablename IN {tables}")  # noqa: S608
            assert {"role_title_order_idx", "searchtitleword_word_idx"} <= {row[0] for row in cursor.fetchall()}
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'roles_role'")
            assert "role_title_search_idx" in {row[0] for row in cursor.fetchall()}
            cursor.execute("PRAGMA table_info(roles_searchentry_fts)")
            assert [row[1] for row in cursor.fetchall()] == ["title", "heading", "body", "role_id"]


@pytest.mark.postgres
@postgres_only
@pytest.mark.parametrize("expression", ["'support' | 'specialist'", "'certif':*", "'zendesk' | 'salari'", "'qqq'"])
def test_postgres_scoped_entries_rank_above_zero_exactly_when_they_match(catalog, expression):
    # The bounded path keeps a scoped role's entry when its rank is above 0 instead of testing @@.
    with connection.cursor() as cursor:
        cursor.execute(
            # The ranking's own expression, on the same alias.
            f"SELECT e.id, e.search_vector @@ to_tsquery('english', %(tsquery)s), {RANK} > 0 "  # noqa: S608
            "FROM roles_searchentry e",
            {"tsquery": expression},
        )
        rows = cursor.fetchall()
    assert rows and all(matches == ranked for _id, matches, ranked in rows)
    assert any(matches for _id, matches, _ranked in rows) == (expression != "'qqq'")
