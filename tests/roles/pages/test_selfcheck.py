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
def test_skills_api_lists_every_role_with_its_skills(client, catalog, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = client.get("/api/skills/")
    assert response.status_code == 200
    assert "max-age" in response["Cache-Control"]
    roles = {r["slug"]: r for r in response.json()["roles"]}
    assert set(roles) == set(Role.objects.values_list("slug", flat=True))
    for role in Role.objects.all():
        items = roles[role.slug]["items"]
        assert [i["name"] for i in items if i["kind"] == "skill"] == [s.name for s in role.skills.all()]
        assert [i["name"] for i in items if i["kind"] == "certification"] == [c.name for c in role.certifications.all()]
        assert all(i["key"] == normalise_name(i["name"]) for i in items)
        assert roles[role.slug]["url"] == role.get_absolute_url()
