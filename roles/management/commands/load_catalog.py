"""``load_catalog [FIXTURE ...]``: load the built catalog (default ``careerguide``) with Django's ``loaddata``,
re-indexing search once per loaded role at the end instead of after every row, and remembering
natural-key lookups for the length of the load.

Plain ``loaddata`` gives the same database, row by row: the search receivers re-index after every
saved row. Inside ``search_index_deferred`` they only note the role, and each noted role is
rebuilt once when the load is done.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from roles.models.natural_keys import remembered_natural_keys
from roles.search import search_index_deferred


class Command(BaseCommand):
    help = "Load the catalog fixture (default: careerguide) and index it for search."

    def add_arguments(self, parser):
        parser.add_argument("fixtures", nargs="*", default=["careerguide"], help="Fixture names or paths.")

    def handle(self, *args, fixtures, **options):
        with search_index_deferred(), remembered_natural_keys():
            call_command("loaddata", *fixtures, verbosity=options["verbosity"])
