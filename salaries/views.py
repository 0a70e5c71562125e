"""Salary pages: every band of every published role, side by side, in one query."""

from django.views.generic import ListView

from roles.page_meta import PageMetaMixin

from .models import SalaryBand


class SalaryListView(PageMetaMixin, ListView):
    context_object_name = "bands"
    template_name = "salaries/salary_list.html"
    page_title = "Salaries"
    page_description = (
        "Salaries across every role in the guide: by experience level, by country and for related roles, "
        "with their sources."
    )

    def get_queryset(self):
        return (
            SalaryBand.objects.for_published_roles()
            .select_related("career_level", "related_role__target")
            .order_by("role__title", "kind", "order", "id")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bands = list(context["bands"])
        level_bands = [b for b in bands if b.kind == SalaryBand.EXPERIENCE_LEVEL]
        sources = {}
        for band in bands:
            if band.source_id and band.source_id not in sources:
                sources[band.source_id] = band.source
        context.update(
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
