"""``/healthz``: is this app server able to serve pages? For load balancers and uptime checks.

It runs ``SELECT 1`` on the default database and writes and reads a key in the cache, and says so
in JSON. A database failure answers 503 (not 500) without the error text, which could name hosts
or users. A cache failure does not: pages are then served without the cache, so the site still
serves and the answer is 200 with ``"cache": "degraded"`` (careerguide.cachestore).
"""

from __future__ import annotations

import logging

from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from careerguide.cachestore import store

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    cache_state = store.check()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.error("Health check: database unavailable: %s", error)
        return JsonResponse({"status": "error", "database": "unavailable", "cache": cache_state}, status=503)
    return JsonResponse({"status": "ok", "database": "ok", "cache": cache_state})
