"""Renaming a role's address in the admin keeps every old link working (301 to the current one)."""

from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, User
from django.urls import reverse

from roles.models import Role

TSS = "technical-support-specialist"


def rename_in_admin(client, role: Role, new_slug: str) -> None:
    """Change the slug through the admin's own form, posting what the browser would."""
    url = reverse("admin:roles_role_change", args=[role.pk])
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    form = soup.find("form", id="role_form")
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
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
    data["slug"] = new_slug
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_renaming_twice_keeps_all_old_addresses_working(catalog, client):
    editor = User.objects.create_user("editor", password="not-used", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    role = Role.objects.get(slug=TSS)
    page = client.get(f"/roles/{TSS}/")
    assert page.status_code == 200
    anchors = [s.anchor for s in role.sections.all()]
    section = "faq" if "faq" in anchors else anchors[-1]
    assert f'id="{section}"' in page.content.decode()

    rename_in_admin(client, role, "it-support-specialist")
    rename_in_admin(client, Role.objects.get(pk=role.pk), "tech-support-specialist")
    client.logout()  # what a visitor following an old link gets

    for old in (TSS, "it-support-specialist"):
        response = client.get(f"/roles/{old}/")
        assert response.status_code == 301, old
        assert response["Location"] == "/roles/tech-support-specialist/"

        response = client.get(f"/roles/{old}/job-description/")
        assert response.status_code == 301, old
        assert response["Location"] == "/roles/tech-support-specialist/job-description/"

        # A section link /roles/<old>/#<section>: the browser keeps the fragment and sends the
        # path only, so it lands on the new page, which still has the section's anchor.
        response = client.get(f"/roles/{old}/", follow=True)
        assert response.redirect_chain == [("/roles/tech-support-specialist/", 301)]
        assert f'id="{section}"' in response.content.decode()

    # A query string (a shared link with tracking) survives the redirect.
    response = client.get(f"/roles/{TSS}/", {"utm_source": "mail"})
    assert response.status_code == 301
    assert response["Location"] == "/roles/tech-support-specialist/?utm_source=mail"

    assert client.get("/roles/tech-support-specialist/").status_code == 200
    assert client.get("/roles/no-such-role/").status_code == 404


def test_renaming_back_to_an_old_address_redirects_the_newer_one(catalog, client):
    editor = User.objects.create_user("editor", password="not-used", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    role = Role.objects.get(slug=TSS)
    rename_in_admin(client, role, "it-support-specialist")
    rename_in_admin(client, Role.objects.get(pk=role.pk), TSS)
    client.logout()
    assert client.get(f"/roles/{TSS}/").status_code == 200
    response = client.get("/roles/it-support-specialist/")
    assert response.status_code == 301
    assert response["Location"] == f"/roles/{TSS}/"
