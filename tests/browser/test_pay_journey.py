"""A job seeker finds what a role pays where they live, in a real browser, at desktop and phone sizes."""

from __future__ import annotations

from playwright.sync_api import Page, expect

TSS = "technical-support-specialist"


def test_job_seeker_chooses_a_state_reads_the_map_and_filters_metro_areas(page: Page, site: str):
    page.goto(f"{site}/roles/{TSS}/")
    official = page.locator("#official-pay")
    expect(official).to_contain_text("$61,860 a year")
    expect(official).to_contain_text("BLS OEWS, May 2025")
    official.get_by_label("Pay where you live").select_option("texas")
    official.get_by_role("button", name="Show pay").click()
    expect(page).to_have_url(f"{site}/roles/{TSS}/pay/texas/")
    expect(page.locator("h1")).to_have_text("Technical Support Specialist pay in Texas")
    expect(page.locator("p.lead")).to_contain_text("4% below the nation's $61,860")

    page.get_by_role("link", name="Every state and metro area").click()
    tile = page.get_by_role("link", name="California, CA: median $79,570")
    expect(tile).to_be_visible()
    # A name typed lists the metro areas holding it (on the server: no script needed).
    page.get_by_label("Name contains").fill("austin")
    page.get_by_role("button", name="Show metro areas").click()
    rows = page.locator("#metro-table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Austin-Round Rock-San Marcos, TX")
    expect(page.locator("#metro-count")).to_contain_text("1 of 528 metropolitan areas match")
    tile.click()
    expect(page).to_have_url(f"{site}/roles/{TSS}/pay/california/")
