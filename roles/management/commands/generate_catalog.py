"""Generate a synthetic catalog of N roles, each the size and shape of the Technical Support Specialist guide.

    python manage.py generate_catalog --roles 10000 [--seed 1]

The shipped Technical Support Specialist guide (fixtures/sources/000_*.txt) is parsed and turned into
fixture records once; every generated role is a copy of those records (the same numbers of sections,
duties, skills, certifications, tools, steps, education paths, pros and cons, FAQs, career levels,
salary bands, related roles and figures, and text of the same length) with its own title written into
the text. Roles come in families of six that form a career ladder ("Junior Cloud Analytics Analyst" ...
"Director of Cloud Analytics"), so every career level links to a generated role, and related roles
link to other families of the same category. The same seed always gives the same catalog.

Running it again replaces the previously generated catalog; the shipped roles are left alone.

Why not ``bulk_create``: 10,000 roles are about two million rows, and building two million model
instances costs more than the 60 seconds the whole load is allowed. Rows are instead written from
precomputed column values (primary keys assigned here, so links need no round trip) — with COPY on
PostgreSQL and executemany on SQLite — in batches, inside one transaction. Values are prepared by the
model fields themselves (``get_db_prep_save``) once per template row, so the stored data is exactly
what the ORM would write. No signals fire, so the page cache's content version is bumped explicitly.

The search index is written batch by batch with the content, from the values just generated rather
than read back (``roles.search.entry_rows``: the same text functions as the per-role path). On
PostgreSQL a second thread builds the next batch — its rows, its index entries, and their tsvectors on
a second connection — while this one copies the current batch: psycopg2 releases the GIL during COPY,
so Python and the database server each keep one core busy. SQLite's executemany takes the GIL back
for every row, so there the batches are built and written in turn.
"""

from __future__ import annotations

import contextlib
import io
import queue
import random
import re
import sys
import threading
import time
import uuid
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, connections, transaction
from django.utils import timezone
from django.utils.text import slugify

from careerguide.pagecache import content_version_bump
from roles.importers import parse_file
from roles.models import Category, Role, SourceDocument
from roles.models.search import SearchEntry
from roles.publishing.fixture_writer import CONTENT_MODELS, build_records
from roles.search import BulkIndex, bulk_index_columns, entry_rows, search_index_settle, search_title_words_rebuild

GENERATED_SOURCE = "generated-catalog.txt"
TEMPLATE_GLOB = "000_*.txt"
FAMILY_SIZE = 6

# Category -> areas. An area and a function make a subject ("Cloud" + "Analytics"); a subject makes a
# family of six titles. 12 x 12 x 12 subjects is enough for 10,000 roles.
CATEGORY_AREAS = {
    "Information Technology": [
        "Cloud",
        "Network",
        "Desktop",
        "Database",
        "Systems",
        "Application",
        "Identity",
        "Infrastructure",
        "Platform",
        "Endpoint",
        "Service Desk",
        "Data Center",
    ],
    "Healthcare": [
        "Clinical",
        "Patient",
        "Pharmacy",
        "Radiology",
        "Laboratory",
        "Medical Records",
        "Nursing",
        "Rehabilitation",
        "Surgical",
        "Dental",
        "Public Health",
        "Telehealth",
    ],
    "Finance": [
        "Payroll",
        "Treasury",
        "Tax",
        "Audit",
        "Credit",
        "Accounts Payable",
        "Accounts Receivable",
        "Investment",
        "Banking",
        "Insurance",
        "Billing",
        "Budget",
    ],
    "Education": [
        "Curriculum",
        "Student",
        "Admissions",
        "Library",
        "Learning",
        "Academic",
        "Campus",
        "Early Childhood",
        "Special Education",
        "Assessment",
        "Instructional",
        "Alumni",
    ],
    "Engineering": [
        "Mechanical",
        "Electrical",
        "Civil",
        "Structural",
        "Process",
        "Manufacturing",
        "Quality",
        "Reliability",
        "Controls",
        "Environmental",
        "Materials",
        "Test",
    ],
    "Marketing": [
        "Brand",
        "Content",
        "Digital",
        "Product Marketing",
        "Social Media",
        "Email",
        "Campaign",
        "Market Research",
        "Events",
        "Partner",
        "Growth",
        "Communications",
    ],
    "Sales": [
        "Inside Sales",
        "Field Sales",
        "Channel",
        "Account",
        "Territory",
        "Retail",
        "Wholesale",
        "Enterprise",
        "Key Account",
        "Pre-Sales",
        "Renewals",
        "Business Development",
    ],
    "Operations": [
        "Logistics",
        "Warehouse",
        "Procurement",
        "Supply Chain",
        "Fleet",
        "Facilities",
        "Inventory",
        "Distribution",
        "Vendor",
        "Production",
        "Planning",
        "Fulfillment",
    ],
    "Design": [
        "User Experience",
        "Graphic",
        "Interaction",
        "Visual",
        "Product Design",
        "Motion",
        "Interior",
        "Industrial",
        "Service Design",
        "Packaging",
        "Web",
        "Design Systems",
    ],
    "Legal": [
        "Contracts",
        "Compliance",
        "Litigation",
        "Privacy",
        "Intellectual Property",
        "Regulatory",
        "Corporate Legal",
        "Employment Law",
        "Paralegal",
        "Legal Operations",
        "Risk",
        "Ethics",
    ],
    "Hospitality": [
        "Guest",
        "Front Office",
        "Food and Beverage",
        "Housekeeping",
        "Catering",
        "Reservations",
        "Concierge",
        "Banquet",
        "Spa",
        "Travel",
        "Revenue",
        "Venue",
    ],
    "Construction": [
        "Site",
        "Estimating",
        "Building",
        "Safety",
        "Project Controls",
        "Scheduling",
        "Field Engineering",
        "Surveying",
        "Permitting",
        "Inspection",
        "Preconstruction",
        "Equipment",
    ],
}
# Function -> the noun of its base title ("Cloud" + "Analyst"); the higher rungs name the function.
FUNCTIONS = {
    "Support": "Support Specialist",
    "Operations": "Operations Specialist",
    "Analytics": "Analyst",
    "Compliance": "Compliance Officer",
    "Quality": "Quality Analyst",
    "Planning": "Planner",
    "Research": "Researcher",
    "Services": "Coordinator",
    "Administration": "Administrator",
    "Engineering": "Engineer",
    "Training": "Trainer",
    "Systems": "Systems Consultant",
}


def ladder_titles(area: str, function: str, noun: str) -> list[str]:
    """The six rungs of a family, in the order of the template's career levels."""
    base = f"{area} {noun}"
    subject = f"{area} {function}"
    return [f"Junior {base}", base, f"Senior {base}", f"{subject} Lead", f"{subject} Manager", f"Director of {subject}"]


class Backend:
    """How a Python value becomes a cell for the database being loaded."""

    def __init__(self, vendor: str):
        self.pg = vendor == "postgresql"
        self.null = "\\N" if self.pg else None

    def static(self, value):
        if value is None:
            return self.null
        if not self.pg:
            if isinstance(value, uuid.UUID):
                return value.hex
            return value
        if isinstance(value, bool):
            return "t" if value else "f"
        if isinstance(value, str):
            return self.escape(value)
        return self.escape(str(value))

    @staticmethod
    def escape(text: str) -> str:
        # COPY's text format: backslash, tab, newline and carriage return are escaped.
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")

    def key(self, value: int):
        u = uuid.UUID(int=value)
        return str(u) if self.pg else u.hex

    def number(self, value):
        if value is None:
            return self.null
        return str(value) if self.pg else value


class Command(BaseCommand):
    help = "Generate N synthetic roles shaped like the Technical Support Specialist guide (replaces earlier ones)."

    def add_arguments(self, parser):
        parser.add_argument("--roles", type=int, required=True, help="How many roles to generate.")
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same catalog (default 1).")
        parser.add_argument("--batch", type=int, default=500, help="Roles written per batch (default 500).")
        parser.add_argument(
            "--no-search-index", action="store_true", help="Leave the search index alone (it is rebuilt by default)."
        )

    def handle(self, *args, roles: int, seed: int, batch: int, no_search_index: bool, **options):
        if roles < 1:
            raise CommandError("--roles must be at least 1")
        started = time.perf_counter()
        template = self._template()
        families = self._families(roles, seed)
        built = time.perf_counter()
        self.stdout.write(f"Built the plan for {roles:,} roles in {built - started:.1f}s")

        with transaction.atomic():
            self._delete_generated()
            deleted = time.perf_counter()
            checked_in_bulk = self._defer_link_checks()
            index = None if no_search_index else BulkIndex()
            with _sqlite_page_cache():
                rows, spent = self._load(template, families, roles, seed, batch, index)
            if checked_in_bulk:
                self._verify_links()
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
        index_s = spent["index"] + searched - loaded
        load_s = loaded - deleted - spent["index"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {roles:,} roles ({rows:,} rows) on {connection.vendor} in {done - started:.1f}s: "
                f"build {built - started:.1f}s, delete old {deleted - built:.1f}s, load {load_s:.1f}s, "
                f"search index {index_s:.1f}s{'' if index else ' (skipped)'}, commit {committed - searched:.1f}s, "
                f"statistics {done - committed:.1f}s"
            )
        )
        self.stdout.write(
            f"  load + index loop {spent['loop']:.1f}s ({spent['mode']}): writing content {spent['content']:.1f}s, "
            f"writing index entries {spent['index']:.1f}s, waiting for the next batch {spent['wait']:.1f}s; "
            f"link checks {loaded - deleted - spent['loop']:.1f}s, vocabulary {searched - loaded:.1f}s"
        )

    # -- the template -------------------------------------------------------------------------

    def _template(self):
        """Fixture records of the Technical Support Specialist guide, grouped by model."""
        paths = sorted(Path(settings.SOURCES_DIR).glob(TEMPLATE_GLOB))
        if not paths:
            raise CommandError(f"No template guide {TEMPLATE_GLOB} in {settings.SOURCES_DIR}")
        document = parse_file(paths[0])
        records, _summary = build_records([document])
        by_model: dict[str, list[dict]] = {}
        for record in records:
            by_model.setdefault(record["model"], []).append(record["fields"])
        return document, by_model

    def _families(self, roles: int, seed: int) -> list[tuple[str, list[str]]]:
        """(category, six titles) per family, shuffled by the seed, skipping titles already taken."""
        rng = random.Random(seed)
        taken = {
            t.lower() for t in Role.objects.exclude(source__file_name=GENERATED_SOURCE).values_list("title", flat=True)
        }
        subjects = [
            (category, area, function, noun)
            for category, areas in CATEGORY_AREAS.items()
            for area in areas
            for function, noun in FUNCTIONS.items()
        ]
        rng.shuffle(subjects)
        families = []
        needed = -(-roles // FAMILY_SIZE)
        for category, area, function, noun in subjects:
            titles = ladder_titles(area, function, noun)
            if any(t.lower() in taken for t in titles):
                continue
            families.append((category, titles))
            if len(families) == needed:
                return families
        raise CommandError(f"At most {len(families) * FAMILY_SIZE:,} roles can be generated.")

    # -- writing ------------------------------------------------------------------------------

    def _delete_generated(self) -> None:
        # Raw deletes: the ORM's cascade would fetch and signal two million rows one by one.
        source = SourceDocument.objects.filter(file_name=GENERATED_SOURCE).first()
        if source is None:
            return
        generated = Role.objects.filter(source=source)
        for model in apps.get_models():
            if model is Role:
                continue
            for field in model._meta.concrete_fields:
                if field.is_relation and field.related_model is Role and field.name == "role":
                    model.objects.filter(role__in=generated)._raw_delete(connection.alias)
        generated._raw_delete(connection.alias)

    def _load(self, template, families, roles: int, seed: int, batch: int, index: BulkIndex | None):
        """Write the roles, their content and (with ``index``) their search entries; returns the number
        of content rows and where the time went."""
        document, records = template
        backend = Backend(connection.vendor)
        rng = random.Random(seed * 7919 + 1)
        key_base = random.Random(seed).getrandbits(64) << 64
        now = timezone.now()

        source, _ = SourceDocument.objects.update_or_create(
            file_name=GENERATED_SOURCE,
            defaults={"title": "Generated catalog (synthetic roles)", "format": document.format, "sha256": "0" * 64},
        )
        category_ids = {}
        for name in CATEGORY_AREAS:
            category, _ = Category.objects.get_or_create(slug=slugify(name), defaults={"name": name})
            category_ids[name] = category.pk

        template_titles = [lvl.title for lvl in document.career_levels]
        if len(template_titles) != FAMILY_SIZE:
            raise CommandError(f"The template guide has {len(template_titles)} career levels, expected {FAMILY_SIZE}")
        # Longest first, so "Senior Technical Support Specialist" is not half-replaced as "... Specialist".
        substitutions = sorted(range(FAMILY_SIZE), key=lambda i: -len(template_titles[i]))
        title_pattern = re.compile("|".join(re.escape(template_titles[i]) for i in substitutions))
        title_index = {template_titles[i]: i for i in range(FAMILY_SIZE)}

        plans = [
            self._plan(label, records.get(label, []), backend, title_pattern, title_index) for label in _CHILD_ORDER
        ]
        role_plan = self._plan("roles.role", records["roles.role"], backend, title_pattern, title_index)
        level_index = _plan_of(plans, "roles.careerlevel").level_index
        related_index = _plan_of(plans, "roles.relatedrole").related_index
        # The same cells as plain Python values, for the columns the index entries read.
        index_plans = {}
        if index is not None:
            raw = Backend("python")
            for label, fields in _index_fields().items():
                index_plans[label] = _ModelPlan(
                    apps.get_model(label), records.get(label, []), raw, title_pattern, title_index, fields=fields
                )

        next_ids = {label: self._next_id(apps.get_model(label)) for label in ["roles.role", *_CHILD_ORDER]}
        role_base_id = next_ids["roles.role"]
        family_count = len(families)
        labels = ["roles.role", *_CHILD_ORDER]

        def batches():
            """(first role number, rows per model, index rows, prepared index) per batch, in order."""
            for start in range(0, roles, batch):
                yield build_batch(start)

        def build_batch(start):
            out: dict[str, list] = {label: [] for label in labels}
            entries: list[tuple] = []
            for number in range(start, min(start + batch, roles)):
                family, rung = divmod(number, FAMILY_SIZE)
                category, titles = families[family]
                role_id = role_base_id + number
                scale = 0.6 + rng.random() * 1.2  # this role's pay relative to the template's
                ladder_ids = [
                    role_base_id + family * FAMILY_SIZE + i if family * FAMILY_SIZE + i < roles else None
                    for i in range(FAMILY_SIZE)
                ]
                # Related roles: the same rung in other families, picked by the seed.
                related_ids = []
                for _ in range(len(records.get("roles.relatedrole", []))):
                    other = (family + 1 + rng.randrange(family_count - 1)) % family_count if family_count > 1 else None
                    target = None if other is None else role_base_id + other * FAMILY_SIZE + rung
                    related_ids.append(
                        (target if target is not None and target < role_base_id + roles else None, other)
                    )
                ctx = {
                    "id": role_id,
                    "role_id": role_id,
                    "titles": titles,
                    "title": titles[rung],
                    "scale": scale,
                    "source_id": source.pk,
                    "category_id": category_ids[category],
                    "ladder_ids": ladder_ids,
                    "related": related_ids,
                    "families": families,
                    "now": now,
                    "level_index": level_index,
                    "related_index": related_index,
                }
                key_counter = [key_base + number * 1000]

                def new_key(_kc=key_counter):
                    _kc[0] += 1
                    return backend.key(_kc[0])

                out["roles.role"].append(role_plan.render(0, ctx, backend, new_key, None))
                ids_by_label: dict[str, list[int]] = {}
                for plan in plans:
                    first = next_ids[plan.label] + number * plan.count
                    ids = list(range(first, first + plan.count))
                    ids_by_label[plan.label] = ids
                    for row in range(plan.count):
                        ctx["id"] = ids[row]
                        out[plan.label].append(plan.render(row, ctx, backend, new_key, ids_by_label))
                if index_plans:
                    entries += self._entries(index_plans, ctx, ids_by_label, role_id)
            if backend.pg:  # the COPY text, built here so the writing thread only sends it
                out = {label: "".join(rows) for label, rows in out.items()}
            return start, out, entries, index.prepare(entries) if index is not None else None

        columns = {
            label: role_plan.columns if label == "roles.role" else _plan_of(plans, label).columns for label in labels
        }
        spent = {"content": 0.0, "index": 0.0, "wait": 0.0, "mode": "one thread"}
        rows_written = 0
        tty = sys.stderr.isatty()
        loop_started = time.perf_counter()
        pending = _threaded(batches()) if backend.pg else batches()
        if backend.pg:
            spent["mode"] = "batches built in a second thread"
        try:
            waited = time.perf_counter()
            for start, out, entries, prepared in pending:
                began = time.perf_counter()
                spent["wait"] += began - waited
                for label in labels:
                    rows_written += out[label].count("\n") if backend.pg else len(out[label])
                    self._write(apps.get_model(label), columns[label], out[label], backend)
                written = time.perf_counter()
                spent["content"] += written - began
                if index is not None:
                    index.write(entries, prepared)
                waited = time.perf_counter()
                spent["index"] += waited - written
                if tty:
                    done = min(start + batch, roles)
                    filled = 30 * done // roles
                    sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done:,}/{roles:,} roles")
                    if done == roles:
                        sys.stderr.write("\n")
                    sys.stderr.flush()
        finally:
            if hasattr(pending, "close"):
                pending.close()
        self._reset_sequences()
        spent["loop"] = time.perf_counter() - loop_started
        return rows_written, spent

    @staticmethod
    def _entries(index_plans, ctx, ids_by_label, role_id) -> list[tuple]:
        """The role's search-index rows, from the values just rendered (plain Python values)."""
        role = None
        content = {}
        for label, plan in index_plans.items():
            if label == "roles.role":
                ctx["id"] = role_id
                role = dict(zip(plan.columns, plan.render(0, ctx, plan.backend, None, None), strict=True))
                continue
            rows = []
            for row, row_id in enumerate(ids_by_label[label]):
                ctx["id"] = row_id
                rows.append(
                    dict(zip(plan.columns, plan.render(row, ctx, plan.backend, None, ids_by_label), strict=True))
                )
            content[plan.model] = rows
        return entry_rows(role, content)

    def _plan(self, label, records, backend, title_pattern, title_index):
        return _ModelPlan(apps.get_model(label), records, backend, title_pattern, title_index)

    def _next_id(self, model) -> int:
        last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
        return (last or 0) + 1

    def _write(self, model, columns: list[str], rows: list | str, backend: Backend) -> None:
        """Rows of one model: COPY text (PostgreSQL) or value tuples (SQLite)."""
        if not rows:
            return
        table = connection.ops.quote_name(model._meta.db_table)
        names = ", ".join(connection.ops.quote_name(c) for c in columns)
        with connection.cursor() as cursor:
            if backend.pg:
                # One read of the whole text, so the builder thread does not wait for the GIL per 8 KB.
                cursor.cursor.copy_expert(f"COPY {table} ({names}) FROM STDIN", io.StringIO(rows), size=len(rows) + 1)
            else:
                marks = ", ".join("?" for _ in columns)
                # Names come from model metadata, values are parameters.
                connection.connection.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)  # noqa: S608

    def _reset_sequences(self) -> None:
        models = [apps.get_model(label) for label in ["roles.role", *_CHILD_ORDER]]
        statements = connection.ops.sequence_reset_sql(no_style(), models)
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)

    def _defer_link_checks(self) -> bool:
        """On PostgreSQL as a superuser, skip the per-row foreign-key triggers during the load.

        Checking two million links one row at a time at commit costs more than the load itself;
        _verify_links() then checks every new link with one set-based query per foreign key,
        which is the same guarantee (pg_restore --disable-triggers does the same)."""
        if connection.vendor != "postgresql":
            return False
        with connection.cursor() as cursor:
            # Long section bodies are TOASTed: lz4 (when the server has it) compresses several times
            # faster than the default pglz, and they read back the same; for this transaction only.
            cursor.execute(
                "SELECT set_config('default_toast_compression', 'lz4', true) FROM pg_settings "
                "WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)"
            )
            cursor.execute("SELECT current_setting('is_superuser') = 'on'")
            if not cursor.fetchone()[0]:
                return False
            cursor.execute("SET LOCAL session_replication_role = replica")
        return True

    def _verify_links(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = origin")
            for model in [*(apps.get_model(label) for label in ["roles.role", *_CHILD_ORDER]), SearchEntry]:
                label = model._meta.label_lower
                for field in model._meta.concrete_fields:
                    if not field.is_relation:
                        continue
                    child = connection.ops.quote_name(model._meta.db_table)
                    parent = connection.ops.quote_name(field.related_model._meta.db_table)
                    column = connection.ops.quote_name(field.column)
                    cursor.execute(
                        f"SELECT c.id FROM {child} c WHERE c.{column} IS NOT NULL "  # noqa: S608 - names from metadata
                        f"AND NOT EXISTS (SELECT 1 FROM {parent} p WHERE p.id = c.{column}) LIMIT 1"
                    )
                    broken = cursor.fetchone()
                    if broken:
                        raise CommandError(f"{label} #{broken[0]}: {field.name} points at a missing row")


# Child models in an order where every link points at rows written before (or in the same batch).
_CHILD_ORDER = [label for label in CONTENT_MODELS if label != "roles.careermove"]  # generated roles have no moves
_MONEY_COLUMNS = {"min", "max", "median", "average", "usd_min", "usd_max", "median_salary"}


def _plan_of(plans, label):
    return next(p for p in plans if p.label == label)


def _index_fields() -> dict[str, tuple[str, ...]]:
    """Per model label, the fields the search entries read (for the plain-value plans)."""
    return {model._meta.label_lower: fields for model, fields in bulk_index_columns().items()}


_DONE = object()


@contextlib.contextmanager
def _sqlite_page_cache(kib: int = 256 * 1024):
    """On SQLite, a page cache big enough for the tables' and the FTS5 index's hot pages during the
    load (the default 2 MB re-reads them from the file again and again); restored afterwards."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        previous = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = -{int(kib)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous)}")


def _threaded(items, depth: int = 2):
    """Iterate ``items`` in a second thread, at most ``depth`` ahead of the consumer.

    The thread gets its own database connection (Django's are per thread) for anything it reads or
    computes; it writes nothing, so the consumer's transaction holds every write. Closing the returned
    generator stops the thread."""
    handoff: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def run():
        try:
            for item in items:
                while not stop.is_set():
                    try:
                        handoff.put(item, timeout=0.5)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            handoff.put(_DONE)
        except BaseException as error:  # handed to the consumer, which raises it
            handoff.put(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, name="generate_catalog-builder", daemon=True)
    thread.start()
    try:
        while True:
            item = handoff.get()
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        thread.join(timeout=30)


class _ModelPlan:
    """One model's template rows as cells: fixed values prepared once, the rest filled per role."""

    def __init__(self, model, records, backend: Backend, title_pattern, title_index, fields=None):
        self.model = model
        self.label = model._meta.label_lower
        self.backend = backend
        self.count = len(records)
        # ``fields``: only these (the search entries' plain-value plans); all concrete fields otherwise.
        concrete = [f for f in model._meta.concrete_fields if fields is None or f.name in fields]
        self.columns = [f.column for f in concrete]
        self.rows = []
        self.fk_records = records  # natural keys of links, resolved per role
        level_index = {}
        related_index = {}
        for record in records:
            instance = model(**{k: v for k, v in record.items() if not _is_fk(model, k)})
            cells = []
            for field in concrete:
                name = field.name
                if name == "id":
                    cells.append(("id",))
                elif name == "key":
                    cells.append(("key",))
                elif name == "role":
                    cells.append(("role_id",))
                elif name == "source":
                    cells.append(("source_id",))
                elif name == "category" and field.is_relation:  # Tool.category is text
                    cells.append(("category_id",))
                elif name == "updated_at":
                    cells.append(("now",))
                elif name in ("linked_role", "target", "career_level", "related_role"):
                    cells.append((name, record.get(name)))
                elif name == "title" and self.label == "roles.role":
                    cells.append(("title",))
                elif name == "title" and self.label == "roles.relatedrole":
                    cells.append(("related_title",))
                elif name == "slug":
                    cells.append(("slug",))
                elif name in _MONEY_COLUMNS and getattr(instance, field.attname) is not None:
                    cells.append(("money", int(getattr(instance, field.attname))))
                else:
                    value = field.get_db_prep_save(getattr(instance, field.attname), connection)
                    if isinstance(value, str) and title_pattern.search(value):
                        text = backend.escape(value) if backend.pg else value
                        parts = []
                        pos = 0
                        for m in title_pattern.finditer(text):
                            parts.append(text[pos : m.start()])
                            parts.append(title_index[m.group(0)])
                            pos = m.end()
                        parts.append(text[pos:])
                        cells.append(("text", parts))
                    else:
                        cells.append(("static", backend.static(value)))
            self.rows.append(cells)
            if self.label == "roles.careerlevel":
                level_index[record["key"]] = len(level_index)
            if self.label == "roles.relatedrole":
                related_index[record["key"]] = len(related_index)
        self.level_index = level_index
        self.related_index = related_index

    def render(self, index: int, ctx: dict, backend: Backend, new_key, ids_by_label):
        out = []
        titles = ctx["titles"]
        for cell in self.rows[index]:
            kind = cell[0]
            if kind == "static":
                out.append(cell[1])
            elif kind == "text":
                out.append("".join(p if isinstance(p, str) else titles[p] for p in cell[1]))
            elif kind == "id":
                out.append(backend.number(ctx["id"]))
            elif kind == "key":
                out.append(new_key())
            elif kind in ("role_id", "source_id", "category_id"):
                out.append(backend.number(ctx[kind]))
            elif kind == "now":
                out.append(ctx["now"].isoformat() if backend.pg else ctx["now"].strftime("%Y-%m-%d %H:%M:%S.%f"))
            elif kind == "title":
                out.append(backend.static(ctx["title"]))
            elif kind == "related_title":
                other = ctx["related"][index][1]
                title = ctx["title"] if other is None else ctx["families"][other][1][titles.index(ctx["title"])]
                out.append(backend.static(title))
            elif kind == "slug":
                out.append(backend.static(slugify(ctx["title"])))
            elif kind == "money":
                out.append(backend.number(int(cell[1] * ctx["scale"])))
            elif kind == "linked_role":
                # The template's n-th level is the n-th rung of this role's family.
                out.append(backend.number(ctx["ladder_ids"][index]))
            elif kind == "target":
                out.append(backend.number(ctx["related"][index][0]))
            elif kind == "career_level":
                natural = cell[1]
                out.append(backend.number(_linked_id(natural, ids_by_label, "roles.careerlevel", ctx["level_index"])))
            elif kind == "related_role":
                natural = cell[1]
                out.append(backend.number(_linked_id(natural, ids_by_label, "roles.relatedrole", ctx["related_index"])))
        if backend.pg:
            return "\t".join(out) + "\n"
        return tuple(out)


def _linked_id(natural, ids_by_label, label, index):
    if not natural:
        return None
    return ids_by_label[label][index[natural[0]]]


def _is_fk(model, name: str) -> bool:
    try:
        return model._meta.get_field(name).is_relation
    except Exception:
        return False
