"""A committee briefing as a Word document (.docx, python-docx): the form municipal case systems take.

The document holds the title (Word style "Title"), the case number and date, one "Heading 1" per section
with its paragraphs and lists (:mod:`mangfold.reports.text`), the signature lines, and the attachments
*listed* under the last section; attachments are never embedded (the profile PDF travels beside it).
Text is set in DejaVu Sans, which has every Danish letter.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from mangfold.reports.fonts import FONT_FAMILY
from mangfold.reports.text import blocks

__all__ = ["BriefingDocument", "briefing_docx"]

FONT = FONT_FAMILY


@dataclass(frozen=True)
class BriefingDocument:
    """What a briefing document shows: title, case line, (heading, text) sections, signature lines."""

    title: str
    sections: Sequence[tuple[str, str]]
    case_line: str = ""
    signatures: Sequence[str] = ()
    footer: str = ""
    lang: str = "da"


def briefing_docx(document: BriefingDocument) -> bytes:
    """The briefing as the bytes of a .docx file."""
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    core = doc.core_properties
    core.title = document.title
    core.language = "da-DK" if document.lang == "da" else "en-GB"
    for style in doc.styles:
        if style.type == WD_STYLE_TYPE.PARAGRAPH and style.font is not None:
            style.font.name = FONT
            fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
            fonts.set(qn("w:eastAsia"), FONT)
    doc.styles["Normal"].font.size = Pt(11)
    doc.add_heading(document.title, level=0)
    if document.case_line:
        doc.add_paragraph(document.case_line)
    for heading, text in document.sections:
        doc.add_heading(heading, level=1)
        for block in blocks(text):
            if block.kind == "paragraph":
                doc.add_paragraph(block.text)
            else:
                style = "List Bullet" if block.kind == "bullets" else "List Number"
                for item in block.items:
                    doc.add_paragraph(item, style=style)
    if document.signatures:
        doc.add_paragraph()
        for line in document.signatures:
            doc.add_paragraph(line)
    if document.footer:
        doc.sections[0].footer.paragraphs[0].text = document.footer
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
