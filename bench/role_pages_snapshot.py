"""Every published role's pages rendered without the page cache, hashed, to prove a change to how the
role page loads its data leaves every byte as it was.

    python bench/role_pages_snapshot.py save before.json     # on the commit before the change
    python bench/role_pages_snapshot.py compare before.json  # after it: lists every page that differs

DATABASE_URL names the database (the one bench/role_page_cold.py built is a good one: the shipped
catalog plus generated roles). Pages: the role page, its JSON, its job description, and compare with
the role's first related role. Each page's status, SHA-256 and number of SQL queries are compared.
"""
# ruff: noqa: T201 - a benchmark script reports on stdout.

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
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
    differ = sorted(url for url in before.keys() | hashes.keys() if before.get(url) != hashes.get(url))
    for url in differ:
        print(f"differs: {url} {before.get(url)} -> {hashes.get(url)}")
    print(f"{len(hashes)} pages rendered, {len(differ)} differ from {args.file}")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
