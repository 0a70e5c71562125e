"""Handing memory a render freed back to the operating system, so a worker's RSS stays near what it uses.

Rendering a page allocates many objects and frees them; glibc's malloc keeps the freed pages in the
process (fragmented between live objects, it cannot shrink the heap), so after a few hundred renders
a worker held ~14 MB it no longer used (docs/performance.md, "Worker memory"). ``malloc_trim(0)``
returns those pages (~1 ms). The page cache calls ``release_freed_memory`` after a render, at most
once per ``INTERVAL`` seconds per process; elsewhere than glibc it does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import threading
import time

INTERVAL = 1.0

_lock = threading.Lock()
_last = 0.0


def _malloc_trim():
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to trim
        return None


_trim = _malloc_trim()


def release_freed_memory() -> bool:
    """Trim the heap unless it was trimmed less than INTERVAL seconds ago; True when it was trimmed."""
    global _last
    if _trim is None:
        return False
    now = time.monotonic()
    with _lock:
        if now - _last < INTERVAL:
            return False
        _last = now
    _trim(0)
    return True
