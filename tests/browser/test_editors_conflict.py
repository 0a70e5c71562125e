"""Two editors in two browsers change the same role: different fields merge, the same field is a
conflict shown side by side and settled by the second editor (issue #16)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from roles.models import Role

TSS = "technical-support-specialist"
PASSWORD = "a-long-browser-test-password"


def log_in(page, site: str, name: str) -> None:
    page.goto(f"{site}/{settings.ADMIN_URL}")
    page.locator("#id_username").fill(name)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#login-form [type=submit]").click()
    expect(page.locator("#user-tools")).to_contain_text(name)


def open_browser(browser):
    """One editor's own browser (a context: its own cookies, so its own login)."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    context.set_default_timeout(30_000)
    context.set_default_navigation_timeout(60_000)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    return context, page


def test_two_editors_merge_and_settle_a_conflict(browser, site):
    for name in ("alice", "bob"):
        get_user_model().objects.create_superuser(name, f"{name}@example.com", PASSWORD)
    role = Role.objects.get(slug=TSS)
    change = f"{site}/{settings.ADMIN_URL}roles/role/{role.pk}/change/"
    alice_context, alice = open_browser(browser)
    bob_context, bob = open_browser(browser)
    try:
        log_in(alice, site, "alice")
        log_in(bob, site, "bob")
        alice.goto(change)
        bob.goto(change)
        expect(bob.locator("#presence")).to_contain_text("alice")  # bob sees alice has it open

        alice.locator("#id_summary").fill("Alice's summary.")
        alice.locator("#id_growth_outlook").fill("Alice's outlook.")
        alice.locator("input[name='_continue']").first.click()
        expect(alice.locator(".messagelist .success")).to_be_visible()

        bob.locator("#id_summary").fill("Bob's summary.")
        bob.locator("#id_ai_impact").fill("Bob's note on AI.")
        bob.locator("input[name='_continue']").first.click()
        conflicts = bob.locator("#conflicts")
        expect(conflicts).to_contain_text("Alice's summary.")
        expect(conflicts).to_contain_text("Bob's summary.")
        expect(conflicts).to_contain_text("alice")
        expect(bob.locator(".errornote")).to_be_visible()
        role.refresh_from_db()
        assert role.summary == "Alice's summary." and role.ai_impact != "Bob's note on AI."

        # Bob takes Alice's summary and saves: his note on AI is written, her outlook kept.
        conflicts.get_by_label("Use theirs for Summary").check()
        bob.locator("input[name='_continue']").first.click()
        expect(bob.locator(".messagelist .success").first).to_be_visible()
        role.refresh_from_db()
        assert (role.summary, role.growth_outlook, role.ai_impact) == (
            "Alice's summary.",
            "Alice's outlook.",
            "Bob's note on AI.",
        )
        assert alice.errors == [] and bob.errors == []
    finally:
        alice_context.close()
        bob_context.close()
