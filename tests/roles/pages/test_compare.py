"""/compare/: content side by side, shared and only-one skills, bad and too many slugs, bounded queries."""

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roles.models import Role, Skill

TSS = "technical-support-specialist"
SENIOR = "senior-technical-support-specialist"
CSS = "customer-support-specialist"


def page(client, query: str, status: int = 200) -> str:
    response = client.get(f"/compare/?roles={query}")
    assert response.status_code == status
    return unescape(response.content.decode())


@pytest.mark.django_db
def test_two_roles_side_by_side(client, catalog):
    html = page(client, f"{TSS},{SENIOR}")
    tss, senior = Role.objects.get(slug=TSS), Role.objects.get(slug=SENIOR)
    assert '<h1 class="mb-2">Compare Technical Support Specialist and Senior Technical Support Specialist</h1>' in html
    for role in (tss, senior):
        assert role.experience_label in html
        assert role.typical_education in html
        for duty in role.duties.all():
            assert duty.text in html
    assert "$59,660" in html  # the TSS median
    # With the date its source gives (#18), as on the role page: "May 2023".
    assert "U.S. Bureau of Labor Statistics, May 2023" in html
    # Where each sits: the senior role is level 3 of the TSS ladder, with that level's pay on the one chart.
    assert "Level 3 of 6 on the Technical Support Specialist ladder" in html
    assert "Level 2 of 6 on its own ladder" in html
    assert html.count('role="img"') == 1 and "Salary of the compared roles and their levels" in html
    assert "Director of Technical Support" in html
    # Where each leads, from the moves in the documents.
    assert "Site Reliability Engineer" in html and "Quality Assurance" in html


@pytest.mark.django_db
def test_shared_and_only_one_skills_match_names_loosely(client, catalog):
    css = Role.objects.get(slug=CSS)
    # Written differently from the TSS guide's "Problem-Solving" and "Active Listening".
    Skill.objects.create(role=css, name="problem solving (under pressure)", kind="soft", order=99)
    Skill.objects.create(role=css, name="ACTIVE LISTENING", kind="soft", order=100)
    html = page(client, f"{TSS},{CSS}")
    shared = html[html.index('id="shared-skills"') : html.index("</ul>", html.index('id="shared-skills"'))]
    assert "Problem-Solving" in shared and "Active Listening" in shared
    only_tss = html[html.index(f'data-only-skills="{TSS}"') :]
    only_tss = only_tss[: only_tss.index("</td>")]
    assert "Hardware Diagnostics and Repair" in only_tss
    assert "Problem-Solving" not in only_tss
    only_css = html[html.index(f'data-only-skills="{CSS}"') :]
    only_css = only_css[: only_css.index("</td>")]
    assert "Ticketing platforms" in only_css and "ACTIVE LISTENING" not in only_css
    # A certification both list is shared too.
    assert "ITIL 4 Foundation" in page(client, f"{TSS},{SENIOR}").split('id="shared-certifications"')[1][:400]


@pytest.mark.django_db
def test_three_roles_and_skills_shared_by_some(client, catalog):
    Skill.objects.create(role=Role.objects.get(slug=SENIOR), name="Time management", order=99)
    html = page(client, f"{TSS},{SENIOR},{CSS}")
    assert "Customer Support Specialist" in html
    shared = re.sub(r"<[^>]+>", "", html.split('id="shared-skills"')[1].split("</ul>")[0])
    assert "Time Management (Technical Support Specialist, Senior Technical Support Specialist)" in shared


@pytest.mark.django_db
def test_unknown_and_repeated_slugs_are_reported(client, catalog):
    html = page(client, f"{TSS},{TSS},no-such-role,{SENIOR}")
    assert f"“{TSS}” was listed more than once" in html
    assert "There is no role “no-such-role” in the guide." in html
    assert "Compare Technical Support Specialist and Senior Technical Support Specialist" in html


@pytest.mark.django_db
def test_nothing_valid_is_a_400_with_a_message(client, catalog):
    html = page(client, "no-such-role,another-one", status=400)
    assert "There is no role “no-such-role” in the guide." in html
    assert 'id="compare-role-1"' in html  # the picker is there to try again


@pytest.mark.django_db
def test_more_than_three_is_refused(client, catalog):
    html = page(client, f"{TSS},{SENIOR},{CSS},data-analyst", status=400)
    assert "You asked to compare 4 roles; at most 3 fit side by side." in html
    assert "Skills only this role lists" not in html


@pytest.mark.django_db
def test_one_role_or_none_shows_the_picker(client, catalog):
    html = page(client, TSS)
    assert "Pick a role to compare with Technical Support Specialist" in html
    assert f'<option value="{TSS}" selected>' in html
    assert client.get("/compare/").status_code == 200


@pytest.mark.django_db
def test_every_role_page_links_to_compare(client, catalog):
    for role in Role.objects.all():
        html = client.get(role.get_absolute_url()).content.decode()
        assert f'href="/compare/?roles={role.slug}"' in html


# The role page's loader for the compared roles (Role.objects.for_page(): one query per relation, one for the
# ladders, one for the sections and the ten short content lists, the facts from other documents (#18) included,
# one for the rows' source documents) and a few more; the same for two roles as for three.
COMPARE_QUERIES = 11


@pytest.mark.django_db
def test_query_count_is_bounded_and_does_not_grow_with_roles(client, catalog):
    counts = []
    for query in (f"{TSS},{SENIOR}", f"{TSS},{SENIOR},{CSS}"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/compare/?roles={query}").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= COMPARE_QUERIES, counts


@pytest.mark.django_db
def test_search_results_link_to_compare(client, catalog):
    html = client.get("/search/?q=support").content.decode()
    assert f'href="/compare/?roles={TSS}"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("junk", ["a\x00b", "<script>alert(1)</script>", "' OR 1=1 --", "é" * 300])
def test_text_that_cannot_be_a_role_address_is_reported_without_touching_the_database(client, catalog, junk):
    response = client.get("/compare/", {"roles": f"{TSS},{junk}"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "is not the address of a role in the guide" in html
    assert "<script>alert(1)</script>" not in html


@pytest.mark.django_db
def test_a_typed_title_is_compared_like_its_address(client, catalog):
    html = page(client, "Technical Support Specialist,customer support specialist")
    assert "<h1" in html and "Compare Technical Support Specialist and Customer Support Specialist" in html


@pytest.mark.django_db
def test_with_a_large_catalog_the_picker_is_a_title_box_not_a_list_of_every_role(
    client, catalog, django_assert_max_num_queries, monkeypatch, settings
):
    from roles.pages import compare as compare_views

    settings.PAGE_CACHE_ENABLED = False  # the same address must be rendered again after the limit changes
    small = page(client, f"{TSS},{CSS}")
    assert 'name="roles"' in small and "<select" in small  # a short catalog: choose from the list
    monkeypatch.setattr(compare_views, "PICKER_LIST_LIMIT", 2)  # the shipped catalog now counts as large
    with django_assert_max_num_queries(COMPARE_QUERIES):
        html = client.get(f"/compare/?roles={TSS},{CSS}").content.decode()
    assert "<select" not in html
    boxes = re.findall(r'<input class="form-control" type="text" id="compare-role-\d" name="roles"[^>]*>', html)
    assert len(boxes) == 3
    assert 'value="Technical Support Specialist"' in boxes[0] and 'value="Customer Support Specialist"' in boxes[1]
    assert 'value=""' in boxes[2]
    # Suggestions: the compared roles' ladder levels and related roles, not the catalog.
    options = re.findall(r'<option value="([^"]+)"></option>', html)
    assert "Senior Technical Support Specialist" in [unescape(o) for o in options]
    assert len(options) <= compare_views.PICKER_SUGGESTIONS
    # What the box sends back (titles) compares the same roles.
    again = page(client, "Technical Support Specialist&roles=Customer Support Specialist")
    assert "Compare Technical Support Specialist and Customer Support Specialist" in again


def test_a_median_says_once_what_it_is_and_where_it_comes_from(client, catalog):
    """'Technical Support Specialist (median): median $59,660' said 'median' twice and not whose: the pay list says
    'Median: $59,660 (U.S. Bureau of Labor Statistics, May 2023)', as the role's card labels it, and the chart's
    description names the role once with the figure's kind once."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(client.get(f"/compare/?roles={TSS},{CSS}").content, "html.parser")
    pay_row = next(tr for tr in soup.find_all("tr") if tr.th and tr.th.get_text(strip=True) == "Pay by level")
    tss_cell = pay_row.find_all("td")[0]
    items = [" ".join(li.get_text(" ").split()) for li in tss_cell.find_all("li")]
    assert "Median: $59,660 (U.S. Bureau of Labor Statistics, May 2023)" in items
    text = " ".join(soup.get_text(" ").split())
    assert "(median): median" not in text and "(median)" not in text
    assert "Technical Support Specialist: median $59,660" in text  # the chart's description
