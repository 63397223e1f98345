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
from sellerdesk.cases.timeline import describe_events
from sellerdesk.cases.views import get_case
from sellerdesk.playbook import legal
from sellerdesk.reports import documents, documents_pdf
from sellerdesk.reports.documents_forms import ClaimForm


@workspace_view("change_cases")
def case_claim(request, number):
    case = get_case(request, number)
    form = ClaimForm(request.POST or None, initial=documents.claim_initial(case))
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
        "due": documents.day(legal.answer_due(documents.moscow_today())),
    })


def _decimal(value) -> Decimal | None:
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except InvalidOperation:
        return None


def summary_context(case) -> dict:
    appeal = case.appeal or {}
    platform = playbook.platforms().get(case.platform)
    return {
        "platform_name": _(platform.name) if platform else case.platform,
        "counterparty": legal.counterparty(case.platform),
        "report_amount": _decimal(appeal.get("report_amount")),
        "our_amount": _decimal(appeal.get("our_amount")),
        "entities": list(case.entities.all()),
        "timeline": describe_events(case.events.select_related("actor__user")),
        "evidence": list(case.evidence.all()),
    }


@workspace_view("view", write_methods_need="change_cases")
def case_summary_pdf(request, number):
    """GET: the one-page summary as a PDF download. POST: attach it to the case as evidence."""
    case = get_case(request, number)
    content = documents_pdf.summary_pdf(case, summary_context(case))
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
        "can_generate": bool(membership and membership.can_change_cases and case.status != "merged"),
    }
