"""Fault test: restart PostgreSQL under load and check the site degrades politely and heals itself.

    python bench/fault_restart.py [--clients 8] [--down-seconds 0] [--port 8790]

It serves the site with gunicorn (production settings, DEBUG off, plain HTTP on 127.0.0.1) on a
database of its own (``careerguide_faults`` on the local PostgreSQL), drives requests from a few
client threads in a bounded loop, and restarts PostgreSQL in the middle with
``pg_ctlcluster --skip-systemctl-redirect <version> main restart`` (or stops it for
``--down-seconds`` and starts it again, for a longer outage). It then checks that:

- before the restart every request succeeded;
- during the outage every answer was a 200 (a page served from cache or by a connection that
  survived) or a proper 503: the outage page or the health check's JSON, with ``Retry-After``
  on pages; never a 500, a traceback or a refused connection;
- the site recovered by itself (no restart of gunicorn), and afterwards every request succeeded
  and gunicorn logged no server error.

It prints the numbers and exits non-zero when a check fails. ``make faults`` runs it; it needs
root (to restart the cluster) and briefly interrupts every other user of that PostgreSQL server.
"""

# ruff: noqa: S603, S607 - runs fixed commands (psql, pg_ctlcluster, gunicorn) with arguments of its own
from __future__ import annotations

import argparse
import os
import random
import secrets
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DATABASE_NAME = "careerguide_faults"
ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
ROLES = ["technical-support-specialist", "senior-technical-support-specialist", "customer-support-specialist"]
WORDS = ["support", "ticket", "salary", "certification", "customer", "linux", "network", "career", "remote", "help"]


@dataclass
class Result:
    started: float
    finished: float
    path: str
    status: int  # 0: no HTTP answer at all (refused, reset, timed out)
    retry_after: str | None
    body: str
    error: str = ""


def log(message: str) -> None:
    print(f"[faults] {message}", flush=True)


def psql(sql: str) -> None:
    subprocess.run(
        ["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-c", sql],
        check=True,
        capture_output=True,
    )


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=BASE_DIR, env=env, check=True)


def pg_cluster() -> tuple[str, str]:
    versions = sorted(os.listdir("/etc/postgresql"))
    if not versions:
        sys.exit("No PostgreSQL cluster under /etc/postgresql.")
    return versions[-1], "main"


def request_paths(rng: random.Random) -> str:
    slug = rng.choice(ROLES)
    query = "+".join(rng.sample(WORDS, 2)) + f"+{rng.randrange(10**6)}"  # a new query: never a cache hit
    return rng.choice(
        [
            "/healthz",
            "/healthz",
            f"/roles/{slug}/",
            f"/roles/{slug}/job-description/",
            f"/api/roles/{slug}/",
            f"/search/?q={query}",
            f"/api/search/?q={query}",
        ]
    )


def fetch(base: str, path: str) -> Result:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(base + path, timeout=15) as response:  # noqa: S310 - our own 127.0.0.1 server
            return Result(
                started,
                time.monotonic(),
                path,
                response.status,
                response.headers.get("Retry-After"),
                response.read(4096).decode(errors="replace"),
            )
    except urllib.error.HTTPError as error:
        body = error.read(65536).decode(errors="replace")
        return Result(started, time.monotonic(), path, error.code, error.headers.get("Retry-After"), body)
    except (urllib.error.URLError, OSError) as error:
        return Result(started, time.monotonic(), path, 0, None, "", error=str(getattr(error, "reason", error)))


def drive(base: str, results: list[Result], stop: threading.Event, seed: int) -> None:
    rng = random.Random(seed)
    while not stop.is_set():
        results.append(fetch(base, request_paths(rng)))
        time.sleep(0.01)


def is_proper_503(result: Result) -> bool:
    if result.status != 503:
        return False
    if result.path == "/healthz":
        return '"database": "unavailable"' in result.body
    return result.retry_after is not None and "right back" in result.body and "Traceback" not in result.body


def summarise(name: str, results: list[Result]) -> Counter:
    counts = Counter("error" if r.status == 0 else str(r.status) for r in results)
    log(f"{name:<9} {len(results):>6} requests  " + "  ".join(f"{k}: {v}" for k, v in sorted(counts.items())))
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=8, help="client threads (default 8)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--port", type=int, default=8790)
    parser.add_argument("--warmup", type=float, default=5.0, help="seconds of load before the restart")
    parser.add_argument("--settle", type=float, default=5.0, help="seconds of load after recovery, all must pass")
    parser.add_argument(
        "--down-seconds", type=float, default=0.0, help="stop PostgreSQL this long instead of a plain restart"
    )
    parser.add_argument("--recovery-timeout", type=float, default=60.0)
    args = parser.parse_args()

    if not shutil.which("pg_ctlcluster") or not shutil.which("psql"):
        sys.exit("pg_ctlcluster and psql are needed (Debian's postgresql-common).")
    version, cluster = pg_cluster()
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.pop("REDIS_URL", None)  # the outage under test is the database's alone
    env.update(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{DATABASE_NAME}",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_LOG_LEVEL="ERROR",
    )

    log(f"preparing database {DATABASE_NAME} on PostgreSQL {version}/{cluster}")
    psql(f"DROP DATABASE IF EXISTS {DATABASE_NAME} WITH (FORCE)")
    psql(f"CREATE DATABASE {DATABASE_NAME}")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_catalog", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")

    log_dir = BASE_DIR / "bench" / "tmp"
    log_dir.mkdir(parents=True, exist_ok=True)
    gunicorn_log = log_dir / "fault_restart_gunicorn.log"
    base = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "careerguide.wsgi:application",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.workers),
            "--timeout",
            "30",
            "--error-logfile",
            "-",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=gunicorn_log.open("w"),
        stderr=subprocess.STDOUT,
    )
    failures: list[str] = []
    try:
        for _ in range(100):
            if fetch(base, "/healthz").status == 200:
                break
            time.sleep(0.2)
        else:
            sys.exit(f"gunicorn did not come up; see {gunicorn_log}")

        results: list[Result] = []
        stop = threading.Event()
        clients = [
            threading.Thread(target=drive, args=(base, results, stop, seed), daemon=True)
            for seed in range(args.clients)
        ]
        for client in clients:
            client.start()
        log(f"load: {args.clients} clients against gunicorn ({args.workers} workers) on {base}")
        time.sleep(args.warmup)

        restart_started = time.monotonic()
        if args.down_seconds > 0:
            log(f"stopping PostgreSQL for {args.down_seconds:g} s")
            subprocess.run(
                ["pg_ctlcluster", "--skip-systemctl-redirect", version, cluster, "stop", "-m", "fast"], check=True
            )
            time.sleep(args.down_seconds)
            subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, cluster, "start"], check=True)
        else:
            log("restarting PostgreSQL")
            subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, cluster, "restart"], check=True)
        restart_done = time.monotonic()

        # Recovered: the first health check started after the restart that finds the database again.
        recovered_at = None
        deadline = restart_done + args.recovery_timeout
        while time.monotonic() < deadline:
            probe = fetch(base, "/healthz")
            if probe.status == 200:
                recovered_at = probe.started
                break
            time.sleep(0.05)
        if recovered_at is None:
            failures.append(f"the site did not recover within {args.recovery_timeout:g} s")
            recovered_at = time.monotonic()
        # Requests already in flight when it recovered may still finish with the outage's answer.
        settle_from = time.monotonic() + 1.0
        time.sleep(1.0 + args.settle)
        stop.set()
        for client in clients:
            client.join(timeout=30)

        # A request still in flight when the restart began belongs to the outage.
        before = [r for r in results if r.finished < restart_started]
        during = [r for r in results if r.finished >= restart_started and r.started < settle_from]
        after = [r for r in results if r.started >= settle_from]
        log(
            f"restart took {restart_done - restart_started:.2f} s; site healthy again "
            f"{max(0.0, recovered_at - restart_done):.2f} s after it (no gunicorn restart)"
        )
        summarise("before", before)
        during_counts = summarise("outage", during)
        summarise("after", after)
        not_ok = [r for r in during if r.status != 200]
        if not_ok:
            first, last = min(r.started for r in not_ok), max(r.started for r in not_ok)
            log(f"outage seen by clients: {last - first:.2f} s, {len(not_ok)} requests answered 503 or failed")

        bad_before = [r for r in before if r.status != 200]
        if bad_before:
            failures.append(f"{len(bad_before)} requests failed before the restart")
        improper = [r for r in during if r.status != 200 and not is_proper_503(r)]
        if improper:
            kinds = Counter(f"{r.status} {r.error}".strip() for r in improper)
            failures.append(f"{len(improper)} outage answers were not a proper 503: {dict(kinds)}")
        if during_counts.get("503", 0) == 0:
            log("note: no request hit the outage window this time (a restart can be very quick); try --down-seconds 3")
        bad_after = [r for r in after if r.status != 200]
        if bad_after:
            failures.append(f"{len(bad_after)} requests failed after recovery: {Counter(r.status for r in bad_after)}")
        if not after:
            failures.append("no requests after recovery")
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        server_log = gunicorn_log.read_text(errors="replace")
        server_errors = server_log.count("Internal Server Error") + server_log.count("Traceback")
        log(f"gunicorn log: {server_errors} server errors or tracebacks ({gunicorn_log.relative_to(BASE_DIR)})")
        if server_errors:
            failures.append(f"gunicorn logged {server_errors} server errors or tracebacks")
        try:
            psql(f"DROP DATABASE IF EXISTS {DATABASE_NAME} WITH (FORCE)")
        except subprocess.CalledProcessError:
            log(f"could not drop {DATABASE_NAME}")

    for failure in failures:
        log(f"FAIL: {failure}")
    log("PASS" if not failures else "FAILED")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
