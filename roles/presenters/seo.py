"""Structured data (JSON-LD) that search engines read from role pages.

Builders return plain dicts; ``jsonld_dumps`` serialises them for a
``<script type="application/ld+json">`` block. Role text comes from editors, so
the serialiser escapes ``<``, ``>`` and ``&``: a summary containing
"</script>" stays inside the JSON instead of closing the tag, and the block
still parses back to exactly what the editor typed.
"""

from __future__ import annotations

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


def _salary_distribution(*, name: str, currency: str, median=None, minimum=None, maximum=None) -> dict:
    distribution = {"@type": "MonetaryAmountDistribution", "name": name, "currency": currency, "duration": "P1Y"}
    if median is not None:
        distribution["median"] = median
    if minimum is not None:
        distribution["minValue"] = minimum
    if maximum is not None:
        distribution["maxValue"] = maximum
    return distribution


def estimated_salary(role: Role) -> list[dict]:
    """One MonetaryAmountDistribution per experience level (and the overall figures) the data has."""
    distributions = []
    if role.median_salary:
        distributions.append(
            _salary_distribution(name="Median pay", currency=role.median_salary_currency, median=role.median_salary)
        )
    bands = [band for band in role.salary_bands.all() if band.kind in ("range", "experience_level")]
    if not bands:
        # Priced as a level on another role's ladder (see roles.presenters.jobdescription.salary_figures).
        bands = [
            band
            for level in role.ladder_positions.all()
            for band in level.salary_bands.all()
            if band.kind == "experience_level"
        ]
    for band in bands:
        distributions.append(
            _salary_distribution(
                name=band.label,
                currency=band.currency,
                median=band.median if band.median is not None else band.average,
                minimum=band.min,
                # "$95k+" has no upper bound: claiming 95000 as the maximum would be false.
                maximum=None if band.max_open_ended else band.max,
            )
        )
    return distributions


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
    """schema.org Occupation for ``role``; ``url`` is the absolute address of its page."""
    qualifications = list(role.qualifications.all())
    education = [q.text for q in qualifications if q.group.lower().startswith("education")]
    if not education and role.typical_education:
        education = [role.typical_education]
    data = {
        "@type": "Occupation",
        "name": role.title,
        "description": role.summary,
        "url": url,
        "occupationalCategory": role.category.name,
        "estimatedSalary": estimated_salary(role),
        "educationRequirements": education,
        "experienceRequirements": _experience_requirements(role),
        "qualifications": [
            {"@type": "EducationalOccupationalCredential", "credentialCategory": "certification", "name": c.name}
            for c in role.certifications.all()
        ]
        + [q.text for q in qualifications if not q.group.lower().startswith("education")],
        "skills": [skill.name for skill in role.skills.all()],
        "responsibilities": [duty.text for duty in role.duties.all()],
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
