"""Generate a synthetic catalog of N roles, each the size and shape of the Technical Support Specialist guide.

    python manage.py generate_catalog --roles 10000 [--seed 1]    (roles/management/commands/generate_catalog.py)

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

Modules: ``vocabulary`` (categories, areas, functions, ladders; no Django), ``cells`` (a value as a
cell of COPY text or of an executemany row), ``plans`` (a model's template rows as cells), ``producer``
(the builder thread), ``writers`` (one writer per database: COPY or executemany, link checks, deletes)
and ``engine`` (``generate_catalog()``: the plan, the batches, the timings).
"""

from roles.catalog.engine import GENERATED_SOURCE, GenerationReport, delete_generated_catalog, generate_catalog
from roles.catalog.vocabulary import CatalogError

__all__ = ["GENERATED_SOURCE", "CatalogError", "GenerationReport", "delete_generated_catalog", "generate_catalog"]
