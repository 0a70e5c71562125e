"""Phones at 360 and 390 px: what a visitor sees without zooming or scrolling sideways.

- Every money figure of a role page's salary section (chart and tables) lies within the screen, and so does
  every one of the official-wage pages (a role's pay by state and metro, in one state, every role in a state).
- The chart's bars are proportional: the upper levels are visibly different lengths, labels never
  run into the figures.
- "On this page" is on the screen from the middle and the end of a long role page, and works there.
- A search's first result is on the first screen, under one search box.
- No page type scrolls sideways.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from salaries.models import SalaryBand

TSS = "technical-support-specialist"
SENIOR = "senior-technical-support-specialist"

# Every text node with a digit and a currency sign or code, with the box the browser drew it in.
MONEY_BOXES = """selector => {
    const root = document.querySelector(selector);
    const money = /([$€£¥₹]|\\b(USD|EUR|GBP|CAD|AUD|INR|BRL|JPY|CHF|SGD|PLN)\\b)\\s*\\d|\\d[\\d,.]*\\s*(USD|EUR|GBP)/;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const boxes = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!money.test(node.textContent)) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const rect of range.getClientRects()) {
            if (rect.width === 0 || rect.height === 0) continue;  // <title>, <desc>: never drawn
            boxes.push({text: node.textContent.trim().slice(0, 40), left: rect.left, right: rect.right});
        }
    }
    return boxes;
}"""


def screen_width(page: Page) -> int:
    return page.evaluate("document.documentElement.clientWidth")


def assert_no_sideways_scroll(page: Page) -> None:
    sizes = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert sizes[0] <= sizes[1], f"{page.url} scrolls sideways: {sizes[0]} px of content on a {sizes[1]} px screen"


def test_every_money_figure_of_the_salary_section_is_on_the_screen(phone: Page, site: str):
    page = phone
    page.goto(f"{site}/roles/{TSS}/#salary")
    width = screen_width(page)
    # The pay figures sit in #salary and in the sections named for the source's own pay headings
    # ("Salary by Experience Level", "Global Salaries"): every money figure of the page is checked.
    boxes = page.evaluate(MONEY_BOXES, "main")
    bands = SalaryBand.objects.filter(role__slug=TSS)
    levels = bands.filter(kind=SalaryBand.EXPERIENCE_LEVEL).count()
    # The chart's figure, the table's median and average per level, and every country's two ranges.
    expected = levels * 3 + bands.filter(kind=SalaryBand.REGIONAL).count() * 2
    assert len(boxes) >= expected, f"only {len(boxes)} money figures drawn, expected at least {expected}"
    outside = [box for box in boxes if box["left"] < 0 or box["right"] > width + 0.5]
    assert not outside, f"money figures off a {width} px screen: {outside[:5]}"
    assert_no_sideways_scroll(page)
    page.locator("figure.salary-chart").first.scroll_into_view_if_needed()
    page.snap()


def test_salary_chart_bars_are_proportional_and_labels_clear_the_figures(phone: Page, site: str):
    page = phone
    page.goto(f"{site}/roles/{TSS}/")
    rows = page.evaluate(
        """() => Array.from(document.querySelectorAll('figure.salary-chart svg g'), g => {
            const label = g.querySelector('.chart-label').getBoundingClientRect();
            const value = g.querySelector('.chart-value');
            const bar = g.querySelector('.chart-bar').getBoundingClientRect();
            return {labelRight: label.right, valueLeft: value.getBoundingClientRect().left,
                    value: Number(value.textContent.replace(/[^0-9]/g, '')), bar: bar.width};
        })"""
    )
    assert len(rows) == 6
    for row in rows:
        assert row["labelRight"] < row["valueLeft"], f"a label runs into its figure: {row}"
    top = max(row["value"] for row in rows)
    widest = max(row["bar"] for row in rows)
    for row in rows:
        assert row["bar"] == pytest.approx(widest * row["value"] / top, abs=1.5)
    lead, manager, director = sorted(row["bar"] for row in rows)[-3:]
    assert manager - lead >= 20 and director - manager >= 20, "Lead, Manager and Director look the same length"


def test_compare_chart_labels_clear_their_figures(phone: Page, site: str):
    # Its rows carry ranges ("$37,000 – $95,000"): a wide figure leaves its label less room.
    page = phone
    page.goto(f"{site}/compare/?roles={TSS}&roles={SENIOR}")
    rows = page.evaluate(
        """() => Array.from(document.querySelectorAll('figure.salary-chart svg g'), g => ({
            label: g.querySelector('.chart-label').textContent,
            labelRight: g.querySelector('.chart-label').getBoundingClientRect().right,
            valueLeft: g.querySelector('.chart-value').getBoundingClientRect().left}))"""
    )
    assert rows
    collisions = [row for row in rows if row["labelRight"] >= row["valueLeft"]]
    assert not collisions, f"labels run into their figures: {collisions}"


@pytest.mark.parametrize("where", [0.5, 0.95])
def test_contents_control_is_on_the_screen_from_mid_page(phone: Page, site: str, where: float):
    page = phone
    page.goto(f"{site}/roles/{TSS}/")
    page.evaluate("where => window.scrollTo(0, document.documentElement.scrollHeight * where)", where)
    toggle = page.locator(".toc-toggle")
    expect(toggle).to_be_in_viewport(ratio=1)
    box = toggle.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"]
    page.snap()
    toggle.click()  # tapped at once, while the list is still opening: it folds away after the jump all the same
    faq = page.locator('#toc-list a[href="#faq"]')
    expect(faq).to_be_visible()  # in the list, which scrolls by itself when it is taller than the screen
    page.snap()
    # Followed from the keyboard (the same click event for the page's script): a pointer tap at coordinates
    # races the list's opening animation on a loaded machine and can land beside the link.
    faq.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/roles/{TSS}/#faq")
    page.wait_for_function(
        "() => { const c = document.getElementById('toc-list').classList;"
        " return !c.contains('show') && !c.contains('collapsing'); }"
    )
    heading = page.locator("#faq-h")
    expect(heading).to_be_in_viewport(ratio=1)
    # The heading is below the sticky bar, not under it.
    assert heading.bounding_box()["y"] >= toggle.bounding_box()["y"] + toggle.bounding_box()["height"]
    expect(toggle).to_be_in_viewport(ratio=1)
    page.problems.assert_none()


@pytest.mark.parametrize("query", ["certification", "techincal suport"])
def test_first_search_result_is_on_the_first_screen(phone: Page, site: str, query: str):
    page = phone
    page.goto(f"{site}/search/?" + f"q={query.replace(' ', '+')}")
    boxes = page.locator("input[type=search]:visible")
    expect(boxes).to_have_count(1)
    first = page.locator(".search-result").first
    title = first.locator(".search-result-title")
    expect(title).to_be_in_viewport(ratio=1)
    assert first.bounding_box()["y"] < page.viewport_size["height"] * 0.75
    # The filters are one tap away, and open without leaving the page.
    filters = page.locator("details.search-filters")
    expect(filters.locator("select[name=category]")).to_be_hidden()
    filters.locator("summary").click()
    expect(filters.locator("select[name=category]")).to_be_visible()
    page.snap()
    page.problems.assert_none()


# The official-wage pages (BLS OEWS, loaded by the `site` fixture): the state and metro tables, a state's
# percentiles, and every role's figures in one state. Each (path, table's selector, least money figures drawn).
PAY_PAGES = [
    (f"/roles/{TSS}/pay/", "#states", 50 * 3),  # every state: median, 10th and 90th percentile, hourly median
    (f"/roles/{TSS}/pay/texas/", "#percentiles", 6 * 3),  # five percentiles and the mean, hour/year/nationally
    ("/salaries/?area=texas", "#official-area", 3 * 3),  # three roles: median, 10th and 90th percentile
]


@pytest.mark.parametrize(("path", "table", "least"), PAY_PAGES)
def test_every_money_figure_of_the_pay_pages_is_on_the_screen(
    phone: Page, site: str, path: str, table: str, least: int
):
    page = phone
    page.goto(site + path)
    width = screen_width(page)
    boxes = page.evaluate(MONEY_BOXES, "main")
    assert len(page.evaluate(MONEY_BOXES, table)) >= least, f"fewer than {least} money figures drawn in {table}"
    outside = [box for box in boxes if box["left"] < 0 or box["right"] > width + 0.5]
    assert not outside, f"money figures off a {width} px screen on {path}: {outside[:5]}"
    assert_no_sideways_scroll(page)
    page.locator(table).scroll_into_view_if_needed()
    page.snap()


def test_pay_page_fits_a_phone_and_each_states_metro_areas_are_a_tap_away(phone: Page, site: str):
    # Every metro area in one table was 250 KB and 149,000 px tall at 360 px.
    page = phone
    response = page.goto(f"{site}/roles/{TSS}/pay/")
    assert len(response.body()) < 60_000, len(response.body())
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 15_000, f"the pay page is {height} px tall"
    page.locator("#metro-states").get_by_role("link", name="Texas", exact=True).click()
    expect(page).to_have_url(f"{site}/roles/{TSS}/pay/?state=texas#metros")
    expect(page.locator("#metro-count")).to_contain_text("metropolitan areas match in Texas")
    rows = page.locator("#metro-table tbody tr")
    assert rows.count() >= 20
    assert_no_sideways_scroll(page)
    page.snap()
    rows.get_by_role("link", name="Austin-Round Rock-San Marcos, TX").click()
    expect(page.locator("h1")).to_have_text("Technical Support Specialist pay in Austin-Round Rock-San Marcos, TX")


PAGES = [
    "/",
    "/roles/",
    f"/roles/{TSS}/",
    f"/roles/{SENIOR}/job-description/",
    "/salaries/",
    "/career-paths/",
    f"/compare/?roles={TSS}&roles={SENIOR}",
    # Three roles: a skill two of them share is a badge naming both, longer than a phone is wide.
    f"/compare/?roles={TSS},{SENIOR},customer-support-specialist",
    "/search/?q=support",
    "/roles/no-such-role/",
    *(path for path, _table, _least in PAY_PAGES),
]


def test_no_page_type_scrolls_sideways(phone: Page, site: str):
    page = phone
    for path in PAGES:
        page.goto(site + path)
        assert_no_sideways_scroll(page)
