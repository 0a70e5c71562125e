"""A role's address typed or shared in another case (/roles/TECHNICAL-SUPPORT-SPECIALIST/) answers 301 to the
canonical lowercase one, as an old slug does, keeping the query string; a slug no role has in any case is a 404."""

import pytest
from django.core.management import call_command

from tests.salaries.wages_data import SAMPLE

TSS = "technical-support-specialist"
SHOUTED = TSS.upper()
MIXED = "Technical-Support-Specialist"

# Every role address: the role page, its pay pages, the job description and its downloads, the API item
# and the API's pay in one area.
PATHS = [
    "/roles/{}/",
    "/roles/{}/pay/",
    "/roles/{}/pay/texas/",
    "/roles/{}/job-description/",
    "/roles/{}/job-description.md",
    "/roles/{}/job-description.txt",
    "/roles/{}/job-description.docx",
    "/api/roles/{}/",
    "/api/roles/{}/pay/texas/",
]


@pytest.fixture
def wages(catalog):
    """The catalog with the sample's official wages (Texas among the areas)."""
    call_command("import_wages", str(SAMPLE), "--all", verbosity=0)


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("slug", [SHOUTED, MIXED])
def test_any_case_answers_301_to_the_lowercase_address_keeping_the_query(client, wages, path, slug):
    response = client.get(path.format(slug), {"utm_source": "mail"})
    assert response.status_code == 301, (path, response.status_code)
    assert response["Location"] == path.format(TSS) + "?utm_source=mail"
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("path", PATHS)
def test_a_slug_no_role_has_in_any_case_stays_404(client, catalog, path):
    assert client.get(path.format("NO-SUCH-ROLE")).status_code == 404
    assert client.get(path.format("no-such-role")).status_code == 404


def test_an_old_slug_in_another_case_lands_on_the_current_address(client, catalog):
    from roles.models import Role

    role = Role.objects.get(slug=TSS)
    role.slug = "tech-support-specialist"
    role.save()
    response = client.get(f"/roles/{SHOUTED}/job-description/")
    assert response.status_code == 301
    assert response["Location"] == "/roles/tech-support-specialist/job-description/"
