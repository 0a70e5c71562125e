"""/search/: the results page (or the browse view for an empty query), a thin view over ``roles.search``."""

from __future__ import annotations

from django.views.generic import TemplateView

from careerguide.pagecache import add_page_tags, search_page_tags
from careerguide.queryparams import LINKS, Param, cached_page
from roles.pages.mixins import PageMetaMixin
from roles.search.forms import run_search

# The search form's parameters. A search depends on the roles it links to and the words it looked up
# (careerguide.pagecache.search_page_tags).
SEARCH_PARAMETERS = (
    Param("q", max_length=500),
    Param("category", "slug", max_length=100),
    Param("experience", "int"),
    Param("salary_min", "int", maximum=100_000_000),
    Param("salary_max", "int", maximum=100_000_000),
    Param("page", "int", minimum=1),
)


@cached_page(*SEARCH_PARAMETERS, depends=(LINKS,))
class SearchView(PageMetaMixin, TemplateView):
    template_name = "roles/search.html"
    page_description = "Search every role, duty, skill, certification, salary and question in the guide."

    def get(self, request, *args, **kwargs):
        self.form, self.results = run_search(request)
        response = super().get(request, *args, **kwargs)
        return add_page_tags(response, search_page_tags(self.results.searched_words, found=bool(self.results.total)))

    def get_page_title(self) -> str:
        return f"Search: {self.results.query}" if self.results.query else "Browse and search roles"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET.copy()
        params.pop("page", None)
        params["q"] = self.results.query
        context.update(form=self.form, results=self.results, query_string=params.urlencode())
        return context
