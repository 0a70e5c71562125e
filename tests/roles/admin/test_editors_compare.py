"""An old compare link keeps working after a role's address was renamed in the admin (issue #16)."""

from __future__ import annotations

from roles.models import Role
from tests.roles.admin.editors_helpers import CSS, SENIOR, TSS, browser_form_data, change_url, make_editor, page_text


def test_an_old_compare_link_shows_the_renamed_role(catalog, client):
    client.force_login(make_editor("editor"))
    role = Role.objects.get(slug=TSS)
    data = browser_form_data(client.get(change_url(role)).content.decode())
    data["slug"] = "tech-support"
    assert client.post(change_url(role), data).status_code == 302
    client.logout()

    response = client.get(f"/compare/?roles={TSS},{SENIOR}")
    assert response.status_code == 301
    assert response["Location"] == f"/compare/?roles=tech-support,{SENIOR}"
    page = client.get(response["Location"])
    assert page.status_code == 200
    text = page_text(page)
    assert "Technical Support Specialist" in text and "Senior Technical Support Specialist" in text
    assert "There is no role" not in text

    # Unknown slugs next to an old one are still reported, on the page the old link leads to.
    response = client.get(f"/compare/?roles=no-such-role,{TSS},{CSS}")
    assert response.status_code == 301
    assert "There is no role “no-such-role”" in page_text(client.get(response["Location"]))
    # The old and the new address of one role are one role.
    assert client.get(f"/compare/?roles={TSS},tech-support")["Location"] == "/compare/?roles=tech-support"
