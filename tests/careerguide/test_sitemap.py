"""/sitemap.xml lists every public page with lastmod; /robots.txt points at it and keeps crawlers out of the admin."""

import datetime as dt
import xml.etree.ElementTree as ET

from django.urls import reverse

from roles.models import Role

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    return {url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS) for url in root}


def test_sitemap_lists_every_role_and_page(client, catalog):
    entries = sitemap_entries(client)
    for role in Role.objects.published():
        day = role.updated_at.date().isoformat()
        assert entries[f"http://testserver/roles/{role.slug}/"] == day
        assert entries[f"http://testserver/roles/{role.slug}/job-description/"] == day
    for name in ["roles:home", "roles:list", "salaries:list", "roles:career_paths"]:
        assert entries[f"http://testserver{reverse(name)}"]
    assert len(entries) == 4 + 2 * Role.objects.published().count()
    assert not [loc for loc in entries if "/admin" in loc or "/api/" in loc]


def test_sitemap_follows_publishing_and_edits(client, catalog):
    Role.objects.filter(slug="customer-support-specialist").update(is_published=False)
    Role.objects.filter(slug="technical-support-specialist").update(
        updated_at=dt.datetime(2031, 5, 17, 12, 0, tzinfo=dt.UTC)
    )
    from careerguide.pagecache import content_version_bump

    content_version_bump()  # QuerySet.update sends no signal; the page cache must still see the change.
    entries = sitemap_entries(client)
    assert "http://testserver/roles/customer-support-specialist/" not in entries
    assert "http://testserver/roles/customer-support-specialist/job-description/" not in entries
    assert entries["http://testserver/roles/technical-support-specialist/"] == "2031-05-17"
    assert entries["http://testserver/roles/"] == "2031-05-17"


def test_robots_txt(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
