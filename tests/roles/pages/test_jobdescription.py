"""The job-description page and its Markdown and plain-text downloads, for every shipped role."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from roles.models import Role

SLUGS = ["technical-support-specialist", "senior-technical-support-specialist", "customer-support-specialist"]


def page(client, slug):
    response = client.get(reverse("roles:job_description", kwargs={"slug": slug}))
    assert response.status_code == 200
    return response, BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("slug", SLUGS)
def test_page_is_a_complete_job_description(client, catalog, slug):
    role = Role.objects.get(slug=slug)
    _, soup = page(client, slug)
    article = soup.find("article", id="job-description")
    assert article.find("h1").get_text(strip=True) == role.title
    text = article.get_text(" ", strip=True)
    # A job ad opens with the role at the company (a placeholder until tailored), not the guide's summary.
    assert f"[Company] is hiring a {role.title}" in text
    assert role.summary not in text
    for duty in role.duties.all():
        assert duty.text in text
    for skill in role.skills.all():
        assert skill.name in text
    for certification in role.certifications.all():
        assert certification.name in text
    headings = [h.get_text(strip=True) for h in article.find_all("h2")]
    assert "Requirements" in headings and "Skills" in headings and "Pay" in headings and "How to apply" in headings
    if role.duties.exists():
        assert "Responsibilities" in headings
    # A link back to the full role page, absolute so it survives copying and printing.
    assert article.find("a", href=f"http://testserver/roles/{slug}/")


@pytest.mark.parametrize("slug", SLUGS)
def test_page_without_javascript(client, catalog, slug):
    """The copy and print buttons only appear once copy.js runs; the downloads are plain links."""
    _, soup = page(client, slug)
    copy = soup.find("button", class_="jd-copy")
    assert copy is not None and copy.has_attr("hidden")
    assert soup.find("button", class_="jd-print").has_attr("hidden")
    status = soup.find(class_="jd-copy-status")
    assert status["role"] == "status" and status["aria-live"] == "polite"
    assert soup.find("a", href=f"/roles/{slug}/job-description.md")
    assert soup.find("a", href=f"/roles/{slug}/job-description.txt")
    scripts = soup.find_all("script")
    assert any(s.get("src", "").endswith("/js/copy.js") for s in scripts)
    # Strict CSP: no executable inline script, no inline handlers or styles.
    for script in scripts:
        assert script.get("src") or script.get("type") == "application/ld+json"
    assert not soup.find(attrs={"style": True})
    assert not [tag for tag in soup.find_all(True) if any(attr.startswith("on") for attr in tag.attrs)]
    assert soup.find("link", rel="stylesheet", href=lambda h: h and h.endswith("jobdescription-print.css"))[
        "media"
    ] == ("print")


@pytest.mark.parametrize("slug", SLUGS)
def test_copy_text_is_the_plain_text_download(client, catalog, slug):
    _, soup = page(client, slug)
    plain = soup.find("template", id="jd-plain-text").get_text()
    download = client.get(reverse("roles:job_description_txt", kwargs={"slug": slug})).content.decode()
    assert plain == download


@pytest.mark.parametrize("slug", SLUGS)
def test_markdown_download(client, catalog, slug):
    role = Role.objects.get(slug=slug)
    response = client.get(f"/roles/{slug}/job-description.md")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{slug}-job-description.md"'
    body = response.content.decode()
    assert body.startswith(f"# {role.title}\n")
    assert f"[Company] is hiring a {role.title}" in body
    assert "## Requirements" in body and "## Pay" in body and "## How to apply" in body
    for duty in role.duties.all():
        assert f"- {duty.text}\n" in body
    assert f"(http://testserver/roles/{slug}/)" in body


@pytest.mark.parametrize("slug", SLUGS)
def test_text_download(client, catalog, slug):
    role = Role.objects.get(slug=slug)
    response = client.get(f"/roles/{slug}/job-description.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{slug}-job-description.txt"'
    body = response.content.decode()
    assert body.startswith(role.title.upper() + "\n" + "=" * len(role.title) + "\n")
    assert "#" not in body.splitlines()[0]
    for duty in role.duties.all():
        assert f"- {duty.text}\n" in body
    assert f"Full role guide: http://testserver/roles/{slug}/" in body


def test_salary_with_its_source(client, catalog):
    body = client.get("/roles/technical-support-specialist/job-description.txt").content.decode()
    assert "Median pay: $59,660 (source: U.S. Bureau of Labor Statistics, May 2023)" in body
    # The range's note qualifies it; the source is the document, said once.
    assert (
        "U.S. national range: $37,000 – $95,000+, varies by experience and location "
        "(source: Complete Technical Support Specialist Career Guide)"
    ) in body
    # The role's own rung of the ladder, not the rungs above it (other jobs' pay).
    assert "Technical Support Specialist: median $65,000, average $68,000" in body
    assert "Technical Support Manager" not in body and "Director" not in body

    _, soup = page(client, "technical-support-specialist")
    rows = {row.th.get_text(strip=True): row.find_all("td") for row in soup.select("table.jd-salary tbody tr")}
    assert rows["Median pay"][0].get_text(strip=True) == "$59,660"
    # The date as the source writes it, as on the role page (#18): "May 2023", not "2023".
    assert rows["Median pay"][1].get_text(strip=True) == "U.S. Bureau of Labor Statistics, May 2023"


def test_salary_from_the_career_ladder_of_another_role(client, catalog):
    """The senior job description has no pay table; the guide prices that level, and says so."""
    body = client.get("/roles/senior-technical-support-specialist/job-description.md").content.decode()
    assert "- Senior Technical Support Specialist: median $80,000, average $85,000" in body
    assert "Technical Support Specialist career path" in body


def test_no_salary_is_said_plainly(client, catalog):
    body = client.get("/roles/customer-support-specialist/job-description.txt").content.decode()
    assert "Our sources publish no salary figures for this role." in body


def test_qualification_groups(client, catalog):
    body = client.get("/roles/senior-technical-support-specialist/job-description.md").content.decode()
    education = body.index("### Education")
    experience = body.index("### Experience")
    requirements, skills = body.index("## Requirements"), body.index("## Skills")
    assert requirements < education < experience < body.index("### Certifications") < skills
    assert skills < body.index("### Technical skills")
    assert "- Bachelor's degree in computer science" in body[education:experience]
    assert "- 5–8 years of technical support experience" in body[experience:]


@pytest.mark.parametrize(
    "suffix", ["job-description/", "job-description.md", "job-description.txt"], ids=["page", "md", "txt"]
)
def test_old_slug_redirects_permanently(client, catalog, suffix):
    role = Role.objects.get(slug="customer-support-specialist")
    role.slug = "customer-success-specialist"
    role.save()
    response = client.get(f"/roles/customer-support-specialist/{suffix}?utm_source=mail")
    assert response.status_code == 301
    assert response["Location"] == f"/roles/customer-success-specialist/{suffix}?utm_source=mail"
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("suffix", ["job-description/", "job-description.md", "job-description.txt"])
def test_unpublished_and_unknown_roles_are_not_found(client, catalog, suffix):
    Role.objects.filter(slug="customer-support-specialist").update(is_published=False)
    assert client.get(f"/roles/customer-support-specialist/{suffix}").status_code == 404
    assert client.get(f"/roles/no-such-role/{suffix}").status_code == 404


def test_editor_text_is_escaped_on_the_page(client, catalog):
    duty = Role.objects.get(slug="customer-support-specialist").duties.first()
    duty.text = '<img src=x onerror="alert(1)"> & co'
    duty.save()
    response, soup = page(client, "customer-support-specialist")
    assert b'<img src=x onerror="alert(1)">' not in response.content
    assert '<img src=x onerror="alert(1)"> & co' in soup.find("article").get_text()


def test_page_costs_a_fixed_number_of_queries(client, catalog, django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        client.get("/roles/technical-support-specialist/job-description/")
