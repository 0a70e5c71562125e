"""A role's typical experience as every document gives it, each figure with what it is and where it comes from.

A role's own document gives its typical experience ("5–8 years", a job description's at-a-glance); a career
guide whose ladder has the role as a level gives that level's years ("level 3 of 6, 4–7 years"). When they
differ, the page shows each with its source instead of two unexplained figures; when they agree, one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExperienceFigure:
    years: str  # "5–8 years"
    source: str  # "this role's job description", "Technical Support Specialist career guide, ladder level 3 of 6"


def _document_kind(document) -> str:
    return document.kind if document else "document"


def _normalised(years: str) -> str:
    return years.replace("-", "–").replace(" ", "").lower()


def experience_figures(role, document_facts, ladder_positions) -> list[ExperienceFigure]:
    """Every figure for the role's typical experience, its own first, then each ladder it is a level of; one
    figure when all agree (or only one is given), none when no document gives any.

    ``document_facts``: the role's facts from other documents (their sources attached); ``ladder_positions``:
    the ladders it sits on, as the role page builds them (level, ladder_role, ladder, number).
    """
    figures: list[ExperienceFigure] = []
    if role.experience_label:
        figures.append(ExperienceFigure(role.experience_label, f"this role's {_document_kind(role.source)}"))
    stated_by = {fact.stated_for_slug: fact for fact in document_facts if fact.kind == "ladder_level"}
    for position in ladder_positions:
        level, ladder_role = position["level"], position["ladder_role"]
        if not level.years_label:
            continue
        fact = stated_by.get(ladder_role.slug)
        where = f"{ladder_role.title} {_document_kind(fact.source) if fact else 'career path'}"
        if position.get("number"):
            where += f", ladder level {position['number']} of {len(position['ladder'])}"
        figures.append(ExperienceFigure(level.years_label, where))
    if len({_normalised(f.years) for f in figures}) <= 1:
        return figures[:1]
    return figures
