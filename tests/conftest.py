"""Shared fixtures. Tests run on whatever DATABASE_URL names (SQLite by default, PostgreSQL in CI)."""

import pytest
from django.core.management import call_command


@pytest.fixture
def catalog(db):
    """The shipped fixture, loaded: three roles from the three source documents."""
    call_command("loaddata", "careerguide", verbosity=0)
