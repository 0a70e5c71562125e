"""What a role page contributes to the search index: one entry per section, list, salary and FAQ.

An entry is the role's title (weight A), headings and names (B) and body text (C), with the anchor
a result links to. The ``*_fields`` functions read only attributes, so they take model instances
(the per-role path: ``role_entries``) and the plain rows of the bulk paths alike (``role_rows``,
``entry_rows``): one definition of what an entry says, whichever path writes it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from roles.models import (
    FAQ,
    CareerLevel,
    Certification,
    Duty,
    EducationPath,
    ProCon,
    Qualification,
    RelatedRole,
    Role,
    SearchEntry,
    Section,
    Skill,
    Step,
    Tool,
)
from roles.search.query import CONTROL_RE
from salaries.models import SalaryBand


def _clean(text: str) -> str:
    return CONTROL_RE.sub(" ", text or "").strip()


def _join(*parts: Iterable[str] | str) -> str:
    """The texts as lines, each line once: a list's repeated items ("Ticketing platforms" as the
    category of four tools) would be repeated in a snippet and count again in the text score."""
    lines: dict[str, str] = {}
    for part in parts:
        if isinstance(part, str):
            part = [part]
        for text in part:
            for line in _clean(text).splitlines():
                line = line.strip()
                if line:
                    lines.setdefault(line.casefold(), line)
    return "\n".join(lines.values())


def _money(value: int | None, currency: str) -> str:
    return f"{value:,} {currency}" if value else ""


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


@dataclass(frozen=True)
class Kind:
    """A kind of content that becomes one entry per role: where it links and what it says."""

    relation: str
    anchor: str
    label: str


# The role page's anchors (issue 3): sections link to their own Section.anchor.
GROUPED_KINDS = {
    Duty: Kind("duties", "responsibilities", "Responsibilities"),
    Skill: Kind("skills", "skills", "Skills"),
    Certification: Kind("certifications", "certifications", "Certifications"),
    Tool: Kind("tools", "tools", "Tools"),
    Step: Kind("steps", "how-to-become", "How to become one"),
    EducationPath: Kind("education_paths", "education", "Education & training"),
    Qualification: Kind("qualifications", "qualifications", "Qualifications"),
    ProCon: Kind("pros_cons", "pros-cons", "Pros & cons"),
    CareerLevel: Kind("career_levels", "career-path", "Career path"),
    RelatedRole: Kind("related_roles", "related", "Related roles"),
}
SALARY_KIND = Kind("salary_bands", "salary", "Salary")
# The bands the page draws under its salary section; other roles' bands are drawn with the related
# roles, and a role with none of these shows its median only at the top of the page.
SALARY_SECTION_BANDS = (SalaryBand.EXPERIENCE_LEVEL, SalaryBand.RANGE, SalaryBand.REGIONAL)
MEDIAN_ONLY_ANCHOR = "at-a-glance"
# Every relation a role's entries read, for prefetching.
ROLE_RELATIONS = ("sections", *(kind.relation for kind in GROUPED_KINDS.values()), "salary_bands", "faqs")

# The columns an entry's text functions produce, in this order (the bulk path writes them as rows
# after the role's id).
ENTRY_COLUMNS = ("kind", "source_pk", "anchor", "label", "order", "title", "heading", "body")


def _grouped_text(model, rows: list) -> tuple[str, str]:
    """(heading text B, body text C) for a kind's rows."""
    if model is Skill:
        return _join(r.name for r in rows), _join(r.detail for r in rows)
    if model is Certification:
        return _join(r.name for r in rows), ""
    if model is Tool:
        return _join(r.name for r in rows), _join(r.category for r in rows)
    if model is EducationPath:
        return _join(r.name for r in rows), _join(r.description for r in rows)
    if model is CareerLevel:
        return _join(r.title for r in rows), _join(_join(r.description, r.focus_area_list) for r in rows)
    if model is RelatedRole:
        return _join(r.title for r in rows), _join(r.blurb for r in rows)
    if model is Qualification:
        # Each group's heading once, over its items: a heading repeated before every item would fill snippets.
        groups: dict[str, list[str]] = {}
        for r in rows:
            groups.setdefault(r.group, []).append(r.text)
        return "", _join(
            f"{group}: {'; '.join(texts)}" if group else "; ".join(texts) for group, texts in groups.items()
        )
    return "", _join(r.text for r in rows)


def _salary_text(role, bands: list) -> tuple[str, str]:
    heading = _join(band.label for band in bands)
    body = _join(
        f"Median salary {_money(role.median_salary, role.median_salary_currency)}" if role.median_salary else "",
        (
            " ".join(
                filter(
                    None,
                    [band.region, _money(band.min, band.currency), _money(band.median, band.currency)],
                )
            )
            for band in bands
        ),
    )
    return heading, body


def _fields(kind: str, anchor: str, label: str, order: int, *, title="", heading="", body="", pk=None) -> tuple:
    return (kind, pk, anchor[:100], _clean(label)[:300], order, _clean(title), _join(label, heading), body)


def overview_fields(role) -> tuple:
    body = _join(role.summary, role.typical_education, role.typical_experience, role.employer_types)
    body = _join(body, role.growth_outlook)
    # The summary is at the top of the page, above any section: the result links to the page itself.
    return _fields("overview", "", "Overview", 0, title=role.title, body=body)


def section_fields(section) -> tuple | None:
    if not section.body.strip():
        return None  # a heading over a list: the list is indexed as its own kind, under its anchor
    return _fields(
        "section", section.anchor, section.heading, 100 + section.order, body=_join(section.body), pk=section.pk
    )


def faq_fields(faq) -> tuple:
    return _fields("faq", "faq", f"FAQ: {faq.question}", 1000 + faq.order, body=_join(faq.answer), pk=faq.pk)


def grouped_fields(model, rows: list) -> tuple | None:
    if not rows:
        return None
    kind = GROUPED_KINDS[model]
    heading, body = _grouped_text(model, rows)
    order = 10 + list(GROUPED_KINDS).index(model)
    return _fields(kind.relation, kind.anchor, kind.label, order, heading=heading, body=body)


def salary_fields(role, bands: list) -> tuple | None:
    bands = [band for band in bands if band.kind in SALARY_SECTION_BANDS]
    if not bands and not role.median_salary:
        return None
    heading, body = _salary_text(role, bands)
    anchor = SALARY_KIND.anchor if bands else MEDIAN_ONLY_ANCHOR
    return _fields(SALARY_KIND.relation, anchor, SALARY_KIND.label, 30, heading=heading, body=body)


def entry(role: Role, fields: tuple | None) -> SearchEntry | None:
    """The model instance of an entry's fields (None: the role has no such content)."""
    if fields is None:
        return None
    return SearchEntry(role=role, **dict(zip(ENTRY_COLUMNS, fields, strict=True)))


def role_entries(role: Role) -> list[SearchEntry]:
    """Every entry of a role, from its prefetched relations (``ROLE_RELATIONS``)."""
    fields = [overview_fields(role)]
    fields += [section_fields(section) for section in role.sections.all()]
    for model, kind in GROUPED_KINDS.items():
        fields.append(grouped_fields(model, list(getattr(role, kind.relation).all())))
    fields.append(salary_fields(role, list(role.salary_bands.all())))
    fields += [faq_fields(faq) for faq in role.faqs.all()]
    return [entry(role, values) for values in fields if values is not None]


# ---------------------------------------------------------------------------------------------
# The same entries from plain values, for thousands of roles at once.

# The columns each kind's text functions read (besides role_id and the ordering).
_ROW_COLUMNS = {
    Section: ("id", "anchor", "heading", "body", "order"),
    FAQ: ("id", "question", "answer", "order"),
    Duty: ("text",),
    Skill: ("name", "detail"),
    Certification: ("name",),
    Tool: ("name", "category"),
    Step: ("text",),
    EducationPath: ("name", "description"),
    Qualification: ("group", "text"),
    ProCon: ("text",),
    CareerLevel: ("title", "description", "focus_areas"),
    RelatedRole: ("title", "blurb"),
}
_SALARY_COLUMNS = ("kind", "label", "region", "min", "median", "currency")
_ROLE_COLUMNS = (
    "id",
    "title",
    "summary",
    "typical_education",
    "typical_experience",
    "top_employer_types",
    "growth_outlook",
    "median_salary",
    "median_salary_currency",
)
# RoleContent's ordering (salary bands' too): the order of the role page and of the per-role path.
_CONTENT_ORDER = ("order", "id")


class _Row:
    """A content row as the *_fields functions see it: attributes only, no model instance."""

    def __init__(self, values: dict):
        self.__dict__ = values

    @property
    def pk(self):
        return self.__dict__["id"]

    @property
    def focus_area_list(self) -> list[str]:  # as CareerLevel.focus_area_list
        return _lines(self.__dict__["focus_areas"])

    @property
    def employer_types(self) -> list[str]:  # as Role.employer_types
        return _lines(self.__dict__["top_employer_types"])


def role_rows(role, content: dict, bands: list) -> list[tuple]:
    """(role_id, *ENTRY_COLUMNS) rows of one role from plain rows (content: model -> rows in page order)."""
    fields = [overview_fields(role)]
    fields += [section_fields(section) for section in content.get(Section, [])]
    fields += [grouped_fields(model, content.get(model, [])) for model in GROUPED_KINDS]
    fields.append(salary_fields(role, bands))
    fields += [faq_fields(faq) for faq in content.get(FAQ, [])]
    return [(role.pk, *values) for values in fields if values is not None]


def _rows_by_role(model, columns: tuple, role_ids: list[int]) -> dict[int, list[_Row]]:
    """Rows of ``model`` for ``role_ids``, per role, in the order the role's related manager gives them."""
    queryset = model.objects.filter(role_id__in=role_ids).order_by("role_id", *_CONTENT_ORDER)
    by_role: dict[int, list[_Row]] = {}
    for role_id, *values in queryset.values_list("role_id", *columns).iterator(chunk_size=5000):
        by_role.setdefault(role_id, []).append(_Row(dict(zip(columns, values, strict=True))))
    return by_role


def stored_entry_rows(role_ids: list[int]) -> list[tuple]:
    """(role_id, *ENTRY_COLUMNS) rows for ``role_ids``, in the per-role path's order: a query per kind."""
    rows = {model: _rows_by_role(model, columns, role_ids) for model, columns in _ROW_COLUMNS.items()}
    bands = _rows_by_role(SalaryBand, _SALARY_COLUMNS, role_ids)
    out: list[tuple] = []
    for values in Role.objects.filter(pk__in=role_ids).order_by("pk").values_list(*_ROLE_COLUMNS):
        role = _Row(dict(zip(_ROLE_COLUMNS, values, strict=True)))
        content = {model: by_role.get(role.pk, []) for model, by_role in rows.items()}
        out += role_rows(role, content, bands.get(role.pk, []))
    return out


def bulk_index_columns() -> dict[type, tuple[str, ...]]:
    """The fields each model's entry text reads (Role and salary bands included), for ``entry_rows``."""
    columns = {model: tuple(dict.fromkeys((*names, *_CONTENT_ORDER))) for model, names in _ROW_COLUMNS.items()}
    columns[SalaryBand] = (*_SALARY_COLUMNS, *_CONTENT_ORDER)
    columns[Role] = _ROLE_COLUMNS
    return columns


def entry_rows(role: dict, content: dict[type, list[dict]]) -> list[tuple]:
    """A role's index rows from values held in memory (as ``bulk_index_columns`` names them), for a
    caller that has just written them (generate_catalog) and need not read them back: the same rows
    ``search_index_rebuild`` makes from the database."""
    ordered = {
        model: [_Row(values) for values in sorted(rows, key=lambda v: (v["order"], v["id"]))]
        for model, rows in content.items()
    }
    return role_rows(_Row(role), ordered, ordered.pop(SalaryBand, []))
