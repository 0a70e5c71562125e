"""Cached searches depend on the words they looked up (careerguide.pagetags ``words:``): an edit
that adds or removes one of them shows at once, an edit of other words leaves them cached."""

import pytest
from django.core.management import call_command

from roles.models import Duty, Role


@pytest.fixture
def roles(private_page_cache, catalog):
    """Three generated roles; the first holds "lighthouse" in a duty, the others do not."""
    call_command("generate_catalog", roles=12, seed=7, verbosity=0)
    keeper, editor, bystander = Role.objects.filter(source__file_name="generated-catalog.txt").order_by("pk")[:3]
    duty = Duty.objects.filter(role=keeper).order_by("order").first()
    duty.text = "Keep the lighthouse lamp burning through the night."
    duty.save()
    return keeper, editor, bystander


def shows(client, url, role) -> bool:
    response = client.get(url)
    assert response.status_code == 200, url
    return f"/roles/{role.slug}/" in response.content.decode()


def cached(client, urls) -> None:
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url


def append_to_a_duty(role, text: str) -> Duty:
    duty = Duty.objects.filter(role=role).order_by("order").first()
    duty.text = f"{duty.text} {text}"
    duty.save()
    return duty


@pytest.mark.django_db
def test_a_word_added_shows_at_once_in_the_searches_for_it_and_its_prefixes(roles, client, settings):
    keeper, editor, _bystander = roles
    searches = ["/search/?q=lighthouse", "/search/?q=lightho", "/api/search/?q=lighthouse"]
    for url in searches:
        assert shows(client, url, keeper) and not shows(client, url, editor), url
    cached(client, searches)
    duty = append_to_a_duty(editor, "Climbs the lighthouse stairs twice a day.")
    for url in searches:
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
        assert f"/roles/{editor.slug}/" in response.content.decode(), f"{url} does not show the role that now matches"
    # Taken away again: the cached searches drop the role at once.
    cached(client, searches)
    duty.text = duty.text.replace("Climbs the lighthouse stairs twice a day.", "")
    duty.save()
    for url in searches:
        assert not shows(client, url, editor), url
    served = {url: client.get(url).content for url in searches}
    settings.PAGE_CACHE_ENABLED = False
    for url in searches:
        assert served[url] == client.get(url).content, f"{url} is not what the site renders now"


@pytest.mark.django_db
def test_a_new_word_a_prefix_completes_shows_at_once(roles, client):
    keeper, editor, _bystander = roles
    search = "/search/?q=lightho"
    assert shows(client, search, keeper) and not shows(client, search, editor)
    cached(client, [search])
    # A word no text held before: the prefix now stands for it too.
    append_to_a_duty(editor, "Repairs the lighthopper's boat.")
    assert shows(client, search, editor), "the prefix search does not show the role whose new word it completes"


@pytest.mark.django_db
def test_an_edit_of_other_words_leaves_a_search_cached(roles, client, settings):
    keeper, editor, bystander = roles
    searches = ["/search/?q=lighthouse", "/search/?q=lightho", "/api/search/?q=lighthouse"]
    cached(client, searches)
    before = {url: client.get(url).content for url in searches}
    # The role the searches show is untouched, and no word starting with "li" changes.
    append_to_a_duty(bystander, "Feeds the office quokka every morning.")
    bystander.save()
    for url in searches:
        response = client.get(url)
        assert response["X-Page-Cache"] == "hit", f"{url} was made stale by an edit of words it did not look up"
        assert response.content == before[url]
    settings.PAGE_CACHE_ENABLED = False
    for url in searches:
        assert client.get(url).content == before[url], url


@pytest.mark.django_db
def test_searches_that_cannot_list_their_words_depend_on_all_content(roles, client):
    keeper, editor, bystander = roles
    # A typo (corrected to "lighthouse") and a word found nowhere: a new word could change either;
    # a one-letter exclusion and a word of another script: words the vocabulary does not list.
    searches = ["/search/?q=lighthuose", "/search/?q=quokka", "/search/?q=lighthouse+-c", "/search/?q=lighthouse+-маяк"]
    cached(client, searches)
    append_to_a_duty(bystander, "Feeds the office quokka every morning.")
    for url in searches:
        assert client.get(url)["X-Page-Cache"] == "miss", url
    assert shows(client, "/search/?q=quokka", bystander)
