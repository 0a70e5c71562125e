"""Every page type through the Nu HTML checker and axe-core, at phone and desktop widths; fails on any finding.

    .venv/bin/python tests/quality/check_pages.py                # its own server (SQLite, DEBUG off)
    .venv/bin/python tests/quality/check_pages.py --base http://127.0.0.1:8000   # a server already running
    .venv/bin/python tests/quality/check_pages.py --lighthouse docs/lighthouse.json  # also Lighthouse scores

- The site: a fresh SQLite database with the shipped catalog, served by ``runserver --insecure`` with DEBUG
  off (the real 404 page, collected static files) and the page cache on (it compresses the pages), on a
  free port, stopped at the end.
- Nu HTML checker: ``vnu.jar`` from the npm package pinned in tests/quality/package.json (``npm ci`` there;
  Java is needed). Every message counts, warnings included.
- axe-core: the copy vendored for the browser tests (tests/browser/vendor/, version in its README),
  injected by Playwright into Debian's Chromium, rules tagged WCAG 2.0/2.1 A and AA and best-practice,
  at 360, 390 and 1366 px.
- Lighthouse (optional): the npm package pinned in tests/quality/lighthouse/ on the same Chromium, the
  four category scores of every page type, mobile and desktop, written as JSON.

The site has the official wages imported (``import_wages``, as ``make run`` does), for the pay pages.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
VNU_JAR = HERE / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = HERE / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
AXE = ROOT / "tests" / "browser" / "vendor" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

TSS = "technical-support-specialist"
SENIOR = "senior-technical-support-specialist"
PAGE_TYPES = {
    "home": ("/", 200),
    "roles": ("/roles/", 200),
    "role page": (f"/roles/{TSS}/", 200),
    "job description": (f"/roles/{SENIOR}/job-description/", 200),
    "pay page": (f"/roles/{TSS}/pay/", 200),
    "pay page, a state's metro areas": (f"/roles/{TSS}/pay/?state=texas", 200),
    "pay in a state": (f"/roles/{TSS}/pay/texas/", 200),
    "salaries": ("/salaries/", 200),
    "salaries in a state": ("/salaries/?area=texas", 200),
    "career paths": ("/career-paths/", 200),
    "compare": (f"/compare/?roles={TSS}&roles={SENIOR}", 200),
    "compare, nothing picked": ("/compare/", 200),
    "search results": ("/search/?q=certification", 200),
    "search, no results": ("/search/?q=zzqqxxv", 200),
    "search, browse": ("/search/", 200),
    "404": ("/roles/no-such-role/", 404),
}
VIEWPORTS = {
    "phone 360": {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True},
    "phone 390": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "desktop 1366": {"viewport": {"width": 1366, "height": 900}},
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="page-checks-secret-key-not-for-production-0123456789abcdefghij",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_LOG_LEVEL="ERROR",
    )
    # The page cache stays on, as deployed: it is what sends pages compressed (Brotli or gzip), and
    # Lighthouse's mobile timings depend on the bytes. Its store is the local-memory cache: nothing
    # shared with other runs.
    env.pop("CAREERGUIDE_PAGE_CACHE", None)
    env.pop("REDIS_URL", None)
    return env


@contextlib.contextmanager
def own_site():
    """A fresh database with the shipped catalog, served on a free port for as long as the block runs."""
    with tempfile.TemporaryDirectory(prefix="cg-pagecheck-") as folder:
        env = site_env(f"sqlite:///{folder}/site.sqlite3")
        for command in (["migrate", "--noinput"], ["load_catalog"], ["import_wages"], ["collectstatic", "--noinput"]):
            subprocess.run([PYTHON, "manage.py", *command, "-v0"], cwd=ROOT, env=env, check=True)
        port = free_port()
        server = subprocess.Popen(
            [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,  # the request log; a server that fails to start fails wait_for()
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_for(base)
            yield base
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=15)


def wait_for(base: str) -> None:
    deadline = time.time() + 60
    while time.time() < deadline:
        with contextlib.suppress(OSError), urllib.request.urlopen(base + "/healthz", timeout=2) as response:
            if response.status == 200:
                return
        time.sleep(0.3)
    raise SystemExit(f"the site at {base} did not answer /healthz")


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def run_vnu(pages: dict[str, str]) -> dict[str, list[str]]:
    """Nu HTML checker messages (errors and warnings alike) of each page's HTML, by page name."""
    if not VNU_JAR.exists():
        raise SystemExit(f"{VNU_JAR} is missing: run `npm ci` in {HERE.relative_to(ROOT)}")
    findings: dict[str, list[str]] = {name: [] for name in pages}
    with tempfile.TemporaryDirectory(prefix="cg-vnu-") as folder:
        files = {}
        for index, (name, html) in enumerate(pages.items()):
            path = Path(folder) / f"page{index}.html"
            path.write_text(html, encoding="utf-8")
            files[path.name] = name
        result = subprocess.run(
            ["java", "-jar", str(VNU_JAR), "--format", "json", "--also-check-svg", *map(str, Path(folder).iterdir())],
            capture_output=True,
            text=True,
            check=False,
        )
    report = json.loads(result.stderr or '{"messages": []}')
    for message in report["messages"]:
        name = files.get(message.get("url", "").rsplit("/", 1)[-1], "?")
        kind = message.get("subType") or message["type"]
        findings.setdefault(name, []).append(
            f"[{kind}] line {message.get('lastLine', '?')}: {message['message']}"
            f" — {message.get('extract', '').strip()[:120]!r}"
        )
    return findings


def run_axe(base: str, paths: dict[str, str]) -> dict[str, list[str]]:
    """axe-core violations of each page at each viewport, by "page @ viewport"."""
    from playwright.sync_api import sync_playwright

    findings: dict[str, list[str]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for viewport, options in VIEWPORTS.items():
            # The site's CSP refuses injected scripts; this context alone lets axe in.
            context = browser.new_context(**options, bypass_csp=True)
            page = context.new_page()
            for name, path in paths.items():
                page.goto(base + path, wait_until="load")
                page.add_script_tag(path=str(AXE))
                result = page.evaluate(
                    "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
                    AXE_TAGS,
                )
                lines = []
                for violation in result["violations"]:
                    for node in violation["nodes"][:5]:
                        lines.append(
                            f"[{violation['impact']}] {violation['id']}: {violation['help']}"
                            f" at {json.dumps(node['target'])} — {node['html'][:120]!r}"
                        )
                findings[f"{name} @ {viewport}"] = lines
            context.close()
        browser.close()
    return findings


def lighthouse_report(url: str, form_factor: str) -> dict:
    """One Lighthouse run's JSON report; a run that fails to trace the load (it happens) is tried again."""
    flags = ["--preset=desktop"] if form_factor == "desktop" else []
    report: dict = {}
    for _attempt in range(3):
        with tempfile.NamedTemporaryFile(suffix=".json") as report_file:
            subprocess.run(
                [
                    str(LIGHTHOUSE),
                    url,
                    "--quiet",
                    "--output=json",
                    f"--output-path={report_file.name}",
                    "--only-categories=performance,accessibility,best-practices,seo",
                    "--ignore-status-code",  # the 404 page is a page to score too
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
                    *flags,
                ],
                env=dict(os.environ, CHROME_PATH=CHROMIUM),
                check=False,
            )
            report = json.loads(Path(report_file.name).read_text() or "{}")
        if report.get("categories") and not report.get("runtimeError"):
            break
    return report


def held_back(category: dict, audits: dict) -> list[str]:
    """The weighted audits of a category that did not score full marks, with what Lighthouse measured."""
    below = []
    for ref in category["auditRefs"]:
        audit = audits[ref["id"]]
        if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
            below.append(f"{ref['id']} {audit.get('displayValue', '')}".strip())
    return below


def without_own_status(report: dict) -> dict[str, int]:
    """For a page that must answer an error status (the 404 page): each category's score with the audits
    that grade that status itself left out, the raw scores being reported beside these.

    Two audits do: ``http-status-code`` (SEO), whose guide says error pages should not be in search
    results at all, and ``errors-in-console`` (best practices) when its only entries are the browser's
    log of the document's own status ("Failed to load resource: ... 404"). A console error of the
    page's own making, or any other audit, still counts.
    """
    audits = report["audits"]
    document = report.get("finalDisplayedUrl") or report.get("finalUrl") or report.get("requestedUrl")
    left_out = {"http-status-code"}
    console = (audits.get("errors-in-console", {}).get("details") or {}).get("items", [])
    if console and all(
        item.get("source") == "network" and (item.get("sourceLocation") or {}).get("url") == document
        for item in console
    ):
        left_out.add("errors-in-console")
    scores = {}
    for key, category in report["categories"].items():
        refs = [ref for ref in category["auditRefs"] if ref.get("weight") and ref["id"] not in left_out]
        refs = [ref for ref in refs if audits[ref["id"]].get("score") is not None]
        total = sum(ref["weight"] for ref in refs)
        scores[key] = round(100 * sum(ref["weight"] * audits[ref["id"]]["score"] for ref in refs) / total)
    return scores


def run_lighthouse(base: str, paths: dict[str, str]) -> dict[str, dict[str, dict]]:
    """The four Lighthouse category scores (0–100) of each page, mobile and desktop, with the audits that
    kept a category under 100 (and, for a page answering an error status, ``without_own_status``)."""
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} is missing: run `npm ci` in {LIGHTHOUSE.parents[2].relative_to(ROOT)}")
    scores: dict[str, dict[str, dict]] = {}
    for name, path in paths.items():
        scores[name] = {}
        for form_factor in ("mobile", "desktop"):
            report = lighthouse_report(base + path, form_factor)
            error = report.get("runtimeError", {}).get("code", "")
            result: dict = {"error": error} if error else {}
            for key, category in report.get("categories", {}).items():
                result[key] = round((category.get("score") or 0) * 100)
                below = held_back(category, report["audits"])
                if result[key] < 100 and below:
                    result[key + " held back by"] = below
            if PAGE_TYPES[name][1] >= 400 and report.get("categories"):
                result["without its own status"] = without_own_status(report)
            scores[name][form_factor] = result
            print(f"lighthouse {name} {form_factor}: {result}", flush=True)
    return scores


def check(base: str, lighthouse_out: Path | None, only: list[str] | None = None) -> int:
    pages: dict[str, str] = {}
    paths: dict[str, str] = {}
    failures: list[str] = []
    for name, (path, expected) in PAGE_TYPES.items():
        if only and name not in only:
            continue
        status, html = fetch(base + path)
        if status != expected:
            failures.append(f"{name} ({path}): answered {status}, expected {expected}")
            continue
        pages[name], paths[name] = html, path

    vnu = run_vnu(pages)
    axe = run_axe(base, paths)
    passed = 0
    for title, findings in [*(("Nu: " + k, v) for k, v in vnu.items()), *(("axe: " + k, v) for k, v in axe.items())]:
        if findings:
            failures.append(f"{title}: {len(findings)} finding(s)\n    " + "\n    ".join(findings))
        else:
            passed += 1
    if lighthouse_out:
        scores = run_lighthouse(base, paths)
        lighthouse_out.write_text(json.dumps(scores, indent=2, sort_keys=True) + "\n")
    for line in failures:
        print("FAILED:", line)
    print(f"Nu HTML checker and axe-core over {len(paths)} page types at {len(VIEWPORTS)} widths:")
    print(f"checks: {passed} passed, {len(failures)} failed")
    return 1 if failures else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", help="check a site already running at this address instead of starting one")
    parser.add_argument("--lighthouse", type=Path, help="also run Lighthouse and write its scores to this file")
    parser.add_argument(
        "--only",
        action="append",
        choices=list(PAGE_TYPES),
        metavar="PAGE_TYPE",
        help="check this page type only (repeatable)",
    )
    args = parser.parse_args()
    if args.base:
        sys.exit(check(args.base.rstrip("/"), args.lighthouse, args.only))
    with own_site() as base:
        code = check(base, args.lighthouse, args.only)
    sys.exit(code)


if __name__ == "__main__":
    main()
