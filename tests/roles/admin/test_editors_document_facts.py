"""Editors see the facts other documents give about a role, each naming the document it is recomputed from,
hide a wrong one (and it stays hidden through re-imports and catalog loads, versioned), and correct the
qualifiers written after a fact's label, with form errors for what cannot be read (#18)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from reversion.models import Version

from roles.models import DocumentFact, Role
from tests.roles.admin.editors_helpers import (
    SENIOR,
    browser_form_data,
    change_url,
    edit_role,
    error_texts,
    inline_row,
    latest_version,
    make_editor,
    restore_version,
)
from tests.roles.publishing.facts_helpers import soup, text_of
from tests.roles.publishing.test_facts_stale import (
    GUIDE as OWN_GUIDE_FILE,
)
from tests.roles.publishing.test_facts_stale import (
    guide_with_a_new_senior_figure,
    guide_without_the_senior_level,
    reimport,
    reload_catalog,
)

GUIDE = "Complete Technical Support Specialist Career Guide"


@pytest.fixture
def editor(catalog, client):
    client.force_login(make_editor("editor"))
    return client


def hide_the_ladder_fact(client, role: Role, hidden: bool = True) -> None:
    data = browser_form_data(client.get(change_url(role)).content.decode())
    row = inline_row(data, "document_facts", lambda r: True)
    if hidden:
        data[f"{row}-hidden"] = "on"
    else:
        data.pop(f"{row}-hidden", None)
    response = client.post(change_url(role), data)
    assert response.status_code == 302, error_texts(response.content.decode())


def test_the_change_page_shows_each_fact_read_only_with_the_document_it_is_recomputed_from(editor):
    role = Role.objects.get(slug=SENIOR)
    page = BeautifulSoup(editor.get(change_url(role)).content, "html.parser")
    group = page.find(id="document_facts-group")
    text = text_of(group)
    assert "recomputed from the document on every import" in text
    assert "A level of another role's career ladder “Senior Technical Support Specialist”" in text
    assert "median 80,000 USD, average 85,000 USD, 4–7 years" in text
    assert f"{GUIDE} (“Salary by Experience Level”), on every import of that document." in text
    # Only "hidden" is a field: the figures are the document's.
    names = {f["name"].split("-", 2)[-1] for f in group.select("input, select, textarea") if f.get("name")}
    assert {"hidden", "id", "role"} >= names - {"TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"}
    assert "hidden" in names


def test_hiding_a_wrong_fact_takes_it_off_the_pages_and_it_is_versioned(editor):
    role = Role.objects.get(slug=SENIOR)
    before = text_of(soup(editor, role.get_absolute_url()).find(id="salary"))  # cached
    assert f"From the {GUIDE}" in before
    hide_the_ladder_fact(editor, role)
    page = soup(editor, role.get_absolute_url())
    assert f"From the {GUIDE}" not in text_of(page.find(id="salary"))
    assert "$80,000" not in text_of(page.find("main"))  # nor as the headline median it gave
    api = editor.get(f"/api/roles/{SENIOR}/").json()
    assert api["median_salary"] is None and not [f for f in api["from_other_documents"] if f["kind"] == "ladder_level"]
    fact = DocumentFact.all_objects.get(role=role, kind="ladder_level")
    assert Version.objects.get_for_object(fact).order_by("-pk").first().field_dict["hidden"] is True
    # Shown again: the fact and its median are back.
    hide_the_ladder_fact(editor, role, hidden=False)
    assert "Median salary $80,000" in text_of(soup(editor, role.get_absolute_url()).find(id="at-a-glance"))


def test_a_hidden_fact_stays_hidden_through_a_reimport_and_a_catalog_load(client, db, tmp_path):
    from tests.roles.publishing.facts_helpers import load_facts_docs

    load_facts_docs(tmp_path / "first")
    client.force_login(make_editor("hider"))
    senior = Role.objects.get(slug="senior-field-service-technician")
    hide_the_ladder_fact(client, senior)
    client.logout()
    reimport(client, guide_with_a_new_senior_figure())  # the document's figure changes: still hidden
    fact = DocumentFact.all_objects.get(role=senior, kind="ladder_level")
    assert fact.hidden and fact.median == 73000
    salary = text_of(soup(client, senior.get_absolute_url()).find(id="salary"))
    assert "$73,000" not in salary and "$71,000" not in salary
    reload_catalog(tmp_path, OWN_GUIDE_FILE.read_text(encoding="utf-8"))
    fact = DocumentFact.all_objects.get(role=senior, kind="ladder_level")
    assert fact.hidden and fact.median == 71000
    assert "$71,000" not in text_of(soup(client, senior.get_absolute_url()).find("main"))


def test_fact_qualifiers_are_edited_on_the_role_form(editor):
    role = Role.objects.exclude(fact_qualifiers={}).first()
    data = browser_form_data(editor.get(change_url(role)).content.decode())
    assert data["fact_qualifiers"] == "AI impact: through 2030"
    data["fact_qualifiers"] = "AI impact: through 2030\r\nTypical education: or equivalent experience"
    assert editor.post(change_url(role), data).status_code == 302
    role.refresh_from_db()
    assert role.fact_qualifiers == {"ai_impact": "through 2030", "typical_education": "or equivalent experience"}
    glance = text_of(soup(editor, role.get_absolute_url()).find(id="at-a-glance"))
    assert "Typical education (or equivalent experience)" in glance
    assert Version.objects.get_for_object(role).order_by("-pk").first().field_dict["fact_qualifiers"] == {
        "ai_impact": "through 2030",
        "typical_education": "or equivalent experience",
    }


@pytest.mark.parametrize(
    "bad, message",
    [
        ("Salary: whatever", "is not one of the facts"),
        ("AI impact through 2030", 'write "Fact: qualifier"'),
        ("AI impact: a\r\nai impact: b", "has a qualifier already"),
        ("AI impact: " + "x" * 201, "at most 200 characters"),
        ("AI impact:", 'write "Fact: qualifier"'),
    ],
)
def test_unreadable_fact_qualifiers_are_a_form_error(editor, bad, message):
    role = Role.objects.exclude(fact_qualifiers={}).first()
    data = browser_form_data(editor.get(change_url(role)).content.decode())
    data["fact_qualifiers"] = bad
    response = editor.post(change_url(role), data)
    assert response.status_code == 200
    assert message in error_texts(response.content.decode())
    role.refresh_from_db()
    assert role.fact_qualifiers == {"ai_impact": "through 2030"}


def test_a_headline_median_an_editor_emptied_stays_empty_through_a_reimport_and_a_catalog_load(client, db, tmp_path):
    from tests.roles.publishing.facts_helpers import load_facts_docs

    load_facts_docs(tmp_path / "first")
    senior = Role.objects.get(slug="senior-field-service-technician")
    assert senior.median_salary == 71000  # the guide's ladder gave it
    client.force_login(make_editor("emptier"))
    data = browser_form_data(client.get(change_url(senior)).content.decode())
    assert data["median_salary"] == "71000"
    data["median_salary"] = ""
    response = client.post(change_url(senior), data)
    assert response.status_code == 302, error_texts(response.content.decode())
    client.logout()

    reimport(client, guide_with_a_new_senior_figure())  # the document's figure changes: the fact follows it
    assert DocumentFact.objects.get(role=senior, kind="ladder_level").median == 73000
    senior.refresh_from_db()
    assert senior.median_salary is None
    glance = text_of(soup(client, senior.get_absolute_url()).find(id="at-a-glance"))
    assert "Median salary" not in glance and "$73,000" not in glance
    reload_catalog(tmp_path, OWN_GUIDE_FILE.read_text(encoding="utf-8"))
    senior.refresh_from_db()
    assert DocumentFact.objects.get(role=senior, kind="ladder_level").median == 71000
    assert senior.median_salary is None


def test_a_headline_median_no_editor_touched_follows_the_document(client, db, tmp_path):
    from tests.roles.publishing.facts_helpers import load_facts_docs

    load_facts_docs(tmp_path / "first")
    senior = Role.objects.get(slug="senior-field-service-technician")
    client.force_login(make_editor("retitler"))  # an edit of something else: the median is still the guide's
    data = browser_form_data(client.get(change_url(senior)).content.decode())
    data["summary"] = "An editor's summary."
    assert client.post(change_url(senior), data).status_code == 302
    client.logout()
    reimport(client, guide_with_a_new_senior_figure())
    senior.refresh_from_db()
    assert (senior.median_salary, senior.summary) == (73000, "An editor's summary.")


@pytest.mark.parametrize("hidden", [False, True], ids=["shown", "hidden"])
def test_a_restored_version_shows_the_facts_the_documents_give_now(client, db, tmp_path, hidden):
    from tests.roles.publishing.facts_helpers import load_facts_docs

    load_facts_docs(tmp_path / "first")
    senior = Role.objects.get(slug="senior-field-service-technician")
    restorer = make_editor("restorer")
    client.force_login(restorer)

    def summary_and_fact(data):
        data["summary"] = "An editor's summary."
        if hidden:
            data[inline_row(data, "document_facts", lambda r: True) + "-hidden"] = "on"

    then = edit_role(client, senior, summary_and_fact)
    edit_role(client, senior, lambda data: data.update(summary="A later summary."))
    if hidden:
        hide_the_ladder_fact(client, senior, hidden=False)
    reimport(client, guide_with_a_new_senior_figure())  # the guide's figure for the level: 71,000 → 73,000

    client.force_login(restorer)
    restore_version(client, senior, then)
    senior.refresh_from_db()
    assert senior.summary == "An editor's summary."
    fact = DocumentFact.all_objects.get(role=senior, kind="ladder_level")
    assert (fact.median, fact.hidden) == (73000, hidden)  # the document's figure; the version's choice to hide it
    page = soup(client, senior.get_absolute_url())
    salary, glance = text_of(page.find(id="salary")), text_of(page.find(id="at-a-glance"))
    assert "$71,000" not in salary and "$71,000" not in glance
    if hidden:
        assert "$73,000" not in salary and "Median salary" not in glance and senior.median_salary is None
    else:
        assert "median $73,000" in salary and "Median salary $73,000" in glance and senior.median_salary == 73000
    # The restore's own version holds the facts as they are now.
    restored = latest_version(senior)
    facts = [v.field_dict for v in restored.revision.version_set.all() if v._model is DocumentFact]
    assert [(f["median"], f["hidden"]) for f in facts if f["kind"] == "ladder_level"] == [(73000, hidden)]


def test_a_restored_version_does_not_bring_back_a_fact_the_documents_dropped(client, db, tmp_path):
    from tests.roles.publishing.facts_helpers import load_facts_docs

    load_facts_docs(tmp_path / "first")
    senior = Role.objects.get(slug="senior-field-service-technician")
    client.force_login(make_editor("restorer"))
    then = edit_role(client, senior, lambda data: data.update(summary="An editor's summary."))
    reimport(client, guide_without_the_senior_level())  # the guide no longer prices the level
    assert not DocumentFact.all_objects.filter(role=senior, kind="ladder_level").exists()

    client.force_login(make_editor("restorer-2"))
    restore_version(client, senior, then)
    senior.refresh_from_db()
    assert senior.summary == "An editor's summary."
    assert not DocumentFact.all_objects.filter(role=senior, kind="ladder_level").exists()
    assert senior.median_salary is None  # the version's median was the dropped fact's
    page = soup(client, senior.get_absolute_url())
    assert "$71,000" not in text_of(page.find("main"))
    assert "No source document gives pay for this role." in text_of(page.find(id="salary"))
