"""Mixins the public views share.

``RoleSlugMixin`` keeps old role addresses working; ``page_role`` loads a role for its page or answers
404. ``PageMetaMixin`` says what every page tells browsers and link unfurlers about itself: views mix
it in and set ``page_title`` / ``page_description`` (or override the getters); templates/base.html
renders <title>, the meta description and the social-card tags from them, so each is written once.
"""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse

from roles.models import SlugHistory


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


class RoleSlugMixin:
    """Old addresses keep working: an unknown ``slug`` that a role used to have answers 301 to its current one.

    Works for any view whose URL has a ``slug`` kwarg (role page, job description, its downloads);
    the query string is kept so a shared link with ?utm_... or #anchor-bearing links still land.
    """

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except Http404:
            slug = kwargs.get("slug")
            current = (
                SlugHistory.objects.filter(slug=slug, role__is_published=True)
                .values_list("role__slug", flat=True)
                .first()
            )
            if not slug or not current or current == slug:
                raise
            url = reverse(request.resolver_match.view_name, kwargs={**kwargs, "slug": current})
            if request.META.get("QUERY_STRING"):
                url = f"{url}?{request.META['QUERY_STRING']}"
            return redirect(url, permanent=True)
