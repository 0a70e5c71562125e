"""A fact a document no longer gives disappears, and a changed figure replaces the old one (#18): through the
admin's re-import form and through ``load_catalog``, on the target role's page and its API, with the page
cache warm beforehand (a page served from the cache must not keep the old fact)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from roles.models import DocumentFact, Role
from tests.roles.admin.editors_helpers import browser_form_data, change_url, make_editor, page_text
from tests.roles.publishing.facts_helpers import FACTS_DOCS, load_documents, load_facts_docs, soup, text_of

GUIDE = FACTS_DOCS / "guide_field_service_technician.txt"
OWN_GUIDE = "Complete Field Service Technician Career Guide"
SENIOR = "senior-field-service-technician"
LADDER_FACT = f"From the {OWN_GUIDE} (“Salary by Experience Level”): median $71,000, average $74,000, 5–9 years"
SENIOR_LEVEL = (
    "Senior Field Service Technician\n5-9 yearsTake the hardest repairs and train new technicians.\n"
    "Key Focus Areas\nOwn escalations. Mentor juniors.\n"
)
SENIOR_PAY = "Senior Field Service Technician | $71k USD | $74k USD |\n"


def guide_without_the_senior_level() -> str:
    text = GUIDE.read_text(encoding="utf-8")
    assert SENIOR_LEVEL in text and SENIOR_PAY in text
    return text.replace(SENIOR_LEVEL, "").replace(SENIOR_PAY, "")


def guide_with_a_new_senior_figure() -> str:
    text = GUIDE.read_text(encoding="utf-8")
    return text.replace(SENIOR_PAY, "Senior Field Service Technician | $73k USD | $76k USD |\n")


def senior_view(client) -> tuple[str, str, dict]:
    page = soup(client, f"/roles/{SENIOR}/")
    api = client.get(f"/api/roles/{SENIOR}/")
    assert api.status_code == 200
    data = api.json()
    data["from_other_documents"] = [f for f in data["from_other_documents"] if f["kind"] == "ladder_level"]
    return text_of(page.find(id="salary")), text_of(page.find(id="at-a-glance")), data


@pytest.fixture
def loaded(client, db, tmp_path):
    load_facts_docs(tmp_path)
    salary, glance, api = senior_view(client)  # and into the page cache
    assert LADDER_FACT in salary and "Median salary $71,000" in glance
    assert api["median_salary"]["amount"] == 71000 and len(api["from_other_documents"]) == 1
    return client


def reimport(client, text: str) -> list[str]:
    """An editor uploads the document again in the admin, reads the preview and confirms it; the preview's rows."""
    client.force_login(make_editor("editor"))
    file = SimpleUploadedFile(GUIDE.name, text.encode(), content_type="text/plain")
    preview = client.post(reverse("admin:roles_role_import"), {"document": file})
    assert preview.status_code == 200, page_text(preview)[:500]
    table = BeautifulSoup(preview.content, "html.parser").find(id="import-merge")
    rows = [" ".join(row.get_text(" ", strip=True).split()) for row in table.select("tbody tr")]
    data = browser_form_data(preview.content.decode(), containing="token", crlf=False)
    response = client.post(reverse("admin:roles_role_import"), {**data, "confirm": "1"})
    assert response.status_code == 302
    assert response["Location"] == change_url(Role.objects.get(slug="field-service-technician"))
    client.logout()
    return rows


def reload_catalog(tmp_path: Path, guide_text: str) -> None:
    """build_fixtures + load_catalog over the three documents, the guide changed."""
    changed = tmp_path / "changed"
    changed.mkdir()
    (changed / GUIDE.name).write_text(guide_text, encoding="utf-8")
    others = [p for p in sorted(FACTS_DOCS.glob("*.txt")) if p.name != GUIDE.name]
    load_documents(changed, changed / GUIDE.name, *others)


def assert_the_level_is_gone(client) -> None:
    salary, glance, api = senior_view(client)
    assert OWN_GUIDE not in salary and "$71,000" not in salary
    assert "No source document gives pay for this role." in salary
    assert "Median salary" not in glance and "$71,000" not in glance
    assert api["from_other_documents"] == [] and api["median_salary"] is None
    assert not DocumentFact.all_objects.filter(role__slug=SENIOR, kind="ladder_level").exists()
    # The guide's own page still has its ladder without the level, and its other facts are untouched.
    technician = text_of(soup(client, "/roles/field-service-technician/").find(id="salary"))
    assert "From the Senior Field Service Technician" in technician


def assert_the_new_figure(client) -> None:
    salary, glance, api = senior_view(client)
    new = f"From the {OWN_GUIDE} (“Salary by Experience Level”): median $73,000, average $76,000, 5–9 years"
    assert new in salary and "$71,000" not in salary
    assert "Median salary $73,000" in glance and "$71,000" not in glance
    assert api["median_salary"]["amount"] == 73000
    assert [(f["pay"]["median"], f["pay"]["average"]) for f in api["from_other_documents"]] == [(73000, 76000)]
    assert DocumentFact.all_objects.filter(role__slug=SENIOR, kind="ladder_level").count() == 1


def test_a_reimport_in_the_admin_removes_a_fact_the_document_no_longer_gives(loaded):
    dated = Role.objects.get(slug=SENIOR).updated_at
    rows = reimport(loaded, guide_without_the_senior_level())
    assert Role.objects.get(slug=SENIOR).updated_at > dated  # its page changed with the guide
    fact = "Senior Field Service Technician (A level of another role's career ladder)"
    assert any(fact in r and "No longer in the document: removed." in r for r in rows), rows
    assert_the_level_is_gone(loaded)


def test_a_reimport_in_the_admin_replaces_a_changed_figure(loaded):
    rows = reimport(loaded, guide_with_a_new_senior_figure())
    changed = [r for r in rows if "A level of another role's career ladder" in r and "The document changes it." in r]
    assert any("Median" in r and "71000" in r and "73000" in r for r in changed), rows
    assert_the_new_figure(loaded)


def test_load_catalog_removes_a_fact_the_fixture_no_longer_holds(loaded, tmp_path):
    dated = Role.objects.get(slug=SENIOR).updated_at
    reload_catalog(tmp_path, guide_without_the_senior_level())
    assert_the_level_is_gone(loaded)
    assert Role.objects.get(slug=SENIOR).updated_at > dated  # its page changed with the guide


def test_load_catalog_replaces_a_changed_figure(loaded, tmp_path):
    reload_catalog(tmp_path, guide_with_a_new_senior_figure())
    assert_the_new_figure(loaded)


def test_load_catalog_drops_the_fact_and_keeps_the_editors_changes(loaded, tmp_path):
    """The senior role has an editor's change (so the load merges it): the change stays, the fact goes."""
    senior = Role.objects.get(slug=SENIOR)
    loaded.force_login(make_editor("editor"))
    data = browser_form_data(loaded.get(change_url(senior)).content.decode())
    data["summary"] = "An editor's own summary."
    assert loaded.post(change_url(senior), data).status_code == 302
    loaded.logout()
    reload_catalog(tmp_path, guide_without_the_senior_level())
    assert_the_level_is_gone(loaded)
    assert "An editor's own summary." in text_of(soup(loaded, f"/roles/{SENIOR}/").find("main"))
