"""The content dumped with natural keys loads into an empty database and renders the same pages."""

import io
import json
import re
from pathlib import Path

from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection

from roles.models import FAQ, Role, SourceDocument
from salaries.models import SalaryBand
from tests.roles.publishing.facts_helpers import LONG_AGO


def main_text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    main = BeautifulSoup(response.content, "html.parser").find("main")
    return re.sub(r"\s+", " ", main.get_text(" ")).strip()


def test_dumpdata_with_natural_keys_loads_into_an_empty_database(catalog, client, tmp_path: Path):
    # Dated long ago, so that a load that dated anything itself would show (pages say "imported <day>").
    SourceDocument.objects.update(imported_at=LONG_AGO)
    Role.objects.update(updated_at=LONG_AGO)
    cache.clear()
    urls = [role.get_absolute_url() for role in Role.objects.published()] + ["/roles/"]
    assert len(urls) >= 4
    before = {url: main_text(client, url) for url in urls}
    counts = (Role.objects.count(), FAQ.objects.count(), SalaryBand.objects.count())

    out = io.StringIO()
    call_command("dumpdata", "roles", "salaries", natural_foreign=True, natural_primary=True, indent=1, stdout=out)
    dump = tmp_path / "content.json"
    dump.write_text(out.getvalue(), encoding="utf-8")
    records = json.loads(out.getvalue())
    content = [r for r in records if r["model"] in ("roles.role", "roles.faq", "salaries.salaryband")]
    assert content and all("pk" not in r for r in content)  # natural primary keys only

    # PostgreSQL refuses to TRUNCATE tables with deferred constraint checks still pending in
    # this (test) transaction; running the checks now clears them, as a commit would.
    connection.check_constraints()
    call_command("flush", interactive=False, verbosity=0)
    cache.clear()  # nothing rendered before the flush may answer after it
    assert not Role.objects.exists()
    assert client.get(urls[0]).status_code == 404

    call_command("load_catalog", str(dump), verbosity=0)
    assert (Role.objects.count(), FAQ.objects.count(), SalaryBand.objects.count()) == counts
    after = {url: main_text(client, url) for url in urls}
    for url in urls:
        assert after[url] == before[url], url
    assert set(SourceDocument.objects.values_list("imported_at", flat=True)) == {LONG_AGO}
    assert set(Role.objects.values_list("updated_at", flat=True)) == {LONG_AGO}
