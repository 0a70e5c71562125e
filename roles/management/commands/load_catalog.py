"""``load_catalog [FIXTURE ...]``: load the built catalog (default ``careerguide``) with Django's ``loaddata``,
re-indexing search once per loaded role at the end instead of after every row, and remembering
natural-key lookups for the length of the load.

Plain ``loaddata`` gives the same database, row by row: the search receivers re-index after every
saved row. Inside ``search_index_deferred`` they only note the role, and each noted role is
rebuilt once when the load is done.

The fixture carries no dates (no source dates its roles), so the load dates them: a document is
imported when a version of it (its SHA-256) is loaded for the first time, and a role changes when
one of its documents does. Loading the same fixture again leaves every date as it was.

On a database editors have worked in, a role with versions is merged rather than overwritten
(roles.publishing.catalog_load): editors' changes are kept, and the command reports them and the
conflicts (both changed) it left for an editor. The cross-document facts of the fixture's documents are
those the fixture holds: others are deleted, and the facts editors hid stay hidden (roles.publishing.facts_sync).
"""

import json
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from roles.models import Role
from roles.models.natural_keys import remembered_natural_keys
from roles.publishing.catalog_load import CatalogLoadReport, role_load_merged, split_edited_roles
from roles.publishing.dates import catalog_dates, restore_catalog_dates
from roles.publishing.facts_sync import facts_after, facts_before
from roles.search import search_index_deferred


def fixture_path(name: str) -> Path | None:
    """A JSON fixture named as loaddata names it (a path, or a name in FIXTURE_DIRS); None otherwise."""
    candidates = (
        [Path(name)]
        + [Path(d) / f"{name}.json" for d in settings.FIXTURE_DIRS]
        + [Path(d) / name for d in settings.FIXTURE_DIRS]
    )
    return next((p for p in candidates if p.suffix == ".json" and p.is_file()), None)


class Command(BaseCommand):
    help = "Load the catalog fixture (default: careerguide) and index it for search."

    def add_arguments(self, parser):
        parser.add_argument("fixtures", nargs="*", default=["careerguide"], help="Fixture names or paths.")

    def handle(self, *args, fixtures, **options):
        with transaction.atomic():
            before = catalog_dates()
            self.changed_facts: set[int] = set()
            with search_index_deferred(), remembered_natural_keys():
                for name in fixtures:
                    self.load(name, options["verbosity"])
            restore_catalog_dates(before)
            # A role whose facts from another document changed (one gone, new or different) changed with it. A
            # role new to the database is as dated as its row (the load's time, or the date a dump gives).
            changed = Role.objects.filter(pk__in=sorted(self.changed_facts)).values_list("pk", "key")
            old = [pk for pk, key in changed if str(key) in before.roles]
            Role.objects.filter(pk__in=old).update(updated_at=timezone.now())

    def load(self, name: str, verbosity: int) -> None:
        path = fixture_path(name)
        records = None
        if path is not None:
            try:
                records = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                records = None
        well_formed = isinstance(records, list) and all(
            isinstance(r, dict) and isinstance(r.get("model"), str) and isinstance(r.get("fields"), dict)
            for r in records
        )
        # Anything else is loaddata's to load, or to refuse with its own message.
        plain, edited = split_edited_roles(records) if well_formed else (None, {})
        # The cross-document facts of the fixture's documents are the fixture's: any other goes after the load.
        documents = [r["fields"].get("file_name") for r in records or () if r["model"] == "roles.sourcedocument"]
        facts = [r["fields"].get("key") for r in records or () if r["model"] == "roles.documentfact"]
        before = facts_before(documents) if well_formed else None
        self.load_records(name, plain, edited, verbosity)
        if before is not None:
            self.changed_facts |= facts_after(file_names=documents, keys=facts, before=before)

    def load_records(self, name: str, plain: list[dict] | None, edited: dict[str, list[dict]], verbosity: int) -> None:
        if not edited:
            call_command("loaddata", name, verbosity=verbosity)
            return
        with tempfile.TemporaryDirectory() as folder:
            rest = Path(folder) / "catalog_rest.json"
            rest.write_text(json.dumps(plain), encoding="utf-8")
            call_command("loaddata", str(rest), verbosity=verbosity)
        report = CatalogLoadReport()
        for role_records in edited.values():
            role_load_merged(records=role_records, report=report)
        self.stdout.write(
            f"Merged {len(report.merged_roles)} role(s) editors have changed ({', '.join(report.merged_roles)}): "
            f"kept {len(report.kept)} editor change(s), {len(report.conflicts)} conflict(s) left for an editor "
            "(the editor's value stays)."
        )
        for where in report.conflicts:
            self.stdout.write(f"  conflict: {where}")
        if verbosity > 1:
            for where in report.kept:
                self.stdout.write(f"  kept: {where}")
