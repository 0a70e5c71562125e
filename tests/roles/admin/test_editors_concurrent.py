"""Two editors save the same role: different fields and rows merge, the same one is a conflict (issue #16).

Each editor has their own browser (client); both open the change page before either saves.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.core import signing
from django.test import Client
from reversion.models import Version

from roles.models import FAQ, Duty, Figure, Role
from tests.roles.admin.editors_helpers import (
    CSS,
    TSS,
    browser_form_data,
    change_url,
    inline_row,
    make_editor,
    page_text,
)


@pytest.fixture
def editors(catalog):
    first, second = Client(), Client()
    first.force_login(make_editor("alice"))
    second.force_login(make_editor("bob"))
    return first, second


def open_form(client, role) -> dict:
    page = client.get(change_url(role))
    assert page.status_code == 200
    return browser_form_data(page.content.decode())


def save(client, role, data):
    return client.post(change_url(role), data)


def faq_row(data) -> str:
    """The prefix of the role's first FAQ in the form ("faqs-0")."""
    return inline_row(data, "faqs", lambda r: r.get("question"))


def messages_of(client, response) -> str:
    return page_text(client.get(response["Location"]))


def test_different_fields_merge_and_the_message_names_them(editors):
    alice, bob = editors
    role = Role.objects.get(slug=TSS)
    a, b = open_form(alice, role), open_form(bob, role)
    a["summary"] = "Alice's summary."
    b["growth_outlook"] = "Bob's outlook."
    assert save(alice, role, a).status_code == 302
    response = save(bob, role, b)
    assert response.status_code == 302
    role.refresh_from_db()
    assert (role.summary, role.growth_outlook) == ("Alice's summary.", "Bob's outlook.")
    text = messages_of(bob, response)
    assert "Merged with what was saved while you were editing (alice" in text and "Summary" in text
    assert "Alice's summary." in Client().get(role.get_absolute_url()).content.decode()


def test_different_rows_merge(editors):
    alice, bob = editors
    role = Role.objects.get(slug=TSS)
    a, b = open_form(alice, role), open_form(bob, role)
    faq = faq_row(a)
    duty = inline_row(b, "duties", lambda r: r.get("text"))
    other_duty = inline_row(a, "duties", lambda r: r.get("text") and r["id"] != b[f"{duty}-id"])
    a[f"{faq}-answer"] = "Alice's answer."
    a[f"{other_duty}-order"] = "99"  # an order change merges like a field
    b[f"{duty}-text"] = "Bob's duty."
    assert save(alice, role, a).status_code == 302
    response = save(bob, role, b)
    assert response.status_code == 302
    assert FAQ.objects.get(pk=a[f"{faq}-id"]).answer == "Alice's answer."
    assert Duty.objects.get(pk=b[f"{duty}-id"]).text == "Bob's duty."
    assert Duty.objects.get(pk=a[f"{other_duty}-id"]).order == 99
    question = FAQ.objects.get(pk=a[f"{faq}-id"]).question
    text = messages_of(bob, response)
    assert f"FAQs: “{question[:60]}” (answer)" in text and "(order)" in text


def test_the_same_field_is_a_conflict_the_first_value_stays_and_both_are_shown(editors):
    alice, bob = editors
    role = Role.objects.get(slug=TSS)
    a, b = open_form(alice, role), open_form(bob, role)
    faq = faq_row(a)
    a["summary"], b["summary"] = "Alice's summary.", "Bob's summary."
    b["growth_outlook"] = "Bob's outlook."  # not in conflict, but nothing is written while one is
    b[f"{faq}-answer"] = "Bob's answer."
    a[f"{faq}-answer"] = "Alice's answer."
    assert save(alice, role, a).status_code == 302
    versions = Version.objects.count()
    response = save(bob, role, b)
    assert response.status_code == 200
    role.refresh_from_db()
    assert role.summary == "Alice's summary." and role.growth_outlook != "Bob's outlook."
    assert FAQ.objects.get(pk=a[f"{faq}-id"]).answer == "Alice's answer."
    assert Version.objects.count() == versions
    soup = BeautifulSoup(response.content, "html.parser")
    table = soup.find(id="conflicts").get_text(" ", strip=True)
    assert "alice" in table and "Alice's summary." in table and "Bob's summary." in table
    assert "Alice's answer." in table and "Bob's answer." in table
    assert "Nothing was saved" in page_text(response)

    # Bob takes Alice's answer, keeps his summary, and saves the form as it came back.
    again = browser_form_data(response.content.decode())
    assert again["summary"] == "Bob's summary." and again["growth_outlook"] == "Bob's outlook."
    again["take_theirs"] = f"faqs:{a[f'{faq}-id']}:answer"
    response = save(bob, role, again)
    assert response.status_code == 302, page_text(response)
    role.refresh_from_db()
    assert (role.summary, role.growth_outlook) == ("Bob's summary.", "Bob's outlook.")
    assert FAQ.objects.get(pk=a[f"{faq}-id"]).answer == "Alice's answer."


def test_a_row_deleted_by_one_and_edited_by_the_other_is_a_conflict(editors):
    alice, bob = editors
    role = Role.objects.get(slug=TSS)
    a, b = open_form(alice, role), open_form(bob, role)
    faq = faq_row(a)
    faq_id = a[f"{faq}-id"]
    a[f"{faq}-DELETE"] = "on"
    b[f"{faq}-answer"] = "Bob's answer."
    assert save(alice, role, a).status_code == 302
    assert not FAQ.objects.filter(pk=faq_id).exists()
    response = save(bob, role, b)
    assert response.status_code == 200
    assert "deleted" in BeautifulSoup(response.content, "html.parser").find(id="conflicts").get_text(" ")
    assert not role.faqs.filter(answer="Bob's answer.").exists()
    # Saving again keeps Bob's edit, as a new row.
    response = save(bob, role, browser_form_data(response.content.decode()))
    assert response.status_code == 302, page_text(response)
    assert role.faqs.filter(answer="Bob's answer.").count() == 1


def test_a_row_edited_by_one_and_deleted_by_the_other_is_a_conflict(editors):
    alice, bob = editors
    role = Role.objects.get(slug=TSS)
    a, b = open_form(alice, role), open_form(bob, role)
    faq = faq_row(a)
    faq_id = a[f"{faq}-id"]
    a[f"{faq}-answer"] = "Alice's answer."
    b[f"{faq}-DELETE"] = "on"
    assert save(alice, role, a).status_code == 302
    response = save(bob, role, b)
    assert response.status_code == 200
    assert FAQ.objects.get(pk=faq_id).answer == "Alice's answer."
    again = browser_form_data(response.content.decode())
    row = inline_row(again, "faqs", lambda r: r.get("id") == faq_id)
    assert again[f"{row}-answer"] == "Alice's answer." and f"{row}-DELETE" not in again
    again[f"{row}-DELETE"] = "on"  # Bob still wants it gone
    assert save(bob, role, again).status_code == 302
    assert not FAQ.objects.filter(pk=faq_id).exists()


def test_a_row_deleted_by_another_and_untouched_here_stays_deleted(editors):
    alice, bob = editors
    role = Role.objects.get(slug=TSS)
    a, b = open_form(alice, role), open_form(bob, role)
    faq_id = a[f"{faq_row(a)}-id"]
    a[f"{faq_row(a)}-DELETE"] = "on"
    b["summary"] = "Bob's summary."
    assert save(alice, role, a).status_code == 302
    assert save(bob, role, b).status_code == 302
    assert not FAQ.objects.filter(pk=faq_id).exists()
    assert Role.objects.get(pk=role.pk).summary == "Bob's summary."


def signed_for(role) -> str:
    return signing.dumps({"role": role.pk, "revision": 0}, salt="roles.admin.concurrent.editing-base")


@pytest.mark.parametrize("tamper", ["missing", "forged", "other-role", "extra-figure"])
def test_a_tampered_form_is_refused_with_a_form_error_and_writes_nothing(editors, tamper):
    alice, _ = editors
    role = Role.objects.get(slug=TSS)
    data = open_form(alice, role)
    data["summary"] = "Tampered summary."
    if tamper == "missing":
        del data["editing_base"]
    elif tamper == "forged":
        data["editing_base"] = data["editing_base"][:-3] + "abc"
    elif tamper == "other-role":
        data["editing_base"] = open_form(alice, Role.objects.get(slug=CSS))["editing_base"]
    else:  # figures are read-only on the role's page (listed on their own): no rows may be posted for them
        data.update(
            {
                "figures-TOTAL_FORMS": "1",
                "figures-INITIAL_FORMS": "0",
                "figures-0-order": "1",
                "figures-0-text": "$1",
                "figures-0-role": str(role.pk),
            }
        )
    counts = Version.objects.count(), Figure.objects.count()
    response = save(alice, role, data)
    assert response.status_code == 200
    errors = page_text(response)
    assert "nothing was saved" in errors.lower()
    assert Role.objects.get(pk=role.pk).summary != "Tampered summary."
    assert (Version.objects.count(), Figure.objects.count()) == counts
