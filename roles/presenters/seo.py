"""Structured data (JSON-LD) that search engines read from role pages.

Builders return plain dicts; ``jsonld_dumps`` serialises them for a
``<script type="application/ld+json">`` block. Role text comes from editors, so
the serialiser escapes ``<``, ``>`` and ``&``: a summary containing
"</script>" stays inside the JSON instead of closing the tag, and the block
still parses back to exactly what the editor typed.
"""

from __future__ import annotations

import datetime as dt
import json

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from roles.models import Role

SCHEMA_CONTEXT = "https://schema.org"

_HTML_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def jsonld_dumps(data: dict | list) -> SafeString:
    """JSON that is safe to place verbatim inside a <script> element."""
    # ensure_ascii=False keeps names readable; the translation handles the only characters HTML cares about.
    return mark_safe(json.dumps(data, ensure_ascii=False, indent=1).translate(_HTML_SAFE))  # noqa: S308


STATED_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d")


def reviewed_on(role: Role) -> dt.date:
    """The date the role page is as of: the date its document gives, else the day it was imported (or edited)."""
    source = role.source
    if source is not None and source.stated_date:
        for pattern in STATED_DATE_FORMATS:
            try:
                return dt.datetime.strptime(source.stated_date.replace(".", ""), pattern).date()
            except ValueError:
                continue
    if source is not None and source.imported_at is not None:
        return source.imported_at.date()
    return role.updated_at.date()


def estimated_salary(role: Role) -> list[dict]:
    """This role's pay only, as the page shows it: its headline median, named for where it comes from.

    The ladder's other levels are other occupations; a range's ends are not properties of a
    MonetaryAmountDistribution (only the median and percentiles are), so neither is given here.
    """
    if not role.median_salary:
        return []
    distribution = {
        "@type": "MonetaryAmountDistribution",
        "name": f"Median pay ({role.median_salary_source})" if role.median_salary_source else "Median pay",
        "currency": role.median_salary_currency,
        "duration": "P1Y",
        "median": role.median_salary,
    }
    return [distribution]


def occupation_location(role: Role) -> list[dict]:
    """The country the role's pay figures are for, as its documents name it; none when they name none."""
    regions = [band.region for band in role.salary_bands.all() if band.kind in ("range", "experience_level")]
    regions += [fact.region for fact in role.page_content.document_facts if fact.has_pay]
    region = next((region for region in regions if region), "")
    return [{"@type": "Country", "name": name.strip()} for name in region.split(",") if name.strip()]


def _experience_requirements(role: Role) -> dict | str:
    if role.experience_years_min is None:
        return role.typical_experience
    requirement = {
        "@type": "OccupationalExperienceRequirements",
        "monthsOfExperience": role.experience_years_min * 12,
    }
    if role.typical_experience:
        requirement["description"] = role.typical_experience
    return requirement


def occupation(role: Role, *, url: str) -> dict:
    """schema.org Occupation for ``role``; ``url`` is the absolute address of its page. Only what the page shows."""
    qualifications = list(role.page_content.qualifications)
    education = [q.text for q in qualifications if q.group.lower().startswith("education")]
    if not education and role.typical_education:
        education = [role.typical_education]
    data = {
        "@type": "Occupation",
        "name": role.title,
        "description": role.summary,
        "url": url,
        "occupationalCategory": role.category.name,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url, "lastReviewed": reviewed_on(role).isoformat()},
        "estimatedSalary": estimated_salary(role),
        "occupationLocation": occupation_location(role),
        "educationRequirements": education,
        "experienceRequirements": _experience_requirements(role),
        "qualifications": [
            {"@type": "EducationalOccupationalCredential", "credentialCategory": "certification", "name": c.name}
            for c in role.page_content.certifications
        ]
        + [q.text for q in qualifications if not q.group.lower().startswith("education")],
        "skills": [skill.name for skill in role.page_content.skills],
        "responsibilities": [duty.text for duty in role.page_content.duties],
    }
    # Empty properties are noise to a crawler; leave them out.
    return {key: value for key, value in data.items() if value not in ("", [], None)}


def breadcrumbs(request, trail: list[tuple[str, str]]) -> dict:
    """BreadcrumbList from (name, path) pairs, made absolute against the request."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": request.build_absolute_uri(path)}
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }


def role_trail(role: Role) -> list[tuple[str, str]]:
    return [("Home", reverse("roles:home")), ("Roles", reverse("roles:list")), (role.title, role.get_absolute_url())]


def role_structured_data(request, role: Role, *, extra_crumb: tuple[str, str] | None = None) -> SafeString:
    """The JSON-LD for a role's page (or, with ``extra_crumb``, a page beneath it)."""
    trail = role_trail(role) + ([extra_crumb] if extra_crumb else [])
    graph = {
        "@context": SCHEMA_CONTEXT,
        "@graph": [
            occupation(role, url=request.build_absolute_uri(role.get_absolute_url())),
            breadcrumbs(request, trail),
        ],
    }
    return jsonld_dumps(graph)
