"""/compare/?roles=a,b[,c]: a thin view over roles.presenters.compare.

Bad input is answered on the page, never with a 500."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpResponsePermanentRedirect
from django.urls import reverse
from django.views.generic import TemplateView

from careerguide.queryparams import LINKS, LIST, Param, cached_page
from roles.models import Role, SlugHistory
from roles.pages.mixins import PageMetaMixin
from roles.presenters.compare import MAX_ROLES, build_comparison, parse_role_slugs

# Up to this many roles the picker is a list to choose from; beyond it (a list of every role, three times
# over, is megabytes at 10,000 roles) it is a box to type a title in, suggesting the compared roles' neighbours.
PICKER_LIST_LIMIT = 300
PICKER_SUGGESTIONS = 40


def picker(columns) -> dict:
    """The picker's choices (a short catalog) or its typed-title mode with suggestions (one query)."""
    choices = list(Role.objects.published().order_by("title").values_list("slug", "title")[: PICKER_LIST_LIMIT + 1])
    if len(choices) <= PICKER_LIST_LIMIT:
        return {"choices": choices}
    suggestions: dict[str, str] = {}
    for column in columns:  # roles read with their page data: ladders and related roles cost no query
        for level in column.role.career_levels.all():
            suggestions.setdefault(level.title, level.title)
        for item in column.role.related_roles.all():
            if item.target_id:
                suggestions.setdefault(item.title, item.title)
    return {
        "choices": None,
        "suggestions": list(suggestions)[:PICKER_SUGGESTIONS],
    }


def current_slugs(slugs: list[str], found: set[str]) -> list[str] | None:
    """``slugs`` with each old address (a renamed role) replaced by the current one; None when none is old."""
    missing = [slug for slug in slugs if slug not in found]
    if not missing:
        return None
    renamed = dict(SlugHistory.objects.filter(slug__in=missing).values_list("slug", "role__slug"))
    if not renamed:
        return None
    return [renamed.get(slug, slug) for slug in slugs]


# The picker lists the catalog's titles (LIST); the compared roles are linked (LINKS).
@cached_page(Param("roles", max_length=400, many=True), depends=(LINKS, LIST))
class CompareView(PageMetaMixin, TemplateView):
    template_name = "roles/compare.html"
    page_description = "Two or three roles side by side: experience, education, pay by level, skills and career paths."

    def get(self, request, *args, **kwargs):
        wanted = parse_role_slugs(request.GET.getlist("roles"))
        comparison = None if wanted.refused else build_comparison(wanted.slugs)
        messages = wanted.messages + (comparison.messages if comparison else [])
        columns = comparison.columns if comparison else []
        renamed = self.renamed_address(wanted.slugs, columns) if comparison else None
        if renamed:
            return HttpResponsePermanentRedirect(renamed)
        titles = {column.role.slug: column.role.title for column in columns}
        self.page_title = "Compare " + " and ".join(c.role.title for c in columns) if columns else "Compare roles"
        context = self.get_context_data(
            comparison=comparison,
            columns=columns,
            messages_for_visitor=messages,
            refused=wanted.refused,
            max_roles=MAX_ROLES,
            # Each picker keeps what was asked for, so a refused or partly bad request is easy to fix.
            # (slug, what a typed-title box shows): the role's title when it was found, else what was asked.
            picker_slots=[(slug, titles.get(slug, slug)) for slug in (wanted.slugs + [""] * MAX_ROLES)[:MAX_ROLES]],
            **picker(columns),
        )
        # 400 only when the visitor asked for roles and none of them could be shown.
        status = 400 if (wanted.refused or (wanted.slugs and not columns)) else 200
        return self.render_to_response(context, status=status)

    def renamed_address(self, slugs: list[str], columns) -> str | None:
        """The comparison's address with old role addresses replaced, as role pages answer 301 to theirs."""
        current = current_slugs(slugs, {column.role.slug for column in columns})
        if current is None:
            return None
        return f"{reverse('roles:compare')}?{urlencode({'roles': ','.join(dict.fromkeys(current))}, safe=',')}"
