"""The wage import: a verified OEWS release into the database, in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from careerguide.pagecache import content_version_bump
from roles.models import Role, Section
from salaries.wages.bulk import wage_rows_delete, wage_rows_insert
from salaries.wages.matching import propose_soc_code
from salaries.wages.models import FIGURE_FIELDS, Area, Occupation, Release
from salaries.wages.source import DETAILED_LEVEL, open_release

BATCH_SIZE = 2000


@dataclass
class WageImportResult:
    release: str = ""
    occupations: int = 0
    areas: int = 0
    wages: int = 0
    proposed: dict[str, str] = field(default_factory=dict)  # role slug -> SOC code


def _role_text(role: Role, sections: dict[int, list[str]]) -> str:
    return "\n".join([role.summary, *sections.get(role.pk, [])])


def _proposals(release, roles: list[Role]) -> dict[int, str]:
    """SOC codes for the roles that have none, from their title and the occupations their text names."""
    missing = [role for role in roles if not role.soc_code]
    if not missing:
        return {}
    sections: dict[int, list[str]] = {}
    for role_id, body in Section.objects.filter(role__in=missing).values_list("role_id", "body"):
        sections.setdefault(role_id, []).append(body)
    occupations = [(row.code, row.title, row.level) for row in release.occupations()]
    employment = {cell.occupation_code: cell.figures.get("employment") or 0 for cell in release.cells(area_kinds="N")}
    proposals = {}
    for role in missing:
        code = propose_soc_code(role.title, _role_text(role, sections), occupations, employment)
        if code:
            proposals[role.pk] = code
    return proposals


def wages_import(source: str | Path, *, all_occupations: bool = False) -> WageImportResult:
    """Load the release at ``source``: the occupations of the catalog's roles (or all of them) at every
    area. Roles without a SOC code get the one proposed from their document. A bad file raises
    ``SourceError`` before anything is written."""
    result = WageImportResult()
    with open_release(source) as release:
        info = release.info()
        occupations = [row for row in release.occupations() if row.level == DETAILED_LEVEL]
        known = {row.code for row in occupations}
        areas = release.areas()
        roles = list(Role.objects.only("pk", "title", "summary", "soc_code", "slug"))
        proposals = _proposals(release, roles)
        codes = sorted(known) if all_occupations else sorted({proposals.get(r.pk, r.soc_code) for r in roles} & known)
        cells = list(release.cells(codes))
        with transaction.atomic():
            release_row, _ = Release.objects.update_or_create(
                code=info.code,
                defaults={
                    "name": info.name,
                    "published": info.published,
                    "source_files": info.source_files,
                    "footnotes": release.footnotes,
                    "database_sha256": info.database_sha256,
                },
            )
            occupation_ids = _upsert_occupations(occupations)
            area_ids = _upsert_areas(areas)
            wage_rows_delete(release_row.pk, None if all_occupations else [occupation_ids[code] for code in codes])
            wage_rows_insert(
                (
                    release_row.pk,
                    occupation_ids[cell.occupation_code],
                    area_ids[cell.area_code],
                    *(cell.figures.get(name) for name in FIGURE_FIELDS),
                    cell.top_coded,
                    cell.suppressed,
                    cell.notes,
                )
                for cell in cells
                if cell.occupation_code in occupation_ids
            )
            for role in roles:
                if role.pk in proposals:
                    role.soc_code = proposals[role.pk]
                    result.proposed[role.slug] = role.soc_code
            Role.objects.bulk_update([r for r in roles if r.pk in proposals], ["soc_code"])
            content_version_bump()
        result.release = info.name
        result.occupations = len(occupations)
        result.areas = len(areas)
        result.wages = sum(1 for cell in cells if cell.occupation_code in occupation_ids)
    return result


def _upsert_occupations(rows) -> dict[str, int]:
    existing = {occupation.code: occupation for occupation in Occupation.objects.all()}
    changed = []
    for row in rows:
        occupation = existing.get(row.code)
        if occupation is None:
            existing[row.code] = Occupation(code=row.code, title=row.title)
        elif occupation.title != row.title:
            occupation.title = row.title
            changed.append(occupation)
    Occupation.objects.bulk_create([o for o in existing.values() if o.pk is None], batch_size=BATCH_SIZE)
    Occupation.objects.bulk_update(changed, ["title"], batch_size=BATCH_SIZE)
    return dict(Occupation.objects.values_list("code", "pk"))


def area_slug(name: str) -> str:
    return slugify(name)


def _upsert_areas(rows) -> dict[str, int]:
    existing = {area.code: area for area in Area.objects.all()}
    changed = []
    for row in rows:
        values = {"kind": row.kind, "name": row.name, "slug": area_slug(row.name), "state_code": row.state_code}
        area = existing.get(row.code)
        if area is None:
            existing[row.code] = Area(code=row.code, **values)
        elif any(getattr(area, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(area, key, value)
            changed.append(area)
    Area.objects.bulk_create([a for a in existing.values() if a.pk is None], batch_size=BATCH_SIZE)
    Area.objects.bulk_update(changed, ["kind", "name", "slug", "state_code"], batch_size=BATCH_SIZE)
    return dict(Area.objects.values_list("code", "pk"))
