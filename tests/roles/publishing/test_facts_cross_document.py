"""Cross-document facts (#18): what one document says about a role another covers is on that role's pages,
named as coming from that document; the headline median is the best figure any document gives; roles a
FAQ contrasts link both ways; the anchor contract holds on every role page.

Over the shipped catalog and over documents of the tests' own making in both formats.
"""

from __future__ import annotations

import pytest

from roles.models import DocumentFact, Role
from tests.query_budgets import API_ROLE_QUERIES
from tests.roles.publishing.facts_helpers import load_facts_docs, soup, text_of

CONTRACT = ["overview", "responsibilities", "skills", "how-to-become", "education", "salary", "career-path", "faq"]
CONTRACT += ["related"]
GUIDE = "Complete Technical Support Specialist Career Guide"
OWN_GUIDE = "Complete Field Service Technician Career Guide"


def section(client, slug: str, anchor: str) -> str:
    return text_of(soup(client, f"/roles/{slug}/").find(id=anchor))


def test_a_ladder_level_that_is_a_role_gives_it_pay_and_years_with_the_source(client, catalog):
    salary = section(client, "senior-technical-support-specialist", "salary")
    assert f"From the {GUIDE} (“Salary by Experience Level”): median $80,000, average $85,000, 4–7 years" in salary
    assert "a level of the Technical Support Specialist career path" in salary
    glance = section(client, "senior-technical-support-specialist", "at-a-glance")
    assert "Median salary $80,000" in glance and f"{GUIDE}, Salary by Experience Level" in glance


def test_the_headline_median_reaches_every_view_of_the_role(client, catalog):
    senior = Role.objects.get(slug="senior-technical-support-specialist")
    assert (senior.median_salary, senior.median_salary_source) == (80000, f"{GUIDE}, Salary by Experience Level")
    listing = text_of(soup(client, "/roles/?sort=salary").find("tbody"))
    assert listing.startswith("Senior Technical Support Specialist") and "$80,000" in listing
    api = client.get("/api/roles/senior-technical-support-specialist/").json()
    assert api["median_salary"]["amount"] == 80000
    found = client.get("/api/search/", {"q": "support", "salary_min": 60000}).json()
    assert "senior-technical-support-specialist" in str(found)
    compare = text_of(
        soup(client, "/compare/?roles=technical-support-specialist,senior-technical-support-specialist").find("main")
    )
    assert "$80,000" in compare


def test_a_faq_contrast_links_the_two_roles_both_ways(client, catalog):
    customer = soup(client, "/roles/customer-support-specialist/").find(id="related")
    assert customer.find("a", href="/roles/technical-support-specialist/")
    technical = soup(client, "/roles/technical-support-specialist/").find(id="related")
    assert technical.find("a", href="/roles/customer-support-specialist/")
    assert "“Is Customer Support Specialist different from Technical Support?”" in text_of(technical)


def test_own_documents_join_by_themselves(client, db, tmp_path):
    load_facts_docs(tmp_path)
    senior = section(client, "senior-field-service-technician", "salary")
    assert f"From the {OWN_GUIDE} (“Salary by Experience Level”): median $71,000, average $74,000, 5–9 years" in senior
    glance = section(client, "senior-field-service-technician", "at-a-glance")
    assert "Median salary $71,000" in glance and OWN_GUIDE in glance
    # A related role's salary range in the senior job description is a figure for the guide's role.
    technician = section(client, "field-service-technician", "salary")
    assert "From the Senior Field Service Technician (“More in Engineering”): range $45,000–$66,000" in technician
    assert "listed as a related role of Senior Field Service Technician" in technician
    related = soup(client, "/roles/field-service-technician/").find(id="related")
    assert related.find("a", href="/roles/senior-field-service-technician/")
    assert related.find("a", href="/roles/dispatch-coordinator/")
    assert "“How is a Dispatch Coordinator different from a Field Service Technician?”" in text_of(related)
    dispatch = soup(client, "/roles/dispatch-coordinator/")
    assert dispatch.find(id="related").find("a", href="/roles/field-service-technician/")
    assert "No source document gives pay for this role." in text_of(dispatch.find(id="salary"))
    assert Role.objects.get(slug="dispatch-coordinator").median_salary is None
    facts = DocumentFact.objects.filter(role__slug="field-service-technician")
    assert {fact.source.file_name for fact in facts} == {
        "jd_senior_field_service_technician.txt",
        "jd_dispatch_coordinator.txt",
    }


def test_no_fact_without_a_role_to_join(client, db, tmp_path):
    load_facts_docs(tmp_path)
    # "Biomedical Equipment Technician" and "Field Service Manager" have no document: nothing is joined to them.
    assert set(DocumentFact.objects.values_list("role__slug", flat=True)) == {
        "field-service-technician",
        "senior-field-service-technician",
        "dispatch-coordinator",
    }


@pytest.mark.parametrize("own", [False, True], ids=["shipped", "own documents"])
def test_the_anchor_contract_holds_on_every_role_page(client, catalog, tmp_path, own):
    if own:
        load_facts_docs(tmp_path)
    for role in Role.objects.published():
        page = soup(client, role.get_absolute_url())
        for anchor in CONTRACT:
            target = page.find(id=anchor)
            assert target is not None, (role.slug, anchor)
            # An alias stands right before the section that holds its content.
            holder = target if target.name == "section" else target.find_next_sibling("section")
            assert text_of(holder), (role.slug, anchor)
        if role.source.format == "job_description" and role.qualifications.exists():
            alias = page.find(id="how-to-become")
            assert alias.name == "span" and alias.find_next_sibling("section")["id"] == "qualifications"


def test_the_api_gives_the_facts_from_other_documents_with_their_source(client, catalog, django_assert_max_num_queries):
    with django_assert_max_num_queries(API_ROLE_QUERIES):
        data = client.get("/api/roles/senior-technical-support-specialist/").json()
    (fact,) = data["from_other_documents"]
    assert fact["kind"] == "ladder_level" and fact["other_role"] == "technical-support-specialist"
    assert (fact["pay"]["median"], fact["pay"]["average"], fact["years"]) == (80000, 85000, {"min": 4, "max": 7})
    assert (
        fact["source"] == "000_0abef9bbc078f129.txt" and fact["pay"]["source_section"] == "Salary by Experience Level"
    )
    assert data["facts"]["median_salary"]["source"] == f"{GUIDE}, Salary by Experience Level"
    technical = client.get("/api/roles/technical-support-specialist/").json()["facts"]
    assert technical["annual_openings"]["as_written"] == "≈80k" and technical["median_salary"]["period"] == "May 2023"
