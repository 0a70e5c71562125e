"""CPU per cold render of one role page, in-process (page cache off), on the database DATABASE_URL names
as it is (nothing is built): the median of N renders after 5 warm-ups, the queries and bytes of one.

    DATABASE_URL=... python bench/role_page_cpu.py [N] [--slug S]

For comparing two commits on the same data (``git archive`` one of them elsewhere and run this script
from each tree in turn): unlike bench/role_page_cold.py it neither builds nor touches the catalog.
"""
# ruff: noqa: T201 - a benchmark script reports on stdout.

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerguide.settings")
os.environ["CAREERGUIDE_PAGE_CACHE"] = "0"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("renders", nargs="?", type=int, default=60)
    parser.add_argument("--slug", default="technical-support-specialist")
    args = parser.parse_args()
    client, url = Client(), f"/roles/{args.slug}/"
    for _ in range(5):
        assert client.get(url).status_code == 200
    samples = []
    for _ in range(args.renders):
        started = time.process_time()
        response = client.get(url)
        samples.append(time.process_time() - started)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    print(
        f"{os.getcwd()}: median CPU {statistics.median(samples) * 1000:.1f} ms, min {min(samples) * 1000:.1f} ms, "
        f"{len(queries)} queries, {len(response.content)} bytes"
    )


if __name__ == "__main__":
    main()
