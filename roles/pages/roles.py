"""Public role pages. Thin views over named QuerySet methods; the role page's section outline is
assembled in Python from data already prefetched, so it costs no queries of its own."""

from __future__ import annotations

from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber
from django.views.generic import DetailView, ListView

from careerguide.queryparams import CARDS, LINKS, LIST, cached_page
from roles.models import CareerMove, DocumentFact, Role
from roles.pages.listing import LIST_PARAMETERS, CatalogListMixin
from roles.pages.mixins import PageMetaMixin, RoleSlugMixin, page_role
from roles.presenters.experience import experience_figures
from roles.presenters.medians import median_note
from roles.presenters.outline import build_role_outline, distinct_sources
from roles.presenters.seo import reviewed_on
from salaries.models import SalaryBand


@cached_page(depends=(CARDS, LIST))
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
        order = [F("shown_median").desc(nulls_last=True), F("title").asc()]
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


@cached_page(*LIST_PARAMETERS, depends=(CARDS, LIST))
class RoleListView(CatalogListMixin, PageMetaMixin, ListView):
    context_object_name = "roles"
    page_title = "All roles"
    page_description = "Every role in the guide, grouped by category, with typical experience and median salary."
    paginate_by = 60

    def get_queryset(self):
        return self.get_roles()


@cached_page(depends=(CARDS,))
class RoleDetailView(RoleSlugMixin, PageMetaMixin, DetailView):
    context_object_name = "role"

    def get_queryset(self):
        return Role.objects.published()

    def get_object(self, queryset=None):
        return page_role(self.get_queryset(), self.kwargs["slug"])

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
        document_facts = list(role.page_content.document_facts)
        skills = list(role.page_content.skills)
        structured = {
            "responsibilities": list(role.page_content.duties),
            "skills": skills,
            "tools": list(role.page_content.tools),
            "certifications": list(role.page_content.certifications),
            "qualifications": list(role.page_content.qualifications),
            "how-to-become": list(role.page_content.steps),
            "education": list(role.page_content.education_paths),
            # A role with a SOC code has official wages (BLS OEWS) to show there even without bands of its own.
            "salary": level_bands + range_bands + regional_bands or ([role] if role.soc_code else []),
            "career-path": [*career_levels, *ladder_positions, *role.career_moves.all()],
            "pros-cons": list(role.page_content.pros_cons),
            "faq": list(role.page_content.faqs),
            "related": related,
            "document-facts": [fact for fact in document_facts if fact.kind != DocumentFact.LADDER_LEVEL],
        }
        kwargs.update(
            outline=build_role_outline(role, structured),
            data={anchor.replace("-", "_"): items for anchor, items in structured.items()},
            footer_sources=distinct_sources(role),
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
            experience_figures=experience_figures(role, document_facts, ladder_positions),
            experience_note=(
                role.typical_experience if role.typical_experience.replace("-", "–") != role.experience_label else ""
            ),
            range_bands=range_bands,
            median_note=median_note(role, level_bands),
            reviewed_on=reviewed_on(role),
            pay_facts=[fact for fact in document_facts if fact.has_pay],
            regional_bands=regional_bands,
            career_levels=career_levels,
            ladder_positions=ladder_positions,
            # Grouped by kind on the page ({% regroup %} needs them adjacent), in the model's order of kinds.
            career_moves=sorted(
                role.career_moves.all(), key=lambda move: [k for k, _ in CareerMove.KIND_CHOICES].index(move.kind)
            ),
            move_sentences=_move_sentences(role.career_moves.all()),
            related=related,
        )
        return super().get_context_data(**kwargs)


def _move_sentences(moves) -> list[dict]:
    """The moves grouped by the sentence they were read from, in document order: each sentence quoted once."""
    sentences: dict[str, dict] = {}
    for move in moves:
        sentence = sentences.setdefault(
            move.evidence, {"evidence": move.evidence, "section": move.source_section, "moves": []}
        )
        sentence["moves"].append(move)
    return list(sentences.values())


@cached_page(*LIST_PARAMETERS, depends=(LINKS, LIST))
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
