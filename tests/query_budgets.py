"""Query budgets shared by the tests of pages that several apps contribute to. Each is constant: it does
not grow with the content's size (tests/roles/models/test_query_counts.py measures that)."""

# Role.objects.for_page(): the role, one query per relation whose rows link to other rows (related roles,
# salary bands, ladder positions, career moves), one for the ladders (its own and those it sits on), one for
# the sections and the ten short content lists (facts from other documents included), one for the source
# documents of its rows; then the self-check's next level, and two for the official wages in #salary (the
# national figures, the names of the areas with figures); the same for every role.
ROLE_PAGE_QUERIES = 11

# /api/roles/<slug>/: the role page's data without the page's own extras, plus its figures and official wages.
API_ROLE_QUERIES = 9
