"""JSON search endpoints: the same search as /search/, and the header box's suggestions."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe

from careerguide.pagecache import add_page_tags, search_page_tags
from careerguide.queryparams import CONTENT, LINKS, Param, cached_page
from roles.pages.search import SEARCH_PARAMETERS
from roles.search import clean_query, suggest
from roles.search.forms import run_search


@require_safe
@cached_page(*SEARCH_PARAMETERS, depends=(LINKS,))
def search_api(request: HttpRequest) -> JsonResponse:
    """GET /api/search/?q=...&category=&experience=&salary_min=&salary_max=&page= as JSON, best first."""
    _form, results = run_search(request)
    response = JsonResponse(results.as_json(), json_dumps_params={"ensure_ascii": False})
    response["X-Robots-Tag"] = "noindex"
    return add_page_tags(response, search_page_tags(results.searched_words, found=bool(results.total)))


@require_safe
@cached_page(Param("q", max_length=500), depends=(LINKS, CONTENT))
def search_suggest(request: HttpRequest) -> JsonResponse:
    """GET /search/suggest/?q=... : up to eight role titles with their links."""
    query = request.GET.get("q", "")
    suggestions = [{"label": s.label, "url": s.url} for s in suggest(query)]
    return JsonResponse(
        {"query": clean_query(query)[0], "suggestions": suggestions}, json_dumps_params={"ensure_ascii": False}
    )
