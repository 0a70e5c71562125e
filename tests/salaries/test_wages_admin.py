"""Editors see and change a role's SOC code in the admin, with the occupation's official title beside it."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from roles.models import Role
from tests.salaries.wages_data import SAMPLE


@pytest.fixture
def editor_client(client, catalog):
    call_command("import_wages", str(SAMPLE), verbosity=0)
    client.force_login(User.objects.create_superuser("chief", password="not-used"))
    return client


def form_data(soup) -> dict:
    """What the browser would post for the role's change form as it stands."""
    data = {}
    for field in soup.find("form", id="role_form").find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name:
            continue
        if field.name == "textarea":
            data[name] = field.text[1:] if field.text.startswith("\n") else field.text
        elif field.name == "select":
            chosen = field.find("option", selected=True) or field.find("option")
            data[name] = chosen.get("value", "") if chosen else ""
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.get("type") not in ("submit", "button", "file"):
            data[name] = field.get("value", "")
    return data


def test_the_change_page_shows_the_code_and_its_official_title(editor_client):
    role = Role.objects.get(slug="technical-support-specialist")
    url = reverse("admin:roles_role_change", args=[role.pk])
    soup = BeautifulSoup(editor_client.get(url).content, "html.parser")
    assert soup.find("input", {"name": "soc_code"})["value"] == "15-1232"
    assert "Computer User Support Specialists" in soup.select_one(".field-official_occupation").get_text()


def test_an_editor_changes_the_code_and_a_malformed_one_is_refused(editor_client):
    role = Role.objects.get(slug="technical-support-specialist")
    url = reverse("admin:roles_role_change", args=[role.pk])
    data = form_data(BeautifulSoup(editor_client.get(url).content, "html.parser"))
    response = editor_client.post(url, {**data, "soc_code": "151232"})
    assert response.status_code == 200
    errors = BeautifulSoup(response.content, "html.parser").select_one(".field-soc_code .errorlist")
    assert errors is not None and 'A SOC code looks like "15-1232".' in errors.get_text()
    response = editor_client.post(url, {**data, "soc_code": "29-1215"})
    assert response.status_code == 302
    assert Role.objects.get(pk=role.pk).soc_code == "29-1215"
    soup = BeautifulSoup(editor_client.get(url).content, "html.parser")
    assert "Family Medicine Physicians" in soup.select_one(".field-official_occupation").get_text()
