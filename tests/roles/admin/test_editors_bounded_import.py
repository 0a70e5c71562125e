"""Bounded imports: an upload too large or too long is refused with a form message (issue #16)."""

from __future__ import annotations

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from reversion.models import Version

from roles.admin import role as role_admin
from roles.models import FAQ, Role
from tests.roles.admin.editors_helpers import make_editor, page_text


@pytest.fixture
def editor(catalog, client):
    client.force_login(make_editor("editor"))


def counts():
    return Role.objects.count(), FAQ.objects.count(), Version.objects.count()


def upload(client, name: str, content: bytes):
    return client.post(reverse("admin:roles_role_import"), {"document": SimpleUploadedFile(name, content)})


def test_a_100000_line_document_is_refused_at_once_with_a_clear_message(editor, client):
    before = counts()
    lines = ["Data Wrangler Career Guide", "Key Facts & Statistics"] + [f"- Duty {i}" for i in range(100_000)]
    started = time.perf_counter()
    response = upload(client, "long.txt", "\n".join(lines).encode())
    elapsed = time.perf_counter() - started
    assert response.status_code == 200
    errors = page_text(response)
    assert "long.txt" in errors
    assert "100,002 lines" in errors and "at most 3,000" in errors
    assert "Nothing was saved" in page_text(response)
    assert elapsed < 2, elapsed
    assert counts() == before


def test_an_upload_over_5_mb_is_refused_before_it_is_read(editor, client, monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("an oversized upload was parsed")

    monkeypatch.setattr(role_admin, "parse_bytes", never)
    before = counts()
    response = upload(client, "huge.txt", b"x" * (5 * 1024 * 1024 + 1))
    assert response.status_code == 200
    errors = page_text(response)
    assert "huge.txt" in errors and "5,242,881 bytes" in errors and "5 MB" in errors
    assert counts() == before
