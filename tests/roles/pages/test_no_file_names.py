"""A stored file name ("002_48a63475ebba2e71.txt") means nothing to a job seeker: every public page names a
source by its title and kind. The JSON API keeps the file name only as a field labelled so
(``sources[].file_name``) and as a row's ``source``, the key that points into that list."""

import io
import json
import re
import zipfile

import pytest
from bs4 import BeautifulSoup

from roles.models import Role, SourceDocument

STORED_NAME = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")


@pytest.fixture(autouse=True)
def render_every_request(settings):
    settings.PAGE_CACHE_ENABLED = False


def visible_text(response) -> str:
    kind = response["Content-Type"]
    if "html" in kind:
        soup = BeautifulSoup(response.content, "html.parser")
        for hidden in soup(["script", "style", "template"]):
            hidden.decompose()
        return " ".join(soup.get_text(" ").split())
    if "wordprocessingml" in kind:
        with zipfile.ZipFile(io.BytesIO(response.content)) as docx:
            return " ".join(docx.read(name).decode() for name in docx.namelist() if name.startswith("word/"))
    return response.content.decode()


def public_pages() -> list[str]:
    slugs = list(Role.objects.published().order_by("slug").values_list("slug", flat=True))
    pages = ["/", "/roles/", "/career-paths/", "/salaries/", f"/compare/?roles={','.join(slugs)}"]
    for slug in slugs:
        pages += [
            f"/roles/{slug}/",
            f"/roles/{slug}/pay/",
            f"/roles/{slug}/job-description/",
            f"/roles/{slug}/job-description.md",
            f"/roles/{slug}/job-description.txt",
            f"/roles/{slug}/job-description.docx",
        ]
    return pages


def test_no_public_page_shows_a_stored_file_name(client, catalog):
    pages = public_pages()
    assert len(pages) >= 5 + 6 * 3
    found = {}
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        names = STORED_NAME.findall(visible_text(response))
        if names:
            found[url] = names
    assert found == {}


def test_the_role_page_names_its_documents_by_title_and_kind(client, catalog):
    text = visible_text(client.get("/roles/customer-support-specialist/"))
    assert "From the Customer Support Specialist job description" in text
    guide = visible_text(client.get("/roles/technical-support-specialist/"))
    assert "Complete Technical Support Specialist Career Guide (career guide)" in guide


def test_a_document_title_is_escaped_wherever_the_role_page_names_it(client, catalog):
    # The source_name filter writes the markup itself: the title must still reach the page as text.
    role = Role.objects.get(slug="technical-support-specialist")
    SourceDocument.objects.filter(pk=role.source_id).update(title="Guide <b>\"&'</b> Career Guide")
    response = client.get("/roles/technical-support-specialist/")
    escaped = b"the <cite>Guide &lt;b&gt;&quot;&amp;&#x27;&lt;/b&gt; Career Guide</cite>"
    assert response.content.count(escaped + b' <span class="text-nowrap">(career guide)</span>') >= 2
    soup = BeautifulSoup(response.content, "html.parser")
    assert not soup.select("cite b")
    assert "From the Guide <b>\"&'</b> Career Guide (career guide)" in visible_text(response)


def file_names_in(value, key=None):
    """(key, string) for every string in a JSON value that holds a stored file name."""
    if isinstance(value, dict):
        for inner_key, inner in value.items():
            yield from file_names_in(inner, inner_key)
    elif isinstance(value, list):
        for inner in value:
            yield from file_names_in(inner, key)
    elif isinstance(value, str) and STORED_NAME.search(value):
        yield key, value


def test_the_api_gives_a_file_name_only_in_a_field_labelled_so(client, catalog):
    urls = ["/api/roles/"] + [f"/api/roles/{slug}/" for slug in Role.objects.published().values_list("slug", flat=True)]
    keys = set()
    for url in urls:
        data = json.loads(client.get(url).content)
        for key, value in file_names_in(data):
            assert STORED_NAME.fullmatch(value), (url, key, value)  # never inside prose
            keys.add(key)
        for source in data.get("sources", []):
            assert set(source) == {"file_name", "title", "kind"}
            assert source["kind"] in {"career guide", "job description"}
    assert keys <= {"file_name", "source"}
