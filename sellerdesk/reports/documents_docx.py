"""The pre-trial claim as a Word document: real headings, a real amounts table, numbered lists.

Word does not embed fonts: the text is set in Times New Roman (Liberation Serif where it is missing) and,
for Chinese, in SimSun (Noto CJK where it is missing), which every office suite maps to something readable.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from sellerdesk.reports.documents import Claim, Party

LATIN_FONT = "Times New Roman"
CJK_FONT = "SimSun"


def _fonts(style, size: int | None = None) -> None:
    style.font.name = LATIN_FONT
    if size:
        style.font.size = Pt(size)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), CJK_FONT)


def _setup(document) -> None:
    for section in document.sections:
        section.left_margin, section.right_margin = Cm(2.5), Cm(1.5)
        section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    _fonts(document.styles["Normal"], 12)
    for name in ("Title", "Heading 1", "Heading 2", "List Number", "List Bullet", "Table Grid"):
        _fonts(document.styles[name])
    for name in ("Title", "Heading 1", "Heading 2"):
        document.styles[name].font.color.rgb = None


def _party(document, heading: str, party: Party, words: dict[str, str]) -> None:
    block = document.add_paragraph()
    block.alignment = WD_ALIGN_PARAGRAPH.LEFT
    block.paragraph_format.left_indent = Cm(8)
    block.add_run(f"{heading}: ").bold = True
    block.add_run(party.name)
    for key, value in (("inn", party.inn), ("ogrn", party.ogrn), ("address", party.address),
                       ("contact", party.contact)):
        if value:
            block.add_run().add_break()
            block.add_run(f"{words[key]}: {value}")


def _numbered(document, items: list[str]) -> None:
    for item in items:
        document.add_paragraph(item, style="List Number")


def _amounts(document, claim: Claim, words: dict[str, str]) -> None:
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    head = table.rows[0].cells
    for cell, text in zip(head, ("№", words["item"], words["amount"]), strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for number, row in enumerate(claim.amounts, start=1):
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = str(number), row.label, claim.money(row.amount)
        cells[2].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    total = table.add_row().cells
    total[0].merge(total[1])
    total[0].text = ""
    total[0].paragraphs[0].add_run(words["total"]).bold = True
    total[2].text = ""
    total[2].paragraphs[0].add_run(claim.money(claim.total)).bold = True
    total[2].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row in table.rows:
        row.cells[0].width, row.cells[1].width, row.cells[2].width = Cm(1.2), Cm(11), Cm(4.3)


def claim_docx(claim: Claim) -> bytes:
    words = claim.text
    document = Document()
    _setup(document)
    properties = document.core_properties
    properties.title = f"{words['title']} — {claim.number}"
    properties.author = claim.ours.name
    properties.language = claim.language

    _party(document, words["to"], claim.theirs, words)
    _party(document, words["from"], claim.ours, words)
    document.add_paragraph(f"{words['date']}: {claim.day(claim.date)}").alignment = WD_ALIGN_PARAGRAPH.RIGHT

    title = document.add_heading(words["title"], level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(claim.subtitle).alignment = WD_ALIGN_PARAGRAPH.CENTER

    document.add_heading(words["facts"], level=1)
    document.add_paragraph(claim.contract)
    for fact in claim.facts:
        document.add_paragraph(fact, style="List Bullet")

    document.add_heading(words["amounts"], level=1)
    if claim.amounts:
        _amounts(document, claim, words)
    else:
        document.add_paragraph(words["no_amounts"])

    document.add_heading(words["clauses"], level=1)
    if claim.offer_clauses:
        _numbered(document, claim.offer_clauses)
    else:
        document.add_paragraph(words["no_clauses"])

    document.add_heading(words["law"], level=1)
    document.add_paragraph(words["law_intro"])
    for article in claim.articles:
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(article.label(claim.language)).bold = True
        paragraph.add_run(f" — {article.zh if claim.language == 'zh' and article.zh else article.text}")

    document.add_heading(words["demand"], level=1)
    document.add_paragraph(words["demand_intro"])
    _numbered(document, claim.demands)
    document.add_paragraph(claim.answer)

    document.add_heading(words["attachments"], level=1)
    if claim.attachments:
        _numbered(document, claim.attachments)
    else:
        document.add_paragraph(words["no_attachments"])

    signature = document.add_paragraph()
    signature.paragraph_format.space_before = Pt(24)
    signature.add_run(f"{claim.ours.signatory_title or words['signature']}").bold = True
    signature.add_run(f"    ____________________    /{claim.ours.signatory_name or ' ' * 20}/")
    signature.add_run().add_break()
    signature.add_run(f"{claim.day(claim.date)}        {words['stamp']}")

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
