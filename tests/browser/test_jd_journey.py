"""A recruiter tailors a job description in a real browser: fills the form, copies the ad and
downloads it as a Word file, at desktop and phone sizes."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from django.utils import timezone
from docx import Document
from playwright.sync_api import Page, expect

TSS = "technical-support-specialist"


def test_recruiter_tailors_the_job_description_copies_it_and_downloads_a_word_file(
    page: Page, site: str, tmp_path: Path
):
    page.goto(f"{site}/roles/{TSS}/job-description/")
    expect(page.locator(".jd-opening")).to_contain_text("[Company] is hiring a Technical Support Specialist")

    # The form is folded away until asked for.
    page.get_by_text("Tailor it to your job").click()
    page.get_by_label("Company").fill("Acme Ltd")
    page.get_by_label("Location").fill("Berlin, Germany")
    page.get_by_label("Employment type").select_option("PART_TIME")
    page.get_by_label("Pay from").fill("55,000")
    page.get_by_label("Pay up to").fill("70000")
    page.get_by_label("Currency").select_option("EUR")
    page.get_by_label("Apply link or e-mail").fill("jobs@acme.example")
    page.get_by_label("Benefits (optional)").fill("Health insurance\nHome-office budget")
    page.snap()
    page.get_by_role("button", name="Fill in the description").click()

    # The values are in the address, dated today (or tomorrow, had midnight passed): the link is the tailored
    # description.
    days = "|".join({timezone.localdate().isoformat(), (timezone.localdate() + dt.timedelta(days=1)).isoformat()})
    page.wait_for_url(re.compile(rf"company=Acme\+Ltd.*&posted=({days})(&|$)"))
    expect(page.locator(".jd-opening")).to_contain_text(
        "Acme Ltd is hiring a Technical Support Specialist in Berlin, Germany. This is a part-time position."
    )
    expect(page.locator("#pay .jd-pay-given")).to_have_text("€55,000 – €70,000 a year")
    expect(page.locator("#how-to-apply a")).to_have_attribute("href", "mailto:jobs@acme.example")

    copy = page.get_by_role("button", name="Copy to clipboard")
    copy.click()
    expect(page.locator(".jd-copy-status")).to_contain_text("Copied")
    page.snap()
    clipboard = page.evaluate("navigator.clipboard.readText()")
    for expected in (
        "Company: Acme Ltd",
        "Employment type: Part-time",
        "€55,000 – €70,000 a year",
        "Health insurance",
        "Send your application to jobs@acme.example",
    ):
        assert expected in clipboard, expected

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download as Word (.docx)").click()
    download = download_info.value
    assert download.suggested_filename == f"acme-ltd-{TSS}-job-description.docx"
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    document = Document(str(target))
    paragraphs = [(paragraph.style.name, paragraph.text) for paragraph in document.paragraphs]
    assert paragraphs[0] == ("Title", "Technical Support Specialist")
    text = "\n".join(text for _, text in paragraphs)
    for expected in (
        "Company: Acme Ltd",
        "Pay: €55,000 – €70,000 a year",
        "Send your application to jobs@acme.example",
    ):
        assert expected in text, expected
    assert ("List Bullet", "Home-office budget") in paragraphs
    page.problems.assert_none()


def test_a_bad_value_is_explained_on_the_form(page: Page, site: str):
    page.goto(f"{site}/roles/{TSS}/job-description/")
    page.get_by_text("Tailor it to your job").click()
    page.get_by_label("Company").fill("Acme Ltd")
    page.get_by_label("Location").fill("Berlin, Germany")
    page.get_by_label("Pay from").fill("80000")
    page.get_by_label("Pay up to").fill("50000")
    page.get_by_label("Apply link or e-mail").fill("javascript:alert(1)")
    page.get_by_role("button", name="Fill in the description").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("The highest pay must not be below the lowest.")
    expect(alert).to_contain_text("“javascript:” links are not allowed")
    # Following the message's link puts the cursor in the field to fix.
    alert.get_by_role("link", name="Apply link or e-mail").click()
    expect(page.get_by_label("Apply link or e-mail")).to_be_focused()
    expect(page.locator("a[href^='javascript']")).to_have_count(0)
    page.snap()
    page.problems.assert_none()
