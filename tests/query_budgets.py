"""Query budgets shared by the tests of pages that several apps contribute to. Each is constant: it does
not grow with the content's size (tests/roles/models/test_query_counts.py measures that)."""

# One query per relation the role page shows (Role.objects.for_page(), facts from other documents
# included), the role, the source documents of its rows, the self-check's next level and the session's,
# one for the official wages in #salary; the same for every role.
ROLE_PAGE_QUERIES = 21

# /api/roles/<slug>/: the role page's data without the page's own extras, plus its figures and official wages.
API_ROLE_QUERIES = 20
