"""Accessibility in a real browser: axe-core's WCAG 2.1 A/AA rules on every page type, and the keyboard alone.

axe-core is vendored for tests only (tests/browser/vendor/, version in its README) and injected from the
file; the axe context bypasses the site's CSP so the injected script may run (the site itself never
loads it). Every page type is checked in one test per viewport, so the catalog is loaded once, and a
failure lists every page's violations together.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from django.conf import settings
from playwright.sync_api import Page, expect

from roles.models import Role

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
TSS = "technical-support-specialist"
SENIOR = "senior-technical-support-specialist"
CSS = "customer-support-specialist"

PAGE_TYPES = {
    "home": "/",
    "roles list": "/roles/",
    "role page": f"/roles/{TSS}/",
    "salaries": "/salaries/",
    "career paths": "/career-paths/",
    "search results": "/search/?q=certification",
    "search, no results": "/search/?q=zzqqxxv",
    "job description": f"/roles/{SENIOR}/job-description/",
    "job description, tailored": f"/roles/{SENIOR}/job-description/?company=Acme&location=Berlin%2C+Germany"
    "&employment_type=FULL_TIME&salary_min=55000&currency=EUR&apply_url=jobs%40acme.example&posted=2025-03-02",
    "job description, bad values": f"/roles/{SENIOR}/job-description/?company=&salary_min=abc&apply_url=javascript:x",
    "compare": f"/compare/?roles={TSS},{SENIOR}",
    "pay by state and metro area": f"/roles/{TSS}/pay/",
    "pay in a state": f"/roles/{TSS}/pay/texas/",
    "pay in a metro area": f"/roles/{TSS}/pay/austin-round-rock-san-marcos-tx/",
    "salaries in an area": "/salaries/?area=texas",
    "404": "/roles/no-such-role/",
    "admin login": f"/{settings.ADMIN_URL}login/",
}


def axe_violations(page: Page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return result["violations"]


def describe(name: str, url: str, violations: list[dict]) -> str:
    lines = [f"{name} ({url}): {len(violations)} rule(s) violated"]
    for violation in violations:
        lines.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']} — {violation['helpUrl']}")
        for node in violation["nodes"][:5]:
            summary = re.sub(r"\s+", " ", node.get("failureSummary") or "").strip()
            lines.append(f"      at {json.dumps(node['target'])}: {summary[:300]}")
            lines.append(f"         {node['html'][:200]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"      … and {len(violation['nodes']) - 5} more element(s)")
    return "\n".join(lines)


def test_every_page_type_has_no_wcag21_aa_violations(a11y_page: Page, site: str):
    page = a11y_page
    report = []
    for name, path in PAGE_TYPES.items():
        response = page.goto(site + path)
        expected = {"404": 404, "job description, bad values": 400}.get(name, 200)
        if response.status != expected:
            report.append(f"{name} ({path}): answered {response.status}, expected {expected}")
            continue
        violations = axe_violations(page)
        if violations:
            report.append(describe(name, path, violations))
    assert not report, "axe-core found WCAG 2.1 A/AA violations:\n\n" + "\n\n".join(report)


# Keyboard alone -------------------------------------------------------------------------------------


def tab_to(page: Page, selector: str, *, limit: int = 80) -> None:
    """Press Tab until the element matching ``selector`` has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    focused = page.evaluate("document.activeElement && document.activeElement.outerHTML.slice(0, 120)")
    raise AssertionError(f"{limit} presses of Tab never reached {selector}; the focus is on {focused}")


def expect_visible_focus(page: Page) -> None:
    """The focused element shows that it has the focus (an outline or a focus shadow)."""
    style = page.evaluate(
        """() => {
            const s = getComputedStyle(document.activeElement);
            return {outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0, shadow: s.boxShadow};
        }"""
    )
    assert style["outline"] or style["shadow"] not in ("", "none"), "the focused element shows no focus indicator"


def test_keyboard_reaches_skip_link_search_toc_and_copy_button(page: Page, site: str):
    role = Role.objects.get(slug=TSS)
    page.goto(site + "/")

    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    expect_visible_focus(page)

    # The header search: type, choose a suggestion with the arrow keys, open it with Enter.
    tab_to(page, "#site-search-q")
    expect_visible_focus(page)
    page.keyboard.type("technical sup", delay=20)
    options = page.locator("#site-search-q-suggestions [role=option]")
    expect(options.first).to_be_visible()
    page.snap()
    page.keyboard.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    active = options.first.get_attribute("id")
    expect(page.locator("#site-search-q")).to_have_attribute("aria-activedescendant", active)
    target = options.first.get_attribute("data-url")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{target}")
    assert target == f"/roles/{TSS}/"

    # The table of contents (behind its toggle button on a phone) jumps to a section with Enter.
    toggle = page.locator(".toc-toggle")
    if toggle.is_visible():
        tab_to(page, ".toc-toggle")
        page.keyboard.press("Enter")
        expect(page.locator("#toc-list")).to_have_class(re.compile(r"(^|\s)show(\s|$)"))
    tab_to(page, '#toc-list a[href="#faq"]')
    expect_visible_focus(page)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/roles/{TSS}/#faq")
    expect(page.locator("#faq")).to_be_in_viewport()
    page.snap()

    # The job description's copy button works from the keyboard.
    page.goto(f"{site}/roles/{TSS}/job-description/")
    tab_to(page, "button.jd-copy")
    expect_visible_focus(page)
    page.keyboard.press("Enter")
    expect(page.locator(".jd-copy-status")).to_contain_text("Copied")
    assert role.title in page.evaluate("navigator.clipboard.readText()")
    page.problems.assert_none()
