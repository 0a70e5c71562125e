"""Turn parsed documents into Django fixture records, deterministically.

The same documents always give the same records in the same order with the
same keys (UUIDv5 derived from the role slug and each record's place in its
source), so a rebuilt fixture is byte-identical and loading it twice updates
rows instead of duplicating them. Records use natural keys throughout; no
primary key appears, so a fixture never overwrites an unrelated row.

Links between documents are resolved here, where every document is in view:
a career level or related role whose title is another role's title links to
that role, and a role whose source names no category takes the category of
the roles it is linked with.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.text import slugify

from roles.importers.document import ParsedDocument
from roles.importers.text import title_key
from roles.publishing.crossdoc import CrossFact, cross_document_facts

KEY_NAMESPACE = uuid.UUID("5d0c8f59-3f0e-4a55-9a43-1a7f6f2c9b10")
FALLBACK_CATEGORY = "General"

# Every per-role content model a document writes, in an order where a row only links to rows of
# models before it (a salary band to its career level or related role). The admin import and the
# synthetic catalog generator both work from this list.
CONTENT_MODELS = [
    "roles.section",
    "roles.duty",
    "roles.skill",
    "roles.certification",
    "roles.tool",
    "roles.step",
    "roles.educationpath",
    "roles.qualification",
    "roles.procon",
    "roles.faq",
    "roles.careerlevel",
    "roles.relatedrole",
    "roles.careermove",
    "salaries.salaryband",
    "roles.figure",
]


def linked_role(title: str, known_roles: Mapping[str, str]) -> str | None:
    """The key of the role a move's end names: the same title, or the one role whose title starts with it.

    Prose names a function where a ladder names a title ("toward technical support"); the prefix match
    links it only when exactly one role fits, so an ambiguous name stays unlinked rather than wrong.
    """
    key = title_key(title)
    if key in known_roles:
        return known_roles[key]
    fits = {role for known, role in known_roles.items() if key and known.startswith(key + " ")}
    return fits.pop() if len(fits) == 1 else None


def role_key(slug: str) -> str:
    return str(uuid.uuid5(KEY_NAMESPACE, f"role:{slug}"))


def child_key(file_name: str, model: str, index: int) -> str:
    return str(uuid.uuid5(KEY_NAMESPACE, f"{file_name}:{model}:{index}"))


def _num(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


@dataclass
class FixtureSummary:
    documents: int = 0
    roles: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, model: str) -> None:
        self.counts[model] = self.counts.get(model, 0) + 1


def build_records(
    documents: Iterable[ParsedDocument],
    *,
    existing_roles: Mapping[str, str] | None = None,
    existing_categories: Mapping[str, str] | None = None,
) -> tuple[list[dict], FixtureSummary]:
    """Fixture records for ``documents``, plus counts per kind.

    ``existing_roles`` maps title_key(title) -> role key for roles already in
    the database (used by the admin import), so links reach them too;
    ``existing_categories`` maps a role key to its category name, so a
    document without a category can take one from a linked role already there.
    """
    documents = sorted(documents, key=lambda d: d.file_name)
    summary = FixtureSummary(documents=len(documents))
    known_roles: dict[str, str] = dict(existing_roles or {})
    role_category: dict[str, str] = dict(existing_categories or {})
    docs_by_role: dict[str, list[ParsedDocument]] = {}
    for doc in documents:
        slug = slugify(doc.role_title)
        docs_by_role.setdefault(slug, []).append(doc)
        known_roles[title_key(doc.role_title)] = role_key(slug)
        if doc.category:
            role_category.setdefault(role_key(slug), doc.category)

    # A role with no category of its own takes the one of a role it is linked
    # with (its ladder levels and related roles), in document order.
    for slug, docs in docs_by_role.items():
        key = role_key(slug)
        if key in role_category:
            continue
        for doc in docs:
            titles = [lvl.title for lvl in doc.career_levels] + [rel.title for rel in doc.related_roles]
            linked = [known_roles.get(title_key(t)) for t in titles]
            found = next((role_category[k] for k in linked if k and k in role_category), None)
            if found:
                role_category[key] = found
                break
        else:
            # Or the category of a role whose ladder or related roles name this one.
            for other in documents:
                titles = [lvl.title for lvl in other.career_levels] + [rel.title for rel in other.related_roles]
                other_key = role_key(slugify(other.role_title))
                if title_key(docs[0].role_title) in {title_key(t) for t in titles} and other_key in role_category:
                    role_category[key] = role_category[other_key]
                    break
            else:
                role_category[key] = FALLBACK_CATEGORY

    role_names = {role_key(slug): (docs[0].role_title, slug) for slug, docs in docs_by_role.items()}
    facts_by_role: dict[str, list[CrossFact]] = {}
    for fact in cross_document_facts(documents, lambda title: linked_role(title, known_roles)):
        facts_by_role.setdefault(fact.about, []).append(fact)

    records: list[dict] = []

    def emit(model: str, fields: dict) -> None:
        records.append({"model": model, "fields": fields})
        summary.add(model)

    for doc in documents:
        emit(
            "roles.sourcedocument",
            {
                "file_name": doc.file_name,
                "title": doc.title,
                "format": doc.format,
                "sha256": doc.sha256,
                "stated_date": doc.stated_date,
            },
        )
    for name in sorted(set(role_category.values()) - set((existing_categories or {}).values())):
        emit("roles.category", {"name": name, "slug": slugify(name), "description": ""})

    for slug in sorted(docs_by_role):
        docs = docs_by_role[slug]
        rkey = role_key(slug)
        summary.roles += 1
        emit("roles.role", _role_fields(docs, slug, rkey, slugify(role_category[rkey]), facts_by_role.get(rkey, [])))
        order = {}

        def next_order(model: str, order=order) -> int:
            order[model] = order.get(model, 0) + 1
            return order[model]

        for doc in docs:
            src = [doc.file_name]
            counters: dict[str, int] = {}

            def child(
                model: str,
                fields: dict,
                section: str,
                _doc=doc,
                _src=src,
                _counters=counters,
                _rkey=rkey,
                _next=next_order,
            ) -> str:
                _counters[model] = _counters.get(model, 0) + 1
                key = child_key(_doc.file_name, model, _counters[model])
                emit(
                    model,
                    {
                        "key": key,
                        "role": [_rkey],
                        "order": _next(model),
                        "source": _src,
                        "source_section": section,
                        **fields,
                    },
                )
                return key

            used_anchors = set()
            for sec in doc.sections:
                anchor = sec.anchor
                n = 2
                while anchor in used_anchors:  # a second document may reuse an anchor
                    anchor = f"{sec.anchor}-{n}"
                    n += 1
                used_anchors.add(anchor)
                child(
                    "roles.section",
                    {"anchor": anchor, "heading": sec.heading, "body": "\n\n".join(sec.paragraphs), "level": sec.level},
                    sec.section or sec.heading,
                )
            if doc.cover_letter and not any(sec.anchor == "cover-letter" for sec in doc.sections):
                child(
                    "roles.section",
                    {"anchor": "cover-letter", "heading": "Sample cover letter", "body": doc.cover_letter, "level": 2},
                    "Sample cover letter",
                )
            for item in doc.duties:
                child("roles.duty", {"text": item.text}, item.section)
            for skill in doc.skills:
                child("roles.skill", {"kind": skill.kind, "name": skill.name, "detail": skill.detail}, skill.section)
            for item in doc.certifications:
                child("roles.certification", {"name": item.text, "is_key": item.category == "key"}, item.section)
            for item in doc.tools:
                child("roles.tool", {"name": item.text, "category": item.category}, item.section)
            for step in sorted(doc.steps, key=lambda s: s.number):
                child("roles.step", {"text": step.text}, step.section)
            for path in doc.education_paths:
                child(
                    "roles.educationpath",
                    {
                        "name": path.name,
                        "description": path.description,
                        "cost_min": path.cost_min,
                        "cost_max": path.cost_max,
                        "cost_open_ended": path.cost_open_ended,
                        "currency": path.currency,
                        "duration_min": _num(path.duration_min),
                        "duration_max": _num(path.duration_max),
                        "duration_unit": path.duration_unit,
                    },
                    path.section,
                )
            for q in doc.qualifications:
                child("roles.qualification", {"group": q.group, "text": q.text}, q.section)
            for kind, items in (("pro", doc.pros), ("con", doc.cons)):
                for item in items:
                    child("roles.procon", {"kind": kind, "text": item.text}, item.section)
            for faq in doc.faqs:
                child("roles.faq", {"question": faq.question, "answer": faq.answer}, faq.section)
            level_keys: dict[str, str] = {}
            for lvl in doc.career_levels:
                linked = known_roles.get(title_key(lvl.title))
                level_keys[title_key(lvl.title)] = child(
                    "roles.careerlevel",
                    {
                        "title": lvl.title,
                        "years_min": lvl.years_min,
                        "years_max": lvl.years_max,
                        "description": lvl.description,
                        "focus_areas": "\n".join(lvl.focus_areas),
                        "linked_role": [linked] if linked else None,
                    },
                    lvl.section,
                )
            related_keys: dict[str, str] = {}
            for rel in doc.related_roles:
                target = known_roles.get(title_key(rel.title))
                related_keys[title_key(rel.title)] = child(
                    "roles.relatedrole",
                    {"title": rel.title, "blurb": rel.blurb, "target": [target] if target and target != rkey else None},
                    rel.section,
                )
            for band in doc.salary_bands:
                level = level_keys.get(title_key(band.level_title)) if band.level_title else None
                related = related_keys.get(title_key(band.related_title)) if band.related_title else None
                child(
                    "salaries.salaryband",
                    {
                        "career_level": [level] if level else None,
                        "related_role": [related] if related else None,
                        "kind": band.kind,
                        "label": band.label,
                        "region": band.region,
                        "currency": band.currency,
                        "min": band.min,
                        "max": band.max,
                        "max_open_ended": band.max_open_ended,
                        "median": band.median,
                        "average": band.average,
                        "usd_min": band.usd_min,
                        "usd_max": band.usd_max,
                        "source_note": band.source_note,
                        "year": band.year,
                    },
                    band.section,
                )
            for fig in doc.figures:
                child(
                    "roles.figure",
                    {
                        "kind": fig.kind,
                        "value_min": _num(fig.value_min),
                        "value_max": _num(fig.value_max),
                        "open_ended": fig.open_ended,
                        "unit": fig.unit,
                        "text": fig.text[:200],
                        "context": fig.context,
                    },
                    fig.section,
                )
            for move in doc.moves:
                from_role = linked_role(move.from_title, known_roles)
                to_role = linked_role(move.to_title, known_roles)
                child(
                    "roles.careermove",
                    {
                        "from_title": move.from_title,
                        "from_role": [from_role] if from_role else None,
                        "to_title": move.to_title,
                        "to_role": [to_role] if to_role else None,
                        "kind": move.kind,
                        "evidence": move.evidence,
                    },
                    move.section,
                )
        _emit_facts(emit, rkey, facts_by_role.pop(rkey, []), role_names)
    # Facts about roles already in the database (an admin import of one document).
    for rkey in sorted(facts_by_role):
        _emit_facts(emit, rkey, facts_by_role[rkey], role_names)
    return records, summary


def _emit_facts(emit, rkey: str, facts: list[CrossFact], role_names: Mapping[str, tuple[str, str]]) -> None:
    per_document: dict[str, int] = {}
    for index, fact in enumerate(facts, start=1):
        other_title, other_slug = role_names.get(fact.other, ("", ""))
        # Numbered within its document, so importing that document alone gives the fact the same key.
        per_document[fact.document.file_name] = nth = per_document.get(fact.document.file_name, 0) + 1
        emit(
            "roles.documentfact",
            {
                "key": child_key(fact.document.file_name, f"roles.documentfact:{rkey}", nth),
                "role": [rkey],
                "order": index,
                "source": [fact.document.file_name],
                "source_section": fact.section,
                "kind": fact.kind,
                "stated_for": [fact.other] if fact.other else None,
                "stated_for_title": other_title,
                "stated_for_slug": other_slug,
                "title": fact.title,
                "text": fact.text,
                "currency": fact.currency,
                "median": fact.median,
                "average": fact.average,
                "min": fact.min,
                "max": fact.max,
                "max_open_ended": fact.max_open_ended,
                "years_min": fact.years_min,
                "years_max": fact.years_max,
                "pay_section": fact.pay_section,
                "region": fact.region,
            },
        )


def _headline_median(facts: list[CrossFact]) -> dict:
    """A role whose documents give no median takes one another document gives for it, naming where from."""
    for fact in facts:
        if fact.headline is not None:
            where = ", ".join(part for part in (fact.document.title, fact.pay_section) if part)
            return {
                "median_salary": fact.headline,
                "median_salary_currency": fact.currency,
                "median_salary_source": where[:300],
            }
    return {}


def _role_fields(
    docs: list[ParsedDocument], slug: str, key: str, category_slug: str, facts: list[CrossFact] = ()
) -> dict:
    """Role fields from its documents: the first document that has a value wins; a median no document of
    the role gives comes from another document's figure for it (``facts``), with that document named."""

    def first(getter, default=""):
        for doc in docs:
            value = getter(doc)
            if value not in (None, "", []):
                return value
        return default

    fields = {
        "key": key,
        "title": docs[0].role_title,
        "slug": slug,
        "category": [category_slug],
        "summary": first(lambda d: d.summary),
        "is_published": True,
        "typical_education": first(lambda d: d.facts.typical_education),
        "typical_experience": first(lambda d: d.facts.typical_experience),
        "experience_years_min": first(lambda d: d.facts.experience_years_min, None),
        "experience_years_max": first(
            lambda d: d.facts.experience_years_max if d.facts.experience_years_min is not None else None, None
        ),
        "key_certifications_text": first(lambda d: d.facts.key_certifications_text),
        "top_employer_types": "\n".join(first(lambda d: d.facts.top_employer_types, [])),
        "growth_outlook": first(lambda d: d.facts.growth_outlook),
        "growth_percent": _num(first(lambda d: d.facts.growth_percent, None)),
        "growth_period_start": first(lambda d: d.facts.growth_period_start, None),
        "growth_period_end": first(lambda d: d.facts.growth_period_end, None),
        "growth_source": first(lambda d: d.facts.growth_source),
        "annual_openings": first(lambda d: d.facts.annual_openings, None),
        "annual_openings_text": first(lambda d: d.facts.annual_openings_text if d.facts.annual_openings else ""),
        "annual_openings_source": first(lambda d: d.facts.annual_openings_source),
        "median_salary": first(lambda d: d.facts.median_salary, None),
        "median_salary_currency": first(
            lambda d: d.facts.median_salary_currency if d.facts.median_salary else "", "USD"
        ),
        "median_salary_source": first(lambda d: d.facts.median_salary_source),
        "median_salary_year": first(lambda d: d.facts.median_salary_year, None),
        "median_salary_period": first(lambda d: d.facts.median_salary_period if d.facts.median_salary else ""),
        "ai_impact": first(lambda d: d.facts.ai_impact),
        "fact_qualifiers": _qualifiers(docs),
        # No updated_at: no source dates the role; load_catalog sets it when the role's documents change.
        "source": [docs[0].file_name],
    }
    if fields["median_salary"] is None:
        fields.update(_headline_median(facts))
    return fields


def _qualifiers(docs: list[ParsedDocument]) -> dict:
    """Each fact's label qualifier from the first document that gives the fact with one."""
    merged: dict[str, str] = {}
    for doc in docs:
        for key, qualifier in doc.facts.qualifiers.items():
            merged.setdefault(key, qualifier)
    return merged


def dumps(records: list[dict]) -> str:
    """The fixture file's text: stable key order, one record per block, trailing newline."""
    return json.dumps(records, indent=1, ensure_ascii=False) + "\n"
