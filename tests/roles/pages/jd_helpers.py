"""What the tailored job-description tests share: a recruiter's values, the addresses they make and
readers for what comes back (the page's article and JSON-LD, a Word file)."""

from __future__ import annotations

import io
import json
from urllib.parse import urlencode

from bs4 import BeautifulSoup

TSS = "technical-support-specialist"
SENIOR = "senior-technical-support-specialist"
CUSTOMER = "customer-support-specialist"
# A posting date in the past: the page must say this date, not the day a test runs.
POSTED = "2025-03-02"
# What a recruiter types into the form.
ACME = {
    "company": "Acme Ltd",
    "location": "Berlin, Germany",
    "employment_type": "FULL_TIME",
    "salary_min": "55000",
    "salary_max": "70000",
    "currency": "EUR",
    "apply_url": "https://acme.example/jobs/42",
    "posted": POSTED,
}
FORMATS = {
    "page": "job-description/",
    "md": "job-description.md",
    "txt": "job-description.txt",
    "docx": "job-description.docx",
}


def address(slug: str = TSS, fmt: str = "page", **values) -> str:
    query = urlencode(values)
    return f"/roles/{slug}/{FORMATS[fmt]}" + (f"?{query}" if query else "")


def acme(**changes) -> dict:
    """ACME's values with ``changes``; a change to None leaves that parameter out."""
    values = {**ACME, **changes}
    return {name: value for name, value in values.items() if value is not None}


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def article_text(response) -> str:
    return soup_of(response).find("article", id="job-description").get_text(" ", strip=True)


def jsonld_graph(response) -> list[dict]:
    blocks = soup_of(response).find_all("script", type="application/ld+json")
    assert len(blocks) == 1
    return json.loads(blocks[0].string)["@graph"]


def nodes_of_type(graph: list[dict], type_name: str) -> list[dict]:
    return [node for node in graph if node.get("@type") == type_name]


def word_document(response):
    from docx import Document

    return Document(io.BytesIO(response.content))


def word_text(document) -> str:
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def word_links(document) -> list[tuple[str, str]]:
    """(address, text) of every hyperlink in the document's paragraphs."""
    return [(link.address, link.text) for paragraph in document.paragraphs for link in paragraph.hyperlinks]
