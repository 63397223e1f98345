"""The appeal assistant's pages: the "New appeal" wizard, a case's appeal editor, the live check."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sellerdesk.accounts.access import workspace_view
from sellerdesk.cases import actions, checks, wizard
from sellerdesk.cases.forms_appeal import AppealForm, AppealTextForm, DescribeForm, DuplicateReasonForm
from sellerdesk.cases.views import get_case
from sellerdesk.workspace_playbook.actions import book_for


def _appeal_form(workspace, platform: str, data=None, initial=None) -> AppealForm:
    book = book_for(workspace, platform)
    requests, urgencies = wizard.choices()
    return AppealForm(data, initial=initial, topics=book.topics, requests=requests, urgencies=urgencies)


@workspace_view("change_cases")
def appeal_new(request):
    """Step 1: describe; step 2: confirm what was understood and fill the gaps; then the draft is filed."""
    describe = DescribeForm(request.POST or None, workspace=request.workspace)
    if request.method != "POST" or not describe.is_valid():
        return render(request, "cases/appeal_new.html", {"describe": describe, "step": 1})
    shop, description = describe.cleaned_data["shop"], describe.cleaned_data["description"]
    understanding = wizard.understand(request.workspace, shop, description)
    reason_form = DuplicateReasonForm(request.POST if "file" in request.POST else None)
    if "file" not in request.POST:
        form = _appeal_form(request.workspace, shop.platform, initial=wizard.initial(shop, understanding))
    else:
        form = _appeal_form(request.workspace, shop.platform, data=request.POST)
        if form.is_valid() and reason_form.is_valid():
            try:
                case = wizard.file_draft(
                    request.workspace, request.membership, shop, form.cleaned_data, description=description,
                    duplicates=understanding.duplicates, duplicate_reason=reason_form.cleaned_data["duplicate_reason"])
            except actions.ActionError as exc:
                target = reason_form if exc.field == "duplicate_reason" else form
                target.add_error(exc.field if exc.field in target.fields else None, exc.message)
            else:
                messages.success(request, _("Draft %(number)s created: check the text, attach the evidence, "
                                            "then mark it ready.") % {"number": case.number})
                return redirect("case_appeal", request.workspace.slug, case.number)
    return render(request, "cases/appeal_new.html", {
        "describe": describe, "step": 2, "u": understanding, "form": form, "reason_form": reason_form, "shop": shop,
    })


def _analysis_context(case, subject: str, body: str) -> dict:
    analysis = checks.check_case(case, subject=subject, body=body)
    return {"analysis": analysis, "findings": [checks.present(f) for f in analysis.lint.findings],
            "highlighted": checks.highlight(body, analysis.lint.findings, "body"),
            "highlighted_subject": checks.highlight(subject, analysis.lint.findings, "subject")}


@workspace_view("change_cases")
def case_appeal(request, number):
    """A case's appeal: the structured fields, the composed text, the findings, one-click copy."""
    case = get_case(request, number)
    if case.status == "merged":
        raise Http404
    fields_form = _appeal_form(request.workspace, case.platform, initial=wizard.restored(case))
    text_form = AppealTextForm(initial={"subject": case.subject, "body": case.body, "version": case.version})
    if request.method == "POST" and "compose" in request.POST:
        fields_form = _appeal_form(request.workspace, case.platform, data=request.POST)
        version = _version(request)
        if fields_form.is_valid():
            try:
                case, _composed = wizard.recompose(case, request.membership, fields_form.cleaned_data,
                                                   expected_version=version)
            except actions.ActionError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("The appeal was composed again from the fields."))
                return redirect("case_appeal", request.workspace.slug, case.number)
    elif request.method == "POST":
        text_form = AppealTextForm(request.POST)
        if text_form.is_valid():
            data = text_form.cleaned_data
            try:
                case = actions.update_case(case, request.membership, {"subject": data["subject"], "body": data["body"]},
                                           expected_version=data["version"])
            except actions.ActionError as exc:
                text_form.add_error(exc.field if exc.field in text_form.fields else None, exc.message)
            else:
                messages.success(request, _("Changes saved."))
                return redirect("case_appeal", request.workspace.slug, case.number)
    subject = text_form["subject"].value() or ""
    body = text_form["body"].value() or ""
    context = {"case": case, "fields_form": fields_form, "text_form": text_form,
               "evidence": case.evidence.select_related("uploaded_by__user"), **_analysis_context(case, subject, body)}
    return render(request, "cases/case_appeal.html", context)


@require_POST
@workspace_view("change_cases")
def case_appeal_check(request, number):
    """The findings for the text being edited, without saving it (htmx)."""
    case = get_case(request, number)
    subject = request.POST.get("subject", "")[:300]
    body = request.POST.get("body", "")[:60_000]
    return render(request, "cases/_appeal_check.html", {"case": case, **_analysis_context(case, subject, body)})


def _version(request) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None
