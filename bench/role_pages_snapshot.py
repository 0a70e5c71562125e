"""Every published role's pages rendered without the page cache, hashed, to prove a change to how the
role page loads its data leaves every byte as it was.

    python bench/role_pages_snapshot.py save before.json     # on the commit before the change
    python bench/role_pages_snapshot.py compare before.json  # after it: lists every page that differs

DATABASE_URL names the database (the one bench/role_page_cold.py built is a good one: the shipped
catalog plus generated roles). Pages: the role page, its JSON, its job description, and compare with
the role's first related role. Each page's status and SHA-256 must match;
the number of SQL queries each costs is summed up beside.
"""
# ruff: noqa: T201 - a benchmark script reports on stdout.

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def render_all() -> dict[str, str]:
    sys.path.insert(0, str(ROOT))
    os.environ["CAREERGUIDE_PAGE_CACHE"] = "0"
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerguide.settings")
    import django

    django.setup()
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from roles.models import RelatedRole, Role

    client = Client()
    partner = dict(
        RelatedRole.objects.filter(target__isnull=False).order_by("order", "id").values_list("role_id", "target__slug")
    )
    hashes = {}
    for pk, slug in Role.objects.published().order_by("slug").values_list("pk", "slug"):
        urls = [
            reverse("roles:detail", kwargs={"slug": slug}),
            reverse("roles:job_description", kwargs={"slug": slug}),
            reverse("roles:api_role", kwargs={"slug": slug}),
        ]
        if pk in partner:
            urls.append(f"{reverse('roles:compare')}?roles={slug},{partner[pk]}")
        for url in urls:
            reset_queries()  # the query log keeps 9,000 entries: counted from a full log, every page costs "0"
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            digest = hashlib.sha256(response.content).hexdigest()
            hashes[url] = f"{response.status_code} {digest} {len(queries)} queries"
    return hashes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=["save", "compare"])
    parser.add_argument("file", type=Path)
    args = parser.parse_args()
    hashes = render_all()
    if args.action == "save":
        args.file.write_text(json.dumps(hashes, indent=0, sort_keys=True))
        print(f"{len(hashes)} pages saved to {args.file}")
        return
    before = json.loads(args.file.read_text())

    def page(url, snapshot):
        status, digest, queries, _ = (snapshot.get(url) or "- - - -").split(" ")
        return (status, digest), queries

    differ = sorted(url for url in before.keys() | hashes.keys() if page(url, before)[0] != page(url, hashes)[0])
    for url in differ:
        print(f"differs: {url} {before.get(url)} -> {hashes.get(url)}")
    # A change may add or save a query on purpose: counted, shown, not a failure.
    queries = Counter(f"{page(url, before)[1]} -> {page(url, hashes)[1]}" for url in hashes)
    print(f"queries before -> after: {dict(queries)}")
    print(f"{len(hashes)} pages rendered, {len(differ)} differ from {args.file}")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
