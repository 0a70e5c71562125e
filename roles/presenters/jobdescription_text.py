"""The job ad as Markdown and as plain text (the downloads, and the text the copy button puts on
the clipboard). Both lay out a ``JobDescription`` section by section in the page's order.

Markdown gives meaning to punctuation, and the ad holds text a recruiter typed into the address
bar: every piece of text is escaped, so "[x](javascript:…)" or "<script>" stays literal text and
the only links are the two the ad makes itself (the way to apply and the role's guide).
"""

from __future__ import annotations

import re

from roles.presenters.jobdescription import Group, JobDescription, SalaryFigure

# "[" and "]" only make a link as "](", "][" or "]:" (a reference definition), so only that "]" is escaped
# and a placeholder such as "[Company]" stays readable.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_<>#|~]|\](?=[(\[:]))")
# At the start of a line these open a list: "- x", "+ x", "1. x", "1) x".
_LINE_START_MARKER = re.compile(r"^(\s*)([-+]|\d+[.)])")


def markdown_escape(text: str) -> str:
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _LINE_START_MARKER.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], escaped)


def salary_line(figure: SalaryFigure) -> str:
    line = f"{figure.label}: {figure.amount}"
    if figure.note:
        line += f", {figure.note}"
    return f"{line} (source: {figure.source})" if figure.source else line


def _apply_markdown(jd: JobDescription) -> str:
    if not jd.apply_url:
        return markdown_escape(jd.apply_sentence)
    # An autolink: the address is validated (http, https or mailto) and percent-encoded, so it has no ">" or space.
    return f"{markdown_escape(jd.apply_text)} <{jd.apply_label}>"


def render_markdown(jd: JobDescription) -> str:
    esc = markdown_escape
    out = [f"# {esc(jd.title)}", ""]
    if jd.facts:
        out += [*(f"- **{esc(fact.label)}:** {esc(fact.value)}" for fact in jd.facts), ""]
    else:
        out += [f"*{esc(jd.category)}*", ""]
    out += [esc(jd.opening), ""]
    if jd.responsibilities:
        out += ["## Responsibilities", "", *(f"- {esc(item.line)}" for item in jd.responsibilities), ""]
    out += _markdown_groups("Requirements", jd.requirements)
    out += _markdown_groups("Skills", jd.skills)
    out += ["## Pay", ""]
    if jd.pay:
        out += [esc(jd.pay), ""]
    if jd.salary:
        out += [*(f"- {esc(salary_line(figure))}" for figure in jd.salary), ""]
    if jd.salary_note:
        out += [esc(jd.salary_note), ""]
    if jd.benefits:
        out += ["## Benefits", "", *(f"- {esc(benefit)}" for benefit in jd.benefits), ""]
    out += ["## How to apply", "", _apply_markdown(jd), ""]
    if jd.closing:
        out += [esc(jd.closing), ""]
    if jd.equal_opportunity:
        out += [f"*{esc(jd.equal_opportunity)}*", ""]
    out += ["---", "", f"Full role guide: [{esc(jd.title)}]({jd.role_url})", ""]
    return "\n".join(out)


def _markdown_groups(heading: str, groups: list[Group]) -> list[str]:
    if not groups:
        return []
    out = [f"## {heading}", ""]
    for group in groups:
        out += [f"### {markdown_escape(group.heading)}", ""]
        out += [*(f"- {markdown_escape(item.line)}" for item in group.items), ""]
    return out


def _underline(text: str, char: str) -> list[str]:
    return [text, char * len(text)]


def render_text(jd: JobDescription) -> str:
    out = [*_underline(jd.title.upper(), "=")]
    if jd.facts:
        out += [*(f"{fact.label}: {fact.value}" for fact in jd.facts), ""]
    else:
        out += [jd.category, ""]
    out += [jd.opening, ""]
    if jd.responsibilities:
        out += [*_underline("Responsibilities", "-"), *(f"- {item.line}" for item in jd.responsibilities), ""]
    out += _text_groups("Requirements", jd.requirements)
    out += _text_groups("Skills", jd.skills)
    out += _underline("Pay", "-")
    if jd.pay:
        out.append(jd.pay)
    out += [f"- {salary_line(figure)}" for figure in jd.salary]
    if jd.salary_note:
        out.append(jd.salary_note)
    out.append("")
    if jd.benefits:
        out += [*_underline("Benefits", "-"), *(f"- {benefit}" for benefit in jd.benefits), ""]
    out += [*_underline("How to apply", "-"), jd.apply_sentence]
    if jd.closing:
        out.append(jd.closing)
    out.append("")
    if jd.equal_opportunity:
        out += [jd.equal_opportunity, ""]
    out += [f"Full role guide: {jd.role_url}", ""]
    return "\n".join(out)


def _text_groups(heading: str, groups: list[Group]) -> list[str]:
    if not groups:
        return []
    out = _underline(heading, "-")
    for group in groups:
        out += [f"{group.heading}:", *(f"- {item.line}" for item in group.items), ""]
    return out
