"""Response hardening that neither Django nor django-csp provides.

- ``PermissionsPolicyMiddleware`` switches off browser features the portal never uses, so a
  script injected some day still could not reach the camera, the microphone or the location.
- ``DatabaseUnavailableMiddleware`` answers a lost database connection (PostgreSQL restarting,
  a failover, a full connection pool) with a plain 503 page and ``Retry-After`` instead of a
  500: the outage is temporary, clients and load balancers should retry, and nothing about the
  database leaks. Django drops the broken connection at the end of the request
  (``CONN_HEALTH_CHECKS`` / ``errors_occurred``), so the next request reconnects by itself.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

# Every feature here is one the site does not use; "()" allows it to no origin at all.
DEFAULT_PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=(), browsing-topics=()"
)


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = getattr(settings, "PERMISSIONS_POLICY", DEFAULT_PERMISSIONS_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.policy:
            response.headers.setdefault("Permissions-Policy", self.policy)
        return response


class DatabaseUnavailableMiddleware:
    retry_after_seconds = 10

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable while serving %s: %s", request.path, exception)
        # render_to_string without the request: no context processor may touch the session or
        # the user, both of which live in the database that just failed.
        body = render_to_string("503.html", {"retry_after": self.retry_after_seconds})
        response = HttpResponse(body, status=503)
        response["Retry-After"] = str(self.retry_after_seconds)
        # A cache in front must never keep the outage page in place of the real one.
        add_never_cache_headers(response)
        return response
