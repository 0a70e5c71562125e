"""Loading documents of the tests' own making (tests/roles/publishing/facts_docs/) through the real commands."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from bs4 import BeautifulSoup
from django.core.management import call_command

FACTS_DOCS = Path(__file__).parent / "facts_docs"
SHIPPED_SOURCES = Path(__file__).resolve().parents[3] / "fixtures" / "sources"
# A date no load made: set on rows before a step, it shows whether the step kept their dates.
LONG_AGO = dt.datetime(2020, 2, 3, 4, 5, tzinfo=dt.UTC)


def load_documents(tmp_path: Path, *paths: Path) -> Path:
    """build_fixtures over ``paths`` into a file of its own, then load_catalog it; returns the fixture path."""
    output = tmp_path / "facts_catalog.json"
    call_command("build_fixtures", *[str(p) for p in paths], output=str(output), verbosity=0)
    call_command("load_catalog", str(output), verbosity=0)
    return output


def load_facts_docs(tmp_path: Path) -> Path:
    return load_documents(tmp_path, *sorted(FACTS_DOCS.glob("*.txt")))


def soup(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def text_of(node) -> str:
    return re.sub(r"\s+", " ", node.get_text(" ")).strip()
