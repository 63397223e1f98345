"""Pages for a case's formal documents: the pre-trial claim form and the summary PDF for a lawyer."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sellerdesk import playbook
from sellerdesk.accounts.access import workspace_view
from sellerdesk.cases.actions import ActionError
from sellerdesk.cases.choices import EventKind
from sellerdesk.cases.timeline import describe_events
from sellerdesk.cases.views import get_case
from sellerdesk.playbook import legal
from sellerdesk.reports import documents, documents_pdf
from sellerdesk.reports.documents_forms import ClaimForm


@workspace_view("change_cases")
def case_claim(request, number):
    case = get_case(request, number)
    language = request.GET.get("language") or None
    form = ClaimForm(request.POST or None, initial=documents.claim_initial(case, language))
    if request.method == "POST" and form.is_valid():
        claim = documents.build_claim(case, form.cleaned_data)
        try:
            documents.store_claim(case, request.membership, claim)
        except ActionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The claim is attached to the case as DOCX and PDF. Answer due by %(due)s.")
                             % {"due": documents.day(claim.answer_due)})
            return redirect("case_detail", request.workspace.slug, case.number)
    return render(request, "reports/claim.html", {
        "case": case, "form": form, "note": documents.counterparty_note(case),
        "known_counterparty": legal.counterparty(case.platform) is not None,
        "other_language": "ru" if form["language"].value() == "zh" else "zh",
        "due": documents.day(legal.answer_due(documents.moscow_today())),
    })


def _decimal(value) -> Decimal | None:
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except InvalidOperation:
        return None


def summary_context(case, events: int = 20, files: int = 12) -> dict:
    appeal = case.appeal or {}
    platform = playbook.platforms().get(case.platform)
    return {
        "platform_name": _(platform.name) if platform else case.platform,
        "counterparty": legal.counterparty(case.platform),
        "report_amount": _decimal(appeal.get("report_amount")),
        "our_amount": _decimal(appeal.get("our_amount")),
        "entities": list(case.entities.all()),
        # files have their own section: the history keeps what happened with support and the case
        **_fitted("timeline", describe_events(case.events.exclude(kind__in=FILE_EVENTS).select_related("actor__user")),
                  events),
        **_fitted("evidence", list(case.evidence.all()), files),
    }


FILE_EVENTS = (EventKind.EVIDENCE_ADDED, EventKind.EVIDENCE_REMOVED)


def _fitted(name: str, items: list, limit: int) -> dict:
    """The first entries and the most recent ones, and how many were left out between them, so the summary
    stays one page however long the case ran."""
    if len(items) <= limit:
        return {name: items, f"{name}_omitted": 0}
    head = 3 if name == "timeline" else 0
    return {name: items[:head] + items[len(items) - (limit - head):], f"{name}_omitted": len(items) - limit,
            f"{name}_cut_at": head}


@workspace_view("view", write_methods_need="change_cases")
def case_summary_pdf(request, number):
    """GET: the one-page summary as a PDF download. POST: attach it to the case as evidence."""
    case = get_case(request, number)
    content = documents_pdf.summary_pdf(case, lambda events, files: summary_context(case, events, files))
    if request.method == "POST":
        try:
            documents.store_summary(case, request.membership, content)
            messages.success(request, _("The case summary is attached to the case."))
        except ActionError as exc:
            messages.error(request, exc.message)
        return redirect("case_detail", request.workspace.slug, case.number)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="summary-{case.number}.pdf"'
    return response


def documents_panel(request, case):
    """The case page's box: make a claim, download the summary, and the documents already made."""
    membership = getattr(request, "membership", None)
    return "reports/claim_panel.html", {
        "documents": list(documents.generated_documents(case)),
        "claim": documents.latest_claim(case),
        "can_generate": bool(membership and membership.can_change_cases and case.status != "merged"),
    }
