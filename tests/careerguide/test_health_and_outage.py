"""/healthz and the 503 page when the database is gone."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

BASE_DIR = Path(__file__).resolve().parents[2]
# Port 9 (discard) on localhost: nothing listens, so every connection is refused at once.
UNREACHABLE_DATABASE = "postgres://postgres@127.0.0.1:9/careerguide?connect_timeout=2"


def test_healthz_reports_ok_with_the_database_reachable(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]


def test_healthz_answers_head_and_refuses_post(client, db):
    assert client.head(reverse("healthz")).status_code == 200
    assert client.post(reverse("healthz")).status_code == 405


# Runs in a fresh process whose DATABASE_URL points at a port where nothing listens.
OUTAGE_PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
from django.test.utils import override_settings
# Production serves a collectstatic manifest; this probe has none, and is not about static files.
override_settings(STORAGES={**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}).enable()
client = Client(raise_request_exception=False)
health = client.get("/healthz")
page = client.get("/roles/technical-support-specialist/")
print(json.dumps({
    "health_status": health.status_code,
    "health_body": json.loads(health.content),
    "health_cache": health.get("Cache-Control", ""),
    "page_status": page.status_code,
    "page_retry_after": page.get("Retry-After"),
    "page_cache": page.get("Cache-Control", ""),
    "page_csp": page.get("Content-Security-Policy", ""),
    "page_body": page.content.decode(),
}))
"""


@pytest.fixture(scope="module")
def outage():
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE="careerguide.settings", DATABASE_URL=UNREACHABLE_DATABASE)
    # Tests run with DEBUG off, as pytest-django does; the 500 page would show a traceback otherwise.
    env["DJANGO_DEBUG"] = "0"
    env["DJANGO_SECRET_KEY"] = "x" * 50
    env["DJANGO_SECURE_SSL_REDIRECT"] = "0"
    env["DJANGO_ALLOWED_HOSTS"] = "testserver"
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", OUTAGE_PROBE], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_healthz_answers_503_in_json_when_the_database_is_unreachable(outage):
    assert outage["health_status"] == 503
    assert outage["health_body"] == {"status": "error", "database": "unavailable", "cache": "ok"}
    assert "no-cache" in outage["health_cache"]


def test_a_page_answers_a_proper_503_when_the_database_is_unreachable(outage):
    assert outage["page_status"] == 503
    assert outage["page_retry_after"] == "10"
    assert "no-cache" in outage["page_cache"]
    # Security headers still apply to the outage page.
    assert "default-src 'self'" in outage["page_csp"]
    body = outage["page_body"]
    assert "We&#x27;ll be right back" in body or "We'll be right back" in body
    # Nothing about the database leaks.
    for leak in ("Traceback", "OperationalError", "127.0.0.1", "postgres", "psycopg"):
        assert leak not in body
