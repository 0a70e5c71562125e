"""Paging, sorting and the category filter shared by the catalog's list pages (/roles/, /salaries/).

Both list roles; at 10,000 roles neither may render the whole catalog, so both page over roles with
the same rules and the same links."""

from __future__ import annotations

from django.db.models import F

from careerguide.queryparams import Param
from roles.models import Role

# The query parameters the list pages read (the page cache keys them by these alone).
LIST_PARAMETERS = (
    Param("sort", "choice", choices=("title", "salary", "experience")),
    Param("category", "slug", max_length=100),
    Param("page", "int", minimum=1),
)


class CatalogListMixin:
    """A ListView over published roles: ``?sort=``, ``?category=`` and ``?page=`` kept in every link."""

    SORTS = {
        "title": ("Title", ["title"]),
        "salary": ("Median salary", [F("shown_median").desc(nulls_last=True), "title"]),
        "experience": ("Typical experience", [F("experience_years_min").asc(nulls_last=True), "title"]),
    }
    # The order within the category groups; the salaries page lists roles by pay, not by category.
    group_by_category = True

    def get_sort(self) -> str:
        sort = self.request.GET.get("sort", "title")
        return sort if sort in self.SORTS else "title"

    def get_category_slug(self) -> str:
        return self.request.GET.get("category", "")

    def get_roles(self):
        roles = Role.objects.published().with_card_data()
        if category := self.get_category_slug():
            roles = roles.filter(category__slug=category)
        grouping = ["category__name"] if self.group_by_category else []
        # "pk" last: a total order, so no role is on two pages or on none.
        return roles.order_by(*grouping, *self.SORTS[self.get_sort()][1], "pk")

    def paginate_queryset(self, queryset, page_size):
        # get_page, not page: "?page=abc" gives the first page and a page past the end the last, never a 404;
        # links to a page that a shrinking catalog no longer has still land somewhere useful.
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        page.object_list = list(page.object_list)  # one query, however often the template reads it
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sort"] = self.get_sort()
        context["sorts"] = [(key, label) for key, (label, _) in self.SORTS.items()]
        context["category_slug"] = self.get_category_slug()
        # The category's name comes from the page's own rows (select_related), not an extra query.
        roles = context["page_obj"].object_list
        context["category_name"] = roles[0].category.name if context["category_slug"] and roles else ""
        page = context["page_obj"]
        context["page_range"] = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
        return context
