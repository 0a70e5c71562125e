"""``load_catalog [FIXTURE ...]``: load the built catalog (default ``careerguide``) with Django's ``loaddata``,
re-indexing search once per loaded role at the end instead of after every row, and remembering
natural-key lookups for the length of the load.

Plain ``loaddata`` gives the same database, row by row: the search receivers re-index after every
saved row. Inside ``search_index_deferred`` they only note the role, and each noted role is
rebuilt once when the load is done.

The fixture carries no dates (no source dates its roles), so the load dates them: a document is
imported when a version of it (its SHA-256) is loaded for the first time, and a role changes when
one of its documents does. Loading the same fixture again leaves every date as it was.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from roles.models.natural_keys import remembered_natural_keys
from roles.publishing.dates import catalog_dates, restore_catalog_dates
from roles.search import search_index_deferred


class Command(BaseCommand):
    help = "Load the catalog fixture (default: careerguide) and index it for search."

    def add_arguments(self, parser):
        parser.add_argument("fixtures", nargs="*", default=["careerguide"], help="Fixture names or paths.")

    def handle(self, *args, fixtures, **options):
        with transaction.atomic():
            before = catalog_dates()
            with search_index_deferred(), remembered_natural_keys():
                call_command("loaddata", *fixtures, verbosity=options["verbosity"])
            restore_catalog_dates(before)
