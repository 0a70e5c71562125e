"""A deploy's catalog load never overwrites an editor's change, and says what it kept (issue #16)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from roles.models import Duty, Role
from tests.roles.admin.editors_helpers import SENIOR, TSS, browser_form_data, change_url, make_editor


@pytest.fixture
def edited(catalog, client):
    client.force_login(make_editor("editor"))
    role = Role.objects.get(slug=TSS)
    data = browser_form_data(client.get(change_url(role)).content.decode())
    data["summary"] = "An editor's summary."
    assert client.post(change_url(role), data).status_code == 302
    return role


def load(*args) -> str:
    out = io.StringIO()
    call_command("load_catalog", *args, stdout=out)
    return out.getvalue()


def test_loading_the_same_catalog_again_keeps_the_editors_change_and_reports_it(edited):
    senior_summary = Role.objects.get(slug=SENIOR).summary
    report = load()
    edited.refresh_from_db()
    assert edited.summary == "An editor's summary."
    assert "kept 1 editor change(s), 0 conflict(s)" in report
    assert Role.objects.get(slug=SENIOR).summary == senior_summary  # roles nobody edited load as before


def test_a_changed_catalog_applies_its_changes_and_reports_conflicts(edited, tmp_path):
    records = json.loads((Path(settings.BASE_DIR) / "fixtures" / "careerguide.json").read_text(encoding="utf-8"))
    duty = edited.duties.order_by("order").first()
    for record in records:
        if record["model"] == "roles.role" and record["fields"]["key"] == str(edited.key):
            record["fields"]["summary"] = "The new build's summary."
        if record["model"] == "roles.duty" and record["fields"]["key"] == str(duty.key):
            record["fields"]["text"] = "The new build's duty."
    fixture = tmp_path / "newbuild.json"
    fixture.write_text(json.dumps(records), encoding="utf-8")
    report = load(str(fixture))
    edited.refresh_from_db()
    assert edited.summary == "An editor's summary."  # both changed it: the editor's value stays
    assert Duty.objects.get(pk=duty.pk).text == "The new build's duty."  # only the build changed it
    assert "1 conflict(s) left for an editor" in report
    assert "conflict: Technical Support Specialist: Role" in report and "Summary" in report
