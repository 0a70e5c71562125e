"""Pay where you live: a role's official wages in every state and metro area, and in one of them.

Each page costs two queries whatever the release's size: the role, then its occupation's wage rows
with their areas and release.
"""

from __future__ import annotations

from collections import Counter

from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.views.generic import DetailView

from careerguide.queryparams import CARDS, Param, cached_page
from roles.models import Role
from roles.pages.mixins import PageMetaMixin, RoleSlugMixin
from roles.presenters.seo import SCHEMA_CONTEXT, breadcrumbs, jsonld_dumps, role_trail
from salaries.wages.models import AREA_SLUG, Area, Wage
from salaries.wages.presenters import WageFigures, compare_with_nation, occupation_at, state_tiles

# The query parameters these pages read, validated; every other one leaves the page as it is (page cache keys).
# Each page shows its role's own figures (the role in its address) and the cards of the roles it links to.
PAY_QUERY_PARAMS = (
    Param("area", "slug", max_length=120),
    Param("state", "slug", max_length=60),
    Param("q", max_length=100),
)
# A name filter lists at most this many metro areas (a state has at most 37): the page stays a phone's
# length, and every area is one state's list away.
METRO_LIMIT = 40


class RoleWagesMixin(RoleSlugMixin, PageMetaMixin):
    context_object_name = "role"

    def get_queryset(self):
        return Role.objects.published().select_related("category")


@cached_page(*PAY_QUERY_PARAMS, depends=(CARDS,))
class RolePayView(RoleWagesMixin, DetailView):
    template_name = "salaries/role_pay.html"

    def get(self, request, *args, **kwargs):
        area = request.GET.get("area", "").strip()
        if area:  # the "Pay where you live" form, without JavaScript
            if not AREA_SLUG.fullmatch(area):
                raise Http404("No such area.")
            return redirect("salaries:role_pay_area", slug=kwargs["slug"], area=area)
        return super().get(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return f"{self.object.title} pay by state and metro area"

    def get_page_description(self) -> str:
        return f"Official wages of {self.object.title} in every state and metropolitan area (BLS OEWS)."

    def get_context_data(self, **kwargs):
        role = self.object
        rows = [WageFigures(wage) for wage in Wage.objects.for_code(role.soc_code)] if role.soc_code else []
        national = next((row for row in rows if row.area.kind == Area.NATIONAL), None)
        states = sorted((row for row in rows if row.area.kind == Area.STATE), key=lambda row: row.area.name)
        metros = sorted((row for row in rows if row.area.kind == Area.METRO), key=lambda row: row.area.name)
        state_filter = self.request.GET.get("state", "").strip()
        text_filter = self.request.GET.get("q", "").strip()[:100]
        state_codes = {row.area.slug: row.area.state_code for row in states}
        # Every metro area in one table was 250 KB and 149,000 px on a phone: the areas are listed once
        # a state is picked or a name typed, and otherwise each state links to its own list.
        matching = [
            row
            for row in metros
            if (not state_filter or row.area.state_code == state_codes.get(state_filter))
            and text_filter.lower() in row.area.name.lower()
        ]
        if not (state_filter or text_filter):
            # Areas whose state has no row of its own (none in a whole release) have no state to link from.
            matching = [row for row in metros if row.area.state_code not in state_codes.values()]
        metro_counts = Counter(row.area.state_code for row in metros)
        kwargs.update(
            national=national,
            states=states,
            metros=matching[:METRO_LIMIT],
            metro_matches=len(matching),
            metro_total=len(metros),
            metro_states=[
                (row, metro_counts[row.area.state_code]) for row in states if metro_counts[row.area.state_code]
            ],
            state_filter=state_filter,
            state_name=next((row.area.name for row in states if row.area.slug == state_filter), ""),
            text_filter=text_filter,
            release=national.release if national else (rows[0].release if rows else None),
            tile_map=state_tiles(role.slug, states) if states else None,
            structured_data=jsonld_dumps(
                {
                    "@context": SCHEMA_CONTEXT,
                    "@graph": [breadcrumbs(self.request, [*role_trail(role), ("Pay by state", self.request.path)])],
                }
            ),
        )
        return super().get_context_data(**kwargs)


@cached_page(depends=(CARDS,))
class RoleAreaPayView(RoleWagesMixin, DetailView):
    template_name = "salaries/role_pay_area.html"

    def get_object(self, queryset=None):
        role = super().get_object(queryset)
        area_slug = self.kwargs["area"]
        rows = {}
        if role.soc_code:
            wages = Wage.objects.for_code(role.soc_code).filter(area__slug__in=[area_slug, "national"])
            rows = {wage.area.slug: WageFigures(wage) for wage in wages}
        if area_slug not in rows or rows[area_slug].area.kind == Area.NATIONAL:
            raise Http404(f"No official figures for {role.title} in “{area_slug}”.")
        self.local = rows[area_slug]
        self.national = rows.get("national")
        return role

    def get_page_title(self) -> str:
        return f"{self.object.title} pay in {self.local.area.name}"

    def get_page_description(self) -> str:
        median = self.local.annual_median
        return (
            f"Official wages of {self.object.title} in {self.local.area.name}: median {median.text} a year "
            f"({self.local.release.citation})."
        )

    def get_context_data(self, **kwargs):
        role = self.object
        url = self.request.build_absolute_uri(self.request.path)
        kwargs.update(
            local=self.local,
            national=self.national,
            comparison=compare_with_nation(self.local, self.national),
            release=self.local.release,
            pay_url=reverse("salaries:role_pay", kwargs={"slug": role.slug}),
            metros_url=reverse("salaries:role_pay", kwargs={"slug": role.slug})
            + "?"
            + urlencode({"state": self.local.area.slug})
            + "#metros",
            structured_data=jsonld_dumps(
                {
                    "@context": SCHEMA_CONTEXT,
                    "@graph": [
                        occupation_at(role, self.local, url=url),
                        breadcrumbs(
                            self.request,
                            [
                                *role_trail(role),
                                ("Pay by state", reverse("salaries:role_pay", kwargs={"slug": role.slug})),
                                (self.local.area.name, self.request.path),
                            ],
                        ),
                    ],
                }
            ),
        )
        return super().get_context_data(**kwargs)
