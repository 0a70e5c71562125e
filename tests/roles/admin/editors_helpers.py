"""Helpers for the editors' tests (test_editors_*.py): an editor's browser, as far as forms go."""

from __future__ import annotations

from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, User
from django.urls import reverse
from reversion.models import Version

TSS = "technical-support-specialist"
CSS = "customer-support-specialist"
SENIOR = "senior-technical-support-specialist"


def make_editor(name: str) -> User:
    user = User.objects.create_user(name, password="not-used", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def browser_form_data(html: str, form_id: str = "role_form", crlf: bool = True, containing: str = "") -> dict:
    """What a browser submits for the form (the one with ``form_id``, or the one holding a field named
    ``containing``); textareas with CR LF line breaks, as browsers send them."""
    soup = BeautifulSoup(html, "html.parser")
    if containing:
        form = soup.find(attrs={"name": containing}).find_parent("form")
    else:
        form = soup.find("form", id=form_id) if form_id else soup.find("form", method="post")
    data: dict = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.has_attr("disabled"):
            continue
        if field.name == "textarea":
            text = field.text
            text = text[1:] if text.startswith("\n") else text  # a browser drops the first newline
            data[name] = text.replace("\n", "\r\n") if crlf else text
        elif field.name == "select":
            options = field.find_all("option")
            chosen = [o for o in options if o.has_attr("selected")] or options[:1]
            data[name] = chosen[0].get("value", chosen[0].text) if chosen else ""
        else:
            kind = field.get("type", "text")
            if kind in ("submit", "button", "image", "file", "reset"):
                continue
            if kind in ("checkbox", "radio"):
                if field.has_attr("checked"):
                    data[name] = field.get("value", "on")
                continue
            data[name] = field.get("value", "")
    return data


def inline_row(data: dict, prefix: str, match) -> str:
    """The form prefix ("faqs-3") of the first inline row whose data satisfies ``match``."""
    for index in range(int(data[f"{prefix}-TOTAL_FORMS"])):
        row = {k.split("-", 2)[2]: v for k, v in data.items() if k.startswith(f"{prefix}-{index}-")}
        if match(row):
            return f"{prefix}-{index}"
    raise AssertionError(f"no {prefix} row matched")


def change_url(role) -> str:
    return reverse("admin:roles_role_change", args=[role.pk])


def error_texts(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    return " ".join(e.get_text(" ", strip=True) for e in soup.select(".errorlist, .errornote"))


def page_text(response) -> str:
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def latest_version(role) -> Version:
    return Version.objects.get_for_object(role).order_by("-pk").first()


def edit_role(client, role, change) -> Version:
    """Save the role's change form as the browser shows it, with ``change(data)`` applied; the new version."""
    data = browser_form_data(client.get(change_url(role)).content.decode())
    change(data)
    response = client.post(change_url(role), data)
    assert response.status_code == 302, page_text(response)[:2000]
    return latest_version(role)


def restore_version(client, role, version) -> None:
    """Restore ``version`` of the role through the admin's history: its preview, then its save."""
    url = reverse("admin:roles_role_revision", args=[role.pk, version.pk])
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, browser_form_data(page.content.decode()))
    assert response.status_code == 302, page_text(response)[:2000]
