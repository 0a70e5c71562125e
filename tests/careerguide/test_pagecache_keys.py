"""Bounded page-cache keys: only what a view declares it reads makes a new page in the cache."""

import pytest

from careerguide.queryparams import CachePolicy, Param

ROLE = "/roles/technical-support-specialist/"
JD = "/roles/technical-support-specialist/job-description/"


def test_canonical_query_keeps_declared_parameters_in_declared_order():
    from django.http import QueryDict

    policy = CachePolicy((Param("sort", "choice", choices=("title", "salary")), Param("page", "int", minimum=1)))
    assert policy.canonical_query(QueryDict("page=2&utm_source=x&sort=salary")) == "sort=salary&page=2"
    assert policy.canonical_query(QueryDict("sort=salary&page=2")) == "sort=salary&page=2"
    assert policy.canonical_query(QueryDict("x=1")) == ""
    assert policy.canonical_query(QueryDict("page=0")) is None
    assert policy.canonical_query(QueryDict("page=abc")) is None
    assert policy.canonical_query(QueryDict("sort=random")) is None
    # Django's QueryDict.get gives the view the last value: so does the key.
    assert policy.canonical_query(QueryDict("page=9&page=2")) == "page=2"


@pytest.mark.django_db
def test_600_junk_parameter_requests_add_no_keys(private_page_cache, catalog, client):
    redis = private_page_cache
    canonical = client.get(ROLE)
    assert client.get(ROLE)["X-Page-Cache"] == "hit"
    client.get("/roles/")
    before = redis.page_keys()
    assert before == 2
    junk = [
        *(f"{ROLE}?x={n}" for n in range(200)),
        *(f"{ROLE}?utm_source=newsletter-{n}&utm_medium=email" for n in range(200)),
        *(f"/roles/?sort=by-{n}" for n in range(100)),  # a declared parameter, invalid values: not stored
        *(f"/roles/?page=x{n}" for n in range(100)),
    ]
    for url in junk:
        response = client.get(url)
        assert response.status_code == 200, url
    assert redis.page_keys() == before
    # The junk variants of a canonical page are that page, from the cache.
    response = client.get(f"{ROLE}?fbclid=abc")
    assert response["X-Page-Cache"] == "hit"
    assert response.content == canonical.content


@pytest.mark.django_db
def test_accept_and_host_variants_add_no_keys(private_page_cache, catalog, client):
    redis = private_page_cache
    client.get(ROLE)
    before = redis.page_keys()
    accepts = ["text/html", "*/*", "text/html,application/xhtml+xml;q=0.9", "foo/bar", "", "text/*;q=0.1"]
    for n in range(100):
        assert client.get(ROLE, headers={"Accept": f"{accepts[n % len(accepts)]};junk={n}"}).status_code == 200
    # Same host on other ports (the server listens on one): served, not stored.
    for port in range(1000, 1050):
        assert client.get(ROLE, HTTP_HOST=f"testserver:{port}").status_code == 200
    assert redis.page_keys() == before
    # JSON is the one other representation there is.
    client.get("/api/roles/", headers={"Accept": "application/json"})
    client.get("/api/roles/", headers={"Accept": "application/json; charset=utf-8"})
    assert redis.page_keys() == before + 1


@pytest.mark.django_db
def test_declared_parameters_make_their_own_pages(private_page_cache, catalog, client):
    redis = private_page_cache
    for url in ("/roles/", "/roles/?sort=salary", "/roles/?sort=salary&page=1", "/roles/?page=1&sort=salary&x=1"):
        assert client.get(url).status_code == 200
    # ?sort=salary&page=1 and its reordered, padded twin are one page.
    assert redis.page_keys() == 3
    hit = client.get("/roles/?x=2&page=1&sort=salary")
    assert hit["X-Page-Cache"] == "hit"
    assert client.get("/search/?q=network&utm_campaign=z").status_code == 200
    assert client.get("/search/?utm_campaign=y&q=network")["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_tailoring_parameters_key_the_job_description(private_page_cache, catalog, client):
    redis = private_page_cache
    tailoring = "company=Acme+Ltd&location=Berlin%2C+Germany&apply_url=jobs%40acme.example&employment_type=FULL_TIME"
    url = f"{JD}?{tailoring}&posted=2025-03-02"
    first = client.get(url)
    assert first.status_code == 200
    assert "Acme Ltd" in first.content.decode()
    keys = redis.page_keys()
    reordered = "&".join(reversed(tailoring.split("&")))
    again = client.get(f"{JD}?posted=2025-03-02&ref=mail&{reordered}")
    assert again["X-Page-Cache"] == "hit"
    assert again.content == first.content
    assert redis.page_keys() == keys


@pytest.mark.django_db
def test_addresses_of_roles_that_do_not_exist_add_no_keys(private_page_cache, catalog, client):
    redis = private_page_cache
    client.get(ROLE)
    before = redis.client.dbsize()
    for n in range(100):
        assert client.get(f"/roles/no-such-role-{n}/").status_code == 404
        assert client.get(f"/roles/{'x' * 300}{n}/job-description/").status_code == 404
    assert redis.client.dbsize() == before


@pytest.mark.django_db
def test_pay_pages_are_cached_by_their_declared_parameters_only(private_page_cache, catalog, client):
    from django.core.management import call_command

    from tests.salaries.wages_data import SAMPLE

    call_command("import_wages", str(SAMPLE), "--all", verbosity=0)
    redis = private_page_cache
    pay = "/roles/technical-support-specialist/pay/"
    pages = [pay, f"{pay}?state=texas", f"{pay}texas/", "/api/roles/technical-support-specialist/pay/texas/"]
    pages.append("/salaries/?area=texas")
    for url in pages:
        assert client.get(url).status_code == 200, url
        assert client.get(url)["X-Page-Cache"] == "hit", url
    before = redis.page_keys()
    assert before == len(pages)
    for n in range(50):
        for url in (f"{pay}?utm_source={n}", f"{pay}texas/?x={n}", f"/salaries/?area=texas&ref={n}"):
            assert client.get(url).status_code == 200, url
        # A declared parameter with a value no slug has is answered, never stored.
        assert client.get(f"{pay}?state=%20{n}%20").status_code == 200
    assert redis.page_keys() == before
    # The figures change with a new release: a wages import makes the pay pages stale.
    call_command("import_wages", str(SAMPLE), "--all", verbosity=0)
    assert client.get(f"{pay}texas/")["X-Page-Cache"] == "miss"
