"""Production settings, exercised the way a server starts them: in a fresh process from the environment."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]


def production_env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="careerguide.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50)[:50],
        DJANGO_ALLOWED_HOSTS="example.com",
        # An empty SQLite file: enough for SELECT 1, and nothing here needs tables.
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
    )
    env.pop("REDIS_URL", None)
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120)


# Prints the settings and responses a production process really produces.
PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.test.utils import override_settings
# Production serves a collectstatic manifest; this probe has none, and is not about static files.
override_settings(STORAGES={**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}).enable()
client = Client(HTTP_HOST="example.com")
plain = client.get("/healthz")
secure = client.get("/healthz", secure=True)
login = client.get(reverse("admin:login"), secure=True)
cookie = login.cookies.get(settings.CSRF_COOKIE_NAME)
print(json.dumps({
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
    "proxy_header": list(settings.SECURE_PROXY_SSL_HEADER or []),
    "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
    "session_cookie_httponly": settings.SESSION_COOKIE_HTTPONLY,
    "session_cookie_samesite": settings.SESSION_COOKIE_SAMESITE,
    "admin_login_url": reverse("admin:login"),
    "plain_status": plain.status_code,
    "plain_location": plain.headers.get("Location"),
    "secure_status": secure.status_code,
    "hsts": secure.headers.get("Strict-Transport-Security"),
    "login_status": login.status_code,
    "csrf_cookie": {
        "secure": bool(cookie and cookie["secure"]),
        "httponly": bool(cookie and cookie["httponly"]),
        "samesite": cookie["samesite"] if cookie else None,
    },
    "proxied_status": client.get("/healthz", HTTP_X_FORWARDED_PROTO="https").status_code,
}))
"""


def probe(tmp_path: Path, **overrides: str) -> dict:
    result = run([sys.executable, "-c", PROBE], production_env(tmp_path, **overrides))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_check_deploy_passes_with_production_environment(tmp_path):
    result = run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env(tmp_path)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_missing_secret_key_in_production_is_a_clear_startup_error(tmp_path):
    result = run([sys.executable, "manage.py", "check"], production_env(tmp_path, DJANGO_SECRET_KEY=""))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_development_runs_without_a_secret_key(tmp_path):
    result = run(
        [sys.executable, "manage.py", "check"], production_env(tmp_path, DJANGO_DEBUG="1", DJANGO_SECRET_KEY="")
    )
    assert result.returncode == 0, result.stderr


def test_production_redirects_to_https_and_sends_hsts_and_secure_cookies(tmp_path):
    seen = probe(tmp_path)
    assert seen["ssl_redirect"] is True
    assert seen["plain_status"] == 301
    assert seen["plain_location"] == "https://example.com/healthz"
    assert seen["secure_status"] == 200
    max_age = int(seen["hsts"].split("max-age=")[1].split(";")[0])
    assert max_age >= 365 * 24 * 3600
    assert "includeSubDomains" in seen["hsts"]
    assert "preload" in seen["hsts"]
    assert seen["login_status"] == 200
    assert seen["csrf_cookie"] == {"secure": True, "httponly": True, "samesite": "Lax"}
    assert seen["session_cookie_secure"] is True
    assert seen["session_cookie_httponly"] is True
    assert seen["session_cookie_samesite"] == "Lax"
    # Without a configured proxy header a client cannot claim HTTPS by sending one.
    assert seen["proxy_header"] == []
    assert seen["proxied_status"] == 301


def test_ssl_redirect_can_be_switched_off_for_plain_http(tmp_path):
    seen = probe(tmp_path, DJANGO_SECURE_SSL_REDIRECT="0")
    assert seen["ssl_redirect"] is False
    assert seen["plain_status"] == 200


def test_proxy_ssl_header_is_configurable(tmp_path):
    seen = probe(tmp_path, DJANGO_SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https")
    assert seen["proxy_header"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    # The proxy said the client used HTTPS: no redirect loop.
    assert seen["proxied_status"] == 200


def test_malformed_proxy_ssl_header_is_a_clear_error(tmp_path):
    result = run(
        [sys.executable, "manage.py", "check"],
        production_env(tmp_path, DJANGO_SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO"),
    )
    assert result.returncode != 0
    assert "DJANGO_SECURE_PROXY_SSL_HEADER" in result.stderr


@pytest.mark.parametrize("configured", ["backstage/", "/backstage", "backstage"])
def test_admin_address_is_configurable(tmp_path, configured):
    seen = probe(tmp_path, DJANGO_ADMIN_URL=configured)
    assert seen["admin_login_url"] == "/backstage/login/"
    assert seen["login_status"] == 200
