"""The skills self-check: the role page's checkboxes (ticking is tested in the browser tests) and /api/skills/."""

import re
from html import unescape

import pytest

from roles.models import Role
from roles.presenters.compare import normalise_name


@pytest.mark.django_db
@pytest.mark.parametrize(
    "slug", ["technical-support-specialist", "senior-technical-support-specialist", "customer-support-specialist"]
)
def test_every_skill_and_certification_is_a_labelled_checkbox(client, catalog, slug):
    role = Role.objects.get(slug=slug)
    html = unescape(client.get(role.get_absolute_url()).content.decode())
    section = html[html.index('id="selfcheck"') :]
    boxes = re.findall(
        r'<input class="form-check-input" type="checkbox" id="([^"]+)" name="have" value="([^"]*)"', section
    )
    labels = dict(re.findall(r'<label class="form-check-label" for="([^"]+)">([^<]+)', section))
    own = [box_id for box_id, _ in boxes if not box_id.startswith("sc-next-")]
    expected = [s.name for s in role.skills.all()] + [c.name for c in role.certifications.all()]
    assert [labels[box_id].strip() for box_id in own] == expected
    assert 'src="/static/js/selfcheck.js"' in html
    assert "<script>" not in section


@pytest.mark.django_db
def test_next_level_up_that_is_a_role_adds_its_missing_items(client, catalog):
    html = unescape(client.get("/roles/technical-support-specialist/").content.decode())
    assert "Also asked of a Senior Technical Support Specialist (next level up)" in html
    assert re.search(r'id="sc-next-\d+" name="have" value="windows server and linux administration"', html)
    # ITIL 4 Foundation is on both lists, so the next level does not ask for it twice.
    assert not re.search(r'id="sc-next-\d+" name="have" value="itil 4 foundation"', html)


@pytest.mark.django_db
def test_next_level_without_a_page_is_named_without_a_list(client, catalog):
    html = client.get("/roles/senior-technical-support-specialist/").content.decode()
    assert "The next level up, Technical Support Lead, has no guide of its own yet" in html
    assert 'id="sc-next-' not in html


@pytest.mark.django_db
def test_skills_api_lists_the_role_and_the_roles_it_compares_with(client, catalog, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get("/api/skills/?role=technical-support-specialist")
    assert response.status_code == 200
    assert "max-age" in response["Cache-Control"]
    listed = response.json()["roles"]
    assert listed[0]["slug"] == "technical-support-specialist"
    # Its next level up, which the self-check names, is among them.
    assert "senior-technical-support-specialist" in [r["slug"] for r in listed]
    roles = {r["slug"]: r for r in listed}
    for role in Role.objects.filter(slug__in=roles):
        items = roles[role.slug]["items"]
        assert [i["name"] for i in items if i["kind"] == "skill"] == [s.name for s in role.skills.all()]
        assert [i["name"] for i in items if i["kind"] == "certification"] == [c.name for c in role.certifications.all()]
        assert all(i["key"] == normalise_name(i["name"]) for i in items)
        assert roles[role.slug]["url"] == role.get_absolute_url()


@pytest.mark.django_db
def test_skills_api_refuses_without_a_known_role(client, catalog):
    assert client.get("/api/skills/").status_code == 400
    assert client.get("/api/skills/?role=no-such-role").status_code == 404
    assert client.get("/api/skills/?role=%3Cscript%3E").status_code == 404


@pytest.mark.django_db
def test_the_role_page_asks_for_its_own_lists(client, catalog):
    html = client.get("/roles/technical-support-specialist/").content.decode()
    assert 'data-api="/api/skills/?role=technical-support-specialist"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("size", [30, 240])
def test_skills_api_stays_small_and_cheap_whatever_the_catalog_size(
    client, catalog, size, django_assert_max_num_queries
):
    from django.core.management import call_command

    call_command("generate_catalog", roles=size, seed=11, verbosity=0)
    generated = Role.objects.filter(source__file_name="generated-catalog.txt").order_by("pk")
    for role in (generated[2], generated[size - 4]):
        with django_assert_max_num_queries(8):
            response = client.get(f"/api/skills/?role={role.slug}")
        assert response.status_code == 200
        assert len(response.content) < 50 * 1024, len(response.content)
        listed = response.json()["roles"]
        assert 2 <= len(listed) <= 13
        assert listed[0]["slug"] == role.slug
