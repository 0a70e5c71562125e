"""Typical experience as each document gives it (#18): when a role's own document and a ladder it is a level of
give different years, "At a glance" shows each with what it is and where it comes from; when they agree, one
figure; when only the ladder gives years, that figure with its source. Over the shipped catalog and over
documents of the tests' own making."""

from __future__ import annotations

import re

from roles.models import Role
from tests.roles.publishing.facts_helpers import FACTS_DOCS, load_documents, soup, text_of

SENIOR_JD = FACTS_DOCS / "jd_senior_field_service_technician.txt"
OWN_YEARS = "- Typical experience\n- 5-9 years\n"


def experience(client, slug: str) -> str:
    glance = soup(client, f"/roles/{slug}/").find(id="at-a-glance")
    found = [dl for dl in glance.find_all("dl") if text_of(dl.find("dt")).startswith("Typical experience")]
    assert len(found) <= 1
    return text_of(found[0]) if found else ""


def load_with_senior_jd(tmp_path, text: str) -> None:
    folder = tmp_path / "docs"
    folder.mkdir(parents=True)
    (folder / SENIOR_JD.name).write_text(text, encoding="utf-8")
    others = [p for p in sorted(FACTS_DOCS.glob("*.txt")) if p.name != SENIOR_JD.name]
    load_documents(tmp_path, folder / SENIOR_JD.name, *others)


def test_the_senior_page_says_what_each_experience_figure_is_and_where_it_comes_from(client, catalog):
    text = experience(client, "senior-technical-support-specialist")
    assert "5–8 years (this role's job description)" in text
    assert "4–7 years (Technical Support Specialist career guide, ladder level 3 of 6)" in text
    assert "Documents differ" in text
    # The header's ladder line and the ladder itself give the same 4–7 years, now explained beside them.
    header = text_of(soup(client, "/roles/senior-technical-support-specialist/").find(class_="ladder-note"))
    assert "level 3 of 6, 4–7 years" in header


def test_a_role_whose_documents_agree_shows_one_figure(client, catalog):
    for role in Role.objects.exclude(slug="senior-technical-support-specialist"):
        text = experience(client, role.slug)
        assert text.startswith(f"Typical experience {role.experience_label}"), text
        assert "Documents differ" not in text and "ladder level" not in text


def test_own_documents_agreeing_then_differing(client, db, tmp_path):
    text = SENIOR_JD.read_text(encoding="utf-8")
    assert OWN_YEARS in text
    load_with_senior_jd(tmp_path / "same", text)
    agreed = experience(client, "senior-field-service-technician")
    assert agreed == "Typical experience 5–9 years"

    load_with_senior_jd(tmp_path / "differ", text.replace(OWN_YEARS, "- Typical experience\n- 6-10 years\n"))
    differ = experience(client, "senior-field-service-technician")
    assert "6–10 years (this role's job description)" in differ
    assert "5–9 years (Field Service Technician career guide, ladder level 3 of 4)" in differ
    assert "Documents differ" in differ


def test_years_only_a_ladder_gives_are_shown_with_their_source(client, db, tmp_path):
    text = SENIOR_JD.read_text(encoding="utf-8").replace(OWN_YEARS, "")
    load_with_senior_jd(tmp_path, text)
    assert Role.objects.get(slug="senior-field-service-technician").experience_label == ""
    shown = experience(client, "senior-field-service-technician")
    assert shown == "Typical experience 5–9 years (Field Service Technician career guide, ladder level 3 of 4)"


def test_one_year_of_experience_is_one_year_not_one_years(client, catalog, settings):
    """A role whose fewest and most years are both 1 reads '1 year' on its page and card; more read 'years'."""
    settings.PAGE_CACHE_ENABLED = False
    Role.objects.filter(slug="customer-support-specialist").update(experience_years_min=1, experience_years_max=1)
    Role.objects.filter(slug="technical-support-specialist").update(experience_years_min=3, experience_years_max=3)
    page = text_of(soup(client, "/roles/customer-support-specialist/"))
    listing = text_of(soup(client, "/roles/"))
    assert not re.search(r"\b1 years", page + listing)
    assert "1 year" in experience(client, "customer-support-specialist")
    assert "3 years" in experience(client, "technical-support-specialist")
