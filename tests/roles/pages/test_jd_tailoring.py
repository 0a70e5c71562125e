"""A job description tailored to one job by the values in its address: the page, its form, and the
job-ad wording (opening, requirements, pay given or typical, how to apply)."""

import datetime

import pytest
from django.utils import timezone
from jd_helpers import ACME, CUSTOMER, POSTED, SENIOR, TSS, acme, address, article_text, soup_of

from roles.models import Role
from roles.pages.jobdescription import JobDescriptionMarkdownView, JobDescriptionView, JobDescriptionWordView
from roles.pages.jobtailoring import TAILORING_PARAMETERS


def get_ok(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response


def test_the_tailoring_parameters_are_declared_once_for_every_view():
    assert TAILORING_PARAMETERS == (
        "company",
        "location",
        "remote",
        "employment_type",
        "salary_min",
        "salary_max",
        "currency",
        "salary_period",
        "apply_url",
        "benefits",
        "equal_opportunity",
        "posted",
        "closes",
    )
    for view in (JobDescriptionView, JobDescriptionMarkdownView, JobDescriptionWordView):
        assert view.tailoring_parameters is TAILORING_PARAMETERS


def test_tailored_page_is_a_job_ad_with_the_values(client, catalog):
    role = Role.objects.get(slug=TSS)
    response = get_ok(client, address(**acme(benefits="Health insurance\n- 30 days' leave", equal_opportunity="EO.")))
    soup = soup_of(response)
    article = soup.find("article", id="job-description")
    facts = {
        dt.get_text(strip=True): dd.get_text(strip=True)
        for dt, dd in zip(article.select("dt"), article.select("dd"), strict=True)
    }
    assert facts == {
        "Company": "Acme Ltd",
        "Location": "Berlin, Germany",
        "Employment type": "Full-time",
        "Pay": "€55,000 – €70,000 a year",
        "Posted": "2 March 2025",
        "Applications close": "1 April 2025",
    }
    opening = article.find(class_="jd-opening").get_text(strip=True)
    first_duty = role.duties.first().text.rstrip(".")
    assert opening == (
        "Acme Ltd is hiring a Technical Support Specialist in Berlin, Germany. This is a full-time position. "
        f"In this role you will {first_duty[0].lower()}{first_duty[1:]}."
    )
    headings = [h.get_text(strip=True) for h in article.find_all("h2")]
    assert headings == ["Responsibilities", "Requirements", "Skills", "Pay", "Benefits", "How to apply"]
    assert [li.get_text(strip=True) for li in article.select("#benefits li")] == ["Health insurance", "30 days' leave"]
    assert article.select_one("#pay .jd-pay-given").get_text(strip=True) == "€55,000 – €70,000 a year"
    # The pay given replaces the typical pay: one figure, this job's.
    assert not article.select("table.jd-salary")
    link = article.select_one("#how-to-apply a.jd-apply-link")
    assert link["href"] == "https://acme.example/jobs/42" and "nofollow" in link["rel"]
    assert "Applications close on 1 April 2025." in article.get_text(" ", strip=True)
    assert article.select_one(".jd-equal-opportunity").get_text(strip=True) == "EO."
    assert soup.find("title").get_text(strip=True).startswith("Technical Support Specialist at Acme Ltd")


def test_the_form_is_a_plain_get_form_holding_the_values(client, catalog):
    soup = soup_of(get_ok(client, address(**ACME)))
    form = soup.find("form", id="jd-tailor-form")
    assert form["method"].lower() == "get"
    assert form["action"] == f"/roles/{TSS}/job-description/"
    assert not form.find("input", attrs={"name": "csrfmiddlewaretoken"})
    names = {field["name"] for field in form.find_all(["input", "select", "textarea"]) if field.get("name")}
    assert names == set(TAILORING_PARAMETERS)
    assert form.find("input", attrs={"name": "company"})["value"] == "Acme Ltd"
    assert form.find("select", attrs={"name": "currency"}).find("option", selected=True)["value"] == "EUR"
    assert form.find("input", attrs={"name": "posted"})["value"] == POSTED
    assert form.find(["button", "input"], attrs={"type": "submit"})
    # Filled in: the form folds away (a <details>, no script needed) and the ad comes first.
    assert not form.find_parent("details").has_attr("open")


def test_untailored_page_is_a_template_with_placeholders_and_a_closed_form(client, catalog):
    soup = soup_of(get_ok(client, address()))
    text = soup.find("article").get_text(" ", strip=True)
    assert "[Company] is hiring a Technical Support Specialist in [location]." in text
    assert "[How to apply: a link to your application form or an e-mail address]" in text
    assert not soup.select("article dl.jd-facts")
    details = soup.find("form", id="jd-tailor-form").find_parent("details")
    assert not details.has_attr("open")
    assert details.find("summary").get_text(strip=True).startswith("Tailor it to your job")


def test_a_link_without_a_posting_date_gets_todays_date(client, catalog):
    """The posting date is the day the link was made, kept in the link: not the day someone opens it."""
    values = acme(posted=None)
    for fmt in ("page", "md", "txt", "docx"):
        before = timezone.localdate()
        response = client.get(address(fmt=fmt, **values))
        days = {before, timezone.localdate()}  # two only when the request ran over midnight
        assert response.status_code == 302, fmt
        assert response["Location"] in {address(fmt=fmt, **values, posted=day.isoformat()) for day in days}


def test_a_closing_date_given_is_the_one_shown(client, catalog):
    text = article_text(get_ok(client, address(**acme(closes="2025-05-31"))))
    assert "Applications close 31 May 2025" in text and "Applications close on 31 May 2025." in text


@pytest.mark.parametrize(
    ("changes", "pay"),
    [
        ({"salary_max": None}, "From €55,000 a year"),
        ({"salary_min": None}, "Up to €70,000 a year"),
        ({"salary_min": "60000", "salary_max": "60000"}, "€60,000 a year"),
        ({"salary_min": "55,000", "salary_max": "70,000.00"}, "€55,000 – €70,000 a year"),
        (
            {"salary_min": "27.5", "salary_max": "31", "currency": "USD", "salary_period": "HOUR"},
            "$27.50 – $31 an hour",
        ),
        (
            {"salary_min": "3000", "salary_max": "3600", "currency": "CHF", "salary_period": "MONTH"},
            "CHF 3,000 – CHF 3,600 a month",
        ),
    ],
)
def test_pay_is_written_as_given(client, catalog, changes, pay):
    soup = soup_of(get_ok(client, address(**acme(**changes))))
    assert soup.select_one("#pay .jd-pay-given").get_text(strip=True) == pay


def test_without_pay_the_typical_pay_is_shown_and_labelled_typical(client, catalog):
    soup = soup_of(get_ok(client, address(**acme(salary_min=None, salary_max=None))))
    pay = soup.select_one("#pay")
    assert not pay.select(".jd-pay-given")
    assert pay.select_one("table.jd-salary thead th").get_text(strip=True) == "Typical pay"
    assert "Typical pay for this role, from published figures, not the pay of this job" in pay.caption.get_text()
    rows = [row.th.get_text(strip=True) for row in pay.select("tbody tr")]
    assert rows == ["Median pay", "U.S. national range", "Technical Support Specialist"]
    assert "Pay" not in [dt.get_text(strip=True) for dt in soup.select("dl.jd-facts dt")]


@pytest.mark.parametrize("slug", [TSS, SENIOR])
def test_typical_pay_is_the_roles_own_not_the_ladder_above_it(client, catalog, slug):
    text = article_text(get_ok(client, address(slug)))
    for level in ("Technical Support Lead", "Technical Support Manager", "Director of Technical Support"):
        assert level not in text
    assert "U.S. national range, varies" not in text  # the note is not its own source


def test_remote_job_says_so_and_where_applicants_may_live(client, catalog):
    soup = soup_of(get_ok(client, address(**acme(location="United States", remote="on", employment_type="CONTRACTOR"))))
    assert (
        soup.select_one("dl.jd-facts")
        .get_text(" ", strip=True)
        .count("Fully remote, from anywhere in the United States")
    )
    opening = soup.select_one(".jd-opening").get_text(strip=True)
    assert opening.startswith(
        "Acme Ltd is hiring a Technical Support Specialist. This is a fully remote job: you can work from anywhere "
        "in the United States. This is a contract position."
    )


def test_remote_location_may_be_a_country_alone_but_an_office_needs_its_country(client, catalog):
    assert client.get(address(**acme(location="Canada", remote="on"))).status_code == 200
    response = client.get(address(**acme(location="Berlin")))
    assert response.status_code == 400
    assert "Give the city and the country, separated by a comma" in response.content.decode()


@pytest.mark.parametrize("typed", ["jobs@acme.example", "mailto:jobs@acme.example", "  JOBS@acme.example "])
def test_apply_by_email(client, catalog, typed):
    soup = soup_of(get_ok(client, address(**acme(apply_url=typed))))
    link = soup.select_one("#how-to-apply a.jd-apply-link")
    assert link["href"].lower() == "mailto:jobs@acme.example"
    assert link.find_parent("p").get_text(" ", strip=True).lower() == "send your application to jobs@acme.example"


def test_apply_link_without_a_scheme_is_https(client, catalog):
    soup = soup_of(get_ok(client, address(**acme(apply_url="acme.example/jobs/42"))))
    assert soup.select_one("a.jd-apply-link")["href"] == "https://acme.example/jobs/42"


@pytest.mark.parametrize(
    ("title", "article"),
    [
        ("IT Support Analyst", "an"),
        ("HR Manager", "an"),
        ("UX Designer", "a"),
        ("Account Manager", "an"),
        ("Underwriter", "an"),
        ("Unix Administrator", "a"),
        ("Data Analyst", "a"),
    ],
)
def test_the_opening_says_a_or_an_as_the_title_is_spoken(client, catalog, title, article):
    Role.objects.filter(slug=CUSTOMER).update(title=title)
    text = article_text(get_ok(client, address(CUSTOMER, **ACME)))
    assert f"Acme Ltd is hiring {article} {title} in Berlin, Germany." in text


def test_copy_text_is_the_tailored_plain_text_download(client, catalog):
    page = soup_of(get_ok(client, address(**ACME)))
    plain = page.find("template", id="jd-plain-text").get_text()
    assert plain == get_ok(client, address(fmt="txt", **ACME)).content.decode()
    assert "Company: Acme Ltd" in plain


def test_download_links_carry_the_same_values_and_nothing_else(client, catalog):
    soup = soup_of(get_ok(client, address(**ACME, utm_source="newsletter")))
    links = {a["href"] for a in soup.select(".jd-actions a[download]")}
    assert links == {address(fmt=fmt, **ACME) for fmt in ("md", "txt", "docx")}


def test_the_posting_date_is_kept_however_late_the_link_is_opened(client, catalog):
    assert datetime.date.fromisoformat(POSTED) < timezone.localdate()
    text = article_text(get_ok(client, address(**ACME)))
    assert "Posted 2 March 2025" in text


@pytest.mark.parametrize("fmt", ["page", "docx"])
def test_a_tailored_description_costs_what_the_template_costs(client, catalog, django_assert_max_num_queries, fmt):
    with django_assert_max_num_queries(25):
        assert client.get(address(fmt=fmt, **ACME)).status_code == 200


@pytest.mark.parametrize("fmt", ["page", "md", "txt", "docx"])
def test_a_tailored_link_made_before_a_rename_still_works(client, catalog, fmt):
    role = Role.objects.get(slug=CUSTOMER)
    role.slug = "customer-success-specialist"
    role.save()
    response = client.get(address(CUSTOMER, fmt, **ACME))
    assert response.status_code == 301
    assert response["Location"] == address("customer-success-specialist", fmt, **ACME)
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("slug", [TSS, SENIOR, CUSTOMER])
def test_each_typical_pay_line_names_its_source_once_and_plainly(client, catalog, slug):
    body = get_ok(client, address(slug, "txt")).content.decode()
    pay = body[body.index("Pay\n---\n") : body.index("How to apply\n")]
    lines = [line for line in pay.splitlines() if line.startswith("- ")]
    for line in lines:
        assert line.count("(") == line.count(")") == 1, line
        source = line[line.index("(source: ") + len("(source: ") : -1]
        assert len(set(source.split("; "))) == len(source.split("; ")), line
    if slug == SENIOR:
        assert lines == [
            "- Senior Technical Support Specialist: median $80,000, average $85,000 (source: Complete Technical "
            "Support Specialist Career Guide; Technical Support Specialist career path)"
        ]
