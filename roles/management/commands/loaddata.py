"""``loaddata``, re-indexing search once per loaded role at the end instead of after every row,
and remembering natural-key lookups for the length of the load.

The signal handlers in roles.search_models still see every raw save; inside
``search_index_deferred`` they only note the role, and each noted role is rebuilt once.
"""

from django.core.management.commands.loaddata import Command as LoadDataCommand

from roles.natural_keys import remembered_natural_keys
from roles.search import search_index_deferred


class Command(LoadDataCommand):
    def handle(self, *fixture_labels, **options):
        with search_index_deferred(), remembered_natural_keys():
            super().handle(*fixture_labels, **options)
