"""Shared fixtures. Tests run on whatever DATABASE_URL names (SQLite by default, PostgreSQL in CI).

The shipped catalog is loaded once per test process, not once per test (loaddata takes seconds
and over a hundred tests use it): ``catalog`` tests run inside an outer transaction that holds
it, each in its own savepoint that pytest-django rolls back after the test, so every test still
starts from the catalog as shipped, as Django's ``setUpTestData`` does for a TestCase class.
Tests that use the database without the catalog must see an empty one, and transactional tests
(the live server's thread has its own connection) must not meet an open transaction, so the outer
one is rolled back before such a test and opened again for the next ``catalog`` test. Collection
keeps pytest-django's order (database tests, transactional ones, the rest) and puts the ``catalog``
tests after the other database tests and before the transactional ones, whose flush also empties
what the migrations wrote (the Editors group), so each process normally loads the catalog once.

``catalog_150`` and ``catalog_500`` add a generated catalog (150 roles unindexed, 500 indexed) on
top, in a savepoint over the shipped catalog's transaction, built once per process the same way:
their tests run after the plain ``catalog`` ones, and the layer is rolled back when a test needs less.
"""

from __future__ import annotations

import io
import os
import secrets

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from careerguide.pagecache import content_version_bump

# Hashing is not what any test here is about; the default hasher costs a good part of a second per user.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def fast_password_hasher():
    from django.test.utils import override_settings

    with override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS):
        yield


# Shared data, in layers: the shipped catalog, and on top of it a generated catalog of 150 or 500 roles.
LAYERS = {
    "catalog": lambda: call_command("load_catalog", verbosity=0),
    "generated_150": lambda: call_command(
        "generate_catalog", roles=150, seed=1, no_search_index=True, verbosity=0, stdout=io.StringIO()
    ),
    "generated_500": lambda: call_command("generate_catalog", roles=500, seed=1, verbosity=0, stdout=io.StringIO()),
}
# The session fixture a test uses -> the layers it needs, bottom first (deepest stacks first).
STACKS = {
    "shared_catalog_500": ("catalog", "generated_500"),
    "shared_catalog_150": ("catalog", "generated_150"),
    "shared_catalog": ("catalog",),
}


@pytest.fixture(scope="session", autouse=True)
def private_cache_namespace():
    """With REDIS_URL set, every test process shares one Redis: each gets its own key prefix, so a page one
    process rendered from its own test database is never served to another (nor to a later run)."""
    from django.conf import settings
    from django.test.utils import override_settings

    prefix = f"test-{os.getpid()}-{secrets.token_hex(4)}"
    caches = {alias: {**config, "KEY_PREFIX": prefix} for alias, config in settings.CACHES.items()}
    with override_settings(CACHES=caches):
        yield


class SharedCatalog:
    """Layers of shared data, each loaded in a transaction (the first) or a savepoint (the next ones)
    that stays open across the tests using it."""

    def __init__(self, blocker):
        self.blocker = blocker
        self.layers: list[tuple[str, transaction.Atomic]] = []

    @property
    def is_open(self) -> bool:
        return bool(self.layers)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.layers)

    def ensure(self, stack: tuple[str, ...]) -> None:
        """Open or roll back layers until exactly ``stack`` is loaded."""
        while self.names != stack[: len(self.layers)]:
            self._pop()
        with self.blocker.unblock():
            for name in stack[len(self.layers) :]:
                atomic = transaction.atomic()
                atomic.__enter__()
                self.layers.append((name, atomic))
                LAYERS[name]()

    def open(self) -> None:
        self.ensure(STACKS["shared_catalog"])

    def close(self) -> None:
        while self.layers:
            self._pop()

    def _pop(self) -> None:
        _name, atomic = self.layers[-1]
        with self.blocker.unblock():
            if connection.atomic_blocks[-1:] != [atomic]:
                raise RuntimeError("the shared catalog's transaction is not the innermost one; cannot roll it back")
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
        self.layers.pop()


_shared: dict[str, SharedCatalog] = {}


@pytest.fixture(scope="session")
def shared_catalog(django_db_setup, django_db_blocker):
    """The catalog, loaded for this process: opened here the first time, and again by
    pytest_runtest_setup after a test that needed it closed."""
    shared = _shared["catalog"] = SharedCatalog(django_db_blocker)
    shared.open()
    yield shared
    shared.close()
    del _shared["catalog"]


@pytest.fixture(scope="session")
def shared_catalog_150(shared_catalog):
    """The shipped catalog plus 150 generated roles (no search index), built once per process."""
    shared_catalog.ensure(STACKS["shared_catalog_150"])
    return shared_catalog


@pytest.fixture(scope="session")
def shared_catalog_500(shared_catalog):
    """The shipped catalog plus 500 generated roles (indexed for search), built once per process."""
    shared_catalog.ensure(STACKS["shared_catalog_500"])
    return shared_catalog


def _bump_content_version(shared):
    if not shared.is_open:
        raise RuntimeError("catalog: the shared catalog is closed (a transactional test cannot use it)")
    # loaddata bumped the page cache's content version; so does each test, as its own load would,
    # so no page cached by an earlier test (under an earlier settings.CACHES, say) is served to it.
    content_version_bump()


@pytest.fixture
def catalog(shared_catalog, db):
    """The shipped fixture, loaded: three roles from the three source documents."""
    _bump_content_version(shared_catalog)


@pytest.fixture
def catalog_150(shared_catalog_150, db):
    """The shipped fixture and 150 generated roles (``generate_catalog --roles 150 --seed 1``, unindexed)."""
    _bump_content_version(shared_catalog_150)


@pytest.fixture
def catalog_500(shared_catalog_500, db):
    """The shipped fixture and 500 generated roles (``generate_catalog --roles 500 --seed 1``, indexed)."""
    _bump_content_version(shared_catalog_500)


def _stack_fixture(item) -> str:
    names = set(getattr(item, "fixturenames", ()))
    return next(fixture for fixture in STACKS if fixture in names)


def _stack_of(item) -> tuple[str, ...]:
    return STACKS[_stack_fixture(item)]


def _uses_shared_catalog(item) -> bool:
    return "shared_catalog" in getattr(item, "fixturenames", ())


def _uses_database_alone(item) -> bool:
    """Uses the database, and expects it without the shared catalog (empty, or committed to)."""
    if _uses_shared_catalog(item):
        return False
    names = set(getattr(item, "fixturenames", ()))
    return bool(item.get_closest_marker("django_db")) or bool(names & {"django_db_setup", "django_db_blocker"})


def _is_transactional(item) -> bool:
    names = set(getattr(item, "fixturenames", ()))
    marker = item.get_closest_marker("django_db")
    marked = bool(marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
    return marked or bool(names & {"transactional_db", "live_server", "django_db_reset_sequences"})


def _run_order(item) -> tuple[int, int]:
    if _is_transactional(item):
        return (2, 0)
    if _uses_shared_catalog(item):
        # Tests on the same layers run together, so each process builds each generated catalog once.
        return (1, -list(STACKS).index(_stack_fixture(item)))
    return (0, 0) if _uses_database_alone(item) else (3, 0)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    # After pytest-django's own sort (stable, so its order within each group is kept).
    items.sort(key=_run_order)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    shared = _shared.get("catalog")
    if shared is not None and _uses_shared_catalog(item):
        shared.ensure(_stack_of(item))  # before any of the test's fixtures, so their transactions nest inside it
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield  # the test's fixtures are torn down (its savepoint rolled back) by now
    shared = _shared.get("catalog")
    if shared is not None and shared.is_open and nextitem is not None and _uses_database_alone(nextitem):
        shared.close()
