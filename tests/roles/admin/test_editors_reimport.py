"""Re-importing a document is a three-way merge with editors' changes (issue #16)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from roles.models import FAQ, Duty, Role, SourceDocument
from tests.roles.admin.editors_helpers import TSS, browser_form_data, change_url, inline_row, make_editor, page_text
from tests.roles.publishing.facts_helpers import LONG_AGO, soup, text_of


@pytest.fixture
def editor(catalog, client):
    client.force_login(make_editor("editor"))
    return client


def tss_source() -> Path:
    for path in sorted(Path(settings.SOURCES_DIR).glob("*.txt")):
        if "technical support specialist career guide" in path.read_text(encoding="utf-8")[:400].lower():
            return path
    raise AssertionError("no TSS source")


def upload(client, content: bytes):
    file = SimpleUploadedFile(tss_source().name, content, content_type="text/plain")
    response = client.post(reverse("admin:roles_role_import"), {"document": file})
    assert response.status_code == 200, page_text(response)[:500]
    return response


def confirm(client, preview, choices: dict | None = None):
    data = browser_form_data(preview.content.decode(), containing="token", crlf=False)
    data.update({"confirm": "1", **(choices or {})})
    response = client.post(reverse("admin:roles_role_import"), data)
    assert response["Location"] == change_url(Role.objects.get(key=Role.objects.get(slug=TSS).key))
    return response


def merge_rows(preview) -> list[str]:
    table = BeautifulSoup(preview.content, "html.parser").find(id="import-merge")
    return [" ".join(row.get_text(" ", strip=True).split()) for row in table.select("tbody tr")]


def edit_as_in_the_issue(client, role):
    """The summary, an FAQ answer, the Junior median (50,000 → 51,000), and a duty moved down."""
    data = browser_form_data(client.get(change_url(role)).content.decode())
    data["summary"] = "An editor's corrected summary."
    faq = inline_row(data, "faqs", lambda r: r.get("question"))
    data[f"{faq}-answer"] = "An editor's corrected answer."
    band = inline_row(data, "salary_bands", lambda r: r.get("label", "").startswith("Junior") and r.get("median"))
    assert data[f"{band}-median"] == "50000"
    data[f"{band}-median"] = "51000"
    duty = inline_row(data, "duties", lambda r: r.get("text"))
    data[f"{duty}-order"] = "99"
    assert client.post(change_url(role), data).status_code == 302
    return data[f"{faq}-id"], data[f"{duty}-id"]


def test_a_reimport_after_edits_keeps_them_and_says_so_in_the_preview(editor):
    role = Role.objects.get(slug=TSS)
    faq_id, duty_id = edit_as_in_the_issue(editor, role)
    preview = upload(editor, tss_source().read_bytes())
    rows = merge_rows(preview)
    kept = [r for r in rows if "An editor changed it: kept" in r]
    assert any("Summary" in r and "An editor's corrected summary." in r for r in kept), rows
    assert any("Answer" in r and "An editor's corrected answer." in r for r in kept), rows
    assert any("Median" in r and "51000" in r for r in kept), rows
    assert any("Order" in r and "99" in r for r in kept), rows
    assert not [r for r in rows if "Both changed it" in r]
    assert confirm(editor, preview).status_code == 302

    role.refresh_from_db()
    assert role.summary == "An editor's corrected summary."
    assert FAQ.objects.get(pk=faq_id).answer == "An editor's corrected answer."
    assert role.salary_bands.get(label__startswith="Junior", median__isnull=False).median == 51000
    assert Duty.objects.get(pk=duty_id).order == 99
    # The salary band is still the Junior level's pay on the page.
    assert "$51,000" in editor.get(role.get_absolute_url()).content.decode()


@pytest.mark.parametrize("choice", ["ours", "theirs"])
def test_a_reimport_conflict_is_settled_by_the_editors_choice(editor, choice):
    role = Role.objects.get(slug=TSS)
    faq_id, _ = edit_as_in_the_issue(editor, role)
    faq = FAQ.objects.get(pk=faq_id)
    # The document changes the answer the editor changed, and a duty the editor did not touch.
    text = tss_source().read_text(encoding="utf-8")
    first = Version.objects.get_for_object(role).order_by("pk").first()  # the role as loaded
    base_answer = next(
        v.field_dict["answer"] for v in first.revision.version_set.all() if v.object_id == faq_id and v._model is FAQ
    )
    other_duty = role.duties.exclude(order=99).first()
    assert base_answer in text and other_duty.text in text
    text = text.replace(base_answer, "The document's new answer.").replace(other_duty.text, "The document's new duty.")
    preview = upload(editor, text.encode())
    rows = merge_rows(preview)
    conflicts = [r for r in rows if "Both changed it" in r]
    assert len(conflicts) == 1 and "An editor's corrected" in conflicts[0]  # the word diff: theirs → the document's
    assert "The document's new answer." in conflicts[0]
    assert any("The document changes it" in r and "The document's new" in r for r in rows if r.startswith("Duties"))
    ident = BeautifulSoup(preview.content, "html.parser").find("input", attrs={"type": "radio", "value": choice})
    assert confirm(editor, preview, {ident["name"]: choice}).status_code == 302

    faq.refresh_from_db()
    expected = "An editor's corrected answer." if choice == "ours" else "The document's new answer."
    assert faq.answer == expected
    assert role.duties.filter(text__startswith="The document's new duty.").exists()
    role.refresh_from_db()
    assert role.summary == "An editor's corrected summary."  # not in conflict: kept either way


def role_header(role) -> str:
    return text_of(soup(Client(), role.get_absolute_url()).find("header", class_="role-header"))


def test_importing_the_same_document_again_keeps_the_day_it_was_first_imported(editor, settings):
    settings.PAGE_CACHE_ENABLED = False
    SourceDocument.objects.update(imported_at=LONG_AGO)
    role = Role.objects.get(slug=TSS)
    confirm(editor, upload(editor, tss_source().read_bytes()))

    assert SourceDocument.objects.get(file_name=tss_source().name).imported_at == LONG_AGO
    assert "imported 3 Feb 2020" in role_header(role)
    # The import's version holds the document as dated: restoring it cannot make the page undated.
    revision = Version.objects.get_for_object(role).order_by("-pk").first().revision
    document = next(v for v in revision.version_set.all() if v._model is SourceDocument)
    assert document.field_dict["imported_at"] == LONG_AGO


def test_importing_a_changed_document_dates_it_that_day(editor, settings):
    settings.PAGE_CACHE_ENABLED = False
    SourceDocument.objects.update(imported_at=LONG_AGO)
    role = Role.objects.get(slug=TSS)
    duty = role.duties.first()
    text = tss_source().read_text(encoding="utf-8")
    assert duty.text in text
    start = timezone.now()
    confirm(editor, upload(editor, text.replace(duty.text, "A duty the new version gives.").encode()))

    imported_at = SourceDocument.objects.get(file_name=tss_source().name).imported_at
    assert start <= imported_at <= timezone.now()
    assert f"imported {timezone.localtime(imported_at):%-d %b %Y}" in role_header(role)
    others = SourceDocument.objects.exclude(file_name=tss_source().name)
    assert set(others.values_list("imported_at", flat=True)) == {LONG_AGO}
