"""A save that changes nothing stores nothing: no row rewritten, no version (issue #16)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from reversion.models import Version

from roles.importers import parse_bytes
from roles.models import Role
from tests.roles.admin.editors_helpers import TSS, browser_form_data, change_url, inline_row, make_editor


@pytest.fixture
def editor(catalog, client):
    user = make_editor("editor")
    client.force_login(user)
    return user


def writes(queries) -> list[str]:
    """Statements that change content or versions (the admin's log entry and the session are not content)."""
    return [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and "django_admin_log" not in q["sql"]
        and "django_session" not in q["sql"]
    ]


def test_saving_the_role_untouched_with_crlf_textareas_writes_nothing(editor, client):
    role = Role.objects.get(slug=TSS)
    updated_at = role.updated_at
    page = client.get(change_url(role))
    data = browser_form_data(page.content.decode(), crlf=True)
    assert any("\r\n" in value for value in data.values())  # the browser's line breaks are there
    versions = Version.objects.count()
    with CaptureQueriesContext(connection) as queries:
        response = client.post(change_url(role), data)
    assert response.status_code == 302
    assert writes(queries.captured_queries) == []
    assert Version.objects.count() == versions
    role.refresh_from_db()
    assert role.updated_at == updated_at
    assert "Nothing was changed" in client.get(response["Location"]).content.decode()


def test_a_real_change_with_crlf_textareas_stores_only_that_change(editor, client):
    role = Role.objects.get(slug=TSS)
    page = client.get(change_url(role))
    data = browser_form_data(page.content.decode(), crlf=True)
    row = inline_row(data, "faqs", lambda r: r.get("question"))
    data[f"{row}-answer"] = "First line.\r\nSecond line."
    with CaptureQueriesContext(connection) as queries:
        assert client.post(change_url(role), data).status_code == 302
    updates = [q for q in writes(queries.captured_queries) if q.lstrip().upper().startswith("UPDATE")]
    tables = sorted({q.split('"')[1] if '"' in q else q.split()[1] for q in updates})
    assert tables == ["roles_faq", "roles_role"], tables  # the FAQ, and the role's updated_at
    faq = role.faqs.get(pk=data[f"{row}-id"])
    assert faq.answer == "First line.\nSecond line."
    # The role's first version (as loaded), then this change; they differ in that one answer.
    first, change = Version.objects.get_for_object(role).order_by("pk")
    assert "First recorded version" in first.revision.get_comment()
    history = client.get(reverse("admin:roles_role_compare", args=[role.pk]), {"a": first.pk, "b": change.pk})
    rows = BeautifulSoup(history.content, "html.parser").select(".version-compare tbody tr")
    assert len(rows) == 1, [r.get_text(" ", strip=True)[:80] for r in rows]  # only the FAQ (not updated_at)
    assert "Second line." in rows[0].get_text(" ")


def test_the_importer_reads_crlf_and_cr_documents_as_the_same_text():
    lf = (Path(__file__).parents[1] / "docs" / "guide_data_analyst.txt").read_text(encoding="utf-8")
    expected = parse_bytes(lf.encode(), "analyst.txt")
    for breaks in ("\r\n", "\r"):
        parsed = parse_bytes(lf.replace("\n", breaks).encode(), "analyst.txt")
        parsed.sha256 = expected.sha256
        assert parsed == expected, repr(breaks)
