"""Cross-model writes on roles: importing a document, keeping old addresses after a revert.

Each service is one unit of work in ``transaction.atomic``. Imports also run in a
django-reversion revision, so an import is a version of the role with who made it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import reversion
from django.apps import apps
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core import serializers
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst, slugify

from roles.importers.document import DocumentError, ParsedDocument
from roles.importers.text import title_key
from roles.models import CareerLevel, CareerMove, Category, RelatedRole, Role, Section, SlugHistory, SourceDocument
from roles.publishing.dates import date_documents, document_dates
from roles.publishing.facts_sync import facts_after, facts_before
from roles.publishing.fixture_writer import CONTENT_MODELS, build_records, role_key
from roles.publishing.reimport import ReimportMerge, role_reimport_merge
from roles.publishing.versions import role_record_first_version
from salaries.wages.services import role_soc_code_propose

# Content rows an import writes; a row of these with the document as its source and a key
# the new import no longer produces came from an older version of the document.
IMPORTED_CHILD_MODELS = CONTENT_MODELS

# What an editor decides about a role that the document must not override on re-import.
EDITOR_OWNED_ROLE_FIELDS = ("slug", "is_published", "category")


@dataclass
class ImportPlan:
    """What importing a parsed document would write, for the admin's preview."""

    document: ParsedDocument
    records: list[dict]
    existing_role: Role | None
    counts: dict[str, int] = field(default_factory=dict)  # rows per kind, by the kind's display name
    merge: ReimportMerge | None = None  # for a role already here: what is kept, changed, in conflict


def _existing_role_for(parsed: ParsedDocument) -> Role | None:
    slug = slugify(parsed.role_title)
    role = Role.objects.filter(key=role_key(slug)).first() or Role.objects.filter(slug=slug).first()
    if role is None:
        old = SlugHistory.objects.filter(slug=slug).select_related("role").first()
        role = old.role if old else None
    if role is None:
        wanted = title_key(parsed.role_title)
        role = next((r for r in Role.objects.only("pk", "title") if title_key(r.title) == wanted), None)
        if role is not None:
            role = Role.objects.get(pk=role.pk)
    return role


def role_import_plan(*, parsed: ParsedDocument, choices: dict[str, str] | None = None) -> ImportPlan:
    """The records an import of ``parsed`` would write, matched against the roles already here, and for
    a role already here, how they merge with editors' changes (``choices`` settles conflicts)."""
    roles = list(Role.objects.select_related("category").only("key", "title", "category__name"))
    existing_roles = {title_key(r.title): str(r.key) for r in roles}
    existing_categories = {str(r.key): r.category.name for r in roles}
    existing = _existing_role_for(parsed)
    new_key = role_key(slugify(parsed.role_title))
    if existing is not None:
        existing_roles[title_key(parsed.role_title)] = str(existing.key)
        existing_categories[new_key] = existing.category.name
    records, summary = build_records([parsed], existing_roles=existing_roles, existing_categories=existing_categories)
    if existing is not None and str(existing.key) != new_key:
        # The role exists under another key (an editor created it): write into that row.
        records = _rekey(records, old=new_key, new=str(existing.key))
    known_category_slugs = set(Category.objects.values_list("slug", flat=True))
    records = [
        r for r in records if not (r["model"] == "roles.category" and r["fields"]["slug"] in known_category_slugs)
    ]
    counts = {
        capfirst(apps.get_model(label)._meta.verbose_name_plural): n
        for label, n in summary.counts.items()
        if label not in ("roles.sourcedocument", "roles.role", "roles.category")
    }
    merged = None
    if existing is not None:
        merged = role_reimport_merge(role=existing, file_name=parsed.file_name, records=records, choices=choices or {})
    return ImportPlan(document=parsed, records=records, existing_role=existing, counts=counts, merge=merged)


def _rekey(records: list[dict], *, old: str, new: str) -> list[dict]:
    for record in records:
        fields = record["fields"]
        for name, value in fields.items():
            if name == "key" and value == old:
                fields[name] = new
            elif isinstance(value, list) and value == [old]:
                fields[name] = [new]
    return records


def _check_anchor_clashes(plan: ImportPlan) -> None:
    if plan.existing_role is None:
        return
    incoming = {r["fields"]["anchor"]: r["fields"]["key"] for r in plan.records if r["model"] == "roles.section"}
    for section in Section.objects.filter(role=plan.existing_role, anchor__in=incoming):
        if str(section.key) != incoming[section.anchor]:
            raise DocumentError(
                f'the role already has a section "{section.heading}" at #{section.anchor} that an editor added; '
                "change its anchor in the admin, then import again",
                file_name=plan.document.file_name,
            )


@transaction.atomic
def role_import_document(
    *, parsed: ParsedDocument, user: AbstractBaseUser | AnonymousUser | None, choices: dict[str, str] | None = None
) -> Role:
    """Write one parsed document: create its role, or merge it into the existing one.

    Rows are matched by their deterministic key. Into an existing role the document is merged
    (roles.publishing.reimport): editors' changes are kept, conflicts settled by ``choices`` (by
    default the editor's value is kept). The whole import is one version.
    """
    plan = role_import_plan(parsed=parsed, choices=choices)
    merged = plan.merge or ReimportMerge()
    if plan.existing_role is not None:
        # Before the import's own revision: the role as it was, to merge against and go back to.
        role_record_first_version(role=plan.existing_role)
    _check_anchor_clashes(plan)
    role_record = next(r for r in plan.records if r["model"] == "roles.role")
    role_record["fields"]["updated_at"] = timezone.now().isoformat()
    if plan.existing_role is not None:
        role_record["fields"]["slug"] = plan.existing_role.slug
        role_record["fields"]["is_published"] = plan.existing_role.is_published
        role_record["fields"]["category"] = [plan.existing_role.category.slug]

    before = facts_before([parsed.file_name])
    dated = document_dates([parsed.file_name])
    with reversion.create_revision():
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        reversion.set_comment(f"Imported {parsed.file_name} ({parsed.format}).")
        written: dict[str, set[str]] = {}
        for obj in serializers.deserialize("python", plan.records, handle_forward_references=True):
            key = (obj.object._meta.label_lower, str(getattr(obj.object, "key", "")))
            if key in merged.skip_rows:
                continue
            for attname, value in merged.keep_ours.get(key, {}).items():
                setattr(obj.object, attname, value)
            obj.save()
            if obj.deferred_fields:
                obj.save_deferred_fields()
            written.setdefault(obj.object._meta.label_lower, set()).add(str(getattr(obj.object, "key", "")))
        role = Role.objects.get(key=role_record["fields"]["key"])
        for label, key in merged.keep_rows:
            written.setdefault(label, set()).add(key)
        remove_rows_dropped_from_document(role=role, file_name=parsed.file_name, written=written)
        # The document row was written without a date: the same version keeps the day it was first imported,
        # and the revision holds the row as dated (a restore must not bring back an undated document).
        date_documents(dated, [parsed.file_name])
        for document in SourceDocument.objects.filter(file_name=parsed.file_name):
            reversion.add_to_revision(document)
        # The facts it gives about every role, this one's and others': only those it still gives. A role
        # whose facts changed has a changed page.
        facts = written.get("roles.documentfact", set())
        changed = facts_after(file_names=[parsed.file_name], keys=facts, before=before)
        Role.objects.filter(pk__in=sorted(changed - {role.pk})).update(updated_at=timezone.now())
        _link_ladders_and_related_roles_to(role=role)
        role_soc_code_propose(role)  # its official wages, when the occupations are imported
        reversion.add_to_revision(role)
    return role


def remove_rows_dropped_from_document(*, role: Role, file_name: str, written: dict[str, set[str]]) -> None:
    for label in IMPORTED_CHILD_MODELS:
        model = apps.get_model(label)
        stale = model.objects.filter(role=role, source__file_name=file_name).exclude(key__in=written.get(label, set()))
        stale.delete()


def _link_ladders_and_related_roles_to(*, role: Role) -> None:
    """Levels, related roles and career moves elsewhere that name this role by title now link to its page."""
    wanted = title_key(role.title)
    for level in CareerLevel.objects.filter(linked_role__isnull=True):
        if title_key(level.title) == wanted:
            level.linked_role = role
            level.save(update_fields=["linked_role"])
    for related in RelatedRole.objects.filter(target__isnull=True).exclude(role=role):
        if title_key(related.title) == wanted:
            related.target = role
            related.save(update_fields=["target"])
    for move in CareerMove.objects.filter(Q(from_role__isnull=True) | Q(to_role__isnull=True)):
        changed = []
        if move.from_role_id is None and title_key(move.from_title) == wanted:
            move.from_role, changed = role, [*changed, "from_role"]
        if move.to_role_id is None and title_key(move.to_title) == wanted:
            move.to_role, changed = role, [*changed, "to_role"]
        if changed:
            move.save(update_fields=changed)


@transaction.atomic
def role_keep_address_after_revert(*, role: Role, previous_slug: str) -> None:
    """A revert writes the slug raw (bypassing Role.save), so record the address it replaced here."""
    role.refresh_from_db(fields=["slug"])
    if previous_slug and previous_slug != role.slug:
        SlugHistory.objects.update_or_create(slug=previous_slug, defaults={"role": role})
    SlugHistory.objects.filter(slug=role.slug).delete()
