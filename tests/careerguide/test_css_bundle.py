"""The pages' Bootstrap is a subset built from Bootstrap's own SCSS and JS (``make css``, frontend/): the
committed files must be the build of the committed inputs, and every Bootstrap class a page uses must be
in the CSS.

No node here: the build heads each output with the SHA-256 of its inputs, recomputed below the same way
(frontend/build.mjs, ``inputsHash``).
"""

import hashlib
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.db import transaction
from django.test import Client

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "static" / "vendor" / "bootstrap" / "css" / "bootstrap.subset.min.css"
SCRIPT = ROOT / "static" / "vendor" / "bootstrap" / "js" / "bootstrap.subset.min.js"
INPUTS = [
    "frontend/scss/bootstrap-subset.scss",
    "frontend/js/bootstrap-subset.js",
    "frontend/package-lock.json",
    "frontend/build.mjs",
]

ROLE = "technical-support-specialist"
PAGES = {
    "home": "/",
    "roles": "/roles/",
    "role page": f"/roles/{ROLE}/",
    "job description": f"/roles/senior-{ROLE}/job-description/",
    "salaries": "/salaries/",
    "career paths": "/career-paths/",
    "compare": f"/compare/?roles={ROLE},customer-support-specialist",
    "compare, nothing picked": "/compare/",
    "search": "/search/?q=help+desk",
    "search, no results": "/search/?q=zzqqxxv",
    "404": "/roles/no-such-role/",
}

# Class names in Bootstrap's families (components, grid, helpers, utilities). A page's class of one of
# these shapes must be defined by a stylesheet the page loads: the subset, or the site's own CSS.
BOOTSTRAP_SHAPED = re.compile(
    r"^(?:[mp][tbsexy]?-(?:[0-5]|auto)|[mp][tbsexy]?-(?:sm|md|lg|xl|xxl)-(?:[0-5]|auto)"
    r"|d(?:-(?:sm|md|lg|xl|xxl|print))?-[a-z-]+|col(?:-.+)?|row(?:-cols-.+)?|g[xy]?-\d|gap-\d|order-.+"
    r"|(?:align|justify|flex)-.+|text-.+|fw-.+|fs-\d|fst-.+|w-\d+|h-\d+|border(?:-.+)?|display-\d|h[1-6]"
    r"|lead|small|container(?:-.+)?|btn(?:-.+)?|form-.+|nav(?:bar)?(?:-.+)?|card(?:-.+)?|alert(?:-.+)?"
    r"|badge|table(?:-.+)?|page-(?:item|link)|pagination(?:-.+)?|breadcrumb(?:-.+)?|list-.+|visually-hidden(?:-.+)?"
    r"|stretched-link|collapse|collapsing|invalid-feedback|is-invalid|input-group(?:-.+)?)$"
)


def inputs_hash() -> str:
    digest = hashlib.sha256()
    for path in sorted(INPUTS):
        file_hash = hashlib.sha256((ROOT / path).read_bytes()).hexdigest()
        digest.update(f"{path}\n{file_hash}\n".encode())
    return digest.hexdigest()


def defined_classes(css: str) -> set[str]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"url\([^)]*\)|\"[^\"]*\"|'[^']*'", "", css)
    selectors = re.findall(r"([^{}]+)\{", css)
    return {name.replace("\\", "") for sel in selectors for name in re.findall(r"\.((?:[\w-]|\\.)+)", sel)}


@pytest.mark.parametrize("built", [BUNDLE, SCRIPT], ids=["css", "js"])
def test_the_committed_subset_is_the_build_of_its_inputs(built):
    header = built.read_text(encoding="ascii").split("\n", 1)[0]
    recorded = re.search(r"inputs-sha256: ([0-9a-f]{64})", header)
    assert recorded, f"{built.name} has no inputs hash in its first line: rebuild it with `make css`"
    assert recorded.group(1) == inputs_hash(), (
        f"{built.relative_to(ROOT)} is stale: an entry (frontend/scss, frontend/js), the lock file or the "
        "build script changed since it was built. Run `make css` and commit the result."
    )


def test_the_subset_is_bootstraps_and_leaves_out_what_no_page_uses():
    css = BUNDLE.read_text(encoding="ascii")
    assert css.startswith("/*! Bootstrap v5.3.9 ")
    classes = defined_classes(css)
    assert {"btn-primary", "navbar-expand-md", "collapse", "col-lg-9", "mx-md-3", "text-body-secondary"} <= classes
    left_out = {"modal-dialog", "carousel-item", "tooltip-inner", "accordion-button", "progress-bar", "is-valid"}
    left_out |= {"spinner-border", "list-group-item", "toast", "placeholder-glow", "img-fluid"}
    assert not left_out & classes
    assert len(css) < 140_000  # the whole of bootstrap.min.css 5.3.9 is 232,360 bytes


@pytest.fixture(scope="module")
def pages(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_catalog", verbosity=0)
        client = Client()
        fetched = {name: client.get(path, secure=True) for name, path in PAGES.items()}
        transaction.set_rollback(True)
    return fetched


def stylesheets(html: str) -> list[Path]:
    """The screen stylesheets a page links to, as files of the static folders."""
    files = []
    for link in BeautifulSoup(html, "html.parser").find_all("link", rel="stylesheet"):
        if link.get("media") == "print":
            continue
        name = re.sub(r"\.[0-9a-f]{12}(\.css)$", r"\1", link["href"].removeprefix("/static/"))
        found = finders.find(name)
        assert found, f"{link['href']} is not a static file"
        files.append(Path(found))
    return files


@pytest.mark.parametrize("name", PAGES)
def test_every_bootstrap_class_a_page_uses_is_defined(pages, name):
    response = pages[name]
    assert response.status_code == (404 if name == "404" else 200)
    html = response.content.decode()
    sheets = stylesheets(html)
    assert BUNDLE in sheets
    scripts = [tag["src"] for tag in BeautifulSoup(html, "html.parser").find_all("script", src=True)]
    assert any("vendor/bootstrap/js/bootstrap.subset.min" in src for src in scripts)
    defined = set().union(*(defined_classes(sheet.read_text(encoding="utf-8")) for sheet in sheets))
    used = {cls for tag in BeautifulSoup(html, "html.parser").find_all(class_=True) for cls in tag["class"]}
    missing = sorted(cls for cls in used if BOOTSTRAP_SHAPED.match(cls) and cls not in defined)
    assert not missing, f"{name} uses classes no stylesheet of it defines: {missing} (frontend/scss, `make css`)"
