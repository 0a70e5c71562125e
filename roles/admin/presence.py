"""Who else has a role's change page open: each visit is noted in the cache for a few minutes.

No websockets: the change page lists the editors who opened it recently, as Wagtail does, so an
editor knows a merge (or a conflict) may come.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone

RECENT = timedelta(minutes=5)


def _key(role_pk) -> str:
    return f"roles:admin:presence:{role_pk}"


def note_and_list_others(*, role_pk, user) -> list[dict]:
    """Note that ``user`` opened the role now; the others who opened it in the last few minutes."""
    now = timezone.now()
    seen = {
        user_id: visit for user_id, visit in (cache.get(_key(role_pk)) or {}).items() if now - visit["when"] <= RECENT
    }
    others = sorted((v for uid, v in seen.items() if uid != user.pk), key=lambda v: v["when"], reverse=True)
    seen[user.pk] = {"name": user.get_full_name() or user.get_username(), "when": now}
    cache.set(_key(role_pk), seen, timeout=int(RECENT.total_seconds()))
    return others
