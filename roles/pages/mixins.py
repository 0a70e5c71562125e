"""Mixins the public views share.

``RoleSlugMixin`` keeps old role addresses working; ``page_role`` loads a role for its page or answers
404. ``PageMetaMixin`` says what every page tells browsers and link unfurlers about itself: views mix
it in and set ``page_title`` / ``page_description`` (or override the getters); templates/base.html
renders <title>, the meta description and the social-card tags from them, so each is written once.
"""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from roles.models import Role, SlugHistory


class PageMetaMixin:
    page_title = ""
    page_description = ""

    def get_page_title(self) -> str:
        return self.page_title

    def get_page_description(self) -> str:
        return self.page_description

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = self.get_page_title() or settings.SITE_NAME
        context["page_description"] = self.get_page_description() or settings.SITE_DESCRIPTION
        return context


def page_role(roles, slug: str, *lookups):
    """The role with this slug among ``roles`` (a Role queryset), loaded with everything its page renders
    (``Role.objects.for_page()``) and ``lookups``, or 404."""
    for role in roles.filter(slug=slug).for_page(*lookups):
        return role
    raise Http404(slug)


def current_slug(slug: str) -> str | None:
    """The address a published role answers at for ``slug``, when ``slug`` is not it: the role's current slug
    for one of its old slugs, and the canonical lowercase slug for one typed or shared in another case
    (/roles/TECHNICAL-SUPPORT-SPECIALIST/). None when no role had it in any case, or when it is already current."""
    if not slug:
        return None
    history = SlugHistory.objects.filter(role__is_published=True)
    current = history.filter(slug=slug).values_list("role__slug", flat=True).first()
    if current is None and slug != slug.lower():
        lower = slug.lower()
        if Role.objects.published().filter(slug=lower).exists():
            current = lower
        else:
            current = history.filter(slug=lower).values_list("role__slug", flat=True).first()
    return None if current == slug else current


def redirect_to_slug(request, slug: str, kwargs) -> HttpResponse:
    """301 to the same view at ``slug``, the query string kept."""
    url = reverse(request.resolver_match.view_name, kwargs={**kwargs, "slug": slug})
    if request.META.get("QUERY_STRING"):
        url = f"{url}?{request.META['QUERY_STRING']}"
    return redirect(url, permanent=True)


class RoleSlugMixin:
    """Old addresses keep working: an unknown ``slug`` that a role used to have, or a role's slug in another
    case, answers 301 to its current, lowercase one (``current_slug``).

    Works for any view whose URL has a ``slug`` kwarg (role page, job description, its downloads, pay pages,
    the API item); the query string is kept so a shared link with ?utm_... or #anchor-bearing links still land.
    """

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except Http404:
            current = current_slug(kwargs.get("slug"))
            if not current:
                raise
            return redirect_to_slug(request, current, kwargs)
