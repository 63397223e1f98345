"""PDF versions of the case documents, drawn by WeasyPrint from HTML templates.

WeasyPrint embeds (subsets of) the fonts it uses, so a PDF reads the same on any machine: DejaVu Sans for
Latin and Cyrillic, Noto Sans CJK SC for Chinese (Debian packages fonts-dejavu-core and fonts-noto-cjk).
"""

from __future__ import annotations

from collections.abc import Callable

from django.template.loader import render_to_string

from sellerdesk.cases.models import Case
from sellerdesk.reports.documents import Claim

FONTS = {"ru": '"DejaVu Sans", "Noto Sans CJK SC", sans-serif',
         "zh": '"Noto Sans CJK SC", "DejaVu Sans", sans-serif'}


def html_document(html: str, base_url: str | None = None):
    """WeasyPrint's document for `html`. WeasyPrint is imported here, when a PDF is wanted: importing it
    takes a good part of a second (its fonts and CSS machinery), which no process should pay on start-up
    (settings.LOGGING keeps its step-by-step INFO lines out of the log)."""
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url)


def render_pdf(template: str, context: dict, request=None) -> bytes:
    html = render_to_string(template, context, request=request)
    return html_document(html, request.build_absolute_uri("/") if request else None).write_pdf()


def claim_pdf(claim: Claim) -> bytes:
    zh = claim.language == "zh"
    return render_pdf("reports/claim_pdf.html", {
        "claim": claim, "t": claim.text, "fonts": FONTS[claim.language],
        "date_text": claim.day(claim.date),
        "amount_rows": [(row.label, claim.money(row.amount)) for row in claim.amounts],
        "total": claim.money(claim.total),
        "articles": [(a.label(claim.language), a.zh if zh and a.zh else a.text) for a in claim.articles],
        "case_line": claim.text["case"].replace("{number}", claim.number),
    })


# (history entries, files) shown on the summary; fewer when a long case would not fit one page.
SUMMARY_LIMITS = ((20, 12), (12, 8), (6, 4))


def summary_pdf(case: Case, context_for: Callable[[int, int], dict]) -> bytes:
    """The one-page summary. `context_for(events, files)` gathers the page's context with at most that many
    history entries and files (reports.views_documents.summary_context)."""
    for events, files in SUMMARY_LIMITS:
        html = render_to_string("reports/summary_pdf.html",
                                {"case": case, "fonts": FONTS["ru"], **context_for(events, files)})
        document = html_document(html).render()
        if len(document.pages) == 1:
            break
    return document.write_pdf()
