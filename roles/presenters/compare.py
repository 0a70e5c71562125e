"""Two or three roles side by side: what /compare/?roles=a,b[,c] shows.

``parse_role_slugs`` turns the query into slugs and messages for the visitor (repeated slugs are
dropped and said so; more than ``MAX_ROLES`` is refused). ``build_comparison`` reads the roles with
the role page's own loader (``Role.objects.for_page()``) plus two small queries (the pay of the levels the
roles hold on other ladders, and the moves out of them), so a comparison costs a fixed number of
queries whatever the content size.

Skills and certifications are matched on a normalised name: case, punctuation and parenthetical
asides do not matter ("Problem-Solving" = "problem solving", "CompTIA A+ (core 1)" = "CompTIA A+").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.text import slugify

from roles.models import CareerMove, Role
from roles.presenters.medians import card_median, median_note
from salaries.models import SalaryBand, headline_figure

MAX_ROLES = 3


def normalise_name(name: str) -> str:
    """How skill and certification names are compared across roles."""
    name = re.sub(r"\([^)]*\)", " ", name.lower())
    name = name.replace("+", " plus ").replace("&", " and ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", name).split())


@dataclass
class RoleRequest:
    slugs: list[str]
    messages: list[str]
    refused: bool = False


SLUG_RE = re.compile(r"[a-z0-9_-]{1,200}")
# What a typed role title may hold (letters, digits, spaces and the punctuation titles use); anything
# else is reported as not a role, never guessed at.
TITLE_RE = re.compile(r"\w[\w .&+/'()-]{0,199}")


def parse_role_slugs(values: list[str]) -> RoleRequest:
    """Slugs from ``?roles=a,b`` (or ``?roles=a&roles=b``), in order, each once, at most MAX_ROLES."""
    slugs: list[str] = []
    messages: list[str] = []
    for value in values:
        for slug in value.split(","):
            slug = slug.strip().lower()
            if not slug:
                continue
            if not SLUG_RE.fullmatch(slug) and TITLE_RE.fullmatch(slug) and SLUG_RE.fullmatch(slugify(slug)):
                # A role's title, as typed in the picker of a large catalog: slugs are slugified titles.
                slug = slugify(slug)
            if not SLUG_RE.fullmatch(slug):
                # No role has such an address; asking the database would only risk its errors (a NUL byte).
                messages.append(f"“{slug[:60]}” is not the address of a role in the guide.")
                continue
            if slug in slugs:
                if f"“{slug}” was listed more than once; it is shown once." not in messages:
                    messages.append(f"“{slug}” was listed more than once; it is shown once.")
                continue
            slugs.append(slug)
    if len(slugs) > MAX_ROLES:
        return RoleRequest(
            slugs=slugs,
            messages=[
                f"You asked to compare {len(slugs)} roles; at most {MAX_ROLES} fit side by side. "
                "Pick two or three of them below."
            ],
            refused=True,
        )
    return RoleRequest(slugs=slugs, messages=messages)


@dataclass
class ChartBand:
    """A salary figure shaped like a SalaryBand, so the shared salary chart can draw it."""

    label: str  # on the chart, beside the other roles' figures: names the role
    currency: str = "USD"
    min: int | None = None
    max: int | None = None
    median: int | None = None
    average: int | None = None
    max_open_ended: bool = False
    # In the role's own column: a label that says what the figure is ("Median"), so the figure follows bare,
    # and where it comes from, as the role's card says it (medians.card_median).
    list_label: str = ""
    note: str = ""

    @property
    def headline(self) -> int | None:
        return headline_figure(self)


@dataclass
class ComparedRole:
    role: Role
    pay: list[ChartBand] = field(default_factory=list)
    positions: list[str] = field(default_factory=list)
    moves: list[CareerMove] = field(default_factory=list)
    only_skills: list[str] = field(default_factory=list)
    only_certifications: list[str] = field(default_factory=list)
    median_note: str = ""  # what each median is, when the role's own and its ladder level's differ


@dataclass
class Comparison:
    columns: list[ComparedRole]
    shared_skills: list[dict]  # {"name": ..., "roles": [titles]}
    shared_certifications: list[dict]
    chart_bands: list[ChartBand]
    messages: list[str]


def _shared_and_only(columns: list[ComparedRole], names_of) -> tuple[list[dict], list[list[str]]]:
    """Names in two or more of the roles (first spelling wins), and each role's names no other has."""
    owners: dict[str, list[int]] = {}
    spelling: dict[str, str] = {}
    for index, column in enumerate(columns):
        for name in names_of(column.role):
            key = normalise_name(name)
            if not key:
                continue
            spelling.setdefault(key, name)
            if index not in owners.setdefault(key, []):
                owners[key].append(index)
    shared = [
        {"name": spelling[key], "roles": [columns[i].role.title for i in who], "all": len(who) == len(columns)}
        for key, who in owners.items()
        if len(who) > 1
    ]
    only: list[list[str]] = [[] for _ in columns]
    seen: set[tuple[int, str]] = set()
    for index, column in enumerate(columns):
        for name in names_of(column.role):
            key = normalise_name(name)
            if key and owners.get(key) == [index] and (index, key) not in seen:
                seen.add((index, key))
                only[index].append(name)
    return shared, only


def build_comparison(slugs: list[str]) -> Comparison:
    """The comparison of the published roles named by ``slugs`` (unknown ones are reported)."""
    # with_card_data(): the official median of an occupation no document prices, in the same query.
    roles = Role.objects.published().filter(slug__in=slugs).with_card_data().for_page()
    found = {role.slug: role for role in roles}
    messages = [f"There is no role “{slug}” in the guide." for slug in slugs if slug not in found]
    columns = [ComparedRole(role=found[slug]) for slug in slugs if slug in found]
    if not columns:
        return Comparison(columns=[], shared_skills=[], shared_certifications=[], chart_bands=[], messages=messages)

    # The pay of the levels these roles hold on another role's ladder (one query).
    foreign_levels = {
        position.pk: (column, position)
        for column in columns
        for position in column.role.ladder_positions.all()
        if position.role_id != column.role.pk
    }
    foreign_pay = {}
    if foreign_levels:
        for band in SalaryBand.objects.filter(career_level_id__in=foreign_levels, kind=SalaryBand.EXPERIENCE_LEVEL):
            foreign_pay[band.career_level_id] = band
    moves_by_role: dict[int, list[CareerMove]] = {}
    for move in CareerMove.objects.filter(role__in=[c.role for c in columns]).select_related("to_role"):
        moves_by_role.setdefault(move.role_id, []).append(move)

    chart: list[ChartBand] = []
    for column in columns:
        role = column.role
        column.moves = moves_by_role.get(role.pk, [])
        rung_medians = {
            (foreign_pay[position.pk].median, foreign_pay[position.pk].currency)
            for position in role.ladder_positions.all()
            if position.pk in foreign_pay
        }
        # A median taken from the role's rung on another ladder (#18) is charted once, as that rung.
        if role.median_salary and (role.median_salary, role.median_salary_currency) not in rung_medians:
            median = ChartBand(
                label=role.title,
                currency=role.median_salary_currency,
                median=role.median_salary,
                list_label="Median",
                note=card_median(role).label,
            )
            column.pay.append(median)
        bands = list(role.salary_bands.all())
        column.median_note = median_note(role, bands)
        for band in bands:
            if band.kind == SalaryBand.RANGE:
                column.pay.append(_chart_band(band, f"{role.title}: {band.label}"))
        own_ladder = list(role.career_levels.all())
        for number, level in enumerate(own_ladder, 1):
            if level.linked_role_id == role.pk:
                column.positions.append(f"Level {number} of {len(own_ladder)} on its own ladder ({level.years_label})")
        for position in role.ladder_positions.all():
            if position.role_id == role.pk:
                continue
            ladder = list(position.role.career_levels.all())
            number = next((i for i, lvl in enumerate(ladder, 1) if lvl.pk == position.pk), None)
            where = f"Level {number} of {len(ladder)} on the {position.role.title} ladder"
            column.positions.append(f"{where} ({position.years_label})" if position.years_label else where)
            if position.pk in foreign_pay:
                column.pay.append(_chart_band(foreign_pay[position.pk], f"{role.title} (as a level)"))
        for band in bands:
            if band.kind == SalaryBand.EXPERIENCE_LEVEL:
                column.pay.append(_chart_band(band, band.label))
        chart.extend(b for b in column.pay if b.headline is not None or b.min is not None or b.max is not None)

    shared_skills, only_skills = _shared_and_only(columns, lambda role: [s.name for s in role.page_content.skills])
    shared_certs, only_certs = _shared_and_only(
        columns, lambda role: [c.name for c in role.page_content.certifications]
    )
    for column, skills, certs in zip(columns, only_skills, only_certs, strict=True):
        column.only_skills = skills
        column.only_certifications = certs
    return Comparison(
        columns=columns,
        shared_skills=shared_skills,
        shared_certifications=shared_certs,
        chart_bands=chart,
        messages=messages,
    )


def _chart_band(band: SalaryBand, label: str) -> ChartBand:
    return ChartBand(
        label=label,
        currency=band.currency,
        min=band.min,
        max=band.max,
        median=band.median,
        average=band.average,
        max_open_ended=band.max_open_ended,
    )
