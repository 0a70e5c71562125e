"""The guide's salary-by-experience table and its global salaries prose."""

from __future__ import annotations

import re

from .. import text as T
from ..document import DocumentError, SalaryBand
from .places import places
from .segments import Segment

LEVEL_WORDS_RE = re.compile(
    r"\b(entry[- ]level|junior|mid[- ]level|mid-career|experienced|senior|lead|principal|executive)\b", re.IGNORECASE
)
COLUMN_RE = re.compile(r"^(?P<prefix>.*?)\s*\b(?P<col>median|average|avg|mean|min(?:imum)?|max(?:imum)?|range)\b", re.I)


class SalaryReader:
    """Reads salary tables and regional bands; mixed into the guide's reader."""

    def read_global_salaries(self, seg: Segment, paragraphs: list[str]) -> None:
        for p in paragraphs:
            for sentence in T.split_sentences(p):
                matches = list(T.MONEY_RANGE_RE.finditer(sentence))
                bands: list[tuple[re.Match, re.Match | None]] = []
                i = 0
                while i < len(matches):
                    m = matches[i]
                    usd = None
                    if i + 1 < len(matches):
                        nxt = matches[i + 1]
                        between = sentence[m.end() : nxt.start()]
                        parsed_next = T.parse_money_range(nxt.group(0))
                        if re.fullmatch(r"\s*\(\s*", between) and parsed_next and parsed_next[2] == "USD":
                            usd = nxt
                            i += 1
                    bands.append((m, usd))
                    i += 1
                prev_end, prev_region = 0, ""
                for n, (m, usd) in enumerate(bands):
                    before = sentence[prev_end : m.start()]
                    end = (usd.end() + 1) if usd else m.end()
                    after = sentence[end : bands[n + 1][0].start() if n + 1 < len(bands) else len(sentence)]
                    region = ", ".join(places(before)) or prev_region
                    low, high, cur, plus = T.parse_money_range(m.group(0))
                    lvl = LEVEL_WORDS_RE.search(before) or LEVEL_WORDS_RE.search(after)
                    level = lvl.group(1).lower().replace(" ", "-") if lvl else ""
                    label = " — ".join(x for x in (region, level) if x) or m.group(0)
                    band = SalaryBand(
                        kind="regional",
                        label=label,
                        currency=cur,
                        region=region,
                        min=low,
                        max=high,
                        max_open_ended=plus,
                        source_note=sentence,
                        section=seg.heading,
                    )
                    if usd:
                        band.usd_min, band.usd_max = T.parse_money_range(usd.group(0))[:2]
                    elif cur == "USD":
                        band.usd_min, band.usd_max = low, high
                    self.doc.salary_bands.append(band)
                    prev_end, prev_region = end, region

    # ---- lists

    def read_table(self, seg: Segment) -> None:
        rows = [ln for ln in seg.lines if "|" in ln.text]
        others = [ln.text for ln in seg.lines if "|" not in ln.text]
        if not rows:
            raise DocumentError("salary table has no rows", line=seg.line)
        header = _cells(rows[0].text)
        columns: list[tuple[str, str]] = []  # (field, region)
        for cell in header[1:]:
            m = COLUMN_RE.match(cell)
            if not m:
                raise DocumentError(f"salary table: unknown column {cell!r}", line=rows[0].no)
            col = m.group("col").lower()
            col = {"avg": "average", "mean": "average", "minimum": "min", "maximum": "max"}.get(col, col)
            columns.append((col, ", ".join(places(m.group("prefix")))))
        for ln in rows[1:]:
            cells = _cells(ln.text)
            if all(re.fullmatch(r":?-+:?", c) for c in cells):
                continue
            if len(cells) != len(header):
                raise DocumentError(
                    f"salary table row has {_cell_count(len(cells))}, the header has {_cell_count(len(header))}",
                    line=ln.no,
                )
            band = SalaryBand(kind="experience_level", label=cells[0], level_title=cells[0], section=seg.heading)
            for (col, region), cell in zip(columns, cells[1:], strict=True):
                band.region = band.region or region
                if col == "range":
                    parsed = T.parse_money_range(cell)
                    if not parsed:
                        raise DocumentError(f"salary table: {cell!r} is not a range", line=ln.no)
                    band.min, band.max, band.currency, band.max_open_ended = parsed
                    continue
                amount = T.parse_amount(cell)
                if not amount:
                    raise DocumentError(f"salary table: {cell!r} is not an amount", line=ln.no)
                value, cur, plus = amount
                band.currency = cur or band.currency
                setattr(band, col, value)
                if col == "max":
                    band.max_open_ended = plus
            self.doc.salary_bands.append(band)
            self.figures(" | ".join(cells[1:]), seg.heading)
        self.add_section(seg, others)

    # ---- career path


def _cells(row: str) -> list[str]:
    cells = [c.strip() for c in row.strip().strip("|").split("|")]
    return cells


def _cell_count(count: int) -> str:
    return f"{count} cell{'' if count == 1 else 's'}"
