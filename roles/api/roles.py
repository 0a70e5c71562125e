"""Read-only JSON API for applicant-tracking systems and other integrations.

    GET /api/roles/?page=N    published roles, PAGE_SIZE per page
    GET /api/roles/<slug>/    one role with all of its structured data

Responses carry an ETag (a hash of the body) and Last-Modified (the newest
Role.updated_at they show), so a client that polls with If-None-Match or
If-Modified-Since gets a bodiless 304 when nothing changed, and Cache-Control
lets shared caches keep them for CACHE_SECONDS.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.views import View
from django.views.decorators.http import require_safe

from careerguide.queryparams import CARDS, LIST, Param, cached_page
from roles.models import Role
from roles.pages.mixins import RoleSlugMixin, page_role
from salaries.wages.presenters import national_figures, official_wages_json

PAGE_SIZE = 50
CACHE_SECONDS = 300


def _json_response(request: HttpRequest, payload: dict, *, last_modified: datetime | None) -> HttpResponse:
    body = json.dumps(payload, ensure_ascii=False, indent=2, default=str)
    etag = '"' + hashlib.sha256(body.encode()).hexdigest()[:32] + '"'
    last_modified_ts = int(last_modified.timestamp()) if last_modified else None
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["ETag"] = etag
    if last_modified_ts is not None:
        response["Last-Modified"] = http_date(last_modified_ts)
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    # Given the response, Django copies its validators and Cache-Control onto a 304.
    return get_conditional_response(request, etag=etag, last_modified=last_modified_ts, response=response)


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def _money(amount: int | None, currency: str) -> dict | None:
    return None if amount is None else {"amount": amount, "currency": currency}


def _source(document) -> dict | None:
    return (
        None if document is None else {"file_name": document.file_name, "title": document.title, "kind": document.kind}
    )


def role_summary(request: HttpRequest, role: Role) -> dict:
    return {
        "slug": role.slug,
        "title": role.title,
        "category": role.category.name,
        "url": request.build_absolute_uri(role.get_absolute_url()),
        "api_url": request.build_absolute_uri(reverse("roles:api_role", kwargs={"slug": role.slug})),
        "median_salary": _money(role.median_salary, role.median_salary_currency),
        "typical_experience": role.typical_experience,
    }


def _provenance(row) -> dict:
    return {"source": row.source.file_name if row.source_id else None, "source_section": row.source_section}


def role_detail(request: HttpRequest, role: Role) -> dict:
    """Everything structured about a role; prose sections keep their paragraphs."""
    data = role_summary(request, role)
    data.update(
        {
            "summary": role.summary,
            "job_description_url": request.build_absolute_uri(
                reverse("roles:job_description", kwargs={"slug": role.slug})
            ),
            "updated_at": role.updated_at.isoformat(),
            "facts": {
                "typical_education": role.typical_education,
                "typical_experience": role.typical_experience,
                "experience_years": {"min": role.experience_years_min, "max": role.experience_years_max},
                "top_employer_types": role.employer_types,
                "growth": {
                    "outlook": role.growth_outlook,
                    "percent": float(role.growth_percent) if role.growth_percent is not None else None,
                    "period": {"start": role.growth_period_start, "end": role.growth_period_end},
                    "source": role.growth_source,
                },
                "annual_openings": {
                    "count": role.annual_openings,
                    "as_written": role.annual_openings_text,
                    "source": role.annual_openings_source,
                },
                "median_salary": {
                    **(_money(role.median_salary, role.median_salary_currency) or {"amount": None, "currency": None}),
                    "source": role.median_salary_source,
                    "year": role.median_salary_year,
                    "period": role.median_salary_period,
                },
                "key_certifications_as_written": role.key_certifications_text,
                "ai_impact": role.ai_impact,
            },
            "sections": [
                {"anchor": s.anchor, "heading": s.heading, "level": s.level, "paragraphs": s.paragraphs}
                for s in role.page_content.sections
            ],
            "duties": [d.text for d in role.page_content.duties],
            "skills": [{"name": s.name, "kind": s.kind, "detail": s.detail} for s in role.page_content.skills],
            "certifications": [{"name": c.name, "is_key": c.is_key} for c in role.page_content.certifications],
            "tools": [{"name": t.name, "category": t.category} for t in role.page_content.tools],
            "steps": [s.text for s in role.page_content.steps],
            "education_paths": [
                {
                    "name": p.name,
                    "description": p.description,
                    "cost": {
                        "min": p.cost_min,
                        "max": p.cost_max,
                        "open_ended": p.cost_open_ended,
                        "currency": p.currency,
                    },
                    "duration": {
                        "min": float(p.duration_min) if p.duration_min is not None else None,
                        "max": float(p.duration_max) if p.duration_max is not None else None,
                        "unit": p.duration_unit,
                    },
                }
                for p in role.page_content.education_paths
            ],
            "qualifications": [{"group": q.group, "text": q.text} for q in role.page_content.qualifications],
            # What other documents say about this role (#18), each with the document it came from.
            "from_other_documents": [
                {
                    "kind": fact.kind,
                    "title": fact.title,
                    "text": fact.text,
                    "other_role": fact.stated_for_slug or None,
                    "pay": {
                        "median": fact.median,
                        "average": fact.average,
                        "min": fact.min,
                        "max": fact.max,
                        "open_ended": fact.max_open_ended,
                        "currency": fact.currency,
                        "region": fact.region,
                        "source_section": fact.pay_section,
                    }
                    if fact.has_pay
                    else None,
                    "years": {"min": fact.years_min, "max": fact.years_max} if fact.years_min is not None else None,
                    **_provenance(fact),
                }
                for fact in role.page_content.document_facts
            ],
            "pros": [p.text for p in role.page_content.pros_cons if p.kind == "pro"],
            "cons": [p.text for p in role.page_content.pros_cons if p.kind == "con"],
            "levels": [
                {
                    "title": level.title,
                    "years": {"min": level.years_min, "max": level.years_max},
                    "description": level.description,
                    "focus_areas": level.focus_area_list,
                    "role_slug": level.linked_role.slug if level.linked_role else None,
                }
                for level in role.career_levels.all()
            ],
            "salary_bands": [
                {
                    "kind": b.kind,
                    "label": b.label,
                    "region": b.region,
                    "currency": b.currency,
                    "min": b.min,
                    "max": b.max,
                    "max_open_ended": b.max_open_ended,
                    "median": b.median,
                    "average": b.average,
                    "usd": {"min": b.usd_min, "max": b.usd_max},
                    "source_note": b.source_note,
                    "year": b.year,
                    **_provenance(b),
                }
                for b in role.salary_bands.all()
            ],
            "faqs": [{"question": f.question, "answer": f.answer} for f in role.page_content.faqs],
            "related_roles": [
                {
                    "title": r.title,
                    "blurb": r.blurb,
                    "slug": r.target.slug if r.target else None,
                    "url": request.build_absolute_uri(r.target.get_absolute_url()) if r.target else None,
                }
                for r in role.related_roles.all()
            ],
            "figures": [
                {
                    "kind": f.kind,
                    "min": float(f.value_min),
                    "max": float(f.value_max),
                    "open_ended": f.open_ended,
                    "unit": f.unit,
                    "text": f.text,
                    "context": f.context,
                    "source_section": f.source_section,
                }
                for f in role.figures.all()
            ],
            "sources": [_source(role.source)] if role.source else [],
        }
    )
    return data


@require_safe
@cached_page(Param("page", "int", minimum=1), depends=(CARDS, LIST))
def role_list(request: HttpRequest) -> HttpResponse:
    roles = Role.objects.published().with_card_data().order_by("title", "pk")
    paginator = Paginator(roles, PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return _error("page must be a whole number", 400)
    except EmptyPage:
        pages = paginator.num_pages
        return _error(f"page out of range: there {'is 1 page' if pages == 1 else f'are {pages} pages'}", 404)

    def page_url(number: int) -> str:
        return request.build_absolute_uri(f"{reverse('roles:api_roles')}?page={number}")

    results = list(page.object_list)
    payload = {
        "count": paginator.count,
        "page": page.number,
        "pages": paginator.num_pages,
        "next": page_url(page.next_page_number()) if page.has_next() else None,
        "previous": page_url(page.previous_page_number()) if page.has_previous() else None,
        "results": [role_summary(request, role) for role in results],
    }
    last_modified = max((role.updated_at for role in results), default=None)
    return _json_response(request, payload, last_modified=last_modified)


class RoleItemView(RoleSlugMixin, View):
    """One role; RoleSlugMixin turns an old slug into a 301 to the current address."""

    http_method_names = ["get", "head", "options"]

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        role = page_role(Role.objects.published(), slug, "figures")
        payload = role_detail(request, role)
        # Every source document the role's rows came from, not just the role's own.
        seen = {role.source.file_name} if role.source else set()
        for section in role.page_content.sections:
            if section.source and section.source.file_name not in seen:
                seen.add(section.source.file_name)
                payload["sources"].append(_source(section.source))
        pay_url = request.build_absolute_uri(reverse("salaries:role_pay", kwargs={"slug": role.slug}))
        payload["official_wages"] = official_wages_json(role, national_figures(role), pay_url)
        return _json_response(request, payload, last_modified=role.updated_at)


_role_item_view = RoleItemView.as_view()


@cached_page(depends=(CARDS,))
def role_item(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        return _role_item_view(request, slug=slug)
    except Http404:
        # An integration parses JSON; it should never be handed the HTML 404 page.
        return _error(f'No published role has the slug "{slug}".', 404)
