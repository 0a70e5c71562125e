"""The editors' admin, used as an editor would: through its pages and forms, never the ORM.

Edits are posted with exactly the fields the browser would send (read from the page with
BeautifulSoup), inline management forms included.
"""

from functools import partial
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from roles.models import FAQ, Role, SourceDocument
from salaries.models import SalaryBand
from tests.roles.admin import editors_helpers
from tests.roles.admin.editors_helpers import change_url, error_texts, inline_row

TSS = "technical-support-specialist"
CSS = "customer-support-specialist"
SENIOR = "senior-technical-support-specialist"


# The admin's forms read as a browser submits them; these tests post LF line breaks (editors' tests, CR LF).
browser_form_data = partial(editors_helpers.browser_form_data, crlf=False)


@pytest.fixture
def editor(db, client):
    user = User.objects.create_user("editor", password="not-used", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


def edit_role(client, role: Role, change) -> "object":
    """GET the change page, let ``change`` modify the browser's form data, POST it back."""
    page = client.get(change_url(role))
    assert page.status_code == 200
    data = browser_form_data(page.content.decode())
    change(data)
    return client.post(change_url(role), data)


# Access ---------------------------------------------------------------------------------------


def test_editors_group_has_content_permissions_only(db):
    perms = set(Group.objects.get(name="Editors").permissions.values_list("content_type__app_label", "codename"))
    assert ("roles", "change_role") in perms
    assert ("roles", "delete_faq") in perms
    assert ("salaries", "add_salaryband") in perms
    assert ("roles", "change_careermove") in perms
    assert ("roles", "view_slughistory") in perms
    assert ("roles", "delete_slughistory") not in perms
    assert {app for app, _ in perms} == {"roles", "salaries"}


def test_every_changelist_add_and_change_page_answers_200_for_an_editor(catalog, editor, client):
    # Renaming a role gives the old-addresses list a row to open.
    renamed = edit_role(client, Role.objects.get(slug=CSS), lambda data: data.update(slug="customer-support"))
    assert renamed.status_code == 302
    checked = 0
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in ("roles", "salaries"):
            continue
        info = (model._meta.app_label, model._meta.model_name)
        assert client.get(reverse(f"admin:{info[0]}_{info[1]}_changelist")).status_code == 200, info
        request_user_can_add = editor.has_perm(f"{info[0]}.add_{info[1]}") and model_admin.has_add_permission(
            type("R", (), {"user": editor})()
        )
        if request_user_can_add:
            assert client.get(reverse(f"admin:{info[0]}_{info[1]}_add")).status_code == 200, info
        first = model.objects.first()
        assert first is not None, info
        assert client.get(reverse(f"admin:{info[0]}_{info[1]}_change", args=[first.pk])).status_code == 200, info
        checked += 1
    assert checked >= 5
    # The import page and a role's history are editors' pages too.
    role = Role.objects.get(slug=TSS)
    assert client.get(reverse("admin:roles_role_import")).status_code == 200
    assert client.get(reverse("admin:roles_role_history", args=[role.pk])).status_code == 200
    assert client.get(reverse("admin:roles_role_recoverlist")).status_code == 200


def test_role_change_page_has_every_inline_and_view_on_site(catalog, editor, client):
    role = Role.objects.get(slug=TSS)
    html = client.get(change_url(role)).content.decode()
    for prefix in [
        "sections",
        "duties",
        "skills",
        "certifications",
        "tools",
        "steps",
        "education_paths",
        "qualifications",
        "pros_cons",
        "faqs",
        "career_levels",
        "salary_bands",
        "related_roles",
    ]:
        assert f'name="{prefix}-TOTAL_FORMS"' in html, prefix
    # Figures and career moves read from the text are listed on their own pages, linked from the role.
    for model in ("figure", "careermove"):
        assert f"/admin/roles/{model}/?role__id__exact={role.pk}" in html, model
    assert "View on site" in html
    data = browser_form_data(html)
    assert data["faqs-0-order"] == "1"


def test_non_staff_user_is_sent_to_the_admin_login(catalog, client):
    client.force_login(User.objects.create_user("visitor", password="not-used"))
    response = client.get(reverse("admin:roles_role_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    client.logout()
    response = client.get(reverse("admin:roles_role_import"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_staff_user_without_permissions_sees_no_content(catalog, client):
    client.force_login(User.objects.create_user("clerk", password="not-used", is_staff=True))
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200
    assert "permission to view or edit anything" in index.content.decode()
    assert "/admin/roles/role/" not in index.content.decode()
    assert client.get(reverse("admin:roles_role_changelist")).status_code == 403
    assert client.get(reverse("admin:roles_role_import")).status_code == 403
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_editor_cannot_manage_users_or_groups(catalog, editor, client):
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403


# Editing --------------------------------------------------------------------------------------


def test_edit_through_the_admin_form_shows_on_the_public_page_at_once(catalog, editor, client):
    role = Role.objects.get(slug=TSS)
    visitor = Client()  # anonymous, so it gets whatever a page cache would serve
    before = visitor.get(role.get_absolute_url())  # a cached copy, if pages are cached, must not survive the edit
    assert before.status_code == 200

    def change(data):
        data["summary"] = "Keeps every customer's computer running, edited by the editors."
        row = inline_row(data, "faqs", lambda r: r.get("question"))
        data[f"{row}-answer"] = "An answer the editors rewrote."

    response = edit_role(client, role, change)
    assert response.status_code == 302, error_texts(response.content.decode())
    page = visitor.get(role.get_absolute_url()).content.decode()
    assert "Keeps every customer&#x27;s computer running, edited by the editors." in page
    assert "An answer the editors rewrote." in page
    version = Version.objects.get_for_object(role).first()
    assert version.revision.user == editor


def test_reordering_faqs_changes_their_order_on_the_public_page(catalog, editor, client):
    role = Role.objects.get(slug=TSS)
    faqs = list(role.faqs.order_by("order"))
    first, last = faqs[0], faqs[-1]

    def change(data):
        data[inline_row(data, "faqs", lambda r: r["id"] == str(first.pk)) + "-order"] = "999"
        data[inline_row(data, "faqs", lambda r: r["id"] == str(last.pk)) + "-order"] = "0"

    assert edit_role(client, role, change).status_code == 302
    page = client.get(role.get_absolute_url()).content.decode()
    assert page.index(last.question.replace("'", "&#x27;")) < page.index(first.question.replace("'", "&#x27;"))


def test_script_typed_in_the_admin_is_shown_escaped_on_the_public_page(catalog, editor, client):
    role = Role.objects.get(slug=TSS)
    attack = "<script>alert(1)</script>"

    def change(data):
        data["summary"] = f"Summary {attack}"
        data[inline_row(data, "faqs", lambda r: r.get("question")) + "-answer"] = f"Answer {attack}"

    assert edit_role(client, role, change).status_code == 302
    assert attack in Role.objects.get(pk=role.pk).summary  # stored as typed, escaped when shown
    html = client.get(role.get_absolute_url()).content.decode()
    assert attack not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    soup = BeautifulSoup(html, "html.parser")
    executable = [
        s for s in soup.find_all("script") if s.get("type", "text/javascript") in ("text/javascript", "module", "")
    ]
    assert not [s for s in executable if "alert(1)" in s.text]


@pytest.mark.parametrize(
    "values, message",
    [
        ({"min": "90000", "max": "40000", "median": ""}, "must not be less than the minimum"),
        ({"min": "40000", "max": "60000", "median": "90000"}, "must not be more than the maximum"),
        ({"min": "-5"}, "greater than or equal to 0"),
        ({"min": "0"}, "more than zero"),
        ({"currency": "XYZ"}, "XYZ is not one of the available choices"),
    ],
    ids=["min-above-max", "median-outside", "negative", "zero", "unknown-currency"],
)
def test_bad_salary_band_shows_an_error_and_saves_nothing(catalog, editor, client, values, message):
    role = Role.objects.get(slug=TSS)
    bands_before = list(SalaryBand.objects.filter(role=role).values_list("min", "median", "max", "currency"))

    def apply(data):
        row = inline_row(data, "salary_bands", lambda r: r.get("label"))
        data.update({f"{row}-{name}": value for name, value in values.items()})

    response = edit_role(client, role, apply)
    assert response.status_code == 200
    assert message in error_texts(response.content.decode())
    assert list(SalaryBand.objects.filter(role=role).values_list("min", "median", "max", "currency")) == bands_before


def test_bad_role_values_show_errors(catalog, editor, client):
    role = Role.objects.get(slug=TSS)
    other = Role.objects.get(slug=CSS)

    def change(data):
        data["experience_years_min"] = "8"
        data["experience_years_max"] = "2"
        data["median_salary_currency"] = "ZZZ"

    response = edit_role(client, role, change)
    errors = error_texts(response.content.decode())
    assert "The most years of experience must not be less than the fewest." in errors
    assert "Use one of:" in errors

    response = edit_role(client, role, lambda data: data.update(slug=other.slug))
    assert response.status_code == 200
    assert f'"{other.slug}" is already the address of "{other.title}"' in error_texts(response.content.decode())
    assert Role.objects.get(pk=role.pk).slug == TSS


def test_career_level_years_and_related_role_to_itself_are_refused(catalog, editor, client):
    role = Role.objects.get(slug=TSS)

    def change(data):
        level = inline_row(data, "career_levels", lambda r: r.get("title"))
        data[f"{level}-years_min"], data[f"{level}-years_max"] = "10", "3"
        related = inline_row(data, "related_roles", lambda r: r.get("title"))
        data[f"{related}-target"] = str(role.pk)

    response = edit_role(client, role, change)
    assert response.status_code == 200
    errors = error_texts(response.content.decode())
    assert "The most years must not be less than the fewest." in errors
    assert "A role cannot be related to itself." in errors
    assert not role.related_roles.filter(target=role).exists()


def test_editor_adds_a_faq_row_with_the_inline_form(catalog, editor, client):
    role = Role.objects.get(slug=TSS)
    count = role.faqs.count()

    def change(data):
        total = int(data["faqs-TOTAL_FORMS"])
        data.update(
            {
                "faqs-TOTAL_FORMS": str(total + 1),
                f"faqs-{total}-order": "50",
                f"faqs-{total}-question": "Is this role remote-friendly?",
                f"faqs-{total}-answer": "Often, yes.",
            }
        )

    assert edit_role(client, role, change).status_code == 302
    assert role.faqs.count() == count + 1
    assert "Is this role remote-friendly?" in client.get(role.get_absolute_url()).content.decode()


def row_values(data: dict, row: str) -> dict:
    return {k.removeprefix(f"{row}-"): v for k, v in data.items() if k.startswith(f"{row}-")}


def test_editor_edits_and_saves_a_row_of_every_inline(catalog, editor, client):
    # One field (or two) of the first row of every inline, on the first role that has such a row
    # (figures and career moves, read from the source text, are edited on their own pages).
    edits = {
        "sections": {"body": "Section body, edited."},
        "duties": {"text": "A duty, edited."},
        "skills": {"detail": "A skill, edited."},
        "certifications": {"name": "A certification, edited"},
        "tools": {"name": "A tool, edited"},
        "steps": {"text": "A step, edited."},
        "education_paths": {"description": "A path, edited."},
        "qualifications": {"text": "A qualification, edited."},
        "pros_cons": {"text": "A pro or con, edited."},
        "faqs": {"answer": "An answer, edited."},
        "career_levels": {"description": "A level, edited.", "linked_role": "OTHER"},
        "salary_bands": {"label": "A band, edited", "career_level": "LEVEL"},
        "related_roles": {"blurb": "A related role, edited.", "target": "OTHER"},
    }
    saved = set()
    for slug, other_slug in [(TSS, SENIOR), (CSS, TSS), (SENIOR, TSS)]:
        role, other = Role.objects.get(slug=slug), Role.objects.get(slug=other_slug)
        page = client.get(change_url(role)).content.decode()
        before = browser_form_data(page)
        # Role links are search boxes (autocomplete), not a list of every role in every row.
        soup = BeautifulSoup(page, "html.parser")
        for name in ("career_levels-0-linked_role", "related_roles-0-target"):
            if f"{name.rsplit('-', 1)[0]}-id" in before:
                assert soup.find("select", attrs={"name": name})["data-ajax--url"].endswith("/autocomplete/"), name
        stand_ins = {"OTHER": str(other.pk), "LEVEL": before.get("career_levels-0-id", "")}
        here = {
            prefix: {name: stand_ins.get(value, value) for name, value in values.items()}
            for prefix, values in edits.items()
            if prefix not in saved and f"{prefix}-0-id" in before
        }
        if "salary_bands" in here and not here["salary_bands"]["career_level"]:
            del here["salary_bands"]
        rows = {prefix: before[f"{prefix}-0-id"] for prefix in here}

        def change(data, here=here):
            for prefix, values in here.items():
                data.update({f"{prefix}-0-{name}": value for name, value in values.items()})

        response = edit_role(client, role, change)
        assert response.status_code == 302, error_texts(response.content.decode())
        after = browser_form_data(client.get(change_url(role)).content.decode())
        for prefix, values in here.items():
            row = inline_row(after, prefix, lambda r, pk=rows[prefix]: r["id"] == pk)
            assert {name: row_values(after, row)[name] for name in values} == values, (slug, prefix)
        saved |= set(here)
    assert saved == set(edits)


# History, compare, restore ----------------------------------------------------------------------


def test_history_compare_and_revert_to_an_earlier_version(catalog, editor, client):
    role = Role.objects.get(slug=TSS)
    original_summary = role.summary
    faq_count = role.faqs.count()
    assert edit_role(client, role, lambda d: d.update(summary="First edit of the summary.")).status_code == 302

    def second(data):
        data["summary"] = "Second edit of the summary."
        data[inline_row(data, "faqs", lambda r: r.get("question")) + "-DELETE"] = "on"

    assert edit_role(client, role, second).status_code == 302
    assert role.faqs.count() == faq_count - 1

    history = client.get(reverse("admin:roles_role_history", args=[role.pk]))
    assert history.status_code == 200
    # The role as loaded (recorded before its first change), then the two edits.
    first_recorded, *versions = Version.objects.get_for_object(role).order_by("pk")
    assert "First recorded version" in first_recorded.revision.get_comment()
    assert first_recorded.field_dict["summary"] == original_summary
    assert len(versions) == 2
    assert "editor" in history.content.decode()

    compare = client.get(
        reverse("admin:roles_role_compare", args=[role.pk]), {"a": versions[0].pk, "b": versions[1].pk}
    )
    assert compare.status_code == 200
    text = BeautifulSoup(compare.content, "html.parser").get_text(" ")
    assert "First" in text and "Second" in text
    assert "removed" in text  # the deleted FAQ

    visitor = Client()
    assert "Second edit of the summary." in visitor.get(role.get_absolute_url()).content.decode()

    # Restore the first version through the admin's own revision form.
    revision_url = reverse("admin:roles_role_revision", args=[role.pk, versions[0].pk])
    page = client.get(revision_url)
    assert page.status_code == 200
    assert "First edit of the summary." in page.content.decode()
    assert Role.objects.get(pk=role.pk).summary == "Second edit of the summary."  # looking changes nothing
    response = client.post(revision_url, browser_form_data(page.content.decode()))
    assert response.status_code == 302, error_texts(response.content.decode())
    role.refresh_from_db()
    assert role.summary == "First edit of the summary."
    assert role.faqs.count() == faq_count  # the deleted FAQ came back with its role's version
    assert original_summary != role.summary
    assert "First edit of the summary." in visitor.get(role.get_absolute_url()).content.decode()


def test_a_deleted_role_is_recovered_with_its_children(catalog, editor, client):
    role = Role.objects.get(slug=SENIOR)
    counts = {name: getattr(role, name).count() for name in ("faqs", "duties", "skills", "salary_bands", "sections")}
    assert counts["faqs"] and counts["salary_bands"]
    delete_url = reverse("admin:roles_role_delete", args=[role.pk])
    assert client.get(delete_url).status_code == 200
    assert client.post(delete_url, {"post": "yes"}).status_code == 302
    assert not Role.objects.filter(slug=SENIOR).exists()
    assert client.get(f"/roles/{SENIOR}/").status_code == 404

    recover_list = client.get(reverse("admin:roles_role_recoverlist"))
    assert role.title in recover_list.content.decode()
    version = Version.objects.get_deleted(Role).get(object_id=str(role.pk))
    recover_url = reverse("admin:roles_role_recover", args=[version.pk])
    page = client.get(recover_url)
    assert page.status_code == 200
    response = client.post(recover_url, browser_form_data(page.content.decode()))
    assert response.status_code == 302, error_texts(response.content.decode())

    recovered = Role.objects.get(slug=SENIOR)
    assert {name: getattr(recovered, name).count() for name in counts} == counts
    assert client.get(recovered.get_absolute_url()).status_code == 200


# Import ---------------------------------------------------------------------------------------


def source(name_part: str) -> Path:
    """A shipped source document, found by what its first line says."""
    for path in sorted(Path(settings.SOURCES_DIR).glob("*.txt")):
        if name_part.lower() in path.read_text(encoding="utf-8")[:400].lower():
            return path
    raise AssertionError(f"no source document mentions {name_part!r}")


def upload(client, path: Path, data: bytes | None = None):
    content = path.read_bytes() if data is None else data
    file = SimpleUploadedFile(path.name, content, content_type="text/plain")
    return client.post(reverse("admin:roles_role_import"), {"document": file})


def confirm(client, preview):
    token = BeautifulSoup(preview.content, "html.parser").find("input", attrs={"name": "token"})["value"]
    return client.post(reverse("admin:roles_role_import"), {"token": token, "confirm": "1"})


def test_upload_preview_and_confirm_creates_the_role(editor, client):
    path = source("Senior Technical Support Specialist")
    assert not Role.objects.exists()
    preview = upload(client, path)
    assert preview.status_code == 200
    text = BeautifulSoup(preview.content, "html.parser").get_text(" ")
    assert "Senior Technical Support Specialist" in text
    assert "Job description" in text
    assert "New role" in text
    assert "FAQs" in text and "Salary bands" in text
    assert not Role.objects.exists()  # the preview writes nothing

    response = confirm(client, preview)
    assert response.status_code == 302
    role = Role.objects.get(slug=SENIOR)
    assert response["Location"] == change_url(role)
    assert role.faqs.exists() and role.salary_bands.exists()
    version = Version.objects.get_for_object(role).get()
    assert version.revision.user == editor
    assert client.get(role.get_absolute_url()).status_code == 200


def test_reimport_updates_the_role_in_place_and_keeps_editor_rows(catalog, editor, client):
    role = Role.objects.get(slug=TSS)
    faq_keys = set(role.faqs.values_list("key", flat=True))

    def change(data):
        data["slug"] = "tech-support"
        total = int(data["faqs-TOTAL_FORMS"])
        data.update(
            {
                "faqs-TOTAL_FORMS": str(total + 1),
                f"faqs-{total}-order": "99",
                f"faqs-{total}-question": "An editor's own question?",
                f"faqs-{total}-answer": "Kept across imports.",
            }
        )
        data[inline_row(data, "faqs", lambda r: r.get("question")) + "-answer"] = "Edited, then re-imported."

    assert edit_role(client, role, change).status_code == 302
    roles_before = Role.objects.count()

    preview = upload(client, source("Technical Support Specialist Career Guide"))
    assert preview.status_code == 200
    assert "merged" in BeautifulSoup(preview.content, "html.parser").get_text(" ")
    assert confirm(client, preview).status_code == 302

    role.refresh_from_db()
    assert Role.objects.count() == roles_before
    assert role.slug == "tech-support"  # the editor's address stays
    assert role.faqs.filter(question="An editor's own question?").exists()
    assert set(role.faqs.values_list("key", flat=True)) >= faq_keys
    assert role.faqs.filter(answer="Edited, then re-imported.").exists()  # the editor's change is kept
    latest = Version.objects.get_for_object(role).first()
    assert latest.revision.user == editor
    assert "Imported" in latest.revision.get_comment()


@pytest.mark.parametrize(
    "content, message",
    [
        (b"Just some notes\n\nNothing here looks like a guide.\n", "unknown format"),
        ("Caf\u00e9 career guide\n".encode("latin-1") + b"more text\n", "not UTF-8"),
    ],
    ids=["unknown-format", "not-utf8"],
)
def test_a_bad_document_shows_the_importer_message_and_writes_nothing(catalog, editor, client, content, message):
    counts = (Role.objects.count(), FAQ.objects.count(), SourceDocument.objects.count(), Version.objects.count())
    response = upload(client, Path("notes.txt"), content)
    assert response.status_code == 200
    errors = error_texts(response.content.decode()) + BeautifulSoup(response.content, "html.parser").get_text(" ")
    assert message in errors
    assert "notes.txt" in errors
    assert "Nothing was saved" in errors
    assert (
        Role.objects.count(),
        FAQ.objects.count(),
        SourceDocument.objects.count(),
        Version.objects.count(),
    ) == counts
    # And a confirmation without a preview writes nothing either.
    response = client.post(reverse("admin:roles_role_import"), {"token": "forged", "confirm": "1"})
    assert response.status_code == 302
    assert Role.objects.count() == counts[0]
