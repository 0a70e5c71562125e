"""The role page rendered without the page cache, in-process: the first request of a fresh process
and the median of the next ones, with the SQL queries each costs.

    python bench/role_page_cold.py [--roles 500] [--processes 5] [--requests 30]

DATABASE_URL names the database (default: a SQLite file in /tmp). It is migrated and loaded with the
shipped catalog plus ``--roles`` generated roles once (reused when it already holds them); each of
``--processes`` fresh Python processes then renders /roles/technical-support-specialist/ with the
test client, CAREERGUIDE_PAGE_CACHE=0. The CPU figure is the Python process's own (with SQLite, the
database's work too); wall times on a busy machine vary far more.
"""
# ruff: noqa: S603 - a benchmark script runs fixed local commands (manage.py, itself).

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
URL = "/roles/technical-support-specialist/"


def prepare(roles: int) -> None:
    def manage(*args):
        subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)

    manage("migrate", "--noinput")
    probe = (
        "from roles.models import Role; print(Role.objects.filter(source__file_name='generated-catalog.txt').count())"
    )
    found = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", probe], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()
    if found != str(roles):
        manage("load_catalog")
        manage("generate_catalog", "--roles", str(roles), "--seed", "1")
    manage("import_wages")  # the shipped official wages, as `make run` loads them (#salary shows them)


def measure(requests: int) -> dict:
    """In a fresh process: the first render, then ``requests`` more (seconds, and queries each)."""
    sys.path.insert(0, str(ROOT))
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerguide.settings")
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    started = time.perf_counter()
    response = client.get(URL)
    first = time.perf_counter() - started
    assert response.status_code == 200, response.status_code
    times, cpu = [], []
    for _ in range(requests):
        with CaptureQueriesContext(connection) as queries:
            started, cpu_started = time.perf_counter(), time.process_time()
            client.get(URL)
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
    return {
        "first_s": first,
        "next_median_s": statistics.median(times),
        "next_cpu_s": statistics.median(cpu),
        "queries": len(queries),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--roles", type=int, default=500)
    parser.add_argument("--processes", type=int, default=5)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.requests)))
        return
    os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/careerguide_role_page_cold.sqlite3")
    os.environ["CAREERGUIDE_PAGE_CACHE"] = "0"
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(ROOT))
    prepare(args.roles)
    runs = []
    for _ in range(args.processes):
        out = subprocess.run(
            [sys.executable, __file__, "--child", "--requests", str(args.requests)],
            cwd=ROOT,
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        ).stdout
        runs.append(json.loads(out.strip().splitlines()[-1]))
    vendor = "postgresql" if os.environ["DATABASE_URL"].startswith("postgres") else "sqlite"
    print(
        f"{vendor}, {args.roles} generated roles, {args.processes} processes: "
        f"first render median {statistics.median(r['first_s'] for r in runs) * 1000:.0f} ms, "
        f"next renders median {statistics.median(r['next_median_s'] for r in runs) * 1000:.1f} ms "
        f"({statistics.median(r['next_cpu_s'] for r in runs) * 1000:.1f} ms of this process's CPU), "
        f"{runs[0]['queries']} queries"
    )


if __name__ == "__main__":
    main()
