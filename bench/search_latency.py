"""Search latency in-process: ``roles.search.search()`` over a committed query mix, p50/p95/max.

    DATABASE_URL=... python bench/search_latency.py [--repeat 5] [--queries bench/search_queries.txt]
                                                    [--json out.json] [--slowest 8]

Each line of the query file is a URL query string (q, category, experience, salary_min, salary_max,
page), parsed by the search page's own form, so the timings are those of ``/search/`` minus the
template. Every query runs once to warm the caches, then ``--repeat`` times; the percentiles are over
all timed runs, and the slowest queries (by their median) are listed. SQL queries per search are
counted on the warm-up run. Exit status 0 always: this measures, it does not judge.

Wall-clock latency on a shared machine mostly measures the other jobs, so the mean CPU time per
search is printed too: this process's, plus (PostgreSQL on this host) the server backend's, read
from /proc in clock ticks over all timed runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerguide.settings")


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile: the smallest value with at least ``fraction`` of values at or below it."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * fraction // 1))
    return ordered[int(rank) - 1]


def backend_cpu(connection) -> float:
    """CPU seconds used so far by the PostgreSQL backend serving ``connection`` (0 elsewhere)."""
    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:  # the server runs elsewhere: count this process only
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def read_queries(path: Path) -> list[str]:
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--queries", type=Path, default=ROOT / "bench" / "search_queries.txt")
    parser.add_argument("--json", type=Path, help="also write the results here as JSON")
    parser.add_argument("--slowest", type=int, default=8)
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.db import connection
    from django.http import QueryDict
    from django.test.utils import CaptureQueriesContext

    from roles.models import Role
    from roles.search import search
    from roles.search.forms import SearchForm

    def run(line: str):
        params = QueryDict(line)
        form = SearchForm(params)
        form.is_valid()
        try:
            page = max(1, int(params.get("page", "1")))
        except ValueError:
            page = 1
        return search(params.get("q", ""), filters=form.filters(), page=page)

    queries = read_queries(args.queries)
    per_query: dict[str, list[float]] = {}
    queries_sql: dict[str, int] = {}
    totals: dict[str, int] = {}
    for line in queries:
        with CaptureQueriesContext(connection) as captured:
            totals[line] = run(line).total
        queries_sql[line] = len(captured)
    client_cpu, server_cpu_before = -time.process_time(), backend_cpu(connection)
    for _ in range(args.repeat):
        for line in queries:
            started = time.perf_counter()
            run(line)
            per_query.setdefault(line, []).append((time.perf_counter() - started) * 1000)
    client_cpu += time.process_time()
    timings = [ms for values in per_query.values() for ms in values]
    server_cpu = backend_cpu(connection) - server_cpu_before
    cpu_ms = round((client_cpu + server_cpu) * 1000 / len(timings), 1)
    client_cpu_ms = round(client_cpu * 1000 / len(timings), 1)
    result = {
        "database": connection.vendor,
        "roles": Role.objects.count(),
        "queries": len(queries),
        "runs": len(timings),
        "p50_ms": round(percentile(timings, 0.50), 1),
        "p95_ms": round(percentile(timings, 0.95), 1),
        "max_ms": round(max(timings), 1),
        "max_sql_per_search": max(queries_sql.values()),
        "mean_cpu_ms": cpu_ms,
        "mean_client_cpu_ms": client_cpu_ms,
        "per_query": {
            line: {
                "median_ms": round(statistics.median(values), 1),
                "max_ms": round(max(values), 1),
                "sql": queries_sql[line],
                "total": totals[line],
            }
            for line, values in per_query.items()
        },
    }
    print(
        f"search {result['database']} {result['roles']:,} roles: {result['queries']} queries x {args.repeat}: "
        f"p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, max {result['max_ms']} ms, "
        f"<= {result['max_sql_per_search']} SQL per search; mean CPU {cpu_ms} ms per search "
        f"({client_cpu_ms} in this process)"
    )
    slowest = sorted(result["per_query"].items(), key=lambda item: -item[1]["median_ms"])[: args.slowest]
    for line, stats in slowest:
        print(f"  {stats['median_ms']:8.1f} ms median {stats['max_ms']:8.1f} max  total {stats['total']:6}  {line}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result


if __name__ == "__main__":
    main()
