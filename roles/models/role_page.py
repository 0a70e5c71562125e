"""What a role page renders: ``Role.objects.for_page()`` loads the roles with it.

The relations whose rows link to other rows (related roles, salary bands, ladder positions, career moves)
come as one ``Prefetch`` each, read as ``role.related_roles.all()`` and so on; the ladders of the role and
of the roles whose ladders it sits on come in one more (``prefetch_ladders``). The roles these rows link
to load only the few fields the page reads of them (``LINKED_ROLE_FIELDS``), and the salary bands take
their levels and related roles from the role's own rows (``link_salary_bands``) rather than from joins.

The sections and the ten short content lists (duties, skills, ... FAQs, document facts) link to nothing
else: they come together in one ``UNION ALL`` query (``roles.models.content_rows``), each row as a JSON
object of its columns, and are set on each role as ``role.page_content`` (a ``PageContent``). Eleven
prefetches cost eleven queries built and compiled by the ORM on every request, and building and compiling,
not executing, is most of a page's SQL time. Either way the page costs the same number of queries whatever
its content size.

The rows' source documents are not joined into each of those queries (a role's rows come from one
or two documents, and thirteen joins built the same few documents as hundreds of instances):
``attach_sources(roles)`` reads them in one query.
"""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass, fields
from decimal import Decimal

from django.apps import apps
from django.db import connection, models
from django.db.models import Prefetch, prefetch_related_objects

from roles.models import content, facts
from roles.models.base import SourceDocument
from roles.models.careers import CareerLevel, CareerMove, RelatedRole
from roles.models.content_rows import content_rows


@dataclass
class PageContent:
    """A role's sections and short content lists, each in its model's order (``order``, then ``id``)."""

    sections: list[content.Section]
    duties: list[content.Duty]
    skills: list[content.Skill]
    certifications: list[content.Certification]
    tools: list[content.Tool]
    steps: list[content.Step]
    education_paths: list[content.EducationPath]
    qualifications: list[content.Qualification]
    pros_cons: list[content.ProCon]
    faqs: list[content.FAQ]
    document_facts: list[facts.DocumentFact]


# The sections and short content lists a role page shows: PageContent field -> model.
CONTENT_LISTS = {
    "sections": content.Section,
    "duties": content.Duty,
    "skills": content.Skill,
    "certifications": content.Certification,
    "tools": content.Tool,
    "steps": content.Step,
    "education_paths": content.EducationPath,
    "qualifications": content.Qualification,
    "pros_cons": content.ProCon,
    "faqs": content.FAQ,
    "document_facts": facts.DocumentFact,
}
assert list(CONTENT_LISTS) == [f.name for f in fields(PageContent)]
# Rows pages never show, as the models' ``objects`` managers leave them out (``facts.ShownFactManager``).
HIDDEN_FLAGS = {facts.DocumentFact: "hidden"}


# What the page reads of a role another row links to (a ladder level's role, a related role's guide, a
# move's ends, the roles whose ladders this role sits on): its name, its address and whether it is public.
LINKED_ROLE_FIELDS = ("title", "slug", "is_published")


def _with_linked_roles(model, *relations: str):
    """``model``'s rows, all their columns, with the roles ``relations`` link to (``LINKED_ROLE_FIELDS`` only)."""
    own = [field.name for field in model._meta.concrete_fields]
    linked = [f"{relation}__{name}" for relation in relations for name in LINKED_ROLE_FIELDS]
    return model.objects.select_related(*relations).only(*own, *linked)


def page_prefetches() -> list[Prefetch]:
    """The relations the role page reads through ``role.<relation>.all()``, each with the rows it links to,
    but the ladders (``prefetch_ladders``).

    Linked roles load only ``LINKED_ROLE_FIELDS`` (a role has some forty columns, and building them for
    every linked role was most of the prefetches' cost); reading another of their fields costs a query.
    """
    SalaryBand = apps.get_model("salaries", "SalaryBand")
    return [
        Prefetch("related_roles", queryset=_with_linked_roles(RelatedRole, "target")),
        # Each band's level and related role are the role's own (``SalaryBand.clean``): ``link_salary_bands``.
        Prefetch("salary_bands", queryset=SalaryBand.objects.all()),
        # The other roles whose ladders this role sits on (their ladders: ``prefetch_ladders``).
        Prefetch("ladder_positions", queryset=_with_linked_roles(CareerLevel, "role").filter(role__is_published=True)),
        # "source": a section made only of these rows names its source from the first of them.
        Prefetch("career_moves", queryset=_with_linked_roles(CareerMove, "from_role", "to_role")),
    ]


def prefetch_ladders(roles) -> None:
    """The career ladders of the roles loaded with ``page_prefetches()`` and of the roles whose ladders they
    sit on, in one query (as ``role.career_levels.all()``, each level with the role it links to)."""
    ladder_roles = [position.role for role in roles for position in role.ladder_positions.all()]
    prefetch_related_objects(
        [*roles, *ladder_roles], Prefetch("career_levels", queryset=_with_linked_roles(CareerLevel, "linked_role"))
    )


def _decimal_reader(field: models.DecimalField):
    # JSON carries a decimal as a number: back to the column's scale, as the database driver gives it.
    scale = Decimal(1).scaleb(-field.decimal_places)
    return lambda value: Decimal(str(value)).quantize(scale)


@functools.cache
def _columns(model) -> tuple[list[str], list]:
    """The attribute names of ``model``'s concrete columns and, for each, how to turn its JSON value into
    what the ORM would load (None: as it is)."""
    readers = []
    for field in model._meta.concrete_fields:
        if isinstance(field, models.DecimalField):
            readers.append(_decimal_reader(field))
        elif isinstance(field, models.BooleanField):
            readers.append(bool)  # SQLite's JSON says 0/1
        elif isinstance(field, models.UUIDField):
            readers.append(uuid.UUID)
        else:
            readers.append(None)  # integers and text come as they are
    return [field.attname for field in model._meta.concrete_fields], readers


def attach_content(roles) -> None:
    """Set ``role.page_content`` on each role: one query whatever the number of roles or rows."""
    if not roles:
        return
    models_in_order = tuple(CONTENT_LISTS.values())
    lists: dict[int, list[list]] = {role.pk: [[] for _ in models_in_order] for role in roles}
    for number, row in content_rows(models_in_order, list(lists), HIDDEN_FLAGS):
        model = models_in_order[number]
        names, readers = _columns(model)
        values = [
            row[name] if read is None or row[name] is None else read(row[name])
            for name, read in zip(names, readers, strict=True)
        ]
        instance = model.from_db(connection.alias, names, values)
        lists[instance.role_id][number].append(instance)
    for role in roles:
        role.page_content = PageContent(*(sorted(rows, key=lambda r: (r.order, r.pk)) for rows in lists[role.pk]))


def link_salary_bands(roles) -> None:
    """Give each band of a role loaded with ``page_prefetches()`` its career level and related role from the
    role's own prefetched ladder and related roles (the same instances, and no join). A band that names a
    level or related role of another role (``SalaryBand.clean`` forbids it) loads it when read."""
    for role in roles:
        levels = {level.pk: level for level in role.career_levels.all()}
        related = {item.pk: item for item in role.related_roles.all()}
        for band in role.salary_bands.all():
            if band.career_level_id in levels:
                band.career_level = levels[band.career_level_id]
            if band.related_role_id in related:
                band.related_role = related[band.related_role_id]


# The prefetched relations whose rows name a source document.
SOURCED_RELATIONS = ("career_levels", "related_roles", "salary_bands", "career_moves")


def attach_sources(roles) -> None:
    """Give each role loaded with ``page_prefetches()`` and ``attach_content()`` and every row it shows their
    source documents.

    One query whatever the number of rows or documents (always one: an empty list still asks, so the
    page's query count does not depend on whether its rows were imported or typed in).
    """
    rows = [row for role in roles for relation in SOURCED_RELATIONS for row in getattr(role, relation).all()]
    rows += [row for role in roles for field in fields(PageContent) for row in getattr(role.page_content, field.name)]
    rows += roles
    wanted = {row.source_id for row in rows if row.source_id is not None}
    # No document has the primary key 0: it stands for "none" so the query runs even when nothing is wanted.
    documents = SourceDocument.objects.in_bulk(sorted(wanted) or [0])
    for row in rows:
        if row.source_id is not None:
            row.source = documents[row.source_id]
