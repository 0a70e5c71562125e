"""Salary pages: the bands of a page of published roles, side by side, in a fixed number of queries."""

from django.db.models import Exists, JSONField, OuterRef, Subquery
from django.http import Http404
from django.views.generic import ListView

from careerguide.queryparams import LINKS, LIST, Param, cached_page
from roles.pages.listing import LIST_PARAMETERS, CatalogListMixin
from roles.pages.mixins import PageMetaMixin
from salaries.models import Area, SalaryBand, Wage
from salaries.wages.models import AREA_SLUG

# What the official-figures table of ``?area=`` shows for each role, read in the roles' own query.
AREA_FIGURES = ["annual_median", "annual_p10", "annual_p90", "employment", "top_coded", "suppressed"]


# ``?area=`` narrows the page to one state or metro area (the official figures there).
@cached_page(*LIST_PARAMETERS, Param("area", "slug", max_length=120), depends=(LINKS, LIST))
class SalaryListView(CatalogListMixin, PageMetaMixin, ListView):
    """Pages over roles, not bands: with every occupation in the guide, one page of every band would be
    megabytes of HTML (140,000 bands at 10,000 roles), so a page shows all the bands of a few roles."""

    context_object_name = "roles"
    template_name = "salaries/salary_list.html"
    page_title = "Salaries"
    page_description = (
        "Salaries across every role in the guide: by experience level, by country and for related roles, "
        "with their sources."
    )
    paginate_by = 10
    group_by_category = False

    def get_area(self) -> Area | None:
        """``?area=<slug>`` narrows the page to one state or metro area: every role's official figures there."""
        if not hasattr(self, "_area"):
            slug = self.request.GET.get("area", "").strip()
            self._area = None
            if slug:
                self._area = Area.objects.filter(slug=slug).first() if AREA_SLUG.fullmatch(slug) else None
                if self._area is None:
                    raise Http404(f"No area has the address {slug!r}.")
        return self._area

    def get_page_title(self) -> str:
        area = self.get_area()
        return f"Salaries in {area.name}" if area else self.page_title

    def get_queryset(self):
        area = self.get_area()
        if area is None:
            # Only roles with figures: a role with no band would be an empty row on a page about pay.
            return self.get_roles().filter(Exists(SalaryBand.objects.filter(role=OuterRef("pk"))))
        here = Wage.objects.current().filter(occupation__code=OuterRef("soc_code"), area=area)
        figures = {
            f"official_{name}": Subquery(
                here.values(name)[:1], output_field=JSONField() if name in ("top_coded", "suppressed") else None
            )
            for name in AREA_FIGURES
        }
        return self.get_roles().filter(Exists(here)).annotate(**figures)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        roles = context["page_obj"].object_list
        position = {role.pk: index for index, role in enumerate(roles)}
        bands = sorted(
            SalaryBand.objects.for_published_roles()
            .filter(role__in=list(position))
            .select_related("career_level", "related_role__target")
            .order_by("kind", "order", "id"),
            key=lambda band: position[band.role_id],  # the page's role order; stable, so each role's own order stays
        )
        level_bands = [b for b in bands if b.kind == SalaryBand.EXPERIENCE_LEVEL]
        sources = {}
        for band in bands:
            if band.source_id and band.source_id not in sources:
                sources[band.source_id] = band.source
        context.update(
            area=self.get_area(),
            bands=bands,
            level_bands=level_bands,
            chart_bands=sorted(level_bands, key=lambda b: b.headline or 0),
            range_bands=[b for b in bands if b.kind == SalaryBand.RANGE],
            regional_bands=[b for b in bands if b.kind == SalaryBand.REGIONAL],
            related_bands=sorted(
                (b for b in bands if b.kind == SalaryBand.RELATED_ROLE), key=lambda b: b.max or b.headline or 0
            ),
            sources=list(sources.values()),
            footer_sources=list(sources.values()),
        )
        return context
