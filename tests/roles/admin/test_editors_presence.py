"""The change page says who else opened the role in the last few minutes (issue #16)."""

from __future__ import annotations

from datetime import timedelta

from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from roles.models import Role
from tests.roles.admin.editors_helpers import CSS, TSS, change_url, make_editor


def presence_names(response) -> list[str]:
    table = BeautifulSoup(response.content, "html.parser").find(id="presence")
    return [row.find("td").get_text(strip=True) for row in table.select("tbody tr")] if table else []


def test_the_change_page_lists_the_other_editors_who_opened_it_recently(catalog, monkeypatch):
    cache.clear()
    alice, bob = Client(), Client()
    alice.force_login(make_editor("alice"))
    bob.force_login(make_editor("bob"))
    role, other = Role.objects.get(slug=TSS), Role.objects.get(slug=CSS)

    assert presence_names(alice.get(change_url(role))) == []  # alone
    assert presence_names(bob.get(change_url(role))) == ["alice"]
    assert presence_names(alice.get(change_url(role))) == ["bob"]  # never oneself
    assert presence_names(bob.get(change_url(other))) == []  # per role

    # Ten minutes later, an earlier visit no longer counts.
    later = timezone.now() + timedelta(minutes=10)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert presence_names(bob.get(change_url(role))) == []
