"""Proximity, the ranking's last rule: of sections holding every query word, the one holding them as a
phrase ranks first, on SQLite and PostgreSQL alike (the same suite runs on both)."""

from __future__ import annotations

import pytest
from search_helpers import api, slugs

from roles.models import Skill
from tests.factories import make_role

pytestmark = pytest.mark.usefixtures("no_page_cache")

# The same words, as many of them, in both texts: only where "network" and "security" stand differs.
ADJACENT = "Network security reviews of firewall rules, routers, switches and wireless access points each quarter."
FAR = "Network reviews of firewall rules, routers, switches and wireless access points each quarter: security."


@pytest.fixture
def two_roles(db):
    # Title order ("Aardvark" first) and the skill names' order would both favour the far one.
    far = make_role("Aardvark Infrastructure Analyst", summary="Keeps the infrastructure running.")
    Skill.objects.create(role=far, name="Quarterly reviews", detail=FAR)
    adjacent = make_role("Zebra Infrastructure Analyst", summary="Keeps the infrastructure running.")
    Skill.objects.create(role=adjacent, name="Quarterly reviews", detail=ADJACENT)
    return far, adjacent


def test_words_next_to_each_other_rank_first(client, two_roles):
    far, adjacent = two_roles
    data = api(client, q="network security")
    assert slugs(data) == [adjacent.slug, far.slug]
    first, second = data["results"]
    assert first["score"] > second["score"]
    assert first["url"] == f"/roles/{adjacent.slug}/#skills"


def test_words_in_the_other_order_are_not_a_phrase(client, two_roles):
    # "security network" is in neither text as typed: the two tie on proximity and title order decides.
    far, adjacent = two_roles
    data = api(client, q="security network")
    assert slugs(data) == [far.slug, adjacent.slug]


def test_proximity_counts_for_broad_words_ranked_within_the_bounded_roles(client, two_roles, bounded):
    far, adjacent = two_roles
    bounded(roles=2, entries=1)
    data = api(client, q="network security")
    assert slugs(data) == [adjacent.slug, far.slug]


def test_a_phrase_across_a_heading_and_its_text_is_not_adjacent(client, db):
    # "security" ends the skill's name and "network" starts its text: on PostgreSQL one vector, on
    # SQLite two columns; neither counts them as a phrase.
    split = make_role("Aardvark Infrastructure Analyst", summary="Keeps the infrastructure running.")
    Skill.objects.create(role=split, name="Reviews for security", detail="Network " + FAR[len("Network ") :])
    joined = make_role("Zebra Infrastructure Analyst", summary="Keeps the infrastructure running.")
    Skill.objects.create(role=joined, name="Reviews for security", detail="Security network" + FAR[len("Network") :])
    data = api(client, q="security network")
    assert slugs(data)[0] == joined.slug
