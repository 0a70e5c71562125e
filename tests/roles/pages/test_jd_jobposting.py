"""schema.org JobPosting on a tailored job description (and only there), checked against the
schema.org vocabulary and Google's required and recommended properties; canonical and noindex."""

import datetime
import re
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from jd_helpers import ACME, POSTED, SENIOR, TSS, acme, address, jsonld_graph, nodes_of_type, soup_of

# The schema.org properties a posting may use, with the types schema.org gives their values
# (https://schema.org/JobPosting and the pages of each type; checked against release 30.0's
# schemaorg-current-https-properties.csv, domainIncludes and rangeIncludes, inherited ones too).
# A property the builder starts to use must be looked up there before it is added here.
SCHEMA_ORG = {
    "JobPosting": {
        "title": "Text",
        "description": "Text",
        "datePosted": "Date",
        "validThrough": "Date",
        "employmentType": "Text",
        "hiringOrganization": ("Organization",),
        "jobLocation": ("Place",),
        "jobLocationType": "Text",
        "applicantLocationRequirements": ("AdministrativeArea", "Country", "State"),
        "url": "URL",
        "directApply": "Boolean",
        "applicationContact": ("ContactPoint",),
        "occupationalCategory": "Text",
        "baseSalary": ("MonetaryAmount",),
        "jobBenefits": "Text",
    },
    "Organization": {"name": "Text"},
    "Place": {"address": ("PostalAddress",)},
    "PostalAddress": {"addressLocality": "Text", "addressRegion": "Text", "addressCountry": "Text"},
    "AdministrativeArea": {"name": "Text"},
    "ContactPoint": {"email": "Text", "url": "URL"},
    "MonetaryAmount": {"currency": "Text", "value": ("QuantitativeValue",)},
    "QuantitativeValue": {"unitText": "Text", "value": "Number", "minValue": "Number", "maxValue": "Number"},
}
# Google's job posting documentation: required, and required for a fully remote job instead of jobLocation.
GOOGLE_REQUIRED = {"title", "description", "datePosted", "validThrough", "hiringOrganization"}
GOOGLE_RECOMMENDED = {"baseSalary", "employmentType", "directApply"}
GOOGLE_EMPLOYMENT_TYPES = {
    "FULL_TIME",
    "PART_TIME",
    "CONTRACTOR",
    "TEMPORARY",
    "INTERN",
    "VOLUNTEER",
    "PER_DIEM",
    "OTHER",
}
GOOGLE_SALARY_UNITS = {"HOUR", "DAY", "WEEK", "MONTH", "YEAR"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def check_against_vocabulary(node: dict, path: str = "JobPosting") -> None:
    type_name = node["@type"]
    assert type_name in SCHEMA_ORG, f"{path}: {type_name} is not a type the posting may use"
    for name, value in node.items():
        if name == "@type":
            continue
        expected = SCHEMA_ORG[type_name].get(name)
        assert expected is not None, f"{path}.{name} is not a {type_name} property"
        where = f"{path}.{name}"
        if isinstance(expected, tuple):
            assert isinstance(value, dict) and value.get("@type") in expected, f"{where}: {value!r}"
            check_against_vocabulary(value, where)
        elif expected == "Text":
            assert isinstance(value, str) and value.strip(), where
        elif expected == "Date":
            assert isinstance(value, str) and ISO_DATE.match(value), where
            datetime.date.fromisoformat(value)
        elif expected == "URL":
            assert isinstance(value, str) and value.startswith(("http://", "https://")), where
        elif expected == "Boolean":
            assert isinstance(value, bool), where
        elif expected == "Number":
            assert isinstance(value, int | float) and not isinstance(value, bool), where


def job_posting(client, url) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    graph = jsonld_graph(response)
    assert not nodes_of_type(graph, "Occupation"), "a vacancy's page describes the job, not the career"
    (posting,) = nodes_of_type(graph, "JobPosting")
    return posting


def test_on_site_job_posting_has_googles_properties_in_schema_org_terms(client, catalog):
    posting = job_posting(client, address(**ACME))
    check_against_vocabulary(posting)
    assert GOOGLE_REQUIRED | GOOGLE_RECOMMENDED | {"jobLocation"} <= posting.keys()
    assert posting["title"] == "Technical Support Specialist"
    assert posting["datePosted"] == POSTED
    assert posting["validThrough"] == "2025-04-01"
    assert posting["employmentType"] in GOOGLE_EMPLOYMENT_TYPES and posting["employmentType"] == "FULL_TIME"
    assert posting["hiringOrganization"] == {"@type": "Organization", "name": "Acme Ltd"}
    assert posting["jobLocation"] == {
        "@type": "Place",
        "address": {"@type": "PostalAddress", "addressLocality": "Berlin", "addressCountry": "Germany"},
    }
    assert "jobLocationType" not in posting and "applicantLocationRequirements" not in posting
    assert posting["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "EUR",
        "value": {"@type": "QuantitativeValue", "unitText": "YEAR", "minValue": 55000, "maxValue": 70000},
    }
    assert posting["directApply"] is False
    assert posting["applicationContact"] == {"@type": "ContactPoint", "url": "https://acme.example/jobs/42"}
    assert posting["url"] == "http://testserver" + address(**ACME)


def test_fully_remote_job_posting_says_telecommute_and_where_applicants_live(client, catalog):
    values = acme(location="United States", remote="on", salary_min="30", salary_max="38.5", currency="USD")
    values["salary_period"] = "HOUR"
    posting = job_posting(client, address(**values))
    check_against_vocabulary(posting)
    assert posting["jobLocationType"] == "TELECOMMUTE"
    assert posting["applicantLocationRequirements"] == {"@type": "AdministrativeArea", "name": "United States"}
    assert "jobLocation" not in posting
    # Google: the description must say plainly that the job is fully remote.
    assert "This is a fully remote job" in posting["description"]
    value = posting["baseSalary"]["value"]
    assert value["unitText"] in GOOGLE_SALARY_UNITS and value["unitText"] == "HOUR"
    assert (value["minValue"], value["maxValue"]) == (30, 38.5)


def test_city_region_and_country_and_an_email_to_apply(client, catalog):
    posting = job_posting(
        client, address(**acme(location="Austin, Texas, United States", apply_url="jobs@acme.example"))
    )
    assert posting["jobLocation"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Austin",
        "addressRegion": "Texas",
        "addressCountry": "United States",
    }
    assert posting["applicationContact"] == {"@type": "ContactPoint", "email": "jobs@acme.example"}


def test_a_us_city_and_state_code_is_a_region_of_the_united_states_not_a_country(client, catalog):
    posting = job_posting(client, address(**acme(location="Austin, TX")))
    check_against_vocabulary(posting)
    assert posting["jobLocation"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Austin",
        "addressRegion": "TX",
        "addressCountry": "US",
    }


def test_without_pay_there_is_no_base_salary(client, catalog):
    """The role's typical pay is not this job's: it never becomes baseSalary."""
    posting = job_posting(client, address(**acme(salary_min=None, salary_max=None)))
    check_against_vocabulary(posting)
    assert "baseSalary" not in posting


def test_single_pay_figure_is_a_value(client, catalog):
    posting = job_posting(client, address(**acme(salary_min="60000", salary_max="60000")))
    assert posting["baseSalary"]["value"] == {"@type": "QuantitativeValue", "unitText": "YEAR", "value": 60000}


def test_description_is_the_ad_as_html_with_values_escaped(client, catalog):
    values = acme(company="Smith & <Sons>", benefits="Gym\n<b>Bold</b>", closes="2025-06-30")
    posting = job_posting(client, address(SENIOR, **values))
    description = BeautifulSoup(posting["description"], "html.parser")
    assert {tag.name for tag in description.find_all(True)} <= {"p", "h2", "h3", "ul", "li"}
    text = description.get_text(" ", strip=True)
    assert text.startswith("Smith & <Sons> is hiring a Senior Technical Support Specialist in Berlin, Germany.")
    assert "<b>Bold</b>" in text
    assert [h.get_text() for h in description.find_all("h2")] == [
        "Responsibilities",
        "Requirements",
        "Skills",
        "Pay",
        "Benefits",
        "How to apply",
    ]
    assert posting["validThrough"] == "2025-06-30"
    assert posting["jobBenefits"] == "Gym; <b>Bold</b>"


def test_untailored_template_has_no_job_posting_and_keeps_the_occupation(client, catalog):
    response = client.get(address())
    graph = jsonld_graph(response)
    assert not nodes_of_type(graph, "JobPosting")
    assert nodes_of_type(graph, "Occupation")


def test_bad_tailoring_has_no_job_posting(client, catalog):
    response = client.get(address(**acme(currency="XYZ")))
    assert response.status_code == 400
    assert not nodes_of_type(jsonld_graph(response), "JobPosting")


@pytest.mark.parametrize(
    "query",
    [urlencode(ACME), urlencode(acme(currency="XYZ")), "company="],
    ids=["tailored", "bad-values", "empty-company"],
)
def test_tailored_pages_are_noindex_with_a_canonical_link_to_the_template(client, catalog, query):
    response = client.get(f"/roles/{TSS}/job-description/?{query}")
    soup = soup_of(response)
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    template = f"http://testserver/roles/{TSS}/job-description/"
    assert soup.find("link", rel="canonical")["href"] == template
    assert soup.find("meta", property="og:url")["content"] == template


@pytest.mark.parametrize("query", ["", "?utm_source=newsletter"])
def test_the_template_is_indexable(client, catalog, query):
    soup = soup_of(client.get(f"/roles/{TSS}/job-description/{query}"))
    assert soup.find("meta", attrs={"name": "robots"}) is None
    assert soup.find("link", rel="canonical")["href"] == f"http://testserver/roles/{TSS}/job-description/"


@pytest.mark.parametrize("fmt", ["md", "txt", "docx"])
def test_tailored_downloads_are_noindex(client, catalog, fmt):
    assert client.get(address(fmt=fmt, **ACME))["X-Robots-Tag"] == "noindex"
    assert "X-Robots-Tag" not in client.get(address(fmt=fmt))
