"""Brute-force protection on the admin login (django-axes)."""

from datetime import timedelta

import pytest
from axes.helpers import get_cool_off
from django.contrib.auth import get_user_model
from django.urls import reverse

PASSWORD = "correct horse battery staple"


@pytest.fixture
def editor(db, settings):
    # A fast hasher: the test is about counting attempts, not about hashing cost.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return get_user_model().objects.create_user("editor", password=PASSWORD, is_staff=True, is_superuser=True)


def attempt(client, password, username="editor"):
    return client.post(
        reverse("admin:login"), {"username": username, "password": password, "next": reverse("admin:index")}
    )


def test_five_failures_lock_the_login_even_for_the_right_password(client, editor):
    for _ in range(4):
        response = attempt(client, "wrong")
        assert response.status_code == 200  # the login form again, with its error
        assert "Please enter the correct username and password" in response.content.decode()
    locked = attempt(client, "wrong")
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.content.decode()
    # Locked out: the right password does not get in either.
    again = attempt(client, PASSWORD)
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:index")).status_code == 302


def test_the_lockout_is_per_username_and_address(client, editor):
    for _ in range(5):
        attempt(client, "wrong", username="someone-else")
    # Another account from the same address still signs in.
    response = attempt(client, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_a_successful_login_resets_the_failure_count(client, editor):
    for _ in range(4):
        attempt(client, "wrong")
    assert attempt(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert attempt(client, "wrong").status_code == 200
    assert attempt(client, PASSWORD).status_code == 302


def test_lockout_lasts_an_hour(settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    assert get_cool_off() == timedelta(hours=1)
