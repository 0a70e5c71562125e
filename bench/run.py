"""The benchmark: a 10,000-role catalog served by gunicorn, driven by wrk, on PostgreSQL and SQLite.

    python bench/run.py [--roles 10000] [--duration 5] [--only postgres|sqlite]
    python bench/run.py --load            # 100 connections for 60 s on role, search and JD pages

It builds both catalogs at the same time (PostgreSQL and SQLite, one core each; a database that
already holds a generated catalog of the same size is reused), collects static files, then for each
database in turn saves the role page's HTML as a static file (the physical limit: the same gunicorn
serving the same bytes through whitenoise), starts gunicorn twice — page cache on ("warm") and off
("cold", CAREERGUIDE_PAGE_CACHE=0) — and runs wrk against each URL with 32 connections (the static
file first and again last; ratios are to the faster of its two runs), then one
connection at a time for the latency targets (the cold role page, and the search query mix of
bench/search_queries.txt over HTTP and in-process with bench/search_latency.py). SQL queries per
request are counted in-process with the test client. Results go to bench/results.json.
"""
# ruff: noqa: S603, S607 - a benchmark script runs fixed local commands (manage.py, gunicorn, wrk, psql).

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
# Overridable from the environment, so a CI load test (a small catalog) never replaces the benchmark's
# 10,000-role catalog, nor answers on its ports, when both run on one machine.
PORT_WARM = int(os.environ.get("BENCH_PORT_WARM", "8781"))
PORT_COLD = int(os.environ.get("BENCH_PORT_COLD", "8782"))
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/careerguide_bench")
SQLITE_URL = os.environ.get("BENCH_SQLITE_URL", "sqlite:////tmp/careerguide_bench.sqlite3")
DATABASES = {"postgres": PG_URL, "sqlite": SQLITE_URL}
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
SLUG = "technical-support-specialist"
STATIC_PAGE = "bench/role.html"
LUA = Path(__file__).resolve().parent / "report.lua"
SEARCH_QUERIES = Path(__file__).resolve().parent / "search_queries.txt"
SEARCH_LATENCY = Path(__file__).resolve().parent / "search_latency.py"


def urls() -> dict[str, str]:
    return {
        "static file": f"/static/{STATIC_PAGE}",
        "role page warm": f"/roles/{SLUG}/",
        "role page cold": f"/roles/{SLUG}/",
        "home": "/",
        "roles list": "/roles/",
        "search": "/search/?q=network+support",
        "job description": f"/roles/{SLUG}/job-description/",
    }


def env_for(database_url: str, *, page_cache: bool = True) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="bench-secret-key-not-for-production-0123456789abcdefghijklmnop",  # noqa: S106
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        REDIS_URL=REDIS_URL,
        CAREERGUIDE_PAGE_CACHE="1" if page_cache else "0",
        DJANGO_LOG_LEVEL="ERROR",
    )
    return env


def manage(env: dict, *args: str, capture: bool = False) -> str:
    result = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, text=True, capture_output=capture)
    if result.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout or ''}{result.stderr or ''}")
    return result.stdout if capture else ""


def prepare(name: str, database_url: str, roles: int) -> dict:
    """Migrate, load the fixture and the generated catalog (unless already there); output is returned
    in the result's "log", as the two databases are prepared at the same time."""
    started = time.time()
    env = env_for(database_url)
    if database_url.startswith("postgres"):
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"CREATE DATABASE {database_url.rsplit('/', 1)[1]}"],
            capture_output=True,
        )
    manage(env, "migrate", "--noinput", "-v0")
    have = (
        manage(
            env,
            "shell",
            "-c",
            "from roles.models import Role; "
            "print(Role.objects.filter(source__file_name='generated-catalog.txt').count())",
            capture=True,
        )
        .strip()
        .splitlines()[-1]
    )
    build = {"reused": True}
    if int(have) != roles:
        manage(env, "load_catalog", "-v0")
        out = manage(env, "generate_catalog", "--roles", str(roles), capture=True)
        build = {"reused": False, "output": out.strip(), "log": f"{name}: {out.strip()}"}
        match = re.search(
            r"in ([\d.]+)s: build ([\d.]+)s, delete old ([\d.]+)s, load ([\d.]+)s, search index ([\d.]+)s, "
            r"commit ([\d.]+)s(?:, statistics ([\d.]+)s)?",
            out,
        )
        if match:
            total, plan, _deleted, load, index, commit = map(float, match.groups()[:6])
            build.update(total_s=total, build_s=plan, load_s=load, search_index_s=index, commit_s=commit)
            build["statistics_s"] = float(match.group(7) or 0)
    else:
        build["log"] = f"{name}: reusing the {roles:,}-role catalog already in the database"
    # The shipped official wages, as `make run` loads them: the role page's #salary shows them.
    manage(env, "import_wages", "-v0")
    build["prepare_s"] = round(time.time() - started, 1)  # migrate + load_catalog + generate_catalog
    return build


def prepare_all(names: list[str], roles: int) -> dict[str, dict]:
    """Prepare the databases at the same time: each build is mostly one process (Python + its database
    server, overlapped), so on 2 cores two builds take little longer than one."""
    with ThreadPoolExecutor(max_workers=len(names)) as pool:
        futures = {name: pool.submit(prepare, name, DATABASES[name], roles) for name in names}
        builds = {name: future.result() for name, future in futures.items()}
    for build in builds.values():
        print(build.pop("log"))
    if not all(build["reused"] for build in builds.values()):
        # A fresh build leaves PostgreSQL and the kernel writing back gigabytes of new pages for
        # minutes, which the first pages measured paid for (warm role page 0.40 x static in one run,
        # 0.63 in the next on the same code). Write them now, once, so every page is measured on a
        # settled machine.
        settle(DATABASES["postgres"] if "postgres" in names else None)
    manage(env_for(DATABASES[names[0]]), "collectstatic", "--noinput", "-v0")
    return builds


def settle(postgres_url: str | None) -> None:
    started = time.time()
    if postgres_url:
        code = "from django.db import connection; connection.cursor().execute('CHECKPOINT')"
        manage(env_for(postgres_url), "shell", "-c", code)
    os.sync()
    print(f"after the build: {'CHECKPOINT and ' if postgres_url else ''}sync in {time.time() - started:.1f}s")


def save_static_copy(database_url: str) -> None:
    """The role page's HTML, saved where whitenoise serves it from the same gunicorn."""
    env = env_for(database_url, page_cache=False)
    code = (
        "from django.test import Client; from django.conf import settings; import pathlib;"
        f"r = Client().get('/roles/{SLUG}/', HTTP_HOST='127.0.0.1');"
        f"p = pathlib.Path(settings.STATIC_ROOT) / '{STATIC_PAGE}'; p.parent.mkdir(parents=True, exist_ok=True);"
        "p.write_bytes(r.content); print(len(r.content))"
    )
    manage(env, "shell", "-c", code)


def query_counts(database_url: str) -> dict[str, int]:
    env = env_for(database_url, page_cache=False)
    code = (
        "import json; from django.test import Client; from django.db import connection;"
        "from django.test.utils import CaptureQueriesContext; c = Client(); out = {};\n"
        f"for name, url in {urls()!r}.items():\n"
        "    c.get(url, HTTP_HOST='127.0.0.1')\n"
        "    with CaptureQueriesContext(connection) as q: c.get(url, HTTP_HOST='127.0.0.1')\n"
        "    out[name] = len(q)\n"
        "print('COUNTS' + json.dumps(out))"
    )
    out = manage(env, "shell", "-c", code, capture=True)
    counts = json.loads(out.split("COUNTS", 1)[1])
    counts["role page warm"] = 0  # a hit never reaches the database
    counts["static file"] = 0
    return counts


def start_gunicorn(database_url: str, port: int, *, page_cache: bool, workers: int) -> subprocess.Popen:
    # A server left over on the port (an interrupted run) would answer /healthz and be measured instead.
    with contextlib.suppress(OSError), urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
        raise SystemExit(f"port {port} is already in use: stop the server listening there first")
    env = env_for(database_url, page_cache=page_cache)
    process = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "careerguide.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "gthread",
            "--threads",
            "1",
            "--keep-alive",
            "5",
            "--backlog",
            "2048",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(0.3)
    stop(process)
    raise SystemExit(f"gunicorn on port {port} did not answer /healthz")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:  # already stopped (a server can be stopped early, then in finally)
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)


def worker_rss_mb(process: subprocess.Popen) -> list[float]:
    """RSS of each gunicorn worker (children of the arbiter), from /proc."""
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if re.search(rf"^PPid:\s+{process.pid}$", text, re.M):
            kb = int(re.search(r"^VmRSS:\s+(\d+)", text, re.M).group(1))
            sizes.append(round(kb / 1024, 1))
    return sizes


def wrk(port: int, path: str, *, duration: int, connections: int, threads: int = 2, paths: Path | None = None) -> dict:
    out = subprocess.run(
        [
            "wrk",
            f"-t{min(threads, connections)}",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "5s",
            "-s",
            str(LUA),
            f"http://127.0.0.1:{port}{path}",
            *(["--", str(paths)] if paths else []),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    result = json.loads(out.split("JSON", 1)[1])
    return result


def warmup(port: int, path: str) -> None:
    # A page slower than the timeout (e.g. a 10,000-role list) must not end the whole run: wrk then
    # reports it as timeouts (errors), and the table shows it.
    for _ in range(2):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
                response.read()
        except OSError as error:
            print(f"  warmup of {path} failed: {error!r}")
            return


def search_paths() -> list[str]:
    """The search query mix as /search/ paths (one URL query string per line of the file)."""
    lines = (line.strip() for line in SEARCH_QUERIES.read_text(encoding="utf-8").splitlines())
    return [
        f"/search/?{urllib.parse.urlencode(urllib.parse.parse_qsl(line))}" for line in lines if line and line[0] != "#"
    ]


def search_in_process(database_url: str) -> dict | None:
    """bench/search_latency.py (the search module's timings without HTTP or templates), if present."""
    if not SEARCH_LATENCY.exists():
        return None
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        result = subprocess.run(
            [PYTHON, str(SEARCH_LATENCY), "--repeat", "1", "--json", out.name],
            cwd=ROOT,
            env=env_for(database_url, page_cache=False),
            capture_output=True,
            text=True,
        )
        if result.returncode:
            print(f"  search_latency.py failed: {result.stderr.strip()[-500:]}")
            return None
        data = json.loads(Path(out.name).read_text())
    data.pop("per_query", None)  # the summary is enough here; run the script itself for the detail
    return data


def latency_runs(cold_port: int, duration: int) -> dict:
    """One connection, one request at a time: the issue's latency targets, without queueing."""
    results = {}
    path = urls()["role page cold"]
    warmup(cold_port, path)
    results["role page cold, 1 connection"] = wrk(cold_port, path, duration=duration, connections=1)
    if SEARCH_QUERIES.exists():
        with tempfile.NamedTemporaryFile("w", suffix=".txt") as mix:
            paths = search_paths()
            mix.write("\n".join(paths) + "\n")
            mix.flush()
            for p in paths:  # the first request of each query pays for cold caches and connections
                warmup(cold_port, p)
            # The cold server: the page cache would answer repeated queries without searching.
            results["search mix, 1 connection"] = wrk(
                cold_port, paths[0], duration=duration, connections=1, paths=Path(mix.name)
            )
    return results


def bench_database(name: str, database_url: str, args, build: dict) -> dict:
    print(f"\n== {name} ==")
    started = time.time()
    save_static_copy(database_url)
    counts = query_counts(database_url)
    warm = start_gunicorn(database_url, PORT_WARM, page_cache=True, workers=args.workers)
    cold = start_gunicorn(database_url, PORT_COLD, page_cache=False, workers=args.workers)
    results = {}
    warm_rss: list[float] = []
    try:
        for label, path in urls().items():
            port = PORT_COLD if label == "role page cold" else PORT_WARM
            warmup(port, path)
            result = wrk(port, path, duration=args.duration, connections=args.connections)
            result["queries"] = counts.get(label)
            results[label] = result
            print(
                f"  {label:<16} {result['rps']:>8.0f} req/s  p50 {result['p50_ms']:6.2f} ms  "
                f"p95 {result['p95_ms']:6.2f} ms  p99 {result['p99_ms']:6.2f} ms  errors {result['errors']}"
            )
            if port == PORT_WARM and (result["errors"] or result["rps"] < 1 or result["p99_ms"] > 2000):
                # Requests wrk gave up on are still queued in the workers and would be served during
                # the next page's run: a fresh server keeps one slow page from spoiling the others.
                warm_rss += worker_rss_mb(warm)
                stop(warm)
                warm = start_gunicorn(database_url, PORT_WARM, page_cache=True, workers=args.workers)
        # The static file again, last: one 5 s run can land on a slow moment of a shared machine (1,089
        # req/s once, 1,700 the next minute), and the ratios are to the faster of the two runs.
        again = wrk(PORT_WARM, urls()["static file"], duration=args.duration, connections=args.connections)
        again["queries"] = 0
        results["static file, again"] = again
        print(f"  {'static file, again':<16} {again['rps']:>8.0f} req/s  p50 {again['p50_ms']:6.2f} ms")
        rss = {"warm": warm_rss + worker_rss_mb(warm), "cold": worker_rss_mb(cold)}
        stop(warm)
        latency = latency_runs(PORT_COLD, args.duration)
        for label, result in latency.items():
            print(
                f"  {label:<30} p50 {result['p50_ms']:6.2f} ms  p95 {result['p95_ms']:6.2f} ms  "
                f"p99 {result['p99_ms']:6.2f} ms  ({result['requests']} requests, errors {result['errors']})"
            )
    finally:
        stop(warm)
        stop(cold)
    in_process = search_in_process(database_url)
    if in_process:
        print(
            f"  search in-process: p50 {in_process['p50_ms']} ms  p95 {in_process['p95_ms']} ms  "
            f"max {in_process['max_ms']} ms"
        )
    static_rps = max(results["static file"]["rps"], results["static file, again"]["rps"]) or 1
    for result in results.values():
        result["ratio_to_static"] = round(result["rps"] / static_rps, 3)
    return {
        "database": name,
        "build": build,
        "pages": results,
        "latency_1_connection": latency,
        "search_in_process": in_process,
        "worker_rss_mb": rss,
        "bench_s": round(time.time() - started, 1),
    }


def machine() -> dict:
    lines = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in lines if "model name" in line), platform.processor())
    pg = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc", "SHOW server_version"], capture_output=True, text=True
    ).stdout.strip()
    mem = subprocess.run(["free", "-h"], capture_output=True, text=True).stdout
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory": mem.strip(),
        "postgresql": pg,
        "python": platform.python_version(),
        "load_average_at_start": os.getloadavg(),
    }


def print_table(report: dict) -> None:
    print("\nresults (req/s, latency in ms, ratio to the static file)")
    head = ("database", "page", "req/s", "ratio", "p50", "p95", "p99", "errors", "SQL")
    print("{:<10} {:<16} {:>8} {:>6} {:>7} {:>7} {:>7} {:>6} {:>4}".format(*head))
    for db in report["databases"]:
        for label, r in db["pages"].items():
            print(
                f"{db['database']:<10} {label:<16} {r['rps']:>8.0f} {r['ratio_to_static']:>6.2f} {r['p50_ms']:>7.2f} "
                f"{r['p95_ms']:>7.2f} {r['p99_ms']:>7.2f} {r['errors']:>6} {r['queries']!s:>4}"
            )
        for label, r in db.get("latency_1_connection", {}).items():
            print(
                f"{db['database']:<10} {label:<30} p50 {r['p50_ms']:>7.2f} p95 {r['p95_ms']:>7.2f} "
                f"p99 {r['p99_ms']:>7.2f} errors {r['errors']}"
            )
        if db.get("search_in_process"):
            s = db["search_in_process"]
            print(f"{db['database']:<10} search in-process (mix x1)     p50 {s['p50_ms']:>7} p95 {s['p95_ms']:>7}")
        rss = db["worker_rss_mb"]
        print(f"{db['database']:<10} worker RSS MB: warm {rss['warm']}, cold {rss['cold']}")
        b = db["build"]
        if b.get("total_s") is not None:
            print(
                f"{db['database']:<10} catalog: plan {b['build_s']}s, load {b['load_s']}s, "
                f"search index {b['search_index_s']}s, commit {b['commit_s']}s, total {b['total_s']}s "
                f"(with migrate + load_catalog {b['prepare_s']}s)"
            )
        else:
            print(f"{db['database']:<10} catalog: reused")


def load_test(args) -> None:
    """100 connections for 60 s against the role, search and JD pages (page cache on, PostgreSQL)."""
    print(prepare("postgres", PG_URL, args.roles).pop("log"))
    manage(env_for(PG_URL), "collectstatic", "--noinput", "-v0")
    server = start_gunicorn(PG_URL, PORT_WARM, page_cache=True, workers=args.workers)
    failed = False
    try:
        for label in ("role page warm", "search", "job description"):
            path = urls()[label]
            warmup(PORT_WARM, path)
            r = wrk(PORT_WARM, path, duration=args.load_duration, connections=100)
            print(
                f"{label:<16} {r['requests']:>8} requests {r['rps']:>8.0f} req/s p50 {r['p50_ms']:.2f} ms "
                f"p99 {r['p99_ms']:.2f} ms errors {r['errors']}"
            )
            failed |= r["errors"] > 0
        print(f"worker RSS MB: {worker_rss_mb(server)}")
    finally:
        stop(server)
    if failed:
        raise SystemExit("errors under load")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--roles", type=int, default=10000)
    parser.add_argument("--duration", type=int, default=5, help="Seconds of wrk per URL.")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1))
    parser.add_argument("--only", choices=["postgres", "sqlite"])
    parser.add_argument("--load", action="store_true", help="The 100-connection, 60-second load test.")
    parser.add_argument("--load-duration", type=int, default=60)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install -y wrk (make bench does it)")
    os.chdir(ROOT)
    if args.load:
        load_test(args)
        return
    started = time.time()
    report = {"machine": machine(), "roles": args.roles, "settings": vars(args), "databases": []}
    names = [name for name in DATABASES if not args.only or args.only == name]
    builds = prepare_all(names, args.roles)
    report["phases_s"] = {"prepare (both databases at once)": round(time.time() - started, 1)}
    for name in names:
        report["databases"].append(bench_database(name, DATABASES[name], args, builds[name]))
        report["phases_s"][f"bench {name}"] = report["databases"][-1]["bench_s"]
    report["elapsed_s"] = round(time.time() - started, 1)
    (ROOT / "bench" / "results.json").write_text(json.dumps(report, indent=1) + "\n")
    print_table(report)
    phases = ", ".join(f"{name} {seconds}s" for name, seconds in report["phases_s"].items())
    print(f"\nwrote bench/results.json in {report['elapsed_s']}s ({phases})")


if __name__ == "__main__":
    main()
