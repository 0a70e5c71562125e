"""The career map on /career-paths/: every role and level, links that resolve, and new documents extend it."""

import re
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.template import Context, Template

from roles.models import CareerLevel, CareerMove, Role

DOCS = Path(__file__).parent.parent / "docs"


def map_html(client) -> str:
    response = client.get("/career-paths/")
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('id="career-map"')
    return html[start : html.index("</section>", start)]


def svg_of(html: str) -> str:
    return html[html.index("<svg") : html.index("</svg>")]


def node_titles(svg: str) -> set[str]:
    found = re.findall(r'<a href="[^"]*" class="map-node[^>]*>\s*<title>([^<]+)', svg)
    return {unescape(t).split(" — ")[0] for t in found}


@pytest.mark.django_db
def test_every_role_and_level_is_a_node_and_in_the_list(client, catalog):
    html = map_html(client)
    titles = node_titles(svg_of(html))
    expected = set(Role.objects.values_list("title", flat=True)) | set(
        CareerLevel.objects.values_list("title", flat=True)
    )
    assert expected <= titles
    # Levels and roles of the same title are one node: the senior role is also level 3 of the ladder.
    assert len([t for t in titles if t == "Senior Technical Support Specialist"]) == 1
    listed = html[html.index('id="career-map-list"') :]
    for title in expected:
        assert f">{title}</a>" in unescape(listed), title


@pytest.mark.django_db
def test_moves_from_the_documents_are_edges_with_their_sentence(client, catalog):
    svg = unescape(svg_of(map_html(client)))
    for move in CareerMove.objects.all():
        assert f"{move.to_title}" in svg
    assert "Senior Technical Support Specialist → Site Reliability Engineer: into engineering" in svg
    assert "Customer Support Specialist → Customer Success Manager: lateral move" in svg
    # "from customer support through technical support": the middle step is the Technical Support Specialist node.
    assert "Customer Support Specialist → Technical Support Specialist: promotion" in svg
    assert "Technical Support Specialist → Senior Technical Support Specialist: next on the ladder" in svg
    # A group, not an image: the map holds links, and an image may not contain interactive controls.
    assert svg.count('role="group"') == 1 and 'aria-labelledby="career-map-title career-map-desc"' in svg
    assert 'role="img"' not in svg


@pytest.mark.django_db
def test_every_link_on_the_map_resolves(client, catalog):
    html = map_html(client)
    hrefs = set(re.findall(r'href="([^"]+)"', html))
    assert len(hrefs) >= 3
    for href in hrefs:
        if href.startswith("/static/"):
            continue
        path, _, anchor = href.partition("#")
        response = client.get(path)
        assert response.status_code == 200, href
        if anchor:
            assert f'id="{anchor}"' in response.content.decode(), href


@pytest.mark.django_db
def test_map_costs_a_fixed_number_of_queries(catalog, django_assert_num_queries):
    with django_assert_num_queries(4):
        html = Template("{% load careermap %}{% career_map %}").render(Context())
    assert "Technical Support Lead" in html


@pytest.mark.django_db
def test_a_newly_imported_document_adds_its_nodes(client, catalog, tmp_path):
    before = node_titles(svg_of(map_html(client)))
    assert "Data Analyst" not in before
    out = tmp_path / "with-new-docs.json"
    call_command(
        "build_fixtures",
        str(settings.SOURCES_DIR),
        *[str(p) for p in sorted(DOCS.glob("*.txt"))],
        output=str(out),
        verbosity=0,
    )
    call_command("loaddata", str(out), verbosity=0)
    svg = unescape(svg_of(map_html(client)))
    after = node_titles(svg)
    # The shipped guide's move 'toward network engineering' now leads to the new Network Engineer role's box,
    # which keeps that wording.
    assert before - {"Network engineering"} <= after and "Network engineering" not in after
    assert "Network Engineer — Role guide; written “Network Engineer” and “Network engineering”" in svg
    # The new guide's role, its ladder, and the moves its prose describes.
    assert {"Data Analyst", "Junior Data Analyst", "Analytics Manager", "Analytics engineering"} <= after
    assert {"Network Engineer", "Senior UX Designer"} <= after


@pytest.mark.django_db
def test_a_field_and_its_practitioner_are_one_box_keeping_each_wording(client, catalog):
    """One guide says moves lead 'toward solutions engineering', another sentence 'Solutions engineer' roles: the same
    destination written two ways is one box (the practitioner's title), whose description keeps both wordings."""
    targets = set(CareerMove.objects.values_list("to_title", flat=True))
    assert {"Solutions engineering", "Solutions engineer"} <= targets  # the documents write it both ways
    html = map_html(client)
    svg = svg_of(html)
    titles = node_titles(svg)
    assert "Solutions engineer" in titles and "Solutions engineering" not in titles
    box = re.search(r"<title>Solutions engineer — ([^<]+)</title>", svg).group(1)
    assert "written “Solutions engineer” and “Solutions engineering”" in unescape(box)
    # Distinct things stay apart: a role and its ladder levels are not merged with one another.
    assert len(titles) == len({t.lower() for t in titles})


@pytest.mark.django_db
def test_the_map_title_counts_in_good_english(client, catalog, settings):
    settings.PAGE_CACHE_ENABLED = False
    from roles.models import RelatedRole

    Role.objects.exclude(slug="customer-support-specialist").update(is_published=False)
    css = Role.objects.get(slug="customer-support-specialist")
    RelatedRole.objects.filter(role=css).delete()
    CareerLevel.objects.filter(role=css).delete()
    keep = CareerMove.objects.filter(role=css, from_role=css).order_by("pk").first()
    CareerMove.objects.filter(role=css).exclude(pk=keep.pk).delete()
    assert "Career map: 2 roles and levels, 1 link between them" in map_html(client)
    keep.delete()
    assert "Career map: 1 role or level, 0 links between them" in map_html(client)
