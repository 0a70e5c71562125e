"""The skills self-check: what a role page offers to tick, and the catalog's skill lists as JSON.

The ticking happens in the browser (static/js/selfcheck.js) and stays there, in local storage.
The server gives the lists: the role's skills and certifications (already prefetched for the role
page), those of the next level up when that level is a role with its own page (one query), and
``/api/skills/?role=<slug>`` with the lists of that role and of the few roles it compares with (its
ladder, related roles and career moves) for "which roles am I closest to" — a fixed size whatever
the catalog's.
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
    own = [skill_item(s.name, "skill") for s in role.page_content.skills]
    own += [skill_item(c.name, "certification") for c in role.page_content.certifications]
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


# The roles a self-check compares with, besides the role itself: enough for "closest roles", and a
# response of a few kilobytes at any catalog size.
MAX_COMPARED_ROLES = 12


def compared_role_ids(role: Role) -> list[int]:
    """The role and the roles its page links as neighbours (prefetched by ``with_ladders``), in page order."""
    ids = [role.pk]
    candidates = [level.linked_role_id for level in role.career_levels.all()]
    candidates += [position.role_id for position in role.ladder_positions.all()]
    candidates += [item.target_id for item in role.related_roles.all()]
    for move in role.career_moves.all():
        candidates += [move.from_role_id, move.to_role_id]
    for candidate in candidates:
        if candidate and candidate not in ids:
            ids.append(candidate)
    return ids[: MAX_COMPARED_ROLES + 1]


def compared_roles_skill_lists(role: Role) -> list[dict]:
    """The self-check lists of the role and the roles it compares with (three queries)."""
    ids = compared_role_ids(role)
    roles = {r.pk: r for r in Role.objects.published().filter(pk__in=ids).only("id", "title", "slug")}
    lists: dict[int, list[dict]] = {pk: [] for pk in roles}
    for role_id, name in Skill.objects.filter(role__in=ids).order_by("order", "id").values_list("role_id", "name"):
        if role_id in lists:
            lists[role_id].append(skill_item(name, "skill"))
    certifications = Certification.objects.filter(role__in=ids).order_by("order", "id")
    for role_id, name in certifications.values_list("role_id", "name"):
        if role_id in lists:
            lists[role_id].append(skill_item(name, "certification"))
    return [
        {"slug": roles[pk].slug, "title": roles[pk].title, "url": roles[pk].get_absolute_url(), "items": lists[pk]}
        for pk in ids
        if pk in roles
    ]
