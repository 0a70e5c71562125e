"""Query budgets shared by the tests of pages that several apps contribute to."""

# One query per relation the role page shows (Role.objects.with_page_data()), the role, the source
# documents of its rows, the self-check's next level and the session's, one for the official wages in
# #salary; the same for every role.
ROLE_PAGE_QUERIES = 20
