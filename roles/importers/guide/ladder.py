"""The guide's career path: levels with their years, description and focus areas."""

from __future__ import annotations

import re

from .. import text as T
from ..document import CareerLevel
from .lists import _norm
from .segments import Segment, _looks_like_heading

YEARS_GLUED_RE = re.compile(rf"^(?P<years>\d+\s?(?:{T.DASH}\s?\d+|\+)?\s?(?:years?|yrs?))(?P<rest>.*)$", re.IGNORECASE)


class LadderReader:
    """Reads the career-path block (the page repeats it; the first copy wins); mixed into the guide's reader."""

    def read_career(self, seg: Segment) -> None:
        lines = seg.lines
        starts = [
            i
            for i in range(len(lines) - 1)
            if _looks_like_heading(lines[i].text) and YEARS_GLUED_RE.match(lines[i + 1].text)
        ]
        intro = [ln.text for ln in lines[: starts[0]]] if starts else [ln.text for ln in lines]
        self.add_section(seg, intro)
        seen: set[str] = set()
        for k, i in enumerate(starts):
            block = lines[i : starts[k + 1] if k + 1 < len(starts) else len(lines)]
            title = block[0].text
            if _norm(title) in seen:
                continue  # the page repeats the levels; the first copy wins
            seen.add(_norm(title))
            m = YEARS_GLUED_RE.match(block[1].text)
            years, description = m.group("years").strip(), m.group("rest").strip()
            ymin, ymax, open_ended = T.parse_years(years)
            desc_parts, focus_parts, in_focus = [description] if description else [], [], False
            for ln in block[2:]:
                if re.fullmatch(r"Key\s+Focus\s+Areas:?", ln.text, re.IGNORECASE):
                    in_focus = True
                elif in_focus:
                    focus_parts.append(ln.text)
                else:
                    desc_parts.append(ln.text)
            description = " ".join(desc_parts)
            focus = " ".join(focus_parts)
            self.doc.career_levels.append(
                CareerLevel(
                    title=title,
                    years_min=ymin,
                    years_max=ymax,
                    description=description,
                    focus_areas=T.split_sentences(focus),
                    years_open_ended=open_ended,
                    section=seg.heading,
                )
            )
            for t in (years, description, focus):
                if t:
                    self.figures(t, seg.heading)

    # ---- FAQ
