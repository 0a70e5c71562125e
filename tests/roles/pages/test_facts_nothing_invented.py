"""Nothing invented (#18): no date, figure or rounding that no document gives; the source's qualifiers kept.

Checked on the shipped catalog and on documents of the tests' own making (tests/roles/publishing/facts_docs/),
in both formats, loaded through build_fixtures and load_catalog.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from roles.models import Role, SourceDocument
from tests.roles.publishing.facts_helpers import (
    FACTS_DOCS,
    LONG_AGO,
    load_documents,
    load_facts_docs,
    soup,
    text_of,
)

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap(client) -> dict[str, str]:
    root = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our own response
    return {
        url.findtext("s:loc", namespaces=SITEMAP_NS): url.findtext("s:lastmod", namespaces=SITEMAP_NS) for url in root
    }


def test_the_shipped_fixture_carries_no_date(settings):
    fixture = (settings.BASE_DIR / "fixtures" / "careerguide.json").read_text()
    assert "2025-01-01" not in fixture
    assert '"updated_at"' not in fixture


def test_shipped_pages_say_the_documents_give_no_date_and_show_the_import(client, catalog):
    entries = sitemap(client)
    for role in Role.objects.published().select_related("source"):
        header = text_of(soup(client, role.get_absolute_url()).find("header", class_="role-header"))
        assert "1 Jan 2025" not in header and "updated" not in header
        assert f"imported {role.source.imported_at:%-d %b %Y}" in header
        assert "(the document gives no date)" in header
        # Dated by the load (this test session's), not by anything in the documents.
        assert timezone.now() - dt.timedelta(hours=6) < role.source.imported_at <= timezone.now()
        assert entries[f"http://testserver{role.get_absolute_url()}"] == role.updated_at.date().isoformat()
    assert "2025-01-01" not in entries.values()


def test_a_date_the_document_gives_is_shown_as_written(client, db, tmp_path):
    load_facts_docs(tmp_path)
    senior = text_of(soup(client, "/roles/senior-field-service-technician/").find("header", class_="role-header"))
    assert "dated March 5, 2025" in senior and "imported" not in senior
    dispatch = text_of(soup(client, "/roles/dispatch-coordinator/").find("header", class_="role-header"))
    assert "dated 2024-11-20" in dispatch
    guide = text_of(soup(client, "/roles/field-service-technician/").find("header", class_="role-header"))
    assert "(the document gives no date)" in guide


def test_loading_again_keeps_the_dates_and_a_changed_document_moves_them(client, db, tmp_path):
    sources = tmp_path / "sources"
    shutil.copytree(FACTS_DOCS, sources)
    load_documents(tmp_path, *sorted(sources.glob("*.txt")))
    SourceDocument.objects.update(imported_at=LONG_AGO)
    Role.objects.update(updated_at=LONG_AGO)

    load_documents(tmp_path, *sorted(sources.glob("*.txt")))
    assert set(SourceDocument.objects.values_list("imported_at", flat=True)) == {LONG_AGO}
    assert set(Role.objects.values_list("updated_at", flat=True)) == {LONG_AGO}

    changed = sources / "jd_dispatch_coordinator.txt"
    text = changed.read_text()
    assert "plans the easy days" in text
    changed.write_text(text.replace("plans the easy days", "plans most days"))
    start = timezone.now()
    load_documents(tmp_path, *sorted(sources.glob("*.txt")))
    moved = dict(Role.objects.values_list("slug", "updated_at"))
    dispatch = moved.pop("dispatch-coordinator")
    assert start <= dispatch <= timezone.now()
    assert set(moved.values()) == {LONG_AGO}
    assert SourceDocument.objects.get(file_name=changed.name).imported_at == dispatch
    lastmod = timezone.localtime(dispatch).date().isoformat()
    assert sitemap(client)["http://testserver/roles/dispatch-coordinator/"] == lastmod
    assert sitemap(client)["http://testserver/roles/field-service-technician/"] == "2020-02-03"


def test_compare_charts_no_midpoint(client, catalog):
    response = client.get("/compare/?roles=technical-support-specialist,senior-technical-support-specialist")
    assert response.status_code == 200
    body = response.content.decode()
    # The midpoint of "$37k – $95k+" is in no document.
    assert "$66,000" not in body and "midpoint" not in body
    assert "$37,000–$95,000+" in body


@pytest.mark.parametrize(
    ("slug", "qualifiers"),
    [
        ("technical-support-specialist", ["≈80k", "May 2023", "$95,000+", "varies by experience and location"]),
        ("field-service-technician", ["≈21k", "June 2022", "$79,000+", "varies by region and equipment"]),
    ],
)
def test_qualifiers_are_kept(client, catalog, tmp_path, slug, qualifiers):
    if slug == "field-service-technician":
        load_facts_docs(tmp_path)
    glance = text_of(soup(client, f"/roles/{slug}/").find(id="at-a-glance"))
    for qualifier in qualifiers:
        assert qualifier in glance
    assert not re.search(r"\b(?:80|21),000\b", glance)


@pytest.mark.parametrize(
    ("slug", "occupation", "level"),
    [
        ("technical-support-specialist", "$59,660", "$65,000"),
        ("field-service-technician", "$51,230", "$55,000"),
    ],
)
def test_two_different_medians_say_what_each_is(client, catalog, tmp_path, slug, occupation, level):
    if slug == "field-service-technician":
        load_facts_docs(tmp_path)
    note = text_of(soup(client, f"/roles/{slug}/").find(class_="median-note"))
    assert occupation in note and "for everyone in the occupation" in note
    assert level in note and "Salary by Experience Level" in note and "level alone" in note
