"""GET /api/skills/: every published role's skills and certifications, for the self-check's closest roles."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from careerguide.queryparams import LINKS, LIST, cached_page
from roles.models import Certification, Role, Skill
from roles.presenters.selfcheck import skill_item

API_CACHE_SECONDS = 300


@require_safe
@cached_page(depends=(LINKS, LIST))
def skills_api(request: HttpRequest) -> JsonResponse:
    """GET /api/skills/: every published role with its skills and certifications (three queries)."""
    roles = list(Role.objects.published().order_by("title").only("id", "title", "slug"))
    lists: dict[int, list[dict]] = {role.pk: [] for role in roles}
    for role_id, name in Skill.objects.filter(role__in=roles).order_by("order", "id").values_list("role_id", "name"):
        lists[role_id].append(skill_item(name, "skill"))
    certifications = Certification.objects.filter(role__in=roles).order_by("order", "id")
    for role_id, name in certifications.values_list("role_id", "name"):
        lists[role_id].append(skill_item(name, "certification"))
    payload = {
        "roles": [
            {"slug": role.slug, "title": role.title, "url": role.get_absolute_url(), "items": lists[role.pk]}
            for role in roles
        ]
    }
    response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
    patch_cache_control(response, public=True, max_age=API_CACHE_SECONDS)
    return response
