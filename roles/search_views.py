"""Search pages: thin views over ``roles.search``; none of them knows which database answers.

/search/            the results page (or the browse view for an empty query)
/search/suggest/    JSON titles for the header box as the visitor types
/api/search/        the same search as /search/, as JSON
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.generic import TemplateView

from roles.forms import SearchForm
from roles.page_meta import PageMetaMixin
from roles.search import clean_query, search, suggest


def _page_number(request: HttpRequest) -> int:
    """``?page=`` as a positive number; anything else is the first page (past the end is the last)."""
    try:
        return max(1, int(request.GET.get("page", "1")))
    except (TypeError, ValueError, OverflowError):
        return 1


def _run_search(request: HttpRequest):
    form = SearchForm(request.GET)
    results = search(request.GET.get("q", ""), filters=form.filters(), page=_page_number(request))
    # Show the query as it was searched (cleaned and shortened), with the real category list.
    data = request.GET.copy()
    data["q"] = results.query
    form = SearchForm(data, categories=results.categories)
    form.is_valid()
    return form, results


class SearchView(PageMetaMixin, TemplateView):
    template_name = "roles/search.html"
    page_description = "Search every role, duty, skill, certification, salary and question in the guide."

    def get(self, request, *args, **kwargs):
        self.form, self.results = _run_search(request)
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


def search_api(request: HttpRequest) -> JsonResponse:
    """GET /api/search/?q=...&category=&experience=&salary_min=&salary_max=&page= as JSON, best first."""
    _form, results = _run_search(request)
    response = JsonResponse(results.as_json(), json_dumps_params={"ensure_ascii": False})
    response["X-Robots-Tag"] = "noindex"
    return response


def search_suggest(request: HttpRequest) -> JsonResponse:
    """GET /search/suggest/?q=... : up to eight role titles with their links."""
    query = request.GET.get("q", "")
    suggestions = [{"label": s.label, "url": s.url} for s in suggest(query)]
    return JsonResponse(
        {"query": clean_query(query)[0], "suggestions": suggestions}, json_dumps_params={"ensure_ascii": False}
    )
