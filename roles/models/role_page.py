"""The rows a role page renders, read for a set of roles in a fixed number of queries.

``Role.objects.with_page_data()`` fills each role's prefetch caches from here, so templates keep
using ``role.sections.all`` and the page costs the same number of queries whatever its size.
"""

from __future__ import annotations

from django.apps import apps
from django.db import models

from roles.models import page_data
from roles.models.base import SourceDocument
from roles.models.careers import CareerLevel, CareerMove, RelatedRole
from roles.models.content import Section

# The short content lists a role page shows. They are read together in one UNION query
# (see _attach_content_lists) instead of one prefetch each, so the role page stays within
# its query budget whatever the content size.
CONTENT_LISTS = {
    "duties": ("Duty", {"text": "text"}),
    "skills": ("Skill", {"kind": "kind", "name": "name", "text": "detail"}),
    "certifications": ("Certification", {"name": "name", "flag": "is_key"}),
    "tools": ("Tool", {"name": "name", "kind": "category"}),
    "steps": ("Step", {"text": "text"}),
    "education_paths": (
        "EducationPath",
        {
            "name": "name",
            "text": "description",
            "flag": "cost_open_ended",
            "kind": "currency",
            "unit": "duration_unit",
            "num1": "cost_min",
            "num2": "cost_max",
            "dec1": "duration_min",
            "dec2": "duration_max",
        },
    ),
    "qualifications": ("Qualification", {"kind": "group", "text": "text"}),
    "pros_cons": ("ProCon", {"kind": "kind", "text": "text"}),
    "faqs": ("FAQ", {"name": "question", "text": "answer"}),
    "document_facts": (
        "DocumentFact",
        {
            "name": "title",
            "text": "text",
            "kind": "kind",
            "unit": "currency",
            "flag": "max_open_ended",
            "num1": "median",
            "num2": "average",
            "num3": "min",
            "num4": "max",
            "num5": "years_min",
            "num6": "years_max",
            "note": "pay_section",
            "place": "region",
            "other": "stated_for_title",
            "link": "stated_for_slug",
        },
    ),
}


def _page_relations():
    """The role page's relations: prefetch cache name -> (name of the role field on the rows, query)."""
    SalaryBand = apps.get_model("salaries", "SalaryBand")

    return {
        "sections": ("role", lambda ids: Section.objects.select_related("source").filter(role_id__in=ids)),
        "career_levels": (
            "role",
            lambda ids: CareerLevel.objects.select_related("linked_role", "source").filter(role_id__in=ids),
        ),
        "related_roles": (
            "role",
            lambda ids: RelatedRole.objects.select_related("target", "source").filter(role_id__in=ids),
        ),
        "salary_bands": (
            "role",
            lambda ids: SalaryBand.objects.select_related("source", "career_level", "related_role").filter(
                role_id__in=ids
            ),
        ),
        "ladder_positions": (
            "linked_role",
            lambda ids: CareerLevel.objects.select_related("role").filter(
                role__is_published=True, linked_role_id__in=ids
            ),
        ),
        # "source": a section made only of these rows names its source from the first of them.
        "career_moves": (
            "role",
            lambda ids: CareerMove.objects.select_related("from_role", "to_role", "source").filter(role_id__in=ids),
        ),
    }


def _ladder_levels(ids):
    return CareerLevel.objects.select_related("linked_role").filter(role_id__in=ids)


def attach_page_data(roles) -> None:
    """Fill every relation the role page reads into the prefetch caches of ``roles`` (see roles.models.page_data)."""
    roles = list(roles or [])
    if not roles:
        return
    db = roles[0]._state.db
    ids = [role.pk for role in roles]
    for relation, (field, build) in _page_relations().items():
        grouped = {pk: [] for pk in ids}
        for item in page_data.fetch(relation, build, ids, db):
            grouped[getattr(item, f"{field}_id")].append(item)
        for role in roles:
            page_data.set_prefetched(role, relation, grouped[role.pk], reverse_field=field)
    # The other roles whose ladders this role sits on, each with its whole ladder.
    ladder_roles = [position.role for role in roles for position in role.ladder_positions.all()]
    if ladder_roles:
        ladder_ids = list(dict.fromkeys(role.pk for role in ladder_roles))
        levels = {pk: [] for pk in ladder_ids}
        for level in page_data.fetch("ladder_levels", _ladder_levels, ladder_ids, db):
            levels[level.role_id].append(level)
        for ladder_role in ladder_roles:
            page_data.set_prefetched(ladder_role, "career_levels", levels[ladder_role.pk], reverse_field="role")
    _attach_content_lists(roles)


def _content_lists_query(role_ids):
    """One UNION over every CONTENT_LISTS model, each mapped onto a shared row shape."""
    from django.db.models import IntegerField, Value

    queries = []
    for position, (model_name, columns) in enumerate(CONTENT_LISTS.values()):
        model = _content_model(model_name)
        annotations = {"list_index": Value(position, output_field=IntegerField())}
        for column, field in _CONTENT_SHAPE.items():
            if column in columns:
                annotations[f"c_{column}"] = models.functions.Cast(columns[column], output_field=field)
            else:
                # Typed NULLs: PostgreSQL cannot match an untyped NULL column across a UNION.
                annotations[f"c_{column}"] = models.functions.Cast(Value(None), output_field=field)
        queries.append(
            model.objects.filter(role_id__in=role_ids)
            .order_by()
            .annotate(**annotations)
            .values_list(
                "list_index",
                "id",
                "key",
                "role_id",
                "order",
                "source_id",
                "source_section",
                "source__title",
                "source__file_name",
                *[f"c_{column}" for column in _CONTENT_SHAPE],
            )
        )
    return queries[0].union(*queries[1:], all=True)


_CONTENT_SHAPE = {
    "text": models.TextField(),
    "name": models.TextField(),
    "kind": models.CharField(),
    "unit": models.CharField(),
    "flag": models.BooleanField(),
    "num1": models.IntegerField(),
    "num2": models.IntegerField(),
    "dec1": models.DecimalField(max_digits=6, decimal_places=1),
    "dec2": models.DecimalField(max_digits=6, decimal_places=1),
    "num3": models.IntegerField(),
    "num4": models.IntegerField(),
    "num5": models.IntegerField(),
    "num6": models.IntegerField(),
    "note": models.TextField(),
    "place": models.TextField(),
    "other": models.TextField(),
    "link": models.TextField(),
}


def _attach_content_lists(roles) -> None:
    """Fill the prefetch cache of every CONTENT_LISTS relation of ``roles`` from a single UNION query.

    Each model's columns are mapped onto a shared row shape (text, name, kind, flag, numbers); rows
    are turned back into model instances so templates use ``role.faqs.all`` as with a prefetch.
    """
    roles = list(roles or [])
    if not roles:
        return
    db = roles[0]._state.db
    rows = page_data.fetch_values("content_lists", _content_lists_query, [role.pk for role in roles], db)
    relations = list(CONTENT_LISTS.items())
    found: dict[tuple[int, str], list] = {}
    sources: dict[int, SourceDocument] = {}
    for row in sorted(rows, key=lambda r: (r[0], r[4], r[1])):
        index, pk, key, role_id, order, source_id, source_section, source_title, source_file = row[:9]
        values = dict(zip(_CONTENT_SHAPE, row[9:], strict=True))
        relation, (model_name, columns) = relations[index]
        model = _content_model(model_name)
        fields = {model_field: values[column] for column, model_field in columns.items()}
        if "flag" in columns:
            fields[columns["flag"]] = bool(values["flag"])
        obj = model(
            id=pk,
            key=key,
            role_id=role_id,
            order=order,
            source_id=source_id,
            source_section=source_section,
            **fields,
        )
        obj._state.adding = False
        obj._state.db = db
        if source_id is not None:
            # One instance per document: a page's items nearly all come from the same one or two.
            if source_id not in sources:
                sources[source_id] = SourceDocument(id=source_id, title=source_title, file_name=source_file)
            obj.source = sources[source_id]
        found.setdefault((role_id, relation), []).append(obj)
    for role in roles:
        for relation, _ in relations:
            page_data.set_prefetched(role, relation, found.get((role.pk, relation), []))


def _content_model(name: str):
    return apps.get_model("roles", name)
