"""Public role pages. Thin views over named QuerySet methods; the role page's section outline is
assembled in Python from data already prefetched, so it costs no queries of its own."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber
from django.http import Http404, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.views.generic import DetailView, ListView

from salaries.models import SalaryBand

from .listing import CatalogListMixin
from .models import CareerMove, Role, Section, SlugHistory, SourceDocument
from .page_meta import PageMetaMixin

# The reading order of a role page. Sections from a source keep their own order; a section made
# only of structured data (e.g. a job description's duties) is slotted in after the nearest
# section that comes before it here.
CANONICAL_ORDER = [
    "overview",
    "work-environment",
    "responsibilities",
    "skills",
    "tools",
    "certifications",
    "qualifications",
    "how-to-become",
    "education",
    "salary",
    "market-outlook",
    "career-path",
    "diversity-inclusion",
    "global-opportunities",
    "market-reality",
    "pros-cons",
    "faq",
    "cover-letter",
    "related",
]

# Anchor → heading used when the data has no section row of its own to take the heading from.
STRUCTURED_HEADINGS = {
    "responsibilities": "Responsibilities",
    "skills": "Skills",
    "tools": "Tools & technologies",
    "certifications": "Certifications",
    "qualifications": "Qualifications",
    "how-to-become": "How to become one",
    "education": "Education & training",
    "salary": "Salary",
    "career-path": "Career path",
    "pros-cons": "Pros & cons",
    "faq": "Frequently asked questions",
    "related": "Related roles",
}

# The template that draws an anchor's structured data under its section. Chosen here, once per
# section, so the page does not test every anchor in every section.
BLOCK_TEMPLATES = {
    "responsibilities": "includes/role_blocks/responsibilities.html",
    "skills": "includes/role_blocks/skills.html",
    "tools": "includes/role_blocks/tools.html",
    "certifications": "includes/role_blocks/certifications.html",
    "qualifications": "includes/role_blocks/qualifications.html",
    "how-to-become": "includes/role_blocks/how-to-become.html",
    "education": "includes/role_blocks/education.html",
    "salary": "includes/role_salary.html",
    "career-path": "includes/role_ladder.html",
    "pros-cons": "includes/role_blocks/pros-cons.html",
    "faq": "includes/role_blocks/faq.html",
    "related": "includes/role_blocks/related.html",
}
# Drawn even without rows of their own (the salary block also shows the role's median).
ALWAYS_DRAWN = {"salary", "career-path"}


@dataclass
class PageSection:
    """One block of the role page: a source section (if any) plus the structured data under its anchor."""

    anchor: str
    heading: str
    level: int = 2
    section: Section | None = None
    source: SourceDocument | None = None
    block: str | None = None
    children: list[PageSection] = field(default_factory=list)


def _first_source(items, fallback):
    for item in items:
        if getattr(item, "source_id", None):
            return item.source
    return fallback


def _distinct_sources(role: Role) -> list[SourceDocument]:
    sources = {}
    for item in [role, *role.sections.all()]:
        if item.source_id and item.source_id not in sources:
            sources[item.source_id] = item.source
    return list(sources.values())


def build_role_outline(role: Role, structured: dict[str, list]) -> list[PageSection]:
    """The page's sections in reading order; nothing from ``role.sections`` or ``structured`` is left out."""
    top: list[PageSection] = []
    by_anchor: dict[str, PageSection] = {}
    for section in role.sections.all():
        node = PageSection(
            anchor=section.anchor,
            heading=section.heading,
            level=section.level,
            section=section,
            source=section.source or role.source,
        )
        by_anchor[section.anchor] = node
        if section.level > 2 and top:
            top[-1].children.append(node)
        else:
            node.level = 2
            top.append(node)
    for anchor, node in by_anchor.items():
        if anchor in BLOCK_TEMPLATES and (anchor in ALWAYS_DRAWN or structured.get(anchor)):
            node.block = BLOCK_TEMPLATES[anchor]
    rank = {anchor: index for index, anchor in enumerate(CANONICAL_ORDER)}
    for anchor, items in structured.items():
        if anchor in by_anchor or not items:
            continue
        node = PageSection(
            anchor=anchor,
            heading=STRUCTURED_HEADINGS[anchor],
            source=_first_source(items, role.source),
        )
        position = 0
        for index, existing in enumerate(top):
            if rank.get(existing.anchor, -1) < rank[anchor]:
                position = index + 1 if existing.anchor in rank else position
        node.block = BLOCK_TEMPLATES[anchor]
        top.insert(position, node)
        by_anchor[anchor] = node
    return top


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


class HomeView(PageMetaMixin, ListView):
    template_name = "roles/home.html"
    context_object_name = "roles"
    page_description = (
        "Career guides you can trust: what each role does, the skills it needs, how to get in, "
        "what it pays by experience and region, and where it leads."
    )
    # Cards per category: the page must stay small whatever the catalog size; the rest is one
    # click away on /roles/?category=<slug>.
    CARDS_PER_CATEGORY = 6

    def get_queryset(self):
        # The best-paid roles first (roles without a median last, then by title): the guides with the
        # most data. Window functions pick the first N per category and count every category and the
        # whole catalog in the same single query, so the page costs one query at any size.
        order = [F("median_salary").desc(nulls_last=True), F("title").asc()]
        return (
            Role.objects.published()
            .with_card_data()
            .annotate(
                rank_in_category=Window(RowNumber(), partition_by=[F("category_id")], order_by=order),
                category_total=Window(Count("pk"), partition_by=[F("category_id")]),
                catalog_total=Window(Count("pk")),
            )
            .filter(rank_in_category__lte=self.CARDS_PER_CATEGORY)
            .order_by("category__name", "rank_in_category")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Evaluated once here, so reading the catalog total does not cost a second query.
        roles = context["roles"] = context["object_list"] = list(context["roles"])
        context["role_total"] = roles[0].catalog_total if roles else 0
        return context


class RoleListView(CatalogListMixin, PageMetaMixin, ListView):
    context_object_name = "roles"
    page_title = "All roles"
    page_description = "Every role in the guide, grouped by category, with typical experience and median salary."
    paginate_by = 60

    def get_queryset(self):
        return self.get_roles()


class RoleDetailView(RoleSlugMixin, PageMetaMixin, DetailView):
    context_object_name = "role"

    def get_queryset(self):
        return Role.objects.published().with_page_data()

    def get_page_title(self) -> str:
        return self.object.title

    def get_page_description(self) -> str:
        return self.object.summary

    def get_context_data(self, **kwargs):
        role = self.object
        bands = list(role.salary_bands.all())
        level_bands = [b for b in bands if b.kind == SalaryBand.EXPERIENCE_LEVEL]
        range_bands = [b for b in bands if b.kind == SalaryBand.RANGE]
        regional_bands = [b for b in bands if b.kind == SalaryBand.REGIONAL]
        related_bands = {b.related_role_id: b for b in bands if b.kind == SalaryBand.RELATED_ROLE}
        level_pay = {b.career_level_id: b for b in level_bands if b.career_level_id}
        career_levels = list(role.career_levels.all())
        for level in career_levels:
            level.pay = level_pay.get(level.pk)
        related = list(role.related_roles.all())
        for item in related:
            item.band = related_bands.get(item.pk)
        ladder_positions = []
        for position in role.ladder_positions.all():
            ladder = list(position.role.career_levels.all())
            ladder_positions.append(
                {
                    "level": position,
                    "ladder_role": position.role,
                    "ladder": ladder,
                    "number": next((i for i, lvl in enumerate(ladder, 1) if lvl.pk == position.pk), None),
                }
            )
        skills = list(role.skills.all())
        structured = {
            "responsibilities": list(role.duties.all()),
            "skills": skills,
            "tools": list(role.tools.all()),
            "certifications": list(role.certifications.all()),
            "qualifications": list(role.qualifications.all()),
            "how-to-become": list(role.steps.all()),
            "education": list(role.education_paths.all()),
            "salary": level_bands + range_bands + regional_bands,
            "career-path": [*career_levels, *ladder_positions, *role.career_moves.all()],
            "pros-cons": list(role.pros_cons.all()),
            "faq": list(role.faqs.all()),
            "related": related,
        }
        kwargs.update(
            outline=build_role_outline(role, structured),
            data={anchor.replace("-", "_"): items for anchor, items in structured.items()},
            footer_sources=_distinct_sources(role),
            technical_skills=[s for s in skills if s.kind != "soft"],
            soft_skills=[s for s in skills if s.kind == "soft"],
            pros=[p for p in structured["pros-cons"] if p.kind == "pro"],
            cons=[p for p in structured["pros-cons"] if p.kind == "con"],
            key_certifications=[c for c in structured["certifications"] if c.is_key],
            level_bands=level_bands,
            level_columns={
                "median": any(b.median is not None for b in level_bands),
                "average": any(b.average is not None for b in level_bands),
                "range": any(b.min is not None or b.max is not None for b in level_bands),
            },
            experience_note=(
                role.typical_experience if role.typical_experience.replace("-", "–") != role.experience_label else ""
            ),
            range_bands=range_bands,
            regional_bands=regional_bands,
            career_levels=career_levels,
            ladder_positions=ladder_positions,
            # Grouped by kind on the page ({% regroup %} needs them adjacent), in the model's order of kinds.
            career_moves=sorted(
                role.career_moves.all(), key=lambda move: [k for k, _ in CareerMove.KIND_CHOICES].index(move.kind)
            ),
            related=related,
        )
        return super().get_context_data(**kwargs)


class CareerPathListView(CatalogListMixin, PageMetaMixin, ListView):
    template_name = "roles/careerpath_list.html"
    context_object_name = "roles"
    page_title = "Career paths"
    page_description = "Every role's career ladder: the levels, the years each takes, and the roles they lead to."
    # A page of ladders and the map of its roles: the whole catalog's map would take minutes to lay out.
    paginate_by = 24

    def get_queryset(self):
        return self.get_roles().with_ladders()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Roles with a ladder of their own first: they are the paths; the others point into them.
        context["roles"] = sorted(context["roles"], key=lambda role: not role.career_levels.all())
        return context


def page_not_found(request, exception=None):
    """The styled 404: the site's layout, a search box and a way back, and nothing about the request."""
    context = {
        "page_title": "Page not found",
        "page_description": "This page does not exist. Search the guide or browse all roles.",
    }
    return render(request, "404.html", context, status=404)


def server_error(request):
    """The 500 page: plain, self-contained HTML with no context, so it shows nothing about the failure."""
    return HttpResponseServerError(loader.get_template("500.html").render())
