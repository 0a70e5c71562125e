"""Targeted invalidation: an edit shows at once on every page that shows what changed, and pages
that show nothing of it stay cached (careerguide.pagetags)."""

import re

import pytest
from django.core.management import call_command

from roles.models import Duty, Role

LINK = re.compile(r"/roles/([-a-z0-9_]+)/")


def links(client, url) -> set[str]:
    return set(LINK.findall(client.get(url).content.decode()))


@pytest.fixture
def generated(private_page_cache, catalog, client):
    """Two dozen generated roles (ladders of six, related roles across families); returns
    (a role, a role its page links to, a role that shows nothing of it)."""
    call_command("generate_catalog", roles=24, seed=7, verbosity=0)
    roles = list(Role.objects.filter(source__file_name="generated-catalog.txt").order_by("pk"))
    role = roles[1]
    page = f"/roles/{role.slug}/"
    neighbour = next(r for r in roles if r.slug in links(client, page) and r.pk != role.pk)
    unrelated = next(
        r
        for r in reversed(roles)
        if r.slug not in links(client, page)
        and role.slug not in links(client, f"/roles/{r.slug}/")
        and r.category_id != role.category_id
    )
    return role, neighbour, unrelated


def warm(client, urls) -> dict[str, bytes]:
    bodies = {}
    for url in urls:
        client.get(url)
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["X-Page-Cache"] == "hit", url
        bodies[url] = response.content
    return bodies


def pages_showing(role, other) -> list[str]:
    return [
        f"/roles/{role.slug}/",
        f"/roles/{role.slug}/job-description/",
        f"/roles/{role.slug}/job-description.md",
        f"/api/roles/{role.slug}/",
        "/api/roles/",
        "/roles/",
        f"/roles/?category={role.category.slug}",
        "/career-paths/",
        f"/compare/?roles={role.slug}&roles={other.slug}",
    ]


@pytest.mark.django_db
def test_a_title_edit_shows_at_once_everywhere_and_unrelated_pages_stay_cached(generated, client, settings):
    role, neighbour, unrelated = generated
    showing = [*pages_showing(role, unrelated), f"/roles/{neighbour.slug}/"]
    old_word_search = f"/search/?q={role.title.split()[-1]}"
    warm(client, [old_word_search])
    untouched = [
        f"/roles/{unrelated.slug}/",
        f"/roles/{unrelated.slug}/job-description/",
        f"/api/roles/{unrelated.slug}/",
    ]
    before = warm(client, showing + untouched)
    role.title = "Zyxwv Lighthouse Keeper"
    role.save()
    for url in [*showing, "/search/?q=zyxwv"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Zyxwv Lighthouse Keeper" in response.content.decode(), f"{url} still shows the old title"
    for url in untouched:
        response = client.get(url)
        assert response["X-Page-Cache"] == "hit", f"{url} was invalidated by an edit it does not show"
        assert response.content == before[url]
    # A search for a word of the old title answers what the site answers now (the role may no longer match).
    served = client.get(old_word_search).content
    settings.PAGE_CACHE_ENABLED = False
    assert served == client.get(old_word_search).content


@pytest.mark.django_db
def test_a_duty_edit_stales_the_pages_of_that_role_and_the_search_only(generated, client):
    role, neighbour, unrelated = generated
    other_list = f"/roles/?category={unrelated.category.slug}"
    own = [f"/roles/{role.slug}/", f"/roles/{role.slug}/job-description/", f"/api/roles/{role.slug}/"]
    # The neighbour's page links the role (its card) but shows none of its duties.
    untouched = [f"/roles/{unrelated.slug}/", f"/roles/{neighbour.slug}/", other_list, "/"]
    warm(client, own + untouched + ["/search/?q=quokka"])
    duty = Duty.objects.filter(role=role).order_by("order").first()
    duty.text = "Feed the office quokka every morning."
    duty.save()
    for url in own:
        assert "quokka" in client.get(url).content.decode(), url
    assert f"/roles/{role.slug}/" in client.get("/search/?q=quokka").content.decode()
    for url in untouched:
        assert client.get(url)["X-Page-Cache"] == "hit", f"{url} was invalidated by a duty it does not show"


@pytest.mark.django_db
def test_a_ladder_change_shows_on_both_roles_pages(generated, client):
    role, neighbour, unrelated = generated
    urls = [f"/roles/{role.slug}/", f"/roles/{unrelated.slug}/", "/career-paths/"]
    warm(client, urls)
    level = role.career_levels.order_by("order").first()
    level.linked_role = unrelated
    level.save()
    assert f"/roles/{unrelated.slug}/" in client.get(f"/roles/{role.slug}/").content.decode()
    assert client.get(f"/roles/{unrelated.slug}/")["X-Page-Cache"] == "miss"  # it now shows the ladder it is on
    assert client.get("/career-paths/")["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_unpublishing_a_role_changes_every_list_at_once(generated, client, settings):
    role, neighbour, unrelated = generated
    lists = ["/", "/roles/", "/api/roles/", "/career-paths/", "/salaries/", "/sitemap.xml"]
    warm(client, lists)
    role.is_published = False
    role.save()
    served = {url: client.get(url).content for url in lists}
    settings.PAGE_CACHE_ENABLED = False
    for url in lists:
        assert served[url] == client.get(url).content, f"{url} is not what the site renders now"
    for url in ("/", "/roles/", "/api/roles/", "/salaries/"):
        assert f"/roles/{role.slug}/" not in served[url].decode(), url
    assert client.get(f"/roles/{role.slug}/").status_code == 404


@pytest.mark.django_db
def test_the_next_levels_skills_on_a_role_page_change_at_once(private_page_cache, catalog, client):
    # The Technical Support Specialist's self-check lists what its next level up asks for.
    page = "/roles/technical-support-specialist/"
    senior = Role.objects.get(slug="senior-technical-support-specialist")
    warm(client, [page])
    skill = senior.skills.order_by("order").last()
    skill.name = "Wrangling Quokkas"
    skill.save()
    assert "Wrangling Quokkas" in client.get(page).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("group_from", [0, 10_000], ids=["cards by category", "card by role"])
def test_a_summary_edit_restales_the_lists_showing_the_role_only(generated, client, settings, monkeypatch, group_from):
    # Pages linking many roles depend on their categories' cards (cards-in:), others on each card.
    monkeypatch.setattr("careerguide.pagecache.CARD_GROUP_FROM", group_from)
    role, neighbour, unrelated = generated
    own_list, other_list = f"/roles/?category={role.category.slug}", f"/roles/?category={unrelated.category.slug}"
    assert f"/roles/{role.slug}/" in client.get(own_list).content.decode()
    assert f"/roles/{role.slug}/" not in client.get(other_list).content.decode()
    # A page showing cards of the role's category but not the role's: its category's summary moves.
    same_category = set(Role.objects.filter(category=role.category).exclude(pk=role.pk).values_list("slug", flat=True))
    beside = next(
        f"/roles/{r.slug}/"
        for r in Role.objects.exclude(pk=role.pk).order_by("pk")
        if role.slug not in links(client, f"/roles/{r.slug}/") and links(client, f"/roles/{r.slug}/") & same_category
    )
    warm(client, ["/", "/roles/", own_list, other_list, beside])
    role.summary = "Keeps the office quokka fed and the lighthouse lit."
    role.save()
    for url in ("/roles/", own_list):
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
        assert "office quokka" in response.content.decode(), url
    for url in (other_list, beside):
        assert client.get(url)["X-Page-Cache"] == "hit", f"{url} does not show the role and was made stale"
    served = client.get("/").content
    settings.PAGE_CACHE_ENABLED = False
    assert served == client.get("/").content
