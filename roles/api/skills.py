"""GET /api/skills/?role=<slug>: the self-check's lists for one role and the few roles it compares with.

A role page's self-check fetches it to say which roles the visitor's ticks are closest to. It used to
list every role of the catalog (2.4 MB at 1,000 roles); it now holds the role and its neighbours
(roles.presenters.selfcheck.MAX_COMPARED_ROLES), a few kilobytes whatever the catalog's size, and
the page cache stores it like any page.
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from careerguide.queryparams import LINKS, Param, cached_page
from roles.models import Role
from roles.presenters.selfcheck import compared_roles_skill_lists

API_CACHE_SECONDS = 300


@require_safe
@cached_page(Param("role", "slug", max_length=200), depends=(LINKS,))
def skills_api(request: HttpRequest) -> JsonResponse:
    """The role's skills and certifications and those of the roles it compares with (six queries)."""
    slug = request.GET.get("role", "")
    if not slug:
        return JsonResponse({"error": "role is required: /api/skills/?role=<slug>"}, status=400)
    role = Role.objects.published().with_ladders().filter(slug=slug).first()
    if role is None:
        return JsonResponse({"error": f"no published role {slug!r}"}, status=404)
    payload = {"role": role.slug, "roles": compared_roles_skill_lists(role)}
    response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
    patch_cache_control(response, public=True, max_age=API_CACHE_SECONDS)
    return response
