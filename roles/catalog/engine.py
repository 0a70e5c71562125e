"""The generator's engine: plans the families, renders every role's rows from the template guide's
records and writes them batch by batch with their search entries, inside one transaction."""

from __future__ import annotations

import random
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from careerguide.pagecache import content_version_bump
from roles.catalog.cells import CellFormat
from roles.catalog.plans import CHILD_ORDER, ModelPlan
from roles.catalog.producer import threaded
from roles.catalog.vocabulary import CATEGORY_AREAS, FAMILY_SIZE, CatalogError, plan_families
from roles.catalog.writers import CatalogWriter, writer_for
from roles.importers import parse_file
from roles.models import Category, Role, SourceDocument
from roles.models.search import SearchEntry
from roles.publishing.fixture_writer import build_records
from roles.search import BulkIndex, bulk_index_columns, entry_rows, search_index_settle, search_title_words_rebuild

GENERATED_SOURCE = "generated-catalog.txt"
TEMPLATE_GLOB = "000_*.txt"
ROLE_AND_CHILDREN = ["roles.role", *CHILD_ORDER]


@dataclass
class GenerationReport:
    """What was written, on which database, and where the time went (seconds)."""

    roles: int
    rows: int = 0
    vendor: str = ""
    indexed: bool = True
    mode: str = "one thread"
    phases: dict[str, float] = field(default_factory=dict)


def generate_catalog(
    *, roles: int, seed: int = 1, batch: int = 500, search_index: bool = True, on_plan=None, on_batch=None
) -> GenerationReport:
    """Replace the generated catalog by ``roles`` roles for ``seed``; the shipped roles are left alone.

    ``on_plan(seconds)`` is called once the plan is built, ``on_batch(roles_done)`` after each batch."""
    if roles < 1:
        raise CatalogError("--roles must be at least 1")
    report = GenerationReport(roles=roles, vendor=connection.vendor, indexed=search_index)
    writer = writer_for(connection.vendor)
    started = time.perf_counter()
    template = _template()
    shipped = Role.objects.exclude(source__file_name=GENERATED_SOURCE)
    taken = {title.lower() for title in shipped.values_list("title", flat=True)}
    families = plan_families(roles, seed, taken)
    built = time.perf_counter()
    if on_plan:
        on_plan(built - started)

    with transaction.atomic():
        _delete_generated(writer)
        deleted = time.perf_counter()
        checked_in_bulk = writer.defer_link_checks()
        index = BulkIndex() if search_index else None
        with writer.tuned():
            loader = _Loader(template, families, roles, seed, batch, index, writer)
            spent = loader.load(on_batch)
        report.rows = loader.rows_written
        if checked_in_bulk:
            writer.verify_links([*(apps.get_model(label) for label in ROLE_AND_CHILDREN), SearchEntry])
            # The load ran with triggers off, so the title words they keep were not written.
            search_title_words_rebuild()
        loaded = time.perf_counter()
        if index is not None:
            index.finish()  # the vocabulary
        searched = time.perf_counter()
        content_version_bump()
    committed = time.perf_counter()
    if index is not None:
        search_index_settle()
    done = time.perf_counter()
    # The index is written batch by batch with the content: "load" is the content's share of that
    # loop (its COPYs, waiting for the builder thread, the link checks), "search index" the index's
    # share plus the vocabulary, so the phases still add up to the total.
    report.mode = spent["mode"]
    report.phases = {
        "total": done - started,
        "build": built - started,
        "delete": deleted - built,
        "load": loaded - deleted - spent["index"],
        "index": spent["index"] + searched - loaded,
        "commit": committed - searched,
        "statistics": done - committed,
        "loop": spent["loop"],
        "content": spent["content"],
        "index_entries": spent["index"],
        "wait": spent["wait"],
        "link_checks": loaded - deleted - spent["loop"],
        "vocabulary": searched - loaded,
    }
    return report


def delete_generated_catalog() -> None:
    """Delete every generated role and its rows; the shipped roles are left alone. The search
    vocabulary keeps the generated roles' words until the index is rebuilt."""
    with transaction.atomic():
        _delete_generated(writer_for(connection.vendor))
        content_version_bump()


def _template():
    """The Technical Support Specialist guide, parsed, and its fixture records grouped by model."""
    paths = sorted(Path(settings.SOURCES_DIR).glob(TEMPLATE_GLOB))
    if not paths:
        raise CatalogError(f"No template guide {TEMPLATE_GLOB} in {settings.SOURCES_DIR}")
    document = parse_file(paths[0])
    records, _summary = build_records([document])
    by_model: dict[str, list[dict]] = {}
    for record in records:
        by_model.setdefault(record["model"], []).append(record["fields"])
    return document, by_model


def _delete_generated(writer: CatalogWriter) -> None:
    source = SourceDocument.objects.filter(file_name=GENERATED_SOURCE).first()
    if source is None:
        return
    children = [
        model
        for model in apps.get_models()
        if model is not Role
        and any(f.is_relation and f.related_model is Role and f.name == "role" for f in model._meta.concrete_fields)
    ]
    writer.delete_roles_of(Role, children, source.pk)


def _next_id(model) -> int:
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


class _Loader:
    """Renders and writes the roles of one run, batch by batch."""

    def __init__(self, template, families, roles: int, seed: int, batch: int, index: BulkIndex | None, writer):
        document, records = template
        self.records = records
        self.families = families
        self.roles = roles
        self.batch = batch
        self.index = index
        self.writer = writer
        self.cells = CellFormat(connection.vendor)
        self.rng = random.Random(seed * 7919 + 1)
        self.key_base = random.Random(seed).getrandbits(64) << 64
        self.now = timezone.now()
        self.rows_written = 0

        self.source, _ = SourceDocument.objects.update_or_create(
            file_name=GENERATED_SOURCE,
            defaults={"title": "Generated catalog (synthetic roles)", "format": document.format, "sha256": "0" * 64},
        )
        self.category_ids = {}
        for name in CATEGORY_AREAS:
            category, _ = Category.objects.get_or_create(slug=slugify(name), defaults={"name": name})
            self.category_ids[name] = category.pk

        template_titles = [level.title for level in document.career_levels]
        if len(template_titles) != FAMILY_SIZE:
            raise CatalogError(f"The template guide has {len(template_titles)} career levels, expected {FAMILY_SIZE}")
        # Longest first, so "Senior Technical Support Specialist" is not half-replaced as "... Specialist".
        substitutions = sorted(range(FAMILY_SIZE), key=lambda i: -len(template_titles[i]))
        title_pattern = re.compile("|".join(re.escape(template_titles[i]) for i in substitutions))
        title_index = {template_titles[i]: i for i in range(FAMILY_SIZE)}

        def plan(label, cells, fields=None):
            return ModelPlan(apps.get_model(label), records.get(label, []), cells, title_pattern, title_index, fields)

        self.plans = [plan(label, self.cells) for label in CHILD_ORDER]
        self.role_plan = plan("roles.role", self.cells)
        self.level_index = self._plan_of("roles.careerlevel").level_index
        self.related_index = self._plan_of("roles.relatedrole").related_index
        # The same cells as plain Python values, for the columns the index entries read.
        self.index_plans = {}
        if index is not None:
            plain = CellFormat("python")
            for model, fields in bulk_index_columns().items():
                label = model._meta.label_lower
                self.index_plans[label] = plan(label, plain, fields)

        self.next_ids = {label: _next_id(apps.get_model(label)) for label in ROLE_AND_CHILDREN}
        self.role_base_id = self.next_ids["roles.role"]

    def _plan_of(self, label) -> ModelPlan:
        return next(p for p in self.plans if p.label == label)

    def load(self, on_batch=None) -> dict:
        """Write every batch; returns where the loop's time went."""
        columns = {
            label: self.role_plan.columns if label == "roles.role" else self._plan_of(label).columns
            for label in ROLE_AND_CHILDREN
        }
        spent = {"content": 0.0, "index": 0.0, "wait": 0.0, "mode": "one thread"}
        loop_started = time.perf_counter()
        batches = (self.build_batch(start) for start in range(0, self.roles, self.batch))
        pending = threaded(batches) if self.writer.threaded else batches
        if self.writer.threaded:
            spent["mode"] = "batches built in a second thread"
        try:
            waited = time.perf_counter()
            for start, out, entries, prepared in pending:
                began = time.perf_counter()
                spent["wait"] += began - waited
                for label in ROLE_AND_CHILDREN:
                    self.rows_written += self.writer.count(out[label])
                    self.writer.write(apps.get_model(label), columns[label], out[label])
                written = time.perf_counter()
                spent["content"] += written - began
                if self.index is not None:
                    self.index.write(entries, prepared)
                waited = time.perf_counter()
                spent["index"] += waited - written
                if on_batch:
                    on_batch(min(start + self.batch, self.roles))
        finally:
            if hasattr(pending, "close"):
                pending.close()
        self.writer.reset_sequences([apps.get_model(label) for label in ROLE_AND_CHILDREN])
        spent["loop"] = time.perf_counter() - loop_started
        return spent

    def build_batch(self, start: int):
        """(first role number, rows per model, index rows, prepared index) of the batch at ``start``."""
        out: dict[str, list] = {label: [] for label in ROLE_AND_CHILDREN}
        entries: list[tuple] = []
        for number in range(start, min(start + self.batch, self.roles)):
            ctx = self._context(number)
            key_counter = [self.key_base + number * 1000]

            def new_key(_kc=key_counter):
                _kc[0] += 1
                return self.cells.key(_kc[0])

            out["roles.role"].append(self.role_plan.render(0, ctx, new_key, None))
            ids_by_label: dict[str, list[int]] = {}
            for plan in self.plans:
                first = self.next_ids[plan.label] + number * plan.count
                ids = list(range(first, first + plan.count))
                ids_by_label[plan.label] = ids
                for row in range(plan.count):
                    ctx["id"] = ids[row]
                    out[plan.label].append(plan.render(row, ctx, new_key, ids_by_label))
            if self.index_plans:
                entries += self._entries(ctx, ids_by_label, ctx["role_id"])
        joined = {label: self.writer.join(rows) for label, rows in out.items()}
        return start, joined, entries, self.index.prepare(entries) if self.index is not None else None

    def _context(self, number: int) -> dict:
        """What one role's rows are rendered from: its ids, titles, pay scale and links."""
        roles, base, family_count = self.roles, self.role_base_id, len(self.families)
        family, rung = divmod(number, FAMILY_SIZE)
        category, titles = self.families[family]
        role_id = base + number
        scale = 0.6 + self.rng.random() * 1.2  # this role's pay relative to the template's
        ladder_ids = [
            base + family * FAMILY_SIZE + i if family * FAMILY_SIZE + i < roles else None for i in range(FAMILY_SIZE)
        ]
        # Related roles: the same rung in other families, picked by the seed.
        related_ids = []
        for _ in range(len(self.records.get("roles.relatedrole", []))):
            other = (family + 1 + self.rng.randrange(family_count - 1)) % family_count if family_count > 1 else None
            target = None if other is None else base + other * FAMILY_SIZE + rung
            related_ids.append((target if target is not None and target < base + roles else None, other))
        return {
            "id": role_id,
            "role_id": role_id,
            "titles": titles,
            "title": titles[rung],
            "scale": scale,
            "source_id": self.source.pk,
            "category_id": self.category_ids[category],
            "ladder_ids": ladder_ids,
            "related": related_ids,
            "families": self.families,
            "now": self.now,
            "level_index": self.level_index,
            "related_index": self.related_index,
        }

    def _entries(self, ctx, ids_by_label, role_id) -> list[tuple]:
        """The role's search-index rows, from the values just rendered (plain Python values)."""
        role = None
        content = {}
        for label, plan in self.index_plans.items():
            if label == "roles.role":
                ctx["id"] = role_id
                role = dict(zip(plan.columns, plan.render(0, ctx, None, None), strict=True))
                continue
            rows = []
            for row, row_id in enumerate(ids_by_label[label]):
                ctx["id"] = row_id
                rows.append(dict(zip(plan.columns, plan.render(row, ctx, None, ids_by_label), strict=True)))
            content[plan.model] = rows
        return entry_rows(role, content)
