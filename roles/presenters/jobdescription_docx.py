"""The job ad as a Word document (.docx), with python-docx.

Headings and lists use Word's own styles (Title, Heading 1, Heading 2, List Bullet), so the
recruiter's template restyles them and an applicant-tracking system that reads styles sees the
structure. Text goes into the document as text: Word never interprets it.

python-docx (with lxml) is imported on the first Word file a process makes, not with the module:
it adds ~18 MB to every web worker, and most never make one (docs/performance.md).
"""

from __future__ import annotations

import datetime
import functools
import io
import re

from roles.presenters.jobdescription import Group, JobDescription
from roles.presenters.jobdescription_text import salary_line

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
LINK_COLOUR = "0563C1"  # Word's own hyperlink blue
# Characters XML 1.0 cannot hold (lxml refuses them): tailoring values never have them, but stored text might.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


# The styles the ad uses, with those they are based on or linked to. python-docx finds a style by
# scanning every style of the document, and its default template defines 164: a Word file took
# 0.3 s. Word keeps offering its other built-in styles (the template's latent styles stay).
KEPT_STYLES = frozenset(
    {"Normal", "Title", "Title Char", "Heading 1", "Heading 1 Char", "Heading 2", "Heading 2 Char", "List Bullet"}
    | {"Default Paragraph Font", "No List", "Normal Table"}
)


def _xml(text: str) -> str:
    return _NOT_XML.sub("", text)


@functools.cache
def _template() -> bytes:
    """python-docx's default template with only KEPT_STYLES, made once per process."""
    from docx import Document

    document = Document()
    for style in list(document.styles):
        if style.name not in KEPT_STYLES:
            style.delete()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _append_hyperlink(paragraph, url: str, text: str) -> None:
    """A clickable link at the end of ``paragraph``. python-docx (1.2, pinned) reads hyperlinks but
    has no call to add one, so the run is built from its XML elements, as its documentation suggests;
    tests open the file and follow the link, so a change in python-docx shows up there."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    relationship = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("r:id"), relationship)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), LINK_COLOUR)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    properties.append(colour)
    properties.append(underline)
    run.append(properties)
    run_text = OxmlElement("w:t")
    run_text.set(qn("xml:space"), "preserve")
    run_text.text = _xml(text)
    run.append(run_text)
    hyperlink.append(run)
    paragraph._p.append(hyperlink)


def _groups(document, heading: str, groups: list[Group]) -> None:
    if not groups:
        return
    document.add_heading(_xml(heading), level=1)
    for group in groups:
        document.add_heading(_xml(group.heading), level=2)
        for item in group.items:
            document.add_paragraph(_xml(item.line), style="List Bullet")


def render_docx(jd: JobDescription, *, dated: datetime.date) -> bytes:
    """The ad as a Word file, created and modified on ``dated`` (never the blank template's own 2013 date)."""
    from docx import Document
    from docx.shared import RGBColor

    document = Document(io.BytesIO(_template()))
    properties = document.core_properties
    properties.title = _xml(f"{jd.title} job description")
    properties.subject = _xml(jd.title)
    properties.author = properties.last_modified_by = _xml(jd.company) or "Career Guide"
    properties.comments = f"Full role guide: {jd.role_url}"
    properties.keywords = _xml(jd.category)
    properties.revision = 1
    properties.created = properties.modified = datetime.datetime.combine(dated, datetime.time(), datetime.UTC)

    document.add_heading(_xml(jd.title), level=0)
    if jd.facts:
        for fact in jd.facts:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{_xml(fact.label)}: ").bold = True
            paragraph.add_run(_xml(fact.value))
    else:
        document.add_paragraph().add_run(_xml(jd.category)).italic = True
    document.add_paragraph(_xml(jd.opening))

    if jd.responsibilities:
        document.add_heading("Responsibilities", level=1)
        for item in jd.responsibilities:
            document.add_paragraph(_xml(item.line), style="List Bullet")
    _groups(document, "Requirements", jd.requirements)
    _groups(document, "Skills", jd.skills)

    document.add_heading("Pay", level=1)
    if jd.pay:
        document.add_paragraph(_xml(jd.pay))
    for figure in jd.salary:
        document.add_paragraph(_xml(salary_line(figure)), style="List Bullet")
    if jd.salary_note:
        document.add_paragraph(_xml(jd.salary_note))
    if jd.benefits:
        document.add_heading("Benefits", level=1)
        for benefit in jd.benefits:
            document.add_paragraph(_xml(benefit), style="List Bullet")

    document.add_heading("How to apply", level=1)
    if jd.apply_url:
        paragraph = document.add_paragraph(f"{jd.apply_text} ")
        _append_hyperlink(paragraph, jd.apply_url, jd.apply_label)
    else:
        document.add_paragraph(_xml(jd.apply_sentence))
    if jd.closing:
        document.add_paragraph(_xml(jd.closing))
    if jd.equal_opportunity:
        document.add_paragraph().add_run(_xml(jd.equal_opportunity)).italic = True

    footer = document.add_paragraph("Full role guide: ")
    _append_hyperlink(footer, jd.role_url, jd.title)
    footer.runs[0].font.color.rgb = RGBColor(0x59, 0x59, 0x59)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
