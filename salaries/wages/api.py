"""GET /api/roles/<slug>/pay/<area>/: a role's official wages in one state or metro area, and the nation's."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from careerguide.queryparams import CARDS, cached_page
from roles.api.roles import _json_response
from roles.models import Role
from roles.pages.mixins import current_slug, redirect_to_slug
from salaries.wages.models import Area, Wage
from salaries.wages.presenters import WageFigures


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


@cached_page(depends=(CARDS,))
@require_safe
def role_area_pay(request: HttpRequest, slug: str, area: str) -> HttpResponse:
    role = Role.objects.published().filter(slug=slug).first()
    if role is None:
        current = current_slug(slug)
        if current:
            return redirect_to_slug(request, current, {"slug": slug, "area": area})
        return _error(f'No published role has the slug "{slug}".', 404)
    if not role.soc_code:
        return _error(f"{role.title} has no SOC code: there are no official figures for it.", 404)
    rows = {
        wage.area.slug: WageFigures(wage)
        for wage in Wage.objects.for_code(role.soc_code).filter(area__slug__in=[area, "national"])
    }
    local = rows.get(area)
    if local is None or local.area.kind == Area.NATIONAL:
        return _error(f'No official figures for {role.title} in an area "{area}".', 404)
    national = rows.get("national")
    payload = {
        "role": role.slug,
        "soc_code": role.soc_code,
        "occupation": local.wage.occupation.title,
        "url": request.build_absolute_uri(reverse("salaries:role_pay_area", kwargs={"slug": role.slug, "area": area})),
        "area": local.as_json(),
        "national": national.as_json() if national else None,
        "notes": local.notes,
    }
    return _json_response(request, payload, last_modified=role.updated_at)
