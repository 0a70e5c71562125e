"""``rebuild_search_index``: rewrite every role's search entries from its content, in bulk.

For a database whose index was written by an earlier version of what an entry says (its text, its
anchor): ``load_catalog`` re-indexes only the roles it loads, ``generate_catalog`` only the ones it
makes. Safe to run at any time; search answers from the old entries until the rebuild commits.
"""

from django.core.management.base import BaseCommand

from careerguide.pagecache import content_version_bump
from roles.search import search_index_rebuild_bulk, search_index_settle, search_title_words_rebuild


class Command(BaseCommand):
    help = "Rebuild the search index of every role (after an upgrade that changes what an entry holds)."

    def handle(self, *args, **options):
        written = search_index_rebuild_bulk()
        search_title_words_rebuild()
        search_index_settle()
        # Cached search pages answered from the old entries; the writes above send no signals.
        content_version_bump()
        self.stdout.write(f"Rebuilt the search index: {written:,} entries.")
