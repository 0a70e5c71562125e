"""The skills self-check: what a role page offers to tick, and the catalog's skill lists as JSON.

The ticking happens in the browser (static/js/selfcheck.js) and stays there, in local storage.
The server gives the lists: the role's skills and certifications (already prefetched for the role
page), those of the next level up when that level is a role with its own page (one query), and
``/api/skills/`` with every published role's lists for "which roles am I closest to".
Names carry a normalised key (roles.presenters.compare.normalise_name) so "Problem-Solving" on one role and
"problem solving" on another count as the same skill.
"""

from __future__ import annotations

from django.db.models import CharField, Value

from roles.models import CareerLevel, Certification, Role, Skill
from roles.presenters.compare import normalise_name


def skill_item(name: str, kind: str) -> dict:
    return {"name": name, "key": normalise_name(name), "kind": kind}


def next_level_up(role: Role) -> CareerLevel | None:
    """The level after this role on its own ladder, else on the first ladder it sits on (prefetched data only)."""
    ladders = [list(role.career_levels.all())]
    ladders += [list(position.role.career_levels.all()) for position in role.ladder_positions.all()]
    for ladder in ladders:
        for index, level in enumerate(ladder[:-1]):
            if level.linked_role_id == role.pk:
                return ladder[index + 1]
    return None


def _next_items_query(role: Role):
    skills = (
        Skill.objects.filter(role=role)
        .order_by()
        .annotate(item_kind=Value("skill", output_field=CharField()))
        .values_list("name", "item_kind", "order")
    )
    certifications = (
        Certification.objects.filter(role=role)
        .order_by()
        .annotate(item_kind=Value("certification", output_field=CharField()))
        .values_list("name", "item_kind", "order")
    )
    return skills.union(certifications, all=True)


def selfcheck_lists(role: Role) -> dict:
    """Checkbox lists for the role page: this role's items, and the next level's items it lacks."""
    own = [skill_item(s.name, "skill") for s in role.skills.all()]
    own += [skill_item(c.name, "certification") for c in role.certifications.all()]
    next_level = next_level_up(role)
    next_role = next_level.linked_role if next_level and next_level.linked_role_id else None
    if next_role and not next_role.is_published:
        next_role = None
    next_items = []
    if next_role:
        rows = sorted(
            _next_items_query(next_role),
            key=lambda r: (r[1] != "skill", r[2], r[0]),
        )
        own_keys = {item["key"] for item in own}
        next_items = [skill_item(name, kind) for name, kind, _ in rows if normalise_name(name) not in own_keys]
    return {
        "skills": [i for i in own if i["kind"] == "skill"],
        "certifications": [i for i in own if i["kind"] == "certification"],
        "next_level": next_level,
        "next_role": next_role,
        "next_items": next_items,
    }
