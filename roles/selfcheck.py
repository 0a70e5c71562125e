"""The skills self-check: what a role page offers to tick, and the catalog's skill lists as JSON.

The ticking happens in the browser (static/js/selfcheck.js) and stays there, in local storage.
The server gives the lists: the role's skills and certifications (already prefetched for the role
page), those of the next level up when that level is a role with its own page (one query), and
``/api/skills/`` with every published role's lists for "which roles am I closest to".
Names carry a normalised key (roles.compare.normalise_name) so "Problem-Solving" on one role and
"problem solving" on another count as the same skill.
"""

from __future__ import annotations

from django.db.models import CharField, Value
from django.http import HttpRequest, JsonResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from . import page_data
from .compare import normalise_name
from .models import CareerLevel, Certification, Role, Skill

API_CACHE_SECONDS = 300


def _item(name: str, kind: str) -> dict:
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


def _next_items_query(role_ids):
    skills = (
        Skill.objects.filter(role_id__in=role_ids)
        .order_by()
        .annotate(item_kind=Value("skill", output_field=CharField()))
        .values_list("name", "item_kind", "order")
    )
    certifications = (
        Certification.objects.filter(role_id__in=role_ids)
        .order_by()
        .annotate(item_kind=Value("certification", output_field=CharField()))
        .values_list("name", "item_kind", "order")
    )
    return skills.union(certifications, all=True)


def selfcheck_lists(role: Role) -> dict:
    """Checkbox lists for the role page: this role's items, and the next level's items it lacks."""
    own = [_item(s.name, "skill") for s in role.skills.all()]
    own += [_item(c.name, "certification") for c in role.certifications.all()]
    next_level = next_level_up(role)
    next_role = next_level.linked_role if next_level and next_level.linked_role_id else None
    if next_role and not next_role.is_published:
        next_role = None
    next_items = []
    if next_role:
        rows = sorted(
            page_data.fetch_values("selfcheck_next_items", _next_items_query, [next_role.pk], role._state.db),
            key=lambda r: (r[1] != "skill", r[2], r[0]),
        )
        own_keys = {item["key"] for item in own}
        next_items = [_item(name, kind) for name, kind, _ in rows if normalise_name(name) not in own_keys]
    return {
        "skills": [i for i in own if i["kind"] == "skill"],
        "certifications": [i for i in own if i["kind"] == "certification"],
        "next_level": next_level,
        "next_role": next_role,
        "next_items": next_items,
    }


@require_safe
def skills_api(request: HttpRequest) -> JsonResponse:
    """GET /api/skills/: every published role with its skills and certifications (three queries)."""
    roles = list(Role.objects.published().order_by("title").only("id", "title", "slug"))
    lists: dict[int, list[dict]] = {role.pk: [] for role in roles}
    for role_id, name in Skill.objects.filter(role__in=roles).order_by("order", "id").values_list("role_id", "name"):
        lists[role_id].append(_item(name, "skill"))
    certifications = Certification.objects.filter(role__in=roles).order_by("order", "id")
    for role_id, name in certifications.values_list("role_id", "name"):
        lists[role_id].append(_item(name, "certification"))
    payload = {
        "roles": [
            {"slug": role.slug, "title": role.title, "url": role.get_absolute_url(), "items": lists[role.pk]}
            for role in roles
        ]
    }
    response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
    patch_cache_control(response, public=True, max_age=API_CACHE_SECONDS)
    return response
