"""Property tests: no address and no parameter value, however hostile, gets a 500.

Query strings are built by hand, byte by byte, so a value can be anything a client can send:
NUL bytes, lone surrogates, invalid UTF-8 (``%ff%fe``), broken percent-escapes, huge values,
search-engine syntax and markup. The answer must be 2xx, 3xx or 4xx.
"""

from urllib.parse import quote, quote_from_bytes

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.urls import NoReverseMatch, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# Marks the module as using the database, so pytest-django sets up the test database even when
# this module runs alone (the module-scoped fixture below loads the catalog into it once).
pytestmark = pytest.mark.django_db

ROLE = "technical-support-specialist"

SEARCH_SYNTAX = [
    '"unclosed',
    '""',
    "a OR b",
    "a AND NOT b",
    "-",
    "--",
    "*",
    "certif*",
    ":*",
    "a:*",
    "NEAR(a b)",
    "title:support",
    "((((",
    "))",
    "a & b | !c",
    "!",
    "<->",
    "a <-> b",
    "\\",
    "%",
    "_",
    "'; DROP TABLE roles_role; --",
    "' OR '1'='1",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "{{ 7*7 }}",
    "{% debug %}",
    "^$.*+?[]{}|",
    "🦄 émoji ✓",
    "\x00",
    "a\x00b",
    "\u202e",
    "NaN",
    "Infinity",
    "-1",
    "0",
    "1e309",
    "9" * 5000,
    "١٢",
    "0x10",
    " 7 ",
]
RAW_FRAGMENTS = ["%ff%fe", "%", "%%", "%zz", "%0", "%00", "%c0%ae", "%ed%a0%80", "%e2%82", "+", "&", "=", "&&=&", "#"]
NUMBERS = [str(n) for n in (-1, 0, 1, 2, 99, 2**31, 2**63, 10**30, -(10**30))]


def encode_text(text: str) -> str:
    # surrogatepass: lone surrogates become the (invalid) UTF-8 bytes a client could send.
    return quote_from_bytes(text.encode("utf-8", "surrogatepass"), safe="")


hostile_value = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=()), max_size=200).map(encode_text),
    st.binary(max_size=200).map(lambda raw: quote_from_bytes(raw, safe="")),
    st.sampled_from(SEARCH_SYNTAX).map(encode_text),
    st.sampled_from(NUMBERS),
    st.sampled_from(RAW_FRAGMENTS),
    st.lists(st.sampled_from(RAW_FRAGMENTS + ["a", "1"]), max_size=8).map("".join),
    st.sampled_from([1_000, 20_000, 200_000]).map(lambda n: "x" * n),
    st.sampled_from([500, 5_000]).map(lambda n: encode_text("technical support " * (n // 18))),
)
hostile_segment = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=()), min_size=1, max_size=120).map(encode_text),
    st.sampled_from(SEARCH_SYNTAX + [ROLE.upper(), ROLE + "-", "..", ".", "%2e%2e", "%2f"]).map(encode_text),
    st.sampled_from(RAW_FRAGMENTS),
    st.just("x" * 5_000),
)


def url(name: str, **kwargs) -> str:
    return reverse(name, kwargs=kwargs or None)


# Every public address with the query parameters it reads.
QUERY_PARAMETERS = [
    ("roles:search", "q"),
    ("roles:search", "page"),
    ("roles:search", "category"),
    ("roles:search", "experience"),
    ("roles:search", "salary_min"),
    ("roles:search", "salary_max"),
    ("roles:api_search", "q"),
    ("roles:api_search", "page"),
    ("roles:api_search", "category"),
    ("roles:api_search", "salary_max"),
    ("roles:search_suggest", "q"),
    ("roles:list", "sort"),
    ("roles:list", "page"),
    ("roles:api_roles", "page"),
    ("salaries:list", "page"),
    ("salaries:list", "area"),
    ("roles:career_paths", "role"),
    ("roles:home", "q"),
]
# Optional routes from features that may not be built everywhere yet, with their parameters.
OPTIONAL_QUERY_PARAMETERS = [("roles:compare", "roles"), ("roles:skills_check", "skills")]


def _exists(name: str) -> bool:
    try:
        reverse(name)
    except NoReverseMatch:
        return False
    return True


QUERY_PARAMETERS += [(name, parameter) for name, parameter in OPTIONAL_QUERY_PARAMETERS if _exists(name)]

SLUG_ROUTES = [
    "roles:detail",
    "roles:job_description",
    "roles:job_description_md",
    "roles:job_description_txt",
    "roles:job_description_docx",
    "roles:api_role",
    "salaries:role_pay",
]
PLAIN_PAGES = [
    "roles:home",
    "roles:list",
    "salaries:list",
    "roles:career_paths",
    "sitemap",
    "robots_txt",
    "healthz",
]
PLAIN_PAGES += [name for name in ("roles:api_skills",) if _exists(name)]

# A 500 must come back as a status here, not as an exception in the test.
hostile = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(scope="module")
def browser(django_db_setup, django_db_blocker):
    """A client over the shipped catalog, loaded once for the module (per test it would dominate the run).

    Every request here is a GET, so the examples cannot change what later ones see; the
    transaction is rolled back at the end.
    """
    with (
        django_db_blocker.unblock(),
        override_settings(DEBUG_PROPAGATE_EXCEPTIONS=False),
        transaction.atomic(),
    ):
        call_command("load_catalog", verbosity=0)
        yield Client(raise_request_exception=False)
        transaction.set_rollback(True)


def assert_not_server_error(response, address: str) -> None:
    assert response.status_code < 500, f"{response.status_code} for {address[:300]!r}"


@pytest.mark.slow  # a property test: dozens of requests
@pytest.mark.parametrize(("name", "parameter"), QUERY_PARAMETERS, ids=[f"{n}?{p}" for n, p in QUERY_PARAMETERS])
@hostile
@given(value=hostile_value)
def test_any_query_parameter_value_is_answered_without_a_server_error(browser, name, parameter, value):
    address = f"{url(name)}?{parameter}={value}"
    assert_not_server_error(browser.get(address), address)


@pytest.mark.slow  # a property test: dozens of requests
@hostile
@given(
    pairs=st.lists(
        st.tuples(
            st.sampled_from(["q", "page", "category", "experience", "salary_min", "salary_max", "sort", ""]),
            hostile_value,
        ),
        min_size=1,
        max_size=6,
    )
)
def test_any_combination_of_search_parameters_is_answered_without_a_server_error(browser, pairs):
    query = "&".join(f"{key}={value}" for key, value in pairs)
    for name in ("roles:search", "roles:api_search"):
        address = f"{url(name)}?{query}"
        assert_not_server_error(browser.get(address), address)


@pytest.mark.slow  # a property test: dozens of requests
@pytest.mark.parametrize("name", SLUG_ROUTES)
@settings(parent=hostile, max_examples=30)
@given(segment=hostile_segment)
def test_any_slug_segment_is_answered_without_a_server_error(browser, name, segment):
    address = url(name, slug=ROLE).replace(ROLE, segment, 1)
    assert_not_server_error(browser.get(address), address)


@pytest.mark.slow  # a property test: dozens of requests
@pytest.mark.parametrize("name", PLAIN_PAGES)
@settings(parent=hostile, max_examples=15)
@given(raw_query=st.lists(hostile_value, max_size=3).map("&".join), segment=hostile_segment)
def test_any_query_string_or_extra_path_on_other_pages_is_answered_without_a_server_error(
    browser, name, raw_query, segment
):
    for address in (f"{url(name)}?{raw_query}", url(name).rstrip("/") + "/" + segment):
        assert_not_server_error(browser.get(address), address)


def test_the_examples_that_matter_most_are_always_tried(browser):
    """The fixed cases from the issue, so they run on every run whatever hypothesis draws."""
    search = url("roles:search")
    addresses = [
        f"{search}?q=%ff%fe",
        f"{search}?q=%00",
        f"{search}?q=a%00b",
        f"{search}?q=%ed%a0%80",
        f"{search}?q={'x' * 100_000}",
        f"{search}?q={quote(chr(34) + 'unclosed')}",
        f"{search}?q=-",
        f"{search}?page=abc",
        f"{search}?page=99999999999999999999999999999",
        f"{search}?page=-5",
        f"{search}?experience=1e309",
        f"{search}?salary_min=99999999999999999999",
        f"{search}?category=%ff",
        f"{url('roles:api_roles')}?page=99999999999999999999999999999",
        f"{url('roles:api_roles')}?page=%00",
        f"{url('roles:list')}?sort=%00",
        "/roles/%ff%fe/",
        "/roles/%00/",
        "/%ff/",
    ]
    for address in addresses:
        assert_not_server_error(browser.get(address), address)


ODD_METHODS = ["head", "post", "options", "put", "patch", "delete", "trace"]


@pytest.mark.parametrize("method", ODD_METHODS)
def test_every_public_address_answers_any_method_without_a_server_error(browser, method):
    """Read-only pages and API: HEAD answers as GET does, a write is refused (403 without a CSRF token,
    405 for the API), OPTIONS and TRACE are never a 500."""
    addresses = [url(name) for name in PLAIN_PAGES + [name for name, _ in QUERY_PARAMETERS]]
    addresses += [url(name, slug=ROLE) for name in SLUG_ROUTES]
    addresses += [url("salaries:role_pay_area", slug=ROLE, area="texas")]
    # As a browser or a script sends them: with CSRF checked, as production does.
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    for address in dict.fromkeys(addresses):
        response = client.post(address, {"x": "1"}) if method == "post" else getattr(client, method)(address)
        assert_not_server_error(response, f"{method.upper()} {address}")
        if method == "head":
            assert response.status_code == browser.get(address).status_code, address
        if method in ("post", "put", "patch", "delete"):
            assert response.status_code in (403, 405), f"{method.upper()} {address}: {response.status_code}"


@pytest.mark.parametrize(
    "tail",
    ["x" * 3000, "%ff%fe", "%", "%2e%2e/%2e%2e/etc/passwd", "..;/", "%00", ";x", "x//y", "a/b/c/d/e/f/g/h"],
)
def test_a_long_or_garbled_path_below_any_page_is_a_4xx(browser, tail):
    addresses = [url(name) for name in PLAIN_PAGES] + [url(name, slug=ROLE) for name in SLUG_ROUTES]
    for address in addresses:
        garbled = address.rstrip("/") + "/" + tail
        response = browser.get(garbled)
        assert_not_server_error(response, garbled)
        assert response.status_code in (301, 302, 404, 400), f"{response.status_code} for {garbled[:120]}"
