"""Build fixtures/careerguide.json from the source documents.

    python manage.py build_fixtures [SOURCE ...] [--output PATH]

With no SOURCE, every file in fixtures/sources/ is read. Each document's
format is recognised from its content. All documents are parsed before
anything is written, and the output is replaced atomically, so a bad
document (named with its line in the error) leaves the old fixture intact.
The output is deterministic: the same sources give a byte-identical file.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from roles.importers import DocumentError, parse_file
from roles.publishing.fixture_writer import build_records, dumps


class Command(BaseCommand):
    help = "Parse source documents (both formats) into a Django fixture."

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="*", help="Files or folders (default: fixtures/sources/).")
        parser.add_argument(
            "--output",
            default=str(Path(settings.BASE_DIR) / "fixtures" / "careerguide.json"),
            help="Where to write the fixture (default: fixtures/careerguide.json).",
        )

    def handle(self, *args, sources, output, **options):
        self.verbosity = options["verbosity"]
        paths = self._source_paths(sources or [str(settings.SOURCES_DIR)])
        if not paths:
            where = ", ".join(sources or [str(settings.SOURCES_DIR)])
            raise CommandError(f"No source documents found in: {where}")
        documents = []
        for number, path in enumerate(paths, start=1):
            try:
                documents.append(parse_file(path))
            except DocumentError as exc:
                exc.file_name = str(path)
                raise CommandError(str(exc)) from None
            self._progress(number, len(paths), path.name)
        records, summary = build_records(documents)
        self._write_atomically(Path(output), dumps(records))
        counts = ", ".join(f"{model.split('.')[1]}: {n}" for model, n in sorted(summary.counts.items()))
        totals = f"{summary.documents} documents, {summary.roles} roles, {len(records)} records"
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}: {totals} ({counts})"))

    def _source_paths(self, sources: list[str]) -> list[Path]:
        paths: list[Path] = []
        for source in sources:
            path = Path(source)
            if path.is_dir():
                paths.extend(sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")))
            elif path.is_file():
                paths.append(path)
            else:
                raise CommandError(f"{source}: no such file or folder")
        return paths

    def _progress(self, number: int, total: int, name: str) -> None:
        # A bar only where someone is watching, so logs and CI stay readable.
        if total > 1 and sys.stderr.isatty():
            width = 30
            filled = width * number // total
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {number}/{total} {name[:40]:<40}")
            if number == total:
                sys.stderr.write("\n")
            sys.stderr.flush()
        elif self.verbosity >= 2:
            self.stdout.write(f"[{number}/{total}] {name}")

    def _write_atomically(self, output: Path, text: str) -> None:
        output.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=output.parent, prefix=".careerguide-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(tmp, output)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
