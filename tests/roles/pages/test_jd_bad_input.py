"""Bad tailoring values: each gets a clear message on the form (400) and never a 500, a live link or
a script, on the page and in the three downloads; markup in values that are valid stays text."""

import re
from urllib.parse import urlencode

import pytest
from django.test import Client, override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jd_helpers import ACME, CUSTOMER, TSS, acme, address, soup_of, word_document, word_links, word_text
from markdown_it import MarkdownIt

from roles.pages.jobtailoring import TAILORING_PARAMETERS

# (parameter values, the field the message is on, what the message says)
BAD_VALUES = {
    "pay-not-a-number": ({"salary_min": "fifty thousand"}, "salary_min", "Give the pay as a number"),
    "pay-with-a-sign": ({"salary_max": "$70,000"}, "salary_max", "Give the pay as a number"),
    "pay-inverted": ({"salary_min": "80000", "salary_max": "50000"}, "salary_max", "must not be below the lowest"),
    "pay-negative": ({"salary_min": "-5"}, "salary_min", "more than zero"),
    "pay-zero": ({"salary_min": "0"}, "salary_min", "more than zero"),
    "pay-huge": ({"salary_max": "1e309"}, "salary_max", "too large"),
    "pay-nan": ({"salary_min": "NaN"}, "salary_min", "Give the pay as a number"),
    "pay-too-precise": ({"salary_min": "12.345"}, "salary_min", "at most two decimals"),
    "currency-unknown": ({"currency": "XYZ"}, "currency", "Choose a currency from the list"),
    "currency-missing": ({"currency": ""}, "currency", "Choose the currency of the pay"),
    "period-unknown": ({"salary_period": "FORTNIGHT"}, "salary_period", "Choose a pay period from the list"),
    "employment-unknown": ({"employment_type": "BOSS"}, "employment_type", "Choose an employment type from the list"),
    "employment-lowercase": ({"employment_type": "full_time"}, "employment_type", "Choose an employment type"),
    "employment-missing": ({"employment_type": None}, "employment_type", "Choose the employment type"),
    "company-5000": ({"company": "x" * 5000}, "company", "Keep this to 120 characters or fewer (it has 5000)"),
    "company-missing": ({"company": ""}, "company", "Give the name of the company"),
    "company-line-break": ({"company": "Acme\n# Heading"}, "company", "Remove the line breaks or control characters"),
    "company-bidi": ({"company": "Acme\u202eevil"}, "company", "Remove the line breaks or control characters"),
    # Bytes that are not UTF-8 (a mangled link, "%FF%FE") reach the form as U+FFFD: never shown as a name.
    "company-unreadable": ({"company": "Acme \ufffd\ufffd"}, "company", "could not be read"),
    "location-unreadable": ({"location": "\ufffd, Germany"}, "location", "could not be read"),
    "location-no-country": ({"location": "Berlin"}, "location", "Give the city and the country"),
    "apply-javascript": ({"apply_url": "javascript:alert(1)"}, "apply_url", "“javascript:” links are not allowed"),
    "apply-javascript-mixed-case": ({"apply_url": " JaVaScRiPt:alert(document.cookie)"}, "apply_url", "not allowed"),
    "apply-data": ({"apply_url": "data:text/html,<script>alert(1)</script>"}, "apply_url", "not allowed"),
    "apply-vbscript": ({"apply_url": "vbscript:msgbox(1)"}, "apply_url", "not allowed"),
    "apply-encoded-scheme": ({"apply_url": "javascript%3Aalert(1)"}, "apply_url", "That is not a web address"),
    "apply-bad-email": ({"apply_url": "mailto:not an address"}, "apply_url", "Give an e-mail address"),
    "apply-missing": ({"apply_url": ""}, "apply_url", "Give a link to apply at or an e-mail address"),
    "posted-impossible": ({"posted": "2025-02-30"}, "posted", "Give the date as YYYY-MM-DD"),
    "posted-far-future": ({"posted": "9999-12-31"}, "posted", "between 2000 and 2099"),
    "closes-before-posted": ({"closes": "2025-01-01"}, "closes", "cannot close before the job is posted"),
    "benefits-too-many": ({"benefits": "\n".join(f"Perk {n}" for n in range(20))}, "benefits", "at most 15"),
}


def assert_inert_html(html: str) -> None:
    soup = soup_of_text(html)
    for tag in soup.find_all(href=True):
        assert not tag["href"].strip().lower().startswith(("javascript:", "data:", "vbscript:")), tag
    for script in soup.find_all("script"):
        assert script.get("src") or script.get("type") == "application/ld+json", script
    assert "<script>alert" not in html


def soup_of_text(html: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")


@pytest.mark.parametrize("case", list(BAD_VALUES))
def test_bad_value_gets_a_clear_message_on_the_form(client, catalog, case):
    changes, field, message = BAD_VALUES[case]
    response = client.get(address(**acme(**changes)))
    assert response.status_code == 400
    html = response.content.decode()
    soup = soup_of(response)
    summary = soup.select_one(".jd-form-errors")
    assert summary is not None and summary["role"] == "alert"
    assert message in summary.get_text(" ", strip=True)
    # The field itself is marked and carries the message, and the form is open to fix it.
    widget = soup.find(attrs={"name": field})
    assert "is-invalid" in widget.get("class", [])
    assert message in soup.find(id=f"id_{field}").find_parent(class_="mb-3").get_text(" ", strip=True)
    assert soup.find("form", id="jd-tailor-form").find_parent("details").has_attr("open")
    # Nothing is filled in from bad values: the untailored template, no JobPosting, not indexed.
    assert "[Company] is hiring" in soup.find("article").get_text(" ", strip=True)
    assert "JobPosting" not in html
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert_inert_html(html)


@pytest.mark.parametrize("fmt", ["md", "txt", "docx"])
@pytest.mark.parametrize("case", list(BAD_VALUES))
def test_bad_value_in_a_download_is_a_plain_400_with_the_message(client, catalog, case, fmt):
    changes, field, message = BAD_VALUES[case]
    response = client.get(address(fmt=fmt, **acme(**changes)))
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Content-Disposition" not in response
    body = response.content.decode()
    assert body.startswith("This job description could not be tailored:")
    assert message in body
    assert f"/roles/{TSS}/job-description/" in body


def test_a_company_sent_as_bytes_that_are_not_utf8_is_refused_not_shown(client, catalog):
    query = urlencode(acme(company=None))
    response = client.get(f"/roles/{TSS}/job-description/?{query}&company=%FF%FE")
    assert response.status_code == 400
    assert "could not be read" in soup_of(response).select_one(".jd-form-errors").get_text(" ", strip=True)
    assert "\ufffd" not in soup_of(response).select_one("main").get_text()


HOSTILE_COMPANY = '<script>alert(1)</script> [x](javascript:alert(2)) <a href="javascript:alert(3)">Acme</a> *bold*'
HOSTILE = acme(
    company=HOSTILE_COMPANY[:120],
    location="<img src=x onerror=alert(4)>, [y]: javascript:alert(5)",
    benefits="[Perk](javascript:alert(6))\n<script>alert(7)</script>\n# Not a heading\n1. not a list",
    equal_opportunity="<b>EO</b> ![i](javascript:alert(8)) <javascript:alert(9)>",
)


def test_markup_in_valid_values_is_text_on_the_page(client, catalog):
    response = client.get(address(**HOSTILE))
    assert response.status_code == 200
    html = response.content.decode()
    assert_inert_html(html)
    text = soup_of(response).find("article").get_text(" ", strip=True)
    assert HOSTILE["company"] in text and "<script>alert(7)</script>" in text
    # The ad's only links: the way to apply and the role's guide.
    links = [a["href"] for a in soup_of(response).select("article a[href]")]
    assert links == [ACME["apply_url"], f"http://testserver/roles/{TSS}/"]


def test_markup_in_valid_values_is_text_in_the_markdown(client, catalog):
    body = client.get(address(fmt="md", **HOSTILE)).content.decode()
    rendered = MarkdownIt("commonmark").render(body)
    soup = soup_of_text(rendered)
    assert not soup.find_all(["script", "img", "b"]), "raw HTML from a value was passed through"
    assert [a["href"] for a in soup.find_all("a")] == [ACME["apply_url"], f"http://testserver/roles/{TSS}/"]
    headings = [h.get_text() for h in soup.find_all(["h1", "h2", "h3"])]
    assert "Not a heading" not in headings
    assert "<script>alert(7)</script>" in soup.get_text()
    assert HOSTILE["company"] in soup.get_text()


def test_markup_in_valid_values_is_text_in_the_plain_text_and_word_files(client, catalog):
    text = client.get(address(fmt="txt", **HOSTILE)).content.decode()
    assert f"Company: {HOSTILE['company']}" in text
    document = word_document(client.get(address(fmt="docx", **HOSTILE)))
    assert f"Company: {HOSTILE['company']}" in word_text(document)
    assert [url for url, _ in word_links(document)] == [ACME["apply_url"], f"http://testserver/roles/{TSS}/"]


def test_an_apply_address_is_percent_encoded_so_it_cannot_break_out(client, catalog):
    values = acme(apply_url='https://acme.example/jobs?q="><script>alert(1)</script>')
    response = client.get(address(**values))
    assert response.status_code == 200
    href = soup_of(response).select_one("a.jd-apply-link")["href"]
    assert href == "https://acme.example/jobs?q=%22%3E%3Cscript%3Ealert(1)%3C/script%3E"
    markdown = client.get(address(fmt="md", **values)).content.decode()
    rendered = soup_of_text(MarkdownIt("commonmark").render(markdown))
    # A space would end the address (and is refused: no web address has one).
    assert client.get(address(**acme(apply_url="https://acme.example/a b"))).status_code == 400
    assert not rendered.find("script")
    assert rendered.select("a")[0]["href"] == href


# Property test: whatever a client sends in any tailoring parameter, no route answers 500.
hostile_text = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        ["%ff%fe", "%00", "%ed%a0%80", "1e309", "-0", "NaN", "Infinity", "9" * 400, "javascript:alert(1)", "on", ""]
    ),
)


@pytest.mark.slow  # a property test: dozens of requests
@override_settings(DEBUG_PROPAGATE_EXCEPTIONS=False)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    pairs=st.lists(st.tuples(st.sampled_from(TAILORING_PARAMETERS), hostile_text), min_size=1, max_size=5),
    fmt=st.sampled_from(["page", "md", "txt", "docx"]),
)
def test_any_tailoring_values_are_answered_without_a_server_error(catalog, pairs, fmt):
    from urllib.parse import quote

    query = "&".join(
        f"{name}={value if re.fullmatch(r'(%[0-9a-f]{2})+', value) else quote(value, safe='')}" for name, value in pairs
    )
    url = address(CUSTOMER, fmt) + "?" + query
    response = Client(raise_request_exception=False).get(url)
    assert response.status_code < 500, url
