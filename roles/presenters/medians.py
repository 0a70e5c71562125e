"""What a role's median is and where it came from, in the words every page uses.

``card_median`` is the few words a role card shows beside its median (read from the annotations of
``Role.objects.with_card_data()``: no query of its own). ``median_note`` says what each of two
differing medians is (the occupation-wide one and the figure of the role's level on a ladder); the
role page and compare both show it.
"""

from __future__ import annotations

from dataclasses import dataclass

from salaries.models import SalaryBand
from salaries.templatetags.money import format_money


@dataclass(frozen=True)
class CardMedian:
    amount: int
    currency: str
    label: str  # what the figure is and where it came from, in a few words


def card_median(role) -> CardMedian | None:
    """The role's headline median with its kind and source; the official national one when no document gives one."""
    if role.median_salary:
        ladder_of = getattr(role, "median_ladder_of", "")
        if ladder_of:
            label = f"its level on the {ladder_of} ladder"
        else:
            label = ", ".join(bit for bit in (role.median_salary_source, median_period(role)) if bit) or "its guide"
        return CardMedian(role.median_salary, role.median_salary_currency, label)
    official = getattr(role, "official_median", None)
    if official:
        release = getattr(role, "official_release", "")
        return CardMedian(official, "USD", f"occupation-wide, BLS OEWS {release}".rstrip())
    return None


def median_period(role) -> str:
    return role.median_salary_period or (str(role.median_salary_year) if role.median_salary_year else "")


def median_note(role, level_bands) -> str:
    """Says what each median is when the role's median and its own level's median in a ladder table differ."""
    if not role.median_salary:
        return ""
    for band in level_bands:
        if band.kind != SalaryBand.EXPERIENCE_LEVEL:
            continue
        level = band.career_level
        if level is None or level.linked_role_id != role.pk or band.median in (None, role.median_salary):
            continue
        source = role.median_salary_source or "its source"
        when = f", {role.median_salary_period}" if role.median_salary_period else ""
        return (
            f"Two medians, two populations: {format_money(role.median_salary, role.median_salary_currency)} "
            f"({source}{when}) is for everyone in the occupation; {format_money(band.median, band.currency)} is "
            f"the {band.source_section or 'salary table'} figure for the “{band.label}” level alone."
        )
    return ""
