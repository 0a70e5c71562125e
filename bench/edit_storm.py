"""Edit storm: cached pages with and without an editor saving a role every second.

    python bench/edit_storm.py [--roles 10000] [--duration 20] [--rounds 2] [--database postgres|sqlite]
        [--edit duty|summary] [--no-search]

One gunicorn with the page cache on (Redis at BENCH_REDIS_URL), a URL mix of role pages (the first
``--mix-roles`` generated roles), list pages and searches, every URL warmed; then wrk cycles over the
mix, quiet and then while an editor (a separate process, as an admin would be, started and connected
before the run) saves one of the mix's roles every second, ``--rounds`` times alternating (the load of
a shared machine moves between runs). The editor saves as the admin's change form does: Role.save()
and one changed duty, with the same signals (``--edit summary`` changes the role's summary too,
which every card linking it shows). The ratio of the two throughputs is the issue's "throughput with
edits ≥ 0.8× without". Results go to bench/edit_storm_<edit>.json; `make bench` runs it after
bench/run.py.
"""
# ruff: noqa: S603, S607 - a benchmark script runs fixed local commands.

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from run import (
    DATABASES,
    PORT_WARM,
    PYTHON,
    ROOT,
    env_for,
    manage,
    prepare,
    search_paths,
    start_gunicorn,
    stop,
    warmup,
    worker_rss_mb,
)

LIST_PAGES = ["/", "/roles/", "/roles/?page=2", "/roles/?sort=salary", "/salaries/", "/career-paths/"]
# Browsers ask for compressed pages; so does the mix.
HEADERS = ["-H", "Accept-Encoding: br, gzip"]

EDITOR = """
import os, random, time
from roles.models import Role
slugs = open(os.environ["EDIT_SLUGS"]).read().split()
rnd = random.Random(int(os.environ.get("EDIT_SEED", "17")))
Role.objects.first()  # connected, and Django set up, before the measured run starts
print("READY", flush=True)
end = time.time() + float(os.environ["EDIT_SECONDS"])
edits = 0
while time.time() < end:
    started = time.time()
    role = Role.objects.get(slug=rnd.choice(slugs))
    if os.environ["EDIT_KIND"] == "summary":
        role.summary = role.summary.split(" [edit ")[0] + f" [edit {edits}]"
    role.save()  # as the admin's change form does on every save
    duty = role.duties.order_by("order").first()
    if duty is not None:
        duty.text = duty.text.split(" [edit ")[0] + f" [edit {edits}]"
        duty.save()
    edits += 1
    time.sleep(max(0.0, 1.0 - (time.time() - started)))
print("EDITS", edits)
"""


def mix(env: dict, mix_roles: int, searches: bool = True) -> tuple[list[str], list[str]]:
    code = (
        "from roles.models import Role; "
        "print(' '.join(Role.objects.filter(source__file_name='generated-catalog.txt')"
        f".order_by('pk').values_list('slug', flat=True)[:{mix_roles}]))"
    )
    slugs = manage(env, "shell", "-c", code, capture=True).strip().splitlines()[-1].split()
    searches = search_paths()[:10] if searches else []
    # Lists and searches each about a tenth of the requests, role pages the rest.
    paths = [f"/roles/{slug}/" for slug in slugs]
    paths += LIST_PAGES * max(1, len(slugs) // 10 // len(LIST_PAGES))
    if searches:
        paths += searches * max(1, len(slugs) // 10 // len(searches))
    return slugs, paths


def wrk_mix(paths_file: Path, first: str, duration: int, connections: int) -> dict:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "5s", *HEADERS, "-s",
         str(Path(__file__).resolve().parent / "report.lua"), f"http://127.0.0.1:{PORT_WARM}{first}", "--",
         str(paths_file)],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return json.loads(out.split("JSON", 1)[1])


def combined(runs: list[dict]) -> dict:
    """Several wrk runs as one: requests and errors added, the rate and latencies of the whole."""
    total = {key: sum(r[key] for r in runs) for key in ("requests", "errors", "non_2xx", "socket_errors")}
    total["rps"] = round(sum(r["rps"] for r in runs) / len(runs), 1)
    for key in ("p50_ms", "p95_ms", "p99_ms"):
        total[key] = round(sorted(r[key] for r in runs)[len(runs) // 2], 3)
    total["max_ms"] = max(r["max_ms"] for r in runs)
    total["rps_each"] = [r["rps"] for r in runs]
    return total


def run(database: str, roles: int, duration: int, connections: int, workers: int, mix_roles: int, edit: str,
        searches: bool = True, rounds: int = 2) -> dict:  # fmt: skip
    url = DATABASES[database]
    print(prepare(database, url, roles).pop("log"))
    env = env_for(url, page_cache=True)
    manage(env, "collectstatic", "--noinput", "-v0")
    slugs, paths = mix(env, mix_roles, searches)
    server = start_gunicorn(url, PORT_WARM, page_cache=True, workers=workers)
    report = {
        "database": database,
        "roles": roles,
        "edit": edit,
        "mix": len(paths),
        "mix_roles": len(slugs),
        "runs": {},
    }
    try:
        started = time.time()
        for path in dict.fromkeys(paths):
            warmup(PORT_WARM, path)
        report["warm_up_s"] = round(time.time() - started, 1)
        with tempfile.TemporaryDirectory() as tmp:
            paths_file = Path(tmp) / "paths.txt"
            paths_file.write_text("\n".join(paths) + "\n")
            slugs_file = Path(tmp) / "slugs.txt"
            slugs_file.write_text("\n".join(slugs))
            quiet, storm, edits = [], [], 0
            # Quiet and storm runs alternate: on a shared machine the load moves between runs, and
            # the ratio of alternating runs is steadier than that of one pair.
            for round_number in range(rounds):
                quiet.append(wrk_mix(paths_file, paths[0], duration, connections))
                editor = subprocess.Popen(
                    [PYTHON, "manage.py", "shell", "-c", EDITOR],
                    cwd=ROOT,
                    env={
                        **env,
                        "EDIT_SLUGS": str(slugs_file),
                        "EDIT_SECONDS": str(duration + 1),
                        "EDIT_KIND": edit,
                        "EDIT_SEED": str(17 + round_number),
                    },
                    stdout=subprocess.PIPE,
                    text=True,
                )
                editor.stdout.readline()  # READY: the editor's start-up is not measured
                storm.append(wrk_mix(paths_file, paths[0], duration, connections))
                out, _ = editor.communicate(timeout=120)
                edits += int(out.split("EDITS", 1)[1].split()[0]) if "EDITS" in out else 0
            report["runs"]["no edits"] = combined(quiet)
            report["runs"]["one edit per second"] = combined(storm)
            report["edits"] = edits
        report["worker_rss_mb"] = worker_rss_mb(server)
    finally:
        stop(server)
    quiet, storm = report["runs"]["no edits"], report["runs"]["one edit per second"]
    report["ratio"] = round(storm["rps"] / (quiet["rps"] or 1), 3)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--roles", type=int, default=10000)
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--mix-roles", type=int, default=500)
    parser.add_argument("--database", choices=list(DATABASES), default="postgres")
    parser.add_argument("--edit", choices=["duty", "summary"], default="duty")
    parser.add_argument("--no-search", action="store_true", help="Role pages and lists only.")
    parser.add_argument("--rounds", type=int, default=2, help="Quiet and storm runs, alternating, of each.")
    args = parser.parse_args()
    report = run(
        args.database, args.roles, args.duration, args.connections, args.workers, args.mix_roles, args.edit,
        not args.no_search, args.rounds,
    )  # fmt: skip
    for label, r in report["runs"].items():
        print(
            f"{label:<22} {r['rps']:>8.0f} req/s {r['rps_each']}  p50 {r['p50_ms']:.2f} ms  p99 {r['p99_ms']:.2f} ms  "
            f"errors {r['errors']} (non-2xx {r['non_2xx']})"
        )
    print(f"edits: {report['edits']}; throughput with edits / without: {report['ratio']}")
    print(f"worker RSS MB: {report['worker_rss_mb']}")
    name = f"{args.edit}{'_no_search' if args.no_search else ''}"
    (ROOT / "bench" / f"edit_storm_{name}.json").write_text(json.dumps(report, indent=1) + "\n")


if __name__ == "__main__":
    sys.exit(main())
