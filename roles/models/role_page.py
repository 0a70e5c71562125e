"""What a role page renders, as ``Prefetch`` objects: ``Role.objects.with_page_data()`` adds them.

One query per relation (and one for the ladders the role sits on), so the page costs the same number
of queries whatever its content size; templates read ``role.sections.all``, ``role.faqs.all`` and so on
from the prefetch caches.
"""

from __future__ import annotations

from django.apps import apps
from django.db.models import Prefetch

from roles.models import content, facts
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
        Prefetch("sections", queryset=content.Section.objects.select_related("source")),
        Prefetch("career_levels", queryset=CareerLevel.objects.select_related("linked_role", "source")),
        Prefetch("related_roles", queryset=RelatedRole.objects.select_related("target", "source")),
        Prefetch(
            "salary_bands",
            queryset=SalaryBand.objects.select_related("source", "career_level", "related_role"),
        ),
        # The other roles whose ladders this role sits on, each with its whole ladder.
        Prefetch(
            "ladder_positions", queryset=CareerLevel.objects.select_related("role").filter(role__is_published=True)
        ),
        Prefetch("ladder_positions__role__career_levels", queryset=CareerLevel.objects.select_related("linked_role")),
        # "source": a section made only of these rows names its source from the first of them.
        Prefetch("career_moves", queryset=CareerMove.objects.select_related("from_role", "to_role", "source")),
        *(
            Prefetch(relation, queryset=model.objects.select_related("source"))
            for relation, model in CONTENT_LISTS.items()
        ),
    ]
