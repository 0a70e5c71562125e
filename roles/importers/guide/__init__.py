"""Parser for long career guides (Himalayas style: "Complete <Role> Career Guide").

The page was captured as plain text: headings are plain lines, some elements are
glued together ("0-2 yearsHandle…", "Explore career guideSupport Specialist",
"View examplesPros & Cons"), the career-path block and the step texts repeat, and
site chrome (application toolkit, career coach, sign-up prompts) is mixed in.

Parsing goes in three passes: ``_prepare_lines`` splits glued chrome and cuts the
trailing chrome; ``_segment`` cuts the body into headed segments (headings that
name the role are matched with the role title substituted); each segment kind
then has its own reader. Nothing here names a particular role.

Modules: ``segments`` (passes 1 and 2), ``reader`` (pass 3, with ``facts``,
``salary`` and ``ladder`` for the key facts, salary tables and career path),
``places`` (a gazetteer) and ``lists`` (named lists in prose).
"""

from __future__ import annotations

from .. import text as T
from ..document import FORMAT_GUIDE, DocumentError, ParsedDocument
from .lists import named_lists
from .places import places
from .reader import _Reader
from .segments import KEY_FACTS, TITLE_RE, Line, _prepare_lines, _segment, _specs


def looks_like(text: str) -> bool:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if not lines:
        return False
    has_facts = any(ln == KEY_FACTS for ln in lines)
    # A guide whose title line is missing is still a guide (parse() then says what is wrong).
    return bool(TITLE_RE.match(lines[0])) or (has_facts and any(TITLE_RE.match(ln) for ln in lines[:5]))


def parse(text: str, *, file_name: str, sha256: str) -> ParsedDocument:
    raw = [Line(i, s.strip()) for i, s in enumerate(text.splitlines(), start=1) if s.strip()]
    if not raw:
        raise DocumentError("empty document", line=1)
    m = TITLE_RE.match(raw[0].text)
    if not m:
        raise DocumentError(
            f"the first line must be the guide title 'Complete <Role> Career Guide', found {raw[0].text[:60]!r}",
            line=raw[0].no,
        )
    role = m.group("role").strip()
    # A date the page gives itself ("Last updated March 5, 2025") stands near the top.
    dated = next((ln for ln in raw[1:6] if T.stated_date(ln.text)), None)
    lines = _prepare_lines([ln for ln in raw[1:] if ln is not dated], role)
    specs = _specs(role)
    summary_lines, segments = _segment(lines, specs)

    keys = {seg.spec.key for seg in segments}
    if "facts" not in keys:
        where = segments[0].line if segments else (summary_lines[-1].no + 1 if summary_lines else raw[0].no + 1)
        raise DocumentError(f"missing the '{KEY_FACTS}' section (expected after the summary)", line=where)
    if not keys & {"duties", "responsibilities", "technical-skills", "soft-skills", "skills"}:
        raise DocumentError(
            "missing both the responsibilities and the skills sections", line=lines[-1].no if lines else None
        )

    doc = ParsedDocument(
        file_name=file_name,
        format=FORMAT_GUIDE,
        title=raw[0].text,
        sha256=sha256,
        role_title=role,
        summary=" ".join(ln.text for ln in summary_lines),
        stated_date=T.stated_date(dated.text) if dated else "",
    )
    if doc.summary:
        doc.figures += T.extract_figures(doc.summary, "")
    _Reader(doc, role).read(segments)
    return doc


__all__ = ["looks_like", "parse", "places", "named_lists"]
