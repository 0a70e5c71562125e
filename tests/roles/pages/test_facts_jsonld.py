"""Honest structured data (#18): one Occupation per role page, valid against a committed subset of the
schema.org vocabulary (tests/roles/schema/schemaorg_subset.json), saying nothing the page does not show.

Over the shipped catalog and over documents of the tests' own making.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from roles.models import Role
from salaries.templatetags.money import format_money
from tests.roles.publishing.facts_helpers import load_facts_docs, text_of

VOCABULARY = json.loads((Path(__file__).parents[1] / "schema" / "schemaorg_subset.json").read_text())["types"]
DATA_TYPES = {
    "Text": lambda v: isinstance(v, str),
    "URL": lambda v: isinstance(v, str) and re.match(r"^https?://", v) is not None,
    "Number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "Integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "Boolean": lambda v: isinstance(v, bool),
    "Date": lambda v: isinstance(v, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) is not None,
    "DateTime": lambda v: isinstance(v, str) and re.match(r"\d{4}-\d{2}-\d{2}T", v) is not None,
    "Duration": lambda v: isinstance(v, str) and re.fullmatch(r"P(?:\d+[YMWD])+(?:T(?:\d+[HMS])+)?", v) is not None,
}


def _ancestry(type_name: str) -> list[str]:
    chain = []
    while type_name:
        chain.append(type_name)
        type_name = VOCABULARY[type_name]["parent"]
    return chain


def _properties(type_name: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name in _ancestry(type_name):
        found.update(VOCABULARY[name]["properties"])
    return found


def schema_errors(node, path="$") -> list[str]:
    """What in ``node`` is not schema.org as the committed vocabulary defines it."""
    if isinstance(node, list):
        return [error for index, item in enumerate(node) for error in schema_errors(item, f"{path}[{index}]")]
    errors: list[str] = []
    if "@graph" in node:
        return schema_errors(node["@graph"], f"{path}.@graph")
    type_name = node.get("@type")
    if type_name not in VOCABULARY:
        return [f"{path}: unknown type {type_name!r}"]
    allowed = _properties(type_name)
    for key, value in node.items():
        if key.startswith("@"):
            continue
        if key not in allowed:
            errors.append(f"{path}.{key}: not a property of {type_name}")
            continue
        for index, item in enumerate(value if isinstance(value, list) else [value]):
            where = f"{path}.{key}[{index}]"
            if isinstance(item, dict):
                known = item.get("@type") in VOCABULARY
                if not known or not set(_ancestry(item["@type"])) & set(allowed[key]):
                    errors.append(f"{where}: {item.get('@type')} is not one of {allowed[key]}")
                else:
                    errors += schema_errors(item, where)
                continue
            is_data = any(DATA_TYPES[t](item) for t in allowed[key] if t in DATA_TYPES)
            # A URL stands for a node where a type is expected (a reference to it).
            is_reference = any(t not in DATA_TYPES for t in allowed[key]) and DATA_TYPES["URL"](item)
            if not (is_data or is_reference):
                errors.append(f"{where}: {item!r} is not one of {allowed[key]}")
    return errors


def test_the_validator_rejects_what_the_issue_found():
    bad = {
        "@type": "Occupation",
        "name": "x",
        "estimatedSalary": [{"@type": "MonetaryAmountDistribution", "currency": "USD", "minValue": 37000}],
        "occupationLocation": "United States",
        "mainEntityOfPage": {"@type": "WebPage", "lastReviewed": "1 Jan 2025"},
    }
    errors = " ".join(schema_errors(bad))
    assert "minValue: not a property of MonetaryAmountDistribution" in errors
    assert "occupationLocation[0]: 'United States'" in errors
    assert "lastReviewed[0]: '1 Jan 2025'" in errors


def _jsonld(page: BeautifulSoup) -> list[dict]:
    return [json.loads(script.string) for script in page.find_all("script", type="application/ld+json")]


def _check_role_page(client, role: Role) -> None:
    page = BeautifulSoup(client.get(role.get_absolute_url()).content, "html.parser")
    blocks = _jsonld(page)
    assert blocks and not [error for block in blocks for error in schema_errors(block)]
    occupations = [n for block in blocks for n in block.get("@graph", [block]) if n.get("@type") == "Occupation"]
    assert len(occupations) == 1, role.slug
    (occupation,) = occupations
    visible = text_of(page.find("main") or page)
    glance = text_of(page.find(id="at-a-glance"))
    assert occupation["name"] == page.find("h1").get_text(strip=True)
    for pay in occupation.get("estimatedSalary", []):
        assert set(pay) <= {"@type", "name", "currency", "duration", "median", "percentile10", "percentile25"} | {
            "percentile75",
            "percentile90",
        }
        assert f"Median salary {format_money(pay['median'], pay['currency'])}" in glance, role.slug
    if role.median_salary is None:
        assert "estimatedSalary" not in occupation
    for place in occupation.get("occupationLocation", []):
        assert place["name"] in visible, (role.slug, place)
    reviewed = occupation["mainEntityOfPage"]["lastReviewed"]
    assert page.find("header", class_="role-header").find("time", datetime=reviewed), (role.slug, reviewed)
    for duty in occupation.get("responsibilities", []):
        assert " ".join(duty.split()) in visible
    for skill in occupation.get("skills", []):
        assert " ".join(skill.split()) in visible


def test_shipped_role_pages_say_what_the_page_shows(client, catalog):
    for role in Role.objects.published():
        _check_role_page(client, role)


def test_own_documents_role_pages_say_what_the_page_shows(client, db, tmp_path):
    load_facts_docs(tmp_path)
    for role in Role.objects.published():
        _check_role_page(client, role)
    senior = BeautifulSoup(client.get("/roles/senior-field-service-technician/").content, "html.parser")
    (occupation,) = [n for n in _jsonld(senior)[0]["@graph"] if n["@type"] == "Occupation"]
    assert [pay["median"] for pay in occupation["estimatedSalary"]] == [71000]
    assert occupation["mainEntityOfPage"]["lastReviewed"] == "2025-03-05"  # "Last updated March 5, 2025"


@pytest.mark.parametrize("slug", ["technical-support-specialist", "senior-technical-support-specialist"])
def test_no_other_levels_pay_is_this_occupations(client, catalog, slug):
    page = BeautifulSoup(client.get(f"/roles/{slug}/").content, "html.parser")
    (occupation,) = [n for n in _jsonld(page)[0]["@graph"] if n["@type"] == "Occupation"]
    assert len(occupation["estimatedSalary"]) == 1
    assert "Director" not in json.dumps(occupation["estimatedSalary"])
