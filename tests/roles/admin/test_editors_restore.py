"""Restores are whole: any version restored gives the role page exactly as it was then (issue #16).

A history of edits, a rename, a re-import and a restore is made through the admin; the role's public
page (and the page of the role whose ladder links to it) is captured at every version. Then every
version is restored, in turn, and the pages must be what they were.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from roles.models import Role, SourceDocument
from tests.roles.admin.editors_helpers import (
    SENIOR,
    TSS,
    browser_form_data,
    change_url,
    edit_role,
    inline_row,
    latest_version,
    make_editor,
    restore_version,
)
from tests.roles.publishing.facts_helpers import LONG_AGO


@pytest.fixture
def editor(catalog, client, settings):
    settings.PAGE_CACHE_ENABLED = False
    # Dated long ago: a re-import of the same document keeps the day it was first imported, so every
    # version's page shows this date, whatever the day (or the midnight) the test runs on.
    SourceDocument.objects.update(imported_at=LONG_AGO)
    client.force_login(make_editor("editor"))
    return client


def public_pages() -> dict[str, str]:
    """The role's page and the senior role's (whose ladder and pay link to it), as a visitor gets them."""
    visitor = Client()
    pages = {}
    for role in (Role.objects.get(key=ROLE_KEY["tss"]), Role.objects.get(slug=SENIOR)):
        response = visitor.get(role.get_absolute_url())
        assert response.status_code == 200
        main = str(BeautifulSoup(response.content, "html.parser").find("main"))
        # A restore is a change made today: the page says "updated <today>"; everything else is as then.
        pages[role.title] = UPDATED.sub("updated (date)", main)
    return pages


ROLE_KEY: dict = {}
UPDATED = re.compile(r"updated \d{1,2} \w{3} \d{4}")


def reimport(client):
    path = next(
        p
        for p in sorted(Path(settings.SOURCES_DIR).glob("*.txt"))
        if "technical support specialist career guide" in p.read_text(encoding="utf-8")[:400].lower()
    )
    upload = SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/plain")
    preview = client.post(reverse("admin:roles_role_import"), {"document": upload})
    assert preview.status_code == 200
    token = BeautifulSoup(preview.content, "html.parser").find("input", attrs={"name": "token"})["value"]
    form = browser_form_data(preview.content.decode(), containing="token")
    form.update({"token": token, "confirm": "1"})
    response = client.post(reverse("admin:roles_role_import"), form)
    assert response["Location"] == change_url(Role.objects.get(key=ROLE_KEY["tss"]))


def assert_same(now: dict, then: dict, what: str) -> None:
    for title, page in then.items():
        if now[title] != page:
            diff = difflib.unified_diff(page.splitlines(), now[title].splitlines(), lineterm="", n=0)
            raise AssertionError(f"{what}: {title} differs:\n" + "\n".join(list(diff)[:40]))


def test_restoring_every_version_gives_the_pages_as_they_were(editor):
    client = editor
    role = Role.objects.get(slug=TSS)
    ROLE_KEY["tss"] = role.key
    at_version: dict[int, dict] = {}
    before = public_pages()

    def first_faq_answer(data):
        data[inline_row(data, "faqs", lambda r: r.get("question")) + "-answer"] = "An editor's answer."
        data["summary"] = "An editor's summary."

    edit_role(client, role, first_faq_answer)
    first, edited = Version.objects.get_for_object(role).order_by("pk")
    at_version[first.pk] = before
    at_version[edited.pk] = public_pages()

    edit_role(client, role, lambda data: data.update(slug="tech-support"))
    at_version[latest_version(role).pk] = public_pages()

    reimport(client)
    at_version[latest_version(role).pk] = public_pages()

    def pay_and_duty(data):
        band = inline_row(data, "salary_bands", lambda r: r.get("median"))
        data[f"{band}-median"] = str(int(data[f"{band}-median"]) + 1000)
        data[inline_row(data, "duties", lambda r: r.get("text")) + "-DELETE"] = "on"

    edit_role(client, role, pay_and_duty)
    at_version[latest_version(role).pk] = public_pages()

    restore_version(client, role, edited)
    at_version[latest_version(role).pk] = public_pages()
    assert_same(at_version[latest_version(role).pk], at_version[edited.pk], "restored right after")

    versions = list(Version.objects.get_for_object(role).order_by("pk"))
    assert len(versions) == len(at_version) == 6
    for version in versions:
        restore_version(client, role, version)
        role.refresh_from_db()
        now = public_pages()
        assert_same(now, at_version[version.pk], version.revision.get_comment())
        # Every address the role ever had still leads to it.
        for slug in (TSS, "tech-support"):
            assert Client().get(f"/roles/{slug}/").status_code in (200, 301)
