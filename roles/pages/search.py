"""/search/: the results page (or the browse view for an empty query), a thin view over ``roles.search``."""

from __future__ import annotations

from django.views.generic import TemplateView

from roles.pages.mixins import PageMetaMixin
from roles.search.forms import run_search


class SearchView(PageMetaMixin, TemplateView):
    template_name = "roles/search.html"
    page_description = "Search every role, duty, skill, certification, salary and question in the guide."

    def get(self, request, *args, **kwargs):
        self.form, self.results = run_search(request)
        return super().get(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return f"Search: {self.results.query}" if self.results.query else "Browse and search roles"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET.copy()
        params.pop("page", None)
        params["q"] = self.results.query
        context.update(form=self.form, results=self.results, query_string=params.urlencode())
        return context
