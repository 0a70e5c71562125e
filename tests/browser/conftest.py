"""Real-browser fixtures: Debian's Chromium driven by Playwright (sync API) against pytest-django's live server.

- One browser for the whole session; a fresh context and page per test, at desktop (1366×900) and
  phone (390×844) sizes (every test using ``page`` runs at both).
- ``site`` is the live server with the shipped catalog loaded. The live server needs transactional
  tests (its thread has its own connection), so the catalog is loaded again for every test.
- Every page the test lands on is screenshotted into test-artifacts/screenshots/<test>/<viewport>-<n>.png.
- Without /usr/bin/chromium or the playwright package the tests skip, saying why; with
  REQUIRE_BROWSER=1 (CI) that is a failure instead.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.tools import tools_required

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse the
# ORM calls a test makes (creating a user, loading the catalog) as "async unsafe".
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1366, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
# The narrow phones the phone tests (test_phones.py) check besides the 390 px above.
PHONES = {
    "phone-360": {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True},
    "phone-390": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
BROWSER_DIR = Path(__file__).resolve().parent
ARTIFACTS = BROWSER_DIR.parent.parent / "test-artifacts" / "screenshots"
SKIP_REASON = (
    f"Chromium not found at {CHROMIUM}: apt-get install chromium (see README)"
    " — set REQUIRE_BROWSER=1 to make this a failure"
)

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # the package is in requirements.txt; a partial install should say so, not crash collection
    sync_playwright = None


def browser_missing() -> str:
    """Why the browser tests cannot run here, or "" when they can."""
    if sync_playwright is None:
        return SKIP_REASON + " (the playwright package is not installed either: pip install -r requirements.txt)"
    if not os.access(CHROMIUM, os.X_OK):
        return SKIP_REASON
    return ""


def pytest_collection_modifyitems(config, items):
    missing = browser_missing()
    for item in items:
        if BROWSER_DIR not in Path(str(item.path)).resolve().parents:
            continue
        item.add_marker(pytest.mark.browser)
        if missing and not tools_required():
            item.add_marker(pytest.mark.skip(reason=missing))
    # With REQUIRE_BROWSER=1 the tests are left to run, and the `browser` fixture fails each one.


@pytest.fixture(scope="session")
def browser():
    missing = browser_missing()
    if missing:
        pytest.fail(f"REQUIRE_BROWSER=1 but the browser tests cannot run: {missing}", pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, transactional_db):
    """The live server's base URL, with the catalog and its official wages loaded (as `make run` does)."""
    call_command("load_catalog", verbosity=0)
    call_command("import_wages", verbosity=0)
    return live_server.url


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request) -> str:
    return request.param


@dataclass
class Problems:
    """What went wrong in the page's own scripts: uncaught errors and CSP refusals."""

    messages: list[str] = field(default_factory=list)

    def assert_none(self) -> None:
        assert not self.messages, "The page reported script errors:\n" + "\n".join(self.messages)


def _screenshot_dir(request) -> Path:
    params = getattr(request.node, "callspec", None)
    extra = [str(v) for k, v in (params.params.items() if params else []) if k not in ("viewport", "phone")]
    name = "-".join([request.node.originalname, *extra])
    return ARTIFACTS / re.sub(r"[^A-Za-z0-9_.-]+", "_", name)


def _open_page(request, browser, viewport: str, **context_options):
    folder = _screenshot_dir(request)
    if viewport in (next(iter(VIEWPORTS)), next(iter(PHONES))):  # a test's first viewport clears an older run
        shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(**{**VIEWPORTS, **PHONES}[viewport], **context_options)
    # A click waits for the navigation it starts: the admin's role page (every inline row of a long
    # guide) can take more than 15 s on a loaded 2-core CI machine, which is slowness, not failure.
    context.set_default_timeout(30_000)
    context.set_default_navigation_timeout(60_000)
    page = context.new_page()
    problems = Problems()
    page.on("pageerror", lambda error: problems.messages.append(f"uncaught: {error}"))
    page.on(
        "console",
        lambda msg: (
            problems.messages.append(f"console: {msg.text}")
            if msg.type == "error" and "Content Security Policy" in msg.text
            else None
        ),
    )
    counter = {"n": 0}

    def snap(_page=None) -> None:
        counter["n"] += 1
        try:
            page.screenshot(path=str(folder / f"{viewport}-{counter['n']}.png"))
        except Exception:  # noqa: BLE001 — the page navigated away mid-shot; the next load takes one
            counter["n"] -= 1

    page.on("load", snap)
    page.snap = snap  # for states worth keeping that are not a page load (a menu open, a result shown)
    page.problems = problems
    return context, page


@pytest.fixture
def page(request, browser, site, viewport):
    """A fresh page at this test's viewport. Clipboard access is granted for the copy button."""
    context, page = _open_page(request, browser, viewport)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    yield page
    context.close()


@pytest.fixture
def a11y_page(request, browser, site, viewport):
    """A page for axe-core: CSP is bypassed in this context only, so the test may inject axe."""
    context, page = _open_page(request, browser, viewport, bypass_csp=True)
    yield page
    context.close()


@pytest.fixture(params=list(PHONES))
def phone(request, browser, site):
    """A fresh page on a narrow phone: 360 and 390 px wide."""
    context, page = _open_page(request, browser, request.param)
    yield page
    context.close()
