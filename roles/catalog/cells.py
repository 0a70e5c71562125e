"""How a Python value becomes a cell of the rows being loaded: COPY text on PostgreSQL, plain values
(for executemany) on SQLite, and untouched Python values for the search entries' plans."""

from __future__ import annotations

import uuid


class CellFormat:
    """Cells for one database vendor ("postgresql", "sqlite", or "python" for plain values)."""

    def __init__(self, vendor: str):
        self.pg = vendor == "postgresql"
        self.null = "\\N" if self.pg else None

    def static(self, value):
        if value is None:
            return self.null
        if not self.pg:
            if isinstance(value, uuid.UUID):
                return value.hex
            return value
        if isinstance(value, bool):
            return "t" if value else "f"
        if isinstance(value, str):
            return self.escape(value)
        return self.escape(str(value))

    @staticmethod
    def escape(text: str) -> str:
        # COPY's text format: backslash, tab, newline and carriage return are escaped.
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")

    def key(self, value: int):
        u = uuid.UUID(int=value)
        return str(u) if self.pg else u.hex

    def number(self, value):
        if value is None:
            return self.null
        return str(value) if self.pg else value

    def timestamp(self, moment) -> str:
        return moment.isoformat() if self.pg else moment.strftime("%Y-%m-%d %H:%M:%S.%f")

    def row(self, cells: list):
        """One row: a line of COPY text, or a tuple of values."""
        if self.pg:
            return "\t".join(cells) + "\n"
        return tuple(cells)
