"""What a role page renders, as ``Prefetch`` objects: ``Role.objects.for_page()`` loads the roles with them.

One query per relation (and one for the ladders the role sits on), so the page costs the same number
of queries whatever its content size; templates read ``role.sections.all``, ``role.faqs.all`` and so on
from the prefetch caches.

The rows' source documents are not joined into each of those queries (a role's rows come from one
or two documents, and thirteen joins built the same few documents as hundreds of instances):
``for_page()`` calls ``attach_sources(roles)`` on the roles it loads, which reads them in one query.
"""

from __future__ import annotations

from django.apps import apps
from django.db.models import Prefetch

from roles.models import content, facts
from roles.models.base import SourceDocument
from roles.models.careers import CareerLevel, CareerMove, RelatedRole

# The short content lists a role page shows: prefetch name -> model.
CONTENT_LISTS = {
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


def page_prefetches() -> list[Prefetch]:
    """Every relation the role page reads, each with the rows it links to."""
    SalaryBand = apps.get_model("salaries", "SalaryBand")
    return [
        Prefetch("sections", queryset=content.Section.objects.all()),
        Prefetch("career_levels", queryset=CareerLevel.objects.select_related("linked_role")),
        Prefetch("related_roles", queryset=RelatedRole.objects.select_related("target")),
        Prefetch("salary_bands", queryset=SalaryBand.objects.select_related("career_level", "related_role")),
        # The other roles whose ladders this role sits on, each with its whole ladder.
        Prefetch(
            "ladder_positions", queryset=CareerLevel.objects.select_related("role").filter(role__is_published=True)
        ),
        Prefetch("ladder_positions__role__career_levels", queryset=CareerLevel.objects.select_related("linked_role")),
        # "source": a section made only of these rows names its source from the first of them.
        Prefetch("career_moves", queryset=CareerMove.objects.select_related("from_role", "to_role")),
        *(Prefetch(relation, queryset=model.objects.all()) for relation, model in CONTENT_LISTS.items()),
    ]


# The prefetched relations whose rows name a source document.
SOURCED_RELATIONS = ("sections", "career_levels", "related_roles", "salary_bands", "career_moves", *CONTENT_LISTS)


def attach_sources(roles) -> None:
    """Give each role loaded with ``page_prefetches()`` and every row it shows their source documents.

    One query whatever the number of rows or documents (always one: an empty list still asks, so the
    page's query count does not depend on whether its rows were imported or typed in).
    """
    rows = [row for role in roles for relation in SOURCED_RELATIONS for row in getattr(role, relation).all()]
    rows += roles
    wanted = {row.source_id for row in rows if row.source_id is not None}
    # No document has the primary key 0: it stands for "none" so the query runs even when nothing is wanted.
    documents = SourceDocument.objects.in_bulk(sorted(wanted) or [0])
    for row in rows:
        if row.source_id is not None:
            row.source = documents[row.source_id]
