"""The title step of search on big catalogs, and "did you mean": they follow every write to a role.

When a query's words are in most of the catalog, search ranks only the roles whose titles hold the
most of them (see test_search_bounded.py). Those roles come from an index of titles that the
database keeps (PostgreSQL: the title-word table of migration 0008, SQLite: an FTS5 index of
titles), so these tests change titles, categories and publication and check the answers follow, on
both databases; the PostgreSQL-only test at the end checks the table itself, TRUNCATE included.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from search_helpers import CUSTOMER, SENIOR, TSS, api, postgres_only, slugs

from roles.models import Category, Role
from tests.factories import make_category, make_role

# These tests change the search's bounds between identical requests.
pytestmark = pytest.mark.usefixtures("no_page_cache")


@pytest.fixture
def one_title_role(bounded):
    """Bounds at which the shipped catalog's common words are broad and one title role is ranked."""
    bounded(roles=1)


def test_the_title_step_follows_titles_categories_and_publication(client, catalog, one_title_role):
    # All three titles hold both words; the two three-word titles tie, and title order breaks it.
    data = api(client, q="support specialist")
    assert slugs(data) == [CUSTOMER] and data["capped"] is True

    customer = Role.objects.get(slug=CUSTOMER)
    customer.title = "Customer Care Adviser"
    customer.save()
    assert slugs(api(client, q="support specialist")) == [TSS]

    elsewhere = Category.objects.create(slug="elsewhere", name="Elsewhere")
    senior = Role.objects.get(slug=SENIOR)
    senior.category = elsewhere
    senior.save()
    assert slugs(api(client, q="support specialist", category="elsewhere")) == [SENIOR]

    senior.is_published = False
    senior.save()
    assert api(client, q="support specialist", category="elsewhere")["results"] == []

    Role.objects.get(slug=TSS).delete()
    # Of the published titles left, none holds "specialist": "support" alone picks the best left.
    data = api(client, q="support specialist")
    assert TSS not in slugs(data) and SENIOR not in slugs(data)


def test_a_generated_catalog_is_found_by_its_titles(client, catalog, one_title_role):
    call_command("generate_catalog", roles=12, seed=5, stdout=StringIO())
    title = Role.objects.filter(source__file_name="generated-catalog.txt").order_by("title").last().title
    # Every word of a generated title is in many roles' pages: the title step alone finds this one.
    data = api(client, q=title)
    assert data["results"][0]["title"] == title


def test_did_you_mean_offers_the_titles_holding_most_of_the_corrected_words(client, catalog):
    # No role earns a salary of at most 1, so nothing matches and the titles are suggested.
    html = client.get("/search/", {"q": "technicl suport specalist", "salary_max": 1}).content.decode()
    assert "Did you mean" in html
    data = api(client, q="technicl suport specalist", salary_max=1)
    # The correction found nothing (the filter leaves no role), so no "Including results for" is shown.
    assert data["total"] == 0 and data["corrected_query"] == ""
    offered = [item["label"] for item in data["did_you_mean"]]
    assert set(offered[:2]) == {"Technical Support Specialist", "Senior Technical Support Specialist"}
    assert offered[2] == "Customer Support Specialist"
    assert data["did_you_mean"][0]["url"].startswith("/roles/")

    Role.objects.filter(slug=SENIOR).update(is_published=False)
    Role.objects.get(slug=SENIOR).save()  # a save, as the admin makes, brings the index up to date
    offered = [item["label"] for item in api(client, q="technicl suport specalist", salary_max=1)["did_you_mean"]]
    assert "Senior Technical Support Specialist" not in offered and offered[0] == "Technical Support Specialist"


def test_did_you_mean_stays_quiet_for_words_like_no_title(client, catalog):
    data = api(client, q="xylophone")
    assert data["total"] == 0 and data["did_you_mean"] == []


def suggested(client, text: str) -> list[str]:
    response = client.get("/search/suggest/", {"q": text})
    assert response.status_code == 200
    return [item["label"] for item in response.json()["suggestions"]]


def test_suggestions_put_titles_holding_every_typed_word_first(client, catalog):
    assert suggested(client, "technical specialist")[:2] == [
        "Technical Support Specialist",
        "Senior Technical Support Specialist",
    ]
    Role.objects.filter(slug=TSS).update(is_published=False)
    Role.objects.get(slug=TSS).save()
    assert "Technical Support Specialist" not in suggested(client, "technical specialist")


@pytest.mark.postgres
@postgres_only
def test_postgres_suggestions_forgive_a_mistyped_word_and_fill_with_partial_matches(client, catalog):
    # "senoir" starts no title word: the vocabulary word spelled most like it stands in for it.
    assert suggested(client, "senoir technical")[0] == "Senior Technical Support Specialist"
    assert suggested(client, "custmer sup")[0] == "Customer Support Specialist"
    # After the titles holding both words, those holding one of them.
    labels = suggested(client, "technical specialist")
    assert labels[2:] == ["Customer Support Specialist"]


def _title_words(role_id: int) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word, title, title_words, is_published, category_id, median_salary "
            "FROM roles_searchtitleword WHERE role_id = %s ORDER BY word",
            [role_id],
        )
        return cursor.fetchall()


@pytest.mark.postgres
@postgres_only
@pytest.mark.django_db(transaction=True)
def test_postgres_title_words_follow_inserts_updates_deletes_and_truncate():
    category = make_category()
    role = make_role("Harbour  Pilot Harbour", category=category, summary="s", median_salary=50)
    # Distinct words of the lower-cased title, split on spaces as the search's LIKE matched them.
    assert _title_words(role.pk) == [
        ("harbour", "Harbour  Pilot Harbour", 4, True, category.pk, 50),
        ("pilot", "Harbour  Pilot Harbour", 4, True, category.pk, 50),
    ]
    Role.objects.filter(pk=role.pk).update(title="Dock Master", is_published=False, median_salary=70)
    assert _title_words(role.pk) == [
        ("dock", "Dock Master", 2, False, category.pk, 70),
        ("master", "Dock Master", 2, False, category.pk, 70),
    ]
    other = make_role("River Pilot", category=category, summary="s")
    Role.objects.filter(pk=role.pk).delete()
    assert _title_words(role.pk) == [] and len(_title_words(other.pk)) == 2
    call_command("flush", interactive=False, verbosity=0)  # TRUNCATE, as transactional tests do
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM roles_searchtitleword")
        assert cursor.fetchone()[0] == 0


@pytest.mark.postgres
@postgres_only
def test_postgres_keeps_vectors_in_the_row_and_indexes_the_title_words(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstorage FROM pg_attribute WHERE attrelid = 'roles_searchentry'::regclass "
            "AND attname = 'search_vector'"
        )
        assert cursor.fetchone()[0] == "m", "storage MAIN: compressed, in the row (migration 0009)"
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'roles_searchtitleword'")
        indexes = dict(cursor.fetchall())
    assert "varchar_pattern_ops" in indexes["searchtitleword_word_idx"]
    assert "gin_trgm_ops" in indexes["searchtitleword_word_trgm"]
    assert "searchtitleword_role_idx" in indexes
