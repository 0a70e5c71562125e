"""The tailored downloads (.md, .txt, .docx) say what the page says, with the same values; the Word
file uses Word's own heading and list styles."""

import pytest
from jd_helpers import ACME, CUSTOMER, SENIOR, TSS, acme, address, word_document, word_links, word_text

from roles.models import Role

VALUES = acme(
    benefits="Health insurance\nHome-office budget", equal_opportunity="Acme is an equal-opportunity employer."
)
# What every tailored download must say, in these words.
EXPECTED = [
    "Acme Ltd is hiring a Technical Support Specialist in Berlin, Germany. This is a full-time position.",
    "Berlin, Germany",
    "Full-time",
    "€55,000 – €70,000 a year",
    "2 March 2025",
    "Applications close on 1 April 2025.",
    "Health insurance",
    "Home-office budget",
    "Acme is an equal-opportunity employer.",
    "https://acme.example/jobs/42",
]


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("md", "text/markdown; charset=utf-8"),
        ("txt", "text/plain; charset=utf-8"),
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ],
)
def test_tailored_download_has_the_values(client, catalog, fmt, content_type):
    response = client.get(address(fmt=fmt, **VALUES))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == (
        f'attachment; filename="acme-ltd-technical-support-specialist-job-description.{fmt}"'
    )
    text = word_text(word_document(response)) if fmt == "docx" else response.content.decode()
    for expected in EXPECTED:
        assert expected in text, (fmt, expected)
    # The pay given, not the role's typical figures.
    assert "Median pay" not in text


def test_markdown_lays_out_the_ad(client, catalog):
    body = client.get(address(fmt="md", **VALUES)).content.decode()
    assert body.startswith(
        "# Technical Support Specialist\n\n- **Company:** Acme Ltd\n- **Location:** Berlin, Germany\n"
    )
    sections = [line for line in body.splitlines() if line.startswith("## ")]
    assert sections == [
        "## Responsibilities",
        "## Requirements",
        "## Skills",
        "## Pay",
        "## Benefits",
        "## How to apply",
    ]
    assert "Apply online at <https://acme.example/jobs/42>" in body
    assert "*Acme is an equal-opportunity employer.*" in body


def test_word_file_uses_words_heading_and_list_styles(client, catalog):
    role = Role.objects.get(slug=TSS)
    document = word_document(client.get(address(fmt="docx", **VALUES)))
    styled = [(paragraph.style.name, paragraph.text) for paragraph in document.paragraphs]
    assert styled[0] == ("Title", "Technical Support Specialist")
    assert [text for style, text in styled if style == "Heading 1"] == [
        "Responsibilities",
        "Requirements",
        "Skills",
        "Pay",
        "Benefits",
        "How to apply",
    ]
    assert [text for style, text in styled if style == "Heading 2"] == [
        "Education",
        "Experience",
        "Certifications",
        "Technical skills",
        "Soft skills",
    ]
    bullets = [text for style, text in styled if style == "List Bullet"]
    for duty in role.duties.all():
        assert duty.text in bullets
    assert bullets[-2:] == ["Health insurance", "Home-office budget"]
    assert word_links(document) == [
        ("https://acme.example/jobs/42", "https://acme.example/jobs/42"),
        (f"http://testserver/roles/{TSS}/", "Technical Support Specialist"),
    ]
    assert document.core_properties.author == "Acme Ltd"
    assert document.core_properties.title == "Technical Support Specialist job description"
    assert document.core_properties.created.date().isoformat() == ACME["posted"]


def test_word_file_links_an_email_address_to_apply(client, catalog):
    document = word_document(client.get(address(fmt="docx", **acme(apply_url="jobs@acme.example"))))
    assert ("mailto:jobs@acme.example", "jobs@acme.example") in word_links(document)
    assert "Send your application to jobs@acme.example" in word_text(document)


@pytest.mark.parametrize("slug", [TSS, SENIOR, CUSTOMER])
def test_untailored_word_file_is_the_template(client, catalog, slug):
    role = Role.objects.get(slug=slug)
    response = client.get(address(slug, "docx"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{slug}-job-description.docx"'
    document = word_document(response)
    text = word_text(document)
    assert f"[Company] is hiring a {role.title} in [location]." in text
    assert "[How to apply: a link to your application form or an e-mail address]" in text
    for duty in role.duties.all():
        assert duty.text in text
    assert word_links(document) == [(f"http://testserver/roles/{slug}/", role.title)]


def test_untailored_word_file_quotes_the_typical_pay_as_typical(client, catalog):
    text = word_text(word_document(client.get(address(TSS, "docx"))))
    assert "Median pay: $59,660 (source: U.S. Bureau of Labor Statistics, May 2023)" in text
    assert "Typical pay for this role, from published figures, not the pay of this job" in text
    assert "Director" not in text


def test_stored_text_that_xml_cannot_hold_does_not_break_the_word_file(client, catalog):
    duty = Role.objects.get(slug=CUSTOMER).duties.first()
    duty.text = "Answer tickets\x0b\x1f quickly"
    duty.save()
    response = client.get(address(CUSTOMER, "docx"))
    assert response.status_code == 200
    assert "Answer tickets quickly" in word_text(word_document(response))


@pytest.mark.parametrize("slug", [TSS, SENIOR, CUSTOMER])
def test_an_untailored_word_file_is_dated_as_its_page_not_by_the_template(client, catalog, slug):
    """python-docx's blank template says it was made on 23 December 2013: a date no document gives. The template
    ad is dated as the page it copies (the date its document gives, else the day it was imported)."""
    import json

    from bs4 import BeautifulSoup

    page = BeautifulSoup(client.get(address(slug)).content, "html.parser")
    graph = json.loads(page.find("script", type="application/ld+json").string)["@graph"]
    occupation = next(node for node in graph if node["@type"] == "Occupation")
    properties = word_document(client.get(address(slug, fmt="docx"))).core_properties
    assert properties.created.date().isoformat() == occupation["mainEntityOfPage"]["lastReviewed"]
    assert properties.modified == properties.created
