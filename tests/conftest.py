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
"""

from __future__ import annotations

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


class SharedCatalog:
    """The shipped catalog, loaded in a transaction that stays open across the tests using it."""

    def __init__(self, blocker):
        self.blocker = blocker
        self.atomic = None

    @property
    def is_open(self) -> bool:
        return self.atomic is not None

    def open(self) -> None:
        with self.blocker.unblock():
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
            call_command("load_catalog", verbosity=0)

    def close(self) -> None:
        with self.blocker.unblock():
            if connection.atomic_blocks[-1:] != [self.atomic]:
                raise RuntimeError("the shared catalog's transaction is not the innermost one; cannot roll it back")
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)
            self.atomic = None


_shared: dict[str, SharedCatalog] = {}


@pytest.fixture(scope="session")
def shared_catalog(django_db_setup, django_db_blocker):
    """The catalog, loaded for this process: opened here the first time, and again by
    pytest_runtest_setup after a test that needed it closed."""
    shared = _shared["catalog"] = SharedCatalog(django_db_blocker)
    shared.open()
    yield shared
    if shared.is_open:
        shared.close()
    del _shared["catalog"]


@pytest.fixture
def catalog(shared_catalog, db):
    """The shipped fixture, loaded: three roles from the three source documents."""
    if not shared_catalog.is_open:
        raise RuntimeError("catalog: the shared catalog is closed (a transactional test cannot use it)")
    # loaddata bumped the page cache's content version; so does each test, as its own load would,
    # so no page cached by an earlier test (under an earlier settings.CACHES, say) is served to it.
    content_version_bump()


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


def _run_order(item) -> int:
    if _is_transactional(item):
        return 2
    if _uses_shared_catalog(item):
        return 1
    return 0 if _uses_database_alone(item) else 3


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    # After pytest-django's own sort (stable, so its order within each group is kept).
    items.sort(key=_run_order)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    shared = _shared.get("catalog")
    if shared is not None and _uses_shared_catalog(item) and not shared.is_open:
        shared.open()  # before any of the test's fixtures, so their transactions nest inside it
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield  # the test's fixtures are torn down (its savepoint rolled back) by now
    shared = _shared.get("catalog")
    if shared is not None and shared.is_open and nextitem is not None and _uses_database_alone(nextitem):
        shared.close()
