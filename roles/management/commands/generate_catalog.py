"""``generate_catalog --roles N [--seed 1]``: N synthetic roles shaped like the Technical Support
Specialist guide (replacing earlier ones). The engine is ``roles.catalog``; this prints its timings,
which bench/run.py reads, and a progress bar on a terminal."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError

from roles.catalog import CatalogError, generate_catalog


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
        def planned(seconds):
            self.stdout.write(f"Built the plan for {roles:,} roles in {seconds:.1f}s")

        def progress(done):
            filled = 30 * done // roles
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done:,}/{roles:,} roles")
            if done == roles:
                sys.stderr.write("\n")
            sys.stderr.flush()

        try:
            report = generate_catalog(
                roles=roles,
                seed=seed,
                batch=batch,
                search_index=not no_search_index,
                on_plan=planned,
                on_batch=progress if sys.stderr.isatty() else None,
            )
        except CatalogError as error:
            raise CommandError(str(error)) from error
        t = report.phases
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {roles:,} roles ({report.rows:,} rows) on {report.vendor} in {t['total']:.1f}s: "
                f"build {t['build']:.1f}s, delete old {t['delete']:.1f}s, load {t['load']:.1f}s, "
                f"search index {t['index']:.1f}s{'' if report.indexed else ' (skipped)'}, "
                f"commit {t['commit']:.1f}s, statistics {t['statistics']:.1f}s"
            )
        )
        self.stdout.write(
            f"  load + index loop {t['loop']:.1f}s ({report.mode}): writing content {t['content']:.1f}s, "
            f"writing index entries {t['index_entries']:.1f}s, waiting for the next batch {t['wait']:.1f}s; "
            f"link checks {t['link_checks']:.1f}s, vocabulary {t['vocabulary']:.1f}s"
        )
