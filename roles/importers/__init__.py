"""Source-document importers: one parser per format, chosen by content.

``parse_file(path)`` reads a file and returns a ``ParsedDocument``; it raises
``DocumentError`` (naming the file and, where it applies, the line) for an
empty file, a file that is not UTF-8, or a document of no known format.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .document import DocumentError, ParsedDocument

# A source document is a page of text; anything far larger is not one of ours.
MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
# The longest source is under 300 lines. Parsing and planning cost about half a second per thousand
# lines (and writing a row per line more), so a document this long is refused before it is parsed.
MAX_DOCUMENT_LINES = 3_000


def parse_bytes(data: bytes, file_name: str) -> ParsedDocument:
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DocumentError(
            f"file is {len(data):,} bytes; a source document is at most {MAX_DOCUMENT_BYTES:,}", file_name=file_name
        )
    if b"\x00" in data:
        raise DocumentError("file is binary (it contains NUL bytes), not a text document", file_name=file_name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DocumentError(f"file is not UTF-8 text (byte {exc.start})", line=line, file_name=file_name) from None
    # Line breaks as stored: a document saved on Windows imports exactly as the same text saved elsewhere.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.count("\n") + 1
    if lines > MAX_DOCUMENT_LINES:
        raise DocumentError(
            f"document has {lines:,} lines; a source document is at most {MAX_DOCUMENT_LINES:,}", file_name=file_name
        )
    if not text.strip():
        raise DocumentError("file is empty", file_name=file_name)
    sha = hashlib.sha256(data).hexdigest()
    # Imported here so that models can import the plain dataclasses without the parsers.
    from . import guide, jobdescription
    from .moves import extract_moves

    for parser in (guide, jobdescription):
        if parser.looks_like(text):
            try:
                doc = parser.parse(text, file_name=file_name, sha256=sha)
            except DocumentError as exc:
                exc.file_name = file_name
                raise
            # Moves are read from the prose the parser kept, the same way whatever the format.
            doc.moves = extract_moves(doc)
            return doc
    raise DocumentError(
        "unknown format: neither a career guide (a '... Career Guide' title with 'Key Facts & Statistics') "
        "nor a job-description page (a 'Role at a glance' block)",
        line=1,
        file_name=file_name,
    )


def parse_file(path: str | Path) -> ParsedDocument:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"cannot read file: {exc.strerror}", file_name=str(path)) from None
    return parse_bytes(data, path.name)


__all__ = ["DocumentError", "ParsedDocument", "parse_bytes", "parse_file"]
