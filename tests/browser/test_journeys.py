"""What job seekers, recruiters and editors do on the site, done in a real browser at desktop and phone sizes.

Each test is one person's journey through the public pages (or the admin), clicking and typing as they
would; it checks what they see, not how the page is built. Expected figures come from the loaded catalog.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import Page, expect

from roles.models import Role
from salaries.models import SalaryBand

TSS = "technical-support-specialist"
SENIOR = "senior-technical-support-specialist"
CSS = "customer-support-specialist"


# What a person does on a page, whatever its size ---------------------------------------------------


def open_menu_if_collapsed(page: Page) -> None:
    """On a phone the header may fold into a menu button: open it as a visitor would."""
    toggler = page.locator(".navbar-toggler")
    if toggler.count() and toggler.first.is_visible() and toggler.first.get_attribute("aria-expanded") != "true":
        toggler.first.click()


def open_toc_if_collapsed(page: Page) -> None:
    """On a phone the role page's table of contents is behind an "On this page" button."""
    toggle = page.locator(".toc-toggle")
    if toggle.count() and toggle.first.is_visible() and toggle.first.get_attribute("aria-expanded") != "true":
        toggle.first.click()
        page.wait_for_function("() => document.getElementById('toc-list').className.split(' ').includes('show')")


def wait_for_toc_folded(page: Page) -> None:
    """On a phone, following a TOC link folds the list away again; a visitor reads on once it has."""
    if page.locator(".toc-toggle").is_visible():
        page.wait_for_function(
            "() => { const c = document.getElementById('toc-list').classList;"
            " return !c.contains('show') && !c.contains('collapsing'); }"
        )


def expect_section_in_view(page: Page, section_id: str) -> None:
    """The section's top sits at the top of the window (where an anchor jump puts it, after its scroll
    margin), or the page is scrolled to its end with the section showing."""
    page.wait_for_function(
        """id => {
            const el = document.getElementById(id);
            if (!el) return false;
            const top = el.getBoundingClientRect().top;
            const margin = parseFloat(getComputedStyle(el).scrollMarginTop) || 0;
            const atEnd = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2;
            return Math.abs(top - margin) <= 3 || (atEnd && top >= 0 && top < window.innerHeight - 40);
        }""",
        arg=section_id,
        timeout=5_000,
    )


def money(amount: int) -> str:
    return f"${amount:,}"


def level_medians(slug: str) -> dict[str, int]:
    bands = SalaryBand.objects.filter(role__slug=slug, kind=SalaryBand.EXPERIENCE_LEVEL, median__isnull=False)
    return {band.label: band.median for band in bands}


def salary_table(page: Page) -> dict[str, list[str]]:
    """The experience-level salary table of a role page as {level: [cell texts]}."""
    return page.evaluate(
        """() => {
            const rows = document.querySelectorAll('#salary table.salary-table tbody tr');
            const out = {};
            rows.forEach(row => {
                const th = row.querySelector('th');
                const cells = Array.from(row.querySelectorAll('td'), td => td.textContent.trim());
                out[th.firstChild.textContent.trim()] = cells;
            });
            return out;
        }"""
    )


# Journeys ----------------------------------------------------------------------------------------------


def test_job_seeker_searches_reads_and_climbs_the_ladder(page: Page, site: str):
    page.goto(site + "/")
    open_menu_if_collapsed(page)
    box = page.locator("#site-search-q")
    box.click()
    box.press_sequentially("technical support", delay=20)
    suggestions = page.locator("#site-search-q-suggestions [role=option]")
    expect(suggestions.first).to_be_visible()
    expect(suggestions).to_contain_text(["Technical Support Specialist"])
    expect(box).to_have_attribute("aria-expanded", "true")
    page.snap()

    box.press_sequentially(" salary", delay=20)
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=technical\+support\+salary"))
    expect(page.locator("h1")).to_contain_text("technical support salary")
    marks = page.locator(".search-snippet mark")
    expect(marks.first).to_be_visible()
    for word in marks.all_inner_texts():
        assert word.lower().startswith(("tech", "support", "salar")), f"unexpected highlight {word!r}"

    page.locator(f'a.search-section-link[href="/roles/{TSS}/#salary"]').first.click()
    page.wait_for_url(f"**/roles/{TSS}/#salary")
    expect_section_in_view(page, "salary")
    page.snap()

    # The chart (SVG) and the table both carry every level's median, formatted as money.
    medians = level_medians(TSS)
    assert medians, "the catalog has no experience-level salary bands for the role"
    chart = page.locator("figure.salary-chart svg[role=img]").first
    expect(chart).to_be_visible()
    chart_text = chart.text_content()
    table = salary_table(page)
    for label, median in medians.items():
        assert money(median) in chart_text, f"{label}: {money(median)} missing from the salary chart"
        assert money(median) in table.get(label, []), f"{label}: {money(median)} missing from the table {table}"
    assert money(medians["Technical Support Specialist"]) == "$65,000"

    # The table of contents jumps between sections and puts the section's anchor in the address.
    for section in ("faq", "career-path"):
        open_toc_if_collapsed(page)
        # From the keyboard: the same click event, without a pointer tap racing the list's animation.
        page.locator(f'#toc-list a[href="#{section}"]').focus()
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/roles/{TSS}/#{section}")
        wait_for_toc_folded(page)
        expect_section_in_view(page, section)
        page.snap()

    # The career ladder leads to the next role up.
    page.locator(f'#career-path .ladder a[href="/roles/{SENIOR}/"]').click()
    page.wait_for_url(f"**/roles/{SENIOR}/")
    expect(page.locator("h1")).to_have_text("Senior Technical Support Specialist")
    page.problems.assert_none()


def test_recruiter_copies_and_downloads_the_job_description(page: Page, site: str, tmp_path: Path):
    role = Role.objects.get(slug=SENIOR)
    duties = list(role.duties.values_list("text", flat=True))
    assert duties

    page.goto(f"{site}/roles/{SENIOR}/")
    page.get_by_role("link", name=re.compile("job description", re.IGNORECASE)).first.click()
    page.wait_for_url(f"**/roles/{SENIOR}/job-description/")
    expect(page.locator("h1")).to_have_text(role.title)

    copy = page.get_by_role("button", name="Copy to clipboard")
    expect(copy).to_be_visible()
    copy.click()
    expect(page.locator(".jd-copy-status")).to_contain_text("Copied")
    page.snap()
    clipboard = page.evaluate("navigator.clipboard.readText()")
    assert role.title in clipboard
    for duty in duties:
        assert duty in clipboard, f"duty missing from the copied text: {duty[:60]}"

    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(r"Markdown")).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".md")
    assert SENIOR in download.suggested_filename
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    markdown = target.read_text(encoding="utf-8")
    assert markdown.startswith(f"# {role.title}")
    for duty in duties:
        assert f"- {duty}" in markdown, f"duty missing from the Markdown: {duty[:60]}"
    page.problems.assert_none()


def test_editor_changes_salary_and_faq_then_restores_the_earlier_version(page: Page, site: str):
    password = "a-long-browser-test-password"
    get_user_model().objects.create_superuser("browser-editor", "editor@example.com", password)
    # The catalog comes from loaddata, which records no version; a deployment records the first one
    # (as here) so that the first edit in the admin can be undone too.
    call_command("createinitialrevisions", "roles.Role", comment="Catalog as loaded.", verbosity=0)
    role = Role.objects.get(slug=TSS)
    old_median = SalaryBand.objects.get(role=role, kind=SalaryBand.EXPERIENCE_LEVEL, label=role.title).median
    new_median = old_median + 2_500
    new_answer = "Edited in the browser test: yes, and the page shows it at once."

    page.goto(f"{site}/{settings.ADMIN_URL}")
    page.locator("#id_username").fill("browser-editor")
    page.locator("#id_password").fill(password)
    page.locator("#login-form [type=submit]").click()
    page.locator(f"a[href$='/{settings.ADMIN_URL}roles/role/']").first.click()
    page.get_by_role("link", name=role.title, exact=True).click()
    expect(page.locator("h1")).to_contain_text("Change role")

    page.locator("fieldset.collapse summary", has_text="FAQs").click()
    first_answer = page.locator("textarea[name='faqs-0-answer']")
    old_answer = first_answer.input_value()
    first_answer.fill(new_answer)

    page.locator("fieldset.collapse summary", has_text="Salary bands").click()
    prefix = page.evaluate(
        """label => {
            const input = Array.from(document.querySelectorAll('input[name^="salary_bands-"][name$="-label"]'))
                .find(i => i.value === label);
            return input && input.name.replace(/-label$/, '');
        }""",
        role.title,
    )
    assert prefix, "no salary band row for the role's own level in the admin"
    median = page.locator(f"input[name='{prefix}-median']")
    expect(median).to_have_value(str(old_median))
    median.fill(str(new_median))
    page.snap()
    page.locator("input[name='_continue']").first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    page.goto(f"{site}/roles/{TSS}/")
    assert money(new_median) in salary_table(page)[role.title]
    expect(page.locator("#faq")).to_contain_text(new_answer)

    # Restore the version recorded before the edit, from the role's history.
    page.go_back()
    page.locator("a.historylink").click()
    rows = page.locator("#change-history tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.last).to_contain_text("Catalog as loaded.")
    rows.last.locator("th a").click()
    expect(page.locator(f"input[name='{prefix}-median']")).to_have_value(str(old_median))
    page.locator("input[name='_save']").first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    page.goto(f"{site}/roles/{TSS}/")
    assert money(old_median) in salary_table(page)[role.title]
    faq = page.locator("#faq")
    expect(faq).to_contain_text(old_answer[:80])
    expect(faq).not_to_contain_text(new_answer)
    page.problems.assert_none()


def test_self_check_ticks_change_the_missing_list_and_closest_roles_and_persist(page: Page, site: str):
    page.goto(f"{site}/roles/{TSS}/")
    section = page.locator("#selfcheck")
    section.scroll_into_view_if_needed()
    own = section.locator("input[type=checkbox][data-group=role]")
    total = own.count()
    assert total >= 3, "the self-check lists too few of the role's skills to test"
    missing = page.locator("#selfcheck-missing-role li")
    expect(missing).to_have_count(total)
    closest = page.locator("#selfcheck-closest")
    expect(closest).to_contain_text("Tick a few skills")

    chosen = [own.nth(i).get_attribute("id") for i in range(2)]
    names = [page.locator(f"label[for='{box_id}']").inner_text().strip() for box_id in chosen]
    for box_id in chosen:
        page.locator(f"label[for='{box_id}']").click()  # the label is the target a finger hits
    expect(missing).to_have_count(total - 2)
    for name in names:
        expect(page.locator("#selfcheck-missing-role")).not_to_contain_text(name)
    expect(page.locator("#selfcheck-summary")).to_contain_text(f"You have 2 of the {total}")
    ranking = page.locator("#selfcheck-closest-list li")
    expect(ranking.first).to_have_attribute("data-slug", TSS)
    before = ranking.all_inner_texts()
    page.snap()

    # Ticking what the next level up asks for moves the ranking towards that role.
    next_level = section.locator("input[type=checkbox][data-group=next]:not(:checked)")
    assert next_level.count(), "the self-check lists nothing for the next level up"
    while next_level.count():  # a skill in both lists is ticked in both at once
        page.locator(f"label[for='{next_level.first.get_attribute('id')}']").click()
    expect(ranking.first).not_to_have_text(before[0])
    after_ticks = {box.get_attribute("id") for box in section.locator("input[type=checkbox]:checked").all()}
    page.snap()

    page.reload()
    page.locator("#selfcheck").scroll_into_view_if_needed()
    expect(page.locator("#selfcheck-missing-role li")).to_have_count(total - 2)
    persisted = {box.get_attribute("id") for box in page.locator("#selfcheck input[type=checkbox]:checked").all()}
    assert persisted == after_ticks
    stored = page.evaluate(f"localStorage.getItem('careerguide:selfcheck:{TSS}')")
    assert stored and all(page.locator(f"#{box_id}").get_attribute("value") in stored for box_id in chosen)
    page.problems.assert_none()


def test_compare_two_roles_from_a_role_page(page: Page, site: str):
    page.goto(f"{site}/roles/{TSS}/")
    page.locator("#compare-with-link").click()
    page.wait_for_url(re.compile(rf"/compare/\?roles={TSS}"))
    page.locator("#compare-role-2").select_option(SENIOR)
    page.locator("form.compare-picker button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/compare/\?roles={TSS}&roles={SENIOR}"))
    expect(page.locator("h1")).to_have_text(
        "Compare Technical Support Specialist and Senior Technical Support Specialist"
    )
    columns = page.locator("th.compare-role-name a")
    expect(columns).to_have_text(["Technical Support Specialist", "Senior Technical Support Specialist"])
    pay = page.locator("#pay svg")
    expect(pay).to_be_visible()
    for median in level_medians(SENIOR).values():
        assert money(median) in pay.text_content()
    expect(page.locator("#shared")).to_be_visible()
    page.problems.assert_none()
