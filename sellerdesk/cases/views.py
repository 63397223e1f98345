"""Pages of the journal and of a single case. Each view: load with access, call an action, render."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sellerdesk.accounts.access import workspace_view
from sellerdesk.cases import actions, checks
from sellerdesk.cases.duplicates import find_duplicates
from sellerdesk.cases.forms import CaseForm, EventForm, MergeForm, StatusForm
from sellerdesk.cases.forms_appeal import DuplicateReasonForm
from sellerdesk.cases.journal import OPEN, JournalFilter, totals
from sellerdesk.cases.models import Case
from sellerdesk.cases.panels import render_panels
from sellerdesk.cases.timeline import describe_events
from sellerdesk.followup.replies import record_entry

PAGE_SIZE = 50
CHECKED_STATUSES = ("draft", "ready")  # the appeal is still being written: show the checks


def get_case(request, number: str) -> Case:
    """A case of the current workspace, or 404."""
    return get_object_or_404(
        Case.objects.select_related("shop", "responsible__user", "merged_into"),
        workspace=request.workspace, number=number,
    )


@workspace_view()
def journal(request):
    params = request.GET.copy()
    params.setdefault("status", OPEN)
    journal_filter = JournalFilter(params, request.workspace)
    cases = journal_filter.cases()
    summary = totals(cases)
    pages = max(1, -(-summary["count"] // PAGE_SIZE))
    page = min(max(1, _int(request.GET.get("page"), 1)), pages)
    rows = cases.select_related("shop", "responsible__user")[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    query = params.copy()
    query.pop("page", None)
    elsewhere = None
    if not summary["count"] and params.get("q") and params["status"] == OPEN:
        # Nothing open matches: say how many closed cases do, rather than a bare "nothing found".
        everywhere = params.copy()
        everywhere["status"] = ""
        elsewhere = {"count": JournalFilter(everywhere, request.workspace).cases().count(),
                     "query": everywhere.urlencode()}
    context = {
        "filter": journal_filter, "cases": rows, "summary": summary, "page": page, "pages": pages,
        "query": query.urlencode(), "elsewhere": elsewhere,
    }
    template = "cases/_journal_results.html" if request.headers.get("HX-Request") else "cases/journal.html"
    return render(request, template, context)


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@workspace_view("change_cases")
def case_new(request):
    form = CaseForm(request.POST or None, workspace=request.workspace)
    reason_form = DuplicateReasonForm(request.POST or None)
    duplicates = []
    if request.method == "POST" and form.is_valid() and reason_form.is_valid():
        data = form.changes()
        duplicates = find_duplicates(request.workspace.pk, references=form.cleaned_data["entities"],
                                     shop_id=data["shop"].pk, kind=data["kind"],
                                     text=f"{data['subject']}\n{data['body']}")
        try:
            case = actions.create_case(request.workspace, request.membership, entities=form.cleaned_data["entities"],
                                       duplicate_of=[d.case for d in duplicates],
                                       duplicate_reason=reason_form.cleaned_data["duplicate_reason"], **data)
        except actions.ActionError as exc:
            target = reason_form if exc.field == "duplicate_reason" else form
            target.add_error(exc.field if exc.field in target.fields else None, exc.message)
        else:
            messages.success(request, _("Case %(number)s created.") % {"number": case.number})
            return redirect("case_detail", request.workspace.slug, case.number)
    return render(request, "cases/case_form.html", {"form": form, "reason_form": reason_form, "duplicates": duplicates})


@workspace_view("change_cases")
def case_edit(request, number):
    case = get_case(request, number)
    form = CaseForm(request.POST or None, instance=case, workspace=request.workspace)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_case(case, request.membership, form.changes(),
                                expected_version=form.cleaned_data["version"],
                                entities=form.cleaned_data["entities"])
        except actions.ActionError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("case_detail", request.workspace.slug, case.number)
    return render(request, "cases/case_form.html", {"form": form, "case": case})


@workspace_view()
def case_detail(request, number):
    case = get_case(request, number)
    analysis = checks.check_case(case) if case.status in CHECKED_STATUSES and case.body else None
    context = {
        "analysis": analysis,
        "findings": [checks.present(f) for f in analysis.lint.findings] if analysis else [],
        "highlighted": checks.highlight(case.body, analysis.lint.findings, "body") if analysis else None,
        "case": case,
        "entities": case.entities.all(),
        "timeline": describe_events(case.events.select_related("actor__user")),
        "evidence": case.evidence.select_related("uploaded_by__user"),
        "status_form": StatusForm(case=case),
        "event_form": EventForm(),
        "merge_form": MergeForm(),
        "main_panels": render_panels(request, case, "main"),
        "aside_panels": render_panels(request, case, "aside"),
    }
    return render(request, "cases/case_detail.html", context)


def _refused(request, case: Case, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


@require_POST
@workspace_view("change_cases")
def case_status(request, number):
    case = get_case(request, number)
    form = StatusForm(request.POST, case=case)
    if not form.is_valid():
        _refused(request, case, form)
    else:
        data = form.cleaned_data
        try:
            actions.change_status(case, request.membership, data["status"], expected_version=data["version"],
                                  note=data["note"], external_number=data["external_number"],
                                  outcome=data["outcome"], outcome_note=data["outcome_note"],
                                  money_recovered=data["money_recovered"], override_reason=data["override_reason"])
        except actions.ActionError as exc:
            messages.error(request, exc.message)
    return redirect("case_detail", request.workspace.slug, case.number)


@require_POST
@workspace_view("change_cases")
def case_event(request, number):
    case = get_case(request, number)
    form = EventForm(request.POST)
    if not form.is_valid():
        _refused(request, case, form)
    else:
        data = form.cleaned_data
        try:
            record_entry(case, request.membership, data["kind"], data["text"], channel=data["channel"],
                         occurred_at=data["occurred_at"])
        except actions.ActionError as exc:
            messages.error(request, exc.message)
    return redirect(reverse("case_detail", args=[request.workspace.slug, case.number]) + "#timeline")


@require_POST
@workspace_view("change_cases")
def case_merge(request, number):
    case = get_case(request, number)
    form = MergeForm(request.POST)
    if not form.is_valid():
        _refused(request, case, form)
        return redirect("case_detail", request.workspace.slug, case.number)
    original = Case.objects.filter(workspace=request.workspace, number=form.cleaned_data["original"].strip()).first()
    if original is None:
        messages.error(request, _("There is no case %(number)s in this workspace.") % {
            "number": form.cleaned_data["original"]})
        return redirect("case_detail", request.workspace.slug, case.number)
    try:
        actions.merge_case(case, original, request.membership, form.cleaned_data["reason"])
    except actions.ActionError as exc:
        messages.error(request, exc.message)
        return redirect("case_detail", request.workspace.slug, case.number)
    messages.success(request, _("%(dup)s was merged into %(orig)s.") % {"dup": case.number, "orig": original.number})
    return redirect("case_detail", request.workspace.slug, original.number)
