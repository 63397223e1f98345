"""The appeal checks as the journal uses them: a case's text analysed with its workspace's playbook.

`analysis.appeal.analyze` is pure; this module feeds it what only the database knows: the
workspace's edits of the playbook and the names of the case's attached files.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from sellerdesk.analysis import appeal as appeal_analysis
from sellerdesk.cases.models import Case
from sellerdesk.workspace_playbook.actions import book_for


def check_case(case: Case, *, subject: str | None = None, body: str | None = None) -> appeal_analysis.Analysis:
    """Analyse the case's appeal (or the given text about to replace it)."""
    evidence = list(case.evidence.values_list("original_name", flat=True))
    return appeal_analysis.analyze(
        case.subject if subject is None else subject,
        case.body if body is None else body,
        platform=case.platform, kind=case.kind, topic_code=(case.appeal or {}).get("topic_code", ""),
        evidence=evidence, book=book_for(case.workspace, case.platform),
    )


def blocking(analysis: appeal_analysis.Analysis) -> list:
    return [f for f in analysis.lint.findings if f.severity == "blocking"]


def render(message) -> str:
    """A finding's message in the language of the current request."""
    return message.render(gettext)


def present(finding) -> dict:
    """A finding as the pages show it, in the reader's language."""
    return {
        "code": finding.code, "severity": finding.severity, "field": finding.field,
        "start": finding.start, "end": finding.end,
        "message": render(finding.message), "fix": render(finding.fix) if finding.fix else "",
    }


def highlight(text: str, findings, field: str) -> str:
    """The text, escaped, with the spans the findings point at marked; overlapping spans merge."""
    spans = sorted((f.start, f.end, f.severity, f.code) for f in findings
                   if f.field == field and f.start is not None and f.end is not None and 0 <= f.start < f.end)
    out, position = [], 0
    for start, end, severity, code in spans:
        start = max(start, position)
        end = min(end, len(text))
        if start >= end:
            continue
        out.append(escape(text[position:start]))
        out.append(f'<mark class="f-{severity}" data-finding="{escape(code)}">{escape(text[start:end])}</mark>')
        position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece of text above is escaped
