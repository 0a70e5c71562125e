"""Text helpers shared by every parser: numbers, ranges, sentences, anchors.

Source text comes from scraped pages, so amounts appear as "$59,660",
"$37k", "$95k+", "≈80k", "€35,000-€55,000", "AUD 50,000-80,000",
"R$40,000-R$70,000", "$70K–$108K", with hyphens or en dashes. One set of
rules here keeps both parsers reading them the same way.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from .document import Figure

DASH = r"[-–—]"  # hyphen, en dash, em dash

# Longest symbols first so "R$" wins over "$" and "A$" over "$".
CURRENCY_SYMBOLS = {
    "R$": "BRL",
    "A$": "AUD",
    "C$": "CAD",
    "US$": "USD",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
}
CURRENCY_CODES = {"USD", "EUR", "GBP", "CAD", "AUD", "BRL", "INR", "JPY", "CHF", "SEK", "NZD", "SGD", "MXN", "PLN"}
KNOWN_CURRENCIES = sorted(CURRENCY_CODES)

_SYMBOL_RE = "|".join(re.escape(s) for s in sorted(CURRENCY_SYMBOLS, key=len, reverse=True))
_CODE_RE = "|".join(sorted(CURRENCY_CODES))
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SUFFIX = r"(?:[kK](?![a-zA-Z])|\s?(?:million|Million|M(?![a-zA-Z])))?"

# One amount: optional ≈, a symbol or code prefix, a number, a k/million suffix, an optional "+".
AMOUNT_RE = re.compile(
    rf"(?P<approx>[≈~])?\s?(?:(?P<sym>{_SYMBOL_RE})|(?P<code>{_CODE_RE})\s?)?"
    rf"(?P<num>{_NUMBER})(?P<suffix>{_SUFFIX})(?P<plus>\+)?"
)

# A money range: "$5,000-$20,000", "€35,000–€55,000", "AUD 50,000-80,000", "$37k - $95k+",
# "$70K–$108K", "R$40,000-R$70,000", optionally followed by a currency code ("USD").
MONEY_RANGE_RE = re.compile(
    rf"(?:(?P<sym1>{_SYMBOL_RE})|(?P<code1>{_CODE_RE})\s?)(?P<n1>{_NUMBER})(?P<s1>{_SUFFIX})"
    rf"\s?{DASH}\s?(?:(?P<sym2>{_SYMBOL_RE})|(?P<code2>{_CODE_RE})\s?)?(?P<n2>{_NUMBER})(?P<s2>{_SUFFIX})(?P<plus>\+)?"
    rf"(?:\s?(?P<code3>{_CODE_RE})\b)?"
)
MONEY_RE = re.compile(
    rf"(?:(?P<sym>{_SYMBOL_RE})|(?P<code>{_CODE_RE})\s?)(?P<num>{_NUMBER})(?P<suffix>{_SUFFIX})(?P<plus>\+)?"
    rf"(?:\s?(?P<code2>{_CODE_RE})\b)?"
)
# "0-2 years", "15+ years", "5–8 years", "1-3 years in customer-facing roles", "24 months", "12-24 weeks"
DURATION_RE = re.compile(
    rf"(?P<a>\d+(?:\.\d+)?)\s?(?:(?:{DASH}|to)\s?(?P<b>\d+(?:\.\d+)?))?(?P<plus>\+)?\s?"
    r"(?:(?:business|working|calendar|school|full)\s)?(?P<unit>years?|yrs?|months?|weeks?|days?|hours?)\b",
    re.IGNORECASE,
)
PERCENT_RE = re.compile(
    rf"(?P<a>\d+(?:\.\d+)?)%?\s?{DASH}\s?(?P<b>\d+(?:\.\d+)?)%|(?P<a2>\d+(?:\.\d+)?)\s?to\s?(?P<b2>\d+(?:\.\d+)?)%"
    rf"|(?P<c>\d+(?:\.\d+)?)\s?%"
)
YEAR_SPAN_RE = re.compile(rf"\b(?P<a>(?:19|20)\d\d)\s?{DASH}\s?(?P<b>(?:19|20)\d\d)\b")
YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")
# "30–70 interactions": a plain range of two numbers (claimed before single counts).
# "4.6/5" (a rating) and "24/7" (hours/days): one figure whose unit is the denominator.
RATIO_RE = re.compile(r"(?<![\w.$€£/])(?P<a>\d+(?:\.\d+)?)/(?P<b>\d+)(?![\w/])")
COUNT_RANGE_RE = re.compile(rf"(?<![\w.$€£/–—-])(?P<a>\d+(?:\.\d+)?)\s?{DASH}\s?(?P<b>\d+(?:\.\d+)?)(?![\w%/.–—-])")
COUNT_RE = re.compile(rf"(?P<approx>[≈~])?(?<![\w.$€£/])(?P<num>{_NUMBER})(?P<suffix>{_SUFFIX})(?P<plus>\+)?(?![\w%/])")
SENTENCE_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])")


def to_number(num: str, suffix: str = "") -> Decimal:
    """'59,660' -> 59660; ('37', 'k') -> 37000; ('1.5', 'million') -> 1500000."""
    value = Decimal(num.replace(",", ""))
    suffix = (suffix or "").strip().lower()
    if suffix == "k":
        value *= 1000
    elif suffix in {"m", "million"}:
        value *= 1_000_000
    return value


def currency_of(symbol: str | None, code: str | None, default: str = "USD") -> str:
    if code:
        return code
    if symbol:
        return CURRENCY_SYMBOLS[symbol]
    return default


def parse_amount(text: str) -> tuple[int, str, bool] | None:
    """First money amount in ``text`` as (value, currency, open_ended), or None.

    "$59,660 USD" -> (59660, "USD", False); "$95k+" -> (95000, "USD", True);
    "≈80k" (no currency) -> (80000, "", False).
    """
    m = AMOUNT_RE.search(text)
    if not m:
        return None
    code = m.group("code")
    trailing = re.match(rf"\s?({_CODE_RE})\b", text[m.end() :])
    if not code and trailing:
        code = trailing.group(1)
    cur = currency_of(m.group("sym"), code, default="")
    return int(to_number(m.group("num"), m.group("suffix"))), cur, bool(m.group("plus"))


def parse_money_range(text: str) -> tuple[int, int, str, bool] | None:
    """First money range in ``text`` as (min, max, currency, max_open_ended), or None.

    The second amount borrows the first one's k/million suffix when it has none
    ("AUD 50,000-80,000" stays in thousands; "$37k - $95k+" -> 37000, 95000, open).
    """
    m = MONEY_RANGE_RE.search(text)
    if not m:
        return None
    s1, s2 = m.group("s1"), m.group("s2")
    low = to_number(m.group("n1"), s1)
    high = to_number(m.group("n2"), s2 or ("" if "," in m.group("n2") else s1))
    cur = currency_of(m.group("sym1"), m.group("code1") or m.group("code3"))
    return int(low), int(high), cur, bool(m.group("plus"))


def parse_years(text: str) -> tuple[int | None, int | None, bool]:
    """Years of experience as (min, max, open_ended): "0-2 years" -> (0, 2, False),
    "15+ years" -> (15, None, True), "5 years" -> (5, 5, False), nothing -> (None, None, False)."""
    m = DURATION_RE.search(text)
    if not m or not m.group("unit").lower().startswith(("year", "yr")):
        return None, None, False
    a = int(Decimal(m.group("a")))
    if m.group("plus"):
        return a, None, True
    b = int(Decimal(m.group("b"))) if m.group("b") else a
    return a, b, False


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE_RE.split(text) if s.strip()]


def anchor_for(heading: str) -> str:
    """A stable, URL-safe id for a heading: "Diversity & Inclusion in X Roles" -> "diversity-inclusion-in-x-roles"."""
    value = unicodedata.normalize("NFKD", heading).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value.lower())
    return re.sub(r"[-\s_]+", "-", value).strip("-")


def normalise_line(line: str) -> str:
    """Strip bullets and surrounding space: "  • Respond to..." -> "Respond to..."."""
    return re.sub(r"^\s*(?:[•·▪●◦\-*]|\d+[.)])\s+", "", line).strip()


# A full stop after these is not the end of a sentence ("U.S. Bureau", "e.g. Zendesk").
_ABBREVIATION_RE = re.compile(r"(?:\b[A-Z]\.[A-Z]|\be\.g|\bi\.e|\betc|\bvs|\bNo|\bDr|\bMr|\bMs|\bSt)$")
_BOUNDARY_RE = re.compile(r"[.?!]\s+")


def _sentence_at(text: str, start: int, end: int) -> str:
    """The sentence around text[start:end], not fooled by abbreviations such as "U.S."."""
    left, right = 0, len(text)
    for m in _BOUNDARY_RE.finditer(text):
        if text[m.start()] == "." and _ABBREVIATION_RE.search(text[: m.start()]):
            continue
        if m.end() <= start:
            left = m.end()
        elif m.start() >= end:
            right = m.start() + 1
            break
    return text[left:right].strip()


_NAME_WORD_RE = re.compile(r"([A-Z][\w+.]*|[a-z]+[A-Z][\w+.]*) $")


def _is_part_of_a_name(text: str, m: re.Match) -> bool:
    """A number that is part of a name, not a quantity: "Microsoft 365", "ITIL 4", "tier-3", "AZ-104",
    "5-Whys", "401k"."""
    before, after = text[: m.start()], text[m.end() :]
    if re.search(r"[A-Za-z]-$", before) or re.match(r"-[A-Z]", after):
        return True  # glued to a word by a hyphen
    word = _NAME_WORD_RE.search(before)
    if word and not m.group("approx"):
        ahead = before[: word.start()].rstrip()
        # Inside a sentence a capitalised word names a thing ("Windows 11", "Office 365"); at its start
        # ("Over 50 tickets") only an acronym or a name followed by another name does ("ITIL 4 Foundation").
        starts_sentence = not ahead or ahead[-1] in ".!?:;\"'(\u201c"
        acronym = sum(c.isupper() for c in word.group(1)) >= 2
        if not starts_sentence or acronym or re.match(r" [A-Z]", after):
            return True
    number = m.group("num").replace(",", "")
    suffix = m.group("suffix").strip().lower()
    # "401k" (a retirement plan) reads as a count of thousands only when the source marks it as a
    # figure (≈, ~) or rounds it the way amounts are rounded.
    return suffix == "k" and not m.group("approx") and len(number) >= 3 and not number.endswith(("0", "5"))


def extract_figures(text: str, section: str) -> list[Figure]:
    """Every number in ``text`` as a Figure: money (ranges first), percentages,
    year spans and years, durations, then plain counts. Each character is
    claimed by one figure only, so "$5,000-$20,000" is one range, not two counts."""
    figures: list[tuple[int, Figure]] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    def add(start: int, end: int, fig: Figure) -> None:
        taken.append((start, end))
        figures.append((start, fig))

    def ctx(m: re.Match) -> str:
        return _sentence_at(text, m.start(), m.end())

    for m in MONEY_RANGE_RE.finditer(text):
        parsed = parse_money_range(m.group(0))
        if parsed and free(m.start(), m.end()):
            low, high, cur, plus = parsed
            add(
                m.start(),
                m.end(),
                Figure("money", Decimal(low), Decimal(high), cur, m.group(0).strip(), ctx(m), section, plus),
            )
    for m in MONEY_RE.finditer(text):
        if free(m.start(), m.end()):
            val = to_number(m.group("num"), m.group("suffix"))
            cur = currency_of(m.group("sym"), m.group("code") or m.group("code2"))
            add(
                m.start(),
                m.end(),
                Figure("money", val, val, cur, m.group(0).strip(), ctx(m), section, bool(m.group("plus"))),
            )
    for m in PERCENT_RE.finditer(text):
        if free(m.start(), m.end()):
            if m.group("c"):
                a = b = Decimal(m.group("c"))
            elif m.group("a2"):
                a, b = Decimal(m.group("a2")), Decimal(m.group("b2"))
            else:
                a, b = Decimal(m.group("a")), Decimal(m.group("b"))
            add(m.start(), m.end(), Figure("percent", a, b, "%", m.group(0).strip(), ctx(m), section))
    for m in YEAR_SPAN_RE.finditer(text):
        if free(m.start(), m.end()):
            add(
                m.start(),
                m.end(),
                Figure("year", Decimal(m.group("a")), Decimal(m.group("b")), "", m.group(0), ctx(m), section),
            )
    for m in DURATION_RE.finditer(text):
        if free(m.start(), m.end()):
            a = Decimal(m.group("a"))
            b = Decimal(m.group("b")) if m.group("b") else a
            unit = m.group("unit").lower()
            unit = {"yr": "years", "yrs": "years"}.get(unit, unit if unit.endswith("s") else unit + "s")
            add(
                m.start(),
                m.end(),
                Figure("duration", a, b, unit, m.group(0).strip(), ctx(m), section, bool(m.group("plus"))),
            )
    for m in YEAR_RE.finditer(text):
        if free(m.start(), m.end()):
            y = Decimal(m.group(0))
            add(m.start(), m.end(), Figure("year", y, y, "", m.group(0), ctx(m), section))
    for m in RATIO_RE.finditer(text):
        if free(m.start(), m.end()):
            val = Decimal(m.group("a"))
            add(m.start(), m.end(), Figure("count", val, val, f"/{m.group('b')}", m.group(0), ctx(m), section))
    for m in COUNT_RANGE_RE.finditer(text):
        a, b = Decimal(m.group("a")), Decimal(m.group("b"))
        if a < b and free(m.start(), m.end()):
            add(m.start(), m.end(), Figure("count", a, b, "", m.group(0).strip(), ctx(m), section))
    for m in COUNT_RE.finditer(text):
        if free(m.start(), m.end()) and not _is_part_of_a_name(text, m):
            val = to_number(m.group("num"), m.group("suffix"))
            add(
                m.start(),
                m.end(),
                Figure("count", val, val, "", m.group(0).strip(), ctx(m), section, bool(m.group("plus"))),
            )
    figures.sort(key=lambda pair: pair[0])
    return [fig for _, fig in figures]


MONTH_NAMES = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
STATED_DATE_RE = re.compile(
    rf"^(?:{MONTH_NAMES}\s+(?:\d{{1,2}},?\s+)?(?:19|20)\d\d|\d{{1,2}}\s+{MONTH_NAMES}\s+(?:19|20)\d\d"
    r"|(?:19|20)\d\d-\d\d-\d\d)$",
    re.IGNORECASE,
)
UPDATED_RE = re.compile(r"^(?:last\s+)?(?:updated|reviewed)(?:\s+on)?\s*:?\s*(?P<date>.*)$", re.IGNORECASE)


def stated_date(line: str) -> str:
    """The date in an "Updated March 5, 2025" / "Last updated: 2025-03-05" line, as written; "" when none."""
    m = UPDATED_RE.match(line.strip())
    if m and STATED_DATE_RE.match(m.group("date").strip()):
        return m.group("date").strip()
    return ""


def title_key(title: str) -> str:
    """How titles are compared for linking: case, spacing and punctuation do not matter."""
    return re.sub(r"[^a-z0-9]+", " ", title.lower()).strip()
