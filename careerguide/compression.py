"""Compressed copies of a cacheable page, made once when it is stored, served by Accept-Encoding.

Only responses the page cache may share are compressed: they carry no secret (no CSRF token, no
session; tests/careerguide/test_pagecache_compression.py), so compressing them next to visitor
input (a search query) reveals nothing (BREACH needs a secret in the body).
"""

from __future__ import annotations

import gzip

import brotli

# Text worth compressing; a Word file is a zip already.
COMPRESSIBLE_TYPES = ("text/", "application/json", "application/xml", "application/ld+json")
# Bodies smaller than this are sent as they are.
MIN_BYTES = 512
GZIP_LEVEL = 6
BROTLI_QUALITY = 6
IDENTITY = "identity"


def compressible(content_type: str, body: bytes) -> bool:
    return len(body) >= MIN_BYTES and content_type.lower().startswith(COMPRESSIBLE_TYPES)


def compress(body: bytes) -> dict[str, bytes]:
    """The stored forms of a body: Brotli and gzip (the plain body is made again from gzip when asked)."""
    return {
        "br": brotli.compress(body, quality=BROTLI_QUALITY),
        "gzip": gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0),
    }


def plain(bodies: dict[str, bytes]) -> bytes:
    if IDENTITY in bodies:
        return bodies[IDENTITY]
    return gzip.decompress(bodies["gzip"])


def accepted(header: str) -> set[str]:
    """The codings an Accept-Encoding header accepts (q=0 refuses)."""
    codings = set()
    for part in header.lower().split(","):
        name, _, params = part.strip().partition(";")
        quality = params.strip().removeprefix("q=").strip() if params.strip().startswith("q=") else "1"
        try:
            refused = float(quality) == 0
        except ValueError:
            refused = False
        if name and not refused:
            codings.add(name.strip())
    return codings


def choose(bodies: dict[str, bytes], header: str) -> str:
    """The coding to send: Brotli, else gzip, else the plain body."""
    codings = accepted(header)
    for coding in ("br", "gzip"):
        if coding in bodies and (coding in codings or "*" in codings):
            return coding
    return IDENTITY
