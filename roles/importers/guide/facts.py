"""The guide's key-facts block and its salary range line."""

from __future__ import annotations

import re
from decimal import Decimal

from .. import text as T
from ..document import DocumentError, Facts, SalaryBand
from .lists import _norm, _paren_list, named_lists
from .places import places
from .segments import Line, Segment

# Key-facts labels; the industries label is followed by one value per line, each of which looks like a label.
LIST_FACTS = {"top industries", "top employers", "top employer types", "industries"}
FACT_LABELS = {
    "median salary",
    "growth outlook",
    "job growth",
    "annual openings",
    "job openings",
    "typical education",
    "typical experience",
    "key certifications",
    "certifications",
    "ai impact",
} | LIST_FACTS


class FactsReader:
    """Reads "Key Facts & Statistics"; mixed into the guide's reader (uses its doc, figures, add_certification)."""

    def read_facts(self, seg: Segment) -> None:
        facts: Facts = self.doc.facts
        groups: list[tuple[str, Line, list[Line]]] = []
        for ln in seg.lines:
            if ":" in ln.text and re.match(r"^(Range|Salary Range)\s*:", ln.text, re.IGNORECASE):
                self.read_range(ln, seg.heading)
                continue
            in_list = bool(groups) and _norm(groups[-1][0]) in LIST_FACTS
            if _norm(ln.text) in FACT_LABELS or (not in_list and self._is_fact_label(ln.text)):
                groups.append((ln.text, ln, []))
            elif groups:
                groups[-1][2].append(ln)
            else:
                raise DocumentError(f"key facts: value {ln.text[:40]!r} has no label", line=ln.no)
        for label, label_line, values in groups:
            # A key fact is one statement spread over lines: its figures stand in "Label: values".
            statement = f"{label}: " + " ".join(v.text for v in values)
            for v in values:
                for fig in T.extract_figures(v.text, seg.heading):
                    fig.context = statement
                    self.doc.figures.append(fig)
            key = _norm(label)
            joined = " ".join(v.text for v in values)
            note = _paren_note(joined)
            source, year_a, year_b = _source_of(note)
            if key == "median salary":
                amount = T.parse_amount(values[0].text) if values else None
                if not amount:
                    raise DocumentError("key facts: 'Median Salary' has no amount", line=label_line.no)
                facts.median_salary, cur, _ = amount
                facts.median_salary_currency = cur or "USD"
                facts.median_salary_source = source
                facts.median_salary_year = year_b or year_a
                facts.median_salary_period = _period_of(note)
            elif key in {"growth outlook", "job growth", "growth"}:
                m = T.PERCENT_RE.search(joined)
                if m:
                    facts.growth_percent = Decimal(m.group("c") or m.group("b"))
                rest = [v.text for v in values if not re.fullmatch(r"[-+]?\d+(?:\.\d+)?\s?%", v.text)]
                facts.growth_outlook = re.sub(r"\s*\([^()]*\)\s*$", "", " ".join(rest)).strip()
                facts.growth_source = source
                span = T.YEAR_SPAN_RE.search(note)
                if span:
                    facts.growth_period_start, facts.growth_period_end = int(span.group("a")), int(span.group("b"))
            elif key in {"annual openings", "job openings"}:
                amount = T.parse_amount(values[0].text) if values else None
                if amount:
                    facts.annual_openings = amount[0]
                    facts.annual_openings_text = values[0].text
                facts.annual_openings_source = source
            elif key in LIST_FACTS:
                facts.top_employer_types = [p.strip() for v in values for p in re.split(r"[,;]", v.text) if p.strip()]
            elif key == "typical education":
                facts.typical_education = joined
                for _cat, names in named_lists(joined):
                    for name in names:
                        if name not in facts.key_certifications:
                            facts.key_certifications.append(name)
                        self.add_certification(name, seg.heading, "key")
            elif key == "typical experience":
                facts.typical_experience = joined
                facts.experience_years_min, facts.experience_years_max, _ = T.parse_years(joined)
            elif key in {"key certifications", "certifications"}:
                facts.key_certifications_text = joined
                for v in values:
                    for name in _paren_list(v.text):
                        facts.key_certifications.append(name)
                        self.add_certification(name, seg.heading, "key")
            elif key == "ai impact":
                facts.ai_impact = joined

    @staticmethod
    def _is_fact_label(s: str) -> bool:
        words = s.split()
        return (
            0 < len(words) <= 4
            and all(w[0].isupper() or w in {"&", "and", "of"} for w in words)
            and not re.search(r"[\d(),$€£%≈:]", s)
        )

    def read_range(self, ln: Line, section: str) -> None:
        self.figures(ln.text, section)
        value = ln.text.split(":", 1)[1]
        parsed = T.parse_money_range(value)
        if not parsed:
            raise DocumentError("key facts: 'Range' has no money range", line=ln.no)
        low, high, cur, plus = parsed
        note = _paren_note(value)
        label = note.split(",")[0].strip() if note else "Range"
        region = ", ".join(places(note))
        self.doc.salary_bands.append(
            SalaryBand(
                kind="range",
                label=label,
                currency=cur,
                region=region,
                min=low,
                max=high,
                max_open_ended=plus,
                source_note=note,
                section=section,
            )
        )

    # ---- prose


def _paren_note(text: str) -> str:
    m = re.search(r"\(([^()]*)\)\s*$", text) or re.search(r"\(([^()]*)\)", text)
    return m.group(1).strip() if m else ""


MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
DATE_PART_RE = re.compile(rf"(?:{MONTHS}\s+)?(?:19|20)\d\d(?:\s?{T.DASH}\s?(?:19|20)\d\d)?")


def _source_of(note: str) -> tuple[str, int | None, int | None]:
    """ "U.S. Bureau of Labor Statistics, May 2023" -> ("U.S. Bureau of Labor Statistics", 2023, None)."""
    if not note:
        return "", None, None
    parts = [p.strip() for p in note.split(",")]
    source = ", ".join(p for p in parts if not DATE_PART_RE.fullmatch(p))
    span = T.YEAR_SPAN_RE.search(note)
    if span:
        return source, int(span.group("a")), int(span.group("b"))
    years = T.YEAR_RE.findall(note)
    return source, (int(years[-1]) if years else None), None


def _period_of(note: str) -> str:
    """The date parts of a source note, as written: "U.S. Bureau of Labor Statistics, May 2023" -> "May 2023"."""
    return ", ".join(p.strip() for p in note.split(",") if DATE_PART_RE.fullmatch(p.strip()))
