"""schema.org ``JobPosting`` for a tailored job description: one job, at one company.

Only a tailored page gets one: the untailored template is not a vacancy (it keeps the role's
``Occupation``, roles.presenters.seo). The properties are those Google reads for job postings:
required title, description, datePosted, validThrough, hiringOrganization and jobLocation (or,
for a fully remote job, jobLocationType TELECOMMUTE with applicantLocationRequirements); and
recommended baseSalary, employmentType and directApply. Every value is one the page shows.

Dates: ``datePosted`` is the ``posted`` date in the page's address (the form fills in the day
the recruiter made the link), never the day someone opens it, and ``validThrough`` is the closing
date the recruiter gave or, failing that, 30 days after posting (roles.presenters.jobtailoring).
"""

from __future__ import annotations

from decimal import Decimal

from django.http import HttpRequest
from django.utils.html import escape
from django.utils.safestring import SafeString

from roles.presenters.jobdescription import Group, JobDescription
from roles.presenters.jobdescription_text import salary_line
from roles.presenters.jobtailoring import Tailoring
from roles.presenters.seo import SCHEMA_CONTEXT, breadcrumbs, jsonld_dumps


def _list_html(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def _groups_html(heading: str, groups: list[Group]) -> str:
    if not groups:
        return ""
    parts = [f"<h2>{escape(heading)}</h2>"]
    for group in groups:
        parts.append(f"<h3>{escape(group.heading)}</h3>" + _list_html([item.line for item in group.items]))
    return "".join(parts)


def description_html(jd: JobDescription) -> str:
    """The ad as the HTML Google expects in ``description``; every piece of text escaped."""
    parts = [f"<p>{escape(jd.opening)}</p>"]
    if jd.responsibilities:
        parts.append("<h2>Responsibilities</h2>" + _list_html([item.line for item in jd.responsibilities]))
    parts.append(_groups_html("Requirements", jd.requirements))
    parts.append(_groups_html("Skills", jd.skills))
    parts.append("<h2>Pay</h2>")
    if jd.pay:
        parts.append(f"<p>{escape(jd.pay)}</p>")
    if jd.salary:
        parts.append(_list_html([salary_line(figure) for figure in jd.salary]))
    if jd.salary_note:
        parts.append(f"<p>{escape(jd.salary_note)}</p>")
    if jd.benefits:
        parts.append("<h2>Benefits</h2>" + _list_html(jd.benefits))
    parts.append(f"<h2>How to apply</h2><p>{escape(jd.apply_sentence)}</p><p>{escape(jd.closing)}</p>")
    if jd.equal_opportunity:
        parts.append(f"<p>{escape(jd.equal_opportunity)}</p>")
    return "".join(part for part in parts if part)


def _number(amount: int | Decimal) -> int | float:
    return int(amount) if amount == int(amount) else float(amount)


def base_salary(tailoring: Tailoring) -> dict:
    value = {"@type": "QuantitativeValue", "unitText": tailoring.salary_period}
    if tailoring.salary_min is not None and tailoring.salary_min == tailoring.salary_max:
        value["value"] = _number(tailoring.salary_min)
    else:
        if tailoring.salary_min is not None:
            value["minValue"] = _number(tailoring.salary_min)
        if tailoring.salary_max is not None:
            value["maxValue"] = _number(tailoring.salary_max)
    return {"@type": "MonetaryAmount", "currency": tailoring.currency, "value": value}


def _where(tailoring: Tailoring) -> dict:
    if tailoring.remote:
        return {
            "jobLocationType": "TELECOMMUTE",
            "applicantLocationRequirements": {"@type": "AdministrativeArea", "name": tailoring.location},
        }
    locality, region, country = tailoring.address_parts
    address = {"@type": "PostalAddress", "addressLocality": locality, "addressRegion": region}
    address = {key: value for key, value in address.items() if value} | {"addressCountry": country}
    return {"jobLocation": {"@type": "Place", "address": address}}


def job_posting(jd: JobDescription, tailoring: Tailoring, *, url: str) -> dict:
    """The JobPosting for ``jd`` as tailored; ``url`` is the absolute address of the tailored page."""
    contact = {"@type": "ContactPoint"}
    if tailoring.apply_email:
        contact["email"] = tailoring.apply_email
    else:
        contact["url"] = tailoring.apply_url
    data = {
        "@type": "JobPosting",
        "title": jd.title,
        "description": description_html(jd),
        "datePosted": tailoring.posted.isoformat(),
        "validThrough": tailoring.valid_through.isoformat(),
        "employmentType": tailoring.employment_type,
        "hiringOrganization": {"@type": "Organization", "name": tailoring.company},
        **_where(tailoring),
        "url": url,
        # The page describes the job; the application happens at the recruiter's link or address.
        "directApply": False,
        "applicationContact": contact,
        "occupationalCategory": jd.category,
    }
    if tailoring.has_pay:
        data["baseSalary"] = base_salary(tailoring)
    if tailoring.benefits:
        data["jobBenefits"] = "; ".join(tailoring.benefits)
    return data


def job_posting_structured_data(
    request: HttpRequest, jd: JobDescription, tailoring: Tailoring, *, url: str, trail: list[tuple[str, str]]
) -> SafeString:
    """The JSON-LD of a tailored page (``url``, absolute): its JobPosting and its breadcrumbs."""
    graph = {"@context": SCHEMA_CONTEXT, "@graph": [job_posting(jd, tailoring, url=url), breadcrumbs(request, trail)]}
    return jsonld_dumps(graph)
