"""Support's replies and agreements on a case page: the two panels and the endpoints their forms post to.

Forms post with htmx: a refused form comes back as its panel with the errors and the typed text kept;
a saved one reloads the page (the status and the history changed too). Without JavaScript: messages
and a redirect.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sellerdesk import playbook
from sellerdesk.accounts.access import workspace_view
from sellerdesk.analysis.i18n import Message
from sellerdesk.cases.actions import ActionError
from sellerdesk.cases.choices import Status
from sellerdesk.cases.views import get_case
from sellerdesk.followup import agreements as actions
from sellerdesk.followup import eml, replies
from sellerdesk.followup.forms import AgreementForm, CloseForm, ConfirmForm, ConfirmRequestForm, ReplyForm
from sellerdesk.followup.models import Agreement

NOT_YET_SENT = (Status.DRAFT, Status.READY)


# --- panels -----------------------------------------------------------------------------------------

def _text(item) -> str:
    """One line of an assessment as stored (a Message as {"msgid", "params"}, or plain text), translated."""
    if isinstance(item, dict) and "msgid" in item:
        return Message(item["msgid"], item.get("params") or {}).render(_)
    if isinstance(item, dict):
        return str(item.get("text") or item.get("message") or "")
    return str(item)


def _promise(item) -> dict:
    if not isinstance(item, dict):
        return {"text": str(item)}
    try:
        due = dt.date.fromisoformat(item["due"]) if item.get("due") else None
    except (TypeError, ValueError):
        due = None
    return {"text": str(item.get("text", "")), "due": due, "horizon": bool(item.get("horizon"))}


def present_assessment(data: dict) -> dict:
    return {
        "brush_off": bool(data.get("brush_off")),
        "score": round(float(data.get("score") or 0) * 100),
        "signs": [_text(s) for s in data.get("signs") or []],
        "unaddressed": [_text(s) for s in data.get("unaddressed") or []],
        "asks": [_text(s) for s in data.get("asks") or []],
        "promises": [_promise(p) for p in data.get("promises") or []],
        "resolved": bool(data.get("resolved")),
    }


def reply_panel(request, case, form: ReplyForm | None = None):
    last = replies.last_reply(case)
    if last is None and (case.status in NOT_YET_SENT or case.status == Status.MERGED):
        return None
    context = {"reply_form": form or ReplyForm(), "last_reply": last,
               "assessment": present_assessment(replies.assessment_of(last)) if last else None,
               "can_reply": case.status != Status.MERGED}
    return "followup/_reply_panel.html", context


def agreements_panel(request, case, form: AgreementForm | None = None, failed: dict | None = None):
    rows = list(_agreements_of(case).select_related("case", "created_by__user"))
    if not rows and case.status not in playbook.lifecycle().live_dialog:
        return None
    for agreement in rows:
        if agreement.needs_confirmation:
            agreement.draft = actions.draft_confirmation(agreement)
    context = {"agreements": rows, "agreement_form": form or AgreementForm(),
               "failed": failed or {}, "confirm_form": ConfirmForm(), "close_form": CloseForm()}
    return "followup/_agreements_panel.html", context


# --- responses --------------------------------------------------------------------------------------

def _saved(request, case, message: str):
    messages.success(request, message)
    url = reverse("case_detail", args=[request.workspace.slug, case.number])
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


def _refused(request, case, form, panel, panel_args: dict):
    """The panel again with the errors for htmx; otherwise the errors as messages on the case page."""
    if request.headers.get("HX-Request"):
        template, context = panel(request, case, **panel_args)
        return render(request, template, {"case": case, **context})
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect("case_detail", request.workspace.slug, case.number)


def _agreements_of(case):
    """The case's own agreements and those of the duplicates merged into it."""
    return Agreement.objects.filter(Q(case=case) | Q(case__merged_into=case), workspace=case.workspace_id)


def _agreement(case, pk: int) -> Agreement:
    return get_object_or_404(_agreements_of(case).select_related("case"), pk=pk)


# --- endpoints --------------------------------------------------------------------------------------

def _reply_input(form: ReplyForm) -> tuple[str, str, object]:
    upload = form.cleaned_data.get("file")
    if not upload:
        return form.cleaned_data["text"], "paste", form.cleaned_data.get("occurred_at")
    if upload.size > eml.MAX_BYTES:
        raise eml.ReplyFileError(_("The file is too large: at most %(mb)d MB.") % {"mb": eml.MAX_BYTES // 2**20})
    found = eml.read_reply_file(upload.name, upload.read())
    return found.text, found.source, form.cleaned_data.get("occurred_at") or found.occurred_at


@require_POST
@workspace_view("change_cases")
def case_reply(request, number):
    case = get_case(request, number)
    form = ReplyForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            text, source, occurred_at = _reply_input(form)
            replies.record_reply(case, request.membership, text, source=source, occurred_at=occurred_at)
        except (eml.ReplyFileError, ActionError) as exc:
            form.add_error(None, exc.message)
        else:
            return _saved(request, case, _("The reply is in the history, with its assessment."))
    return _refused(request, case, form, reply_panel, {"form": form})


@require_POST
@workspace_view("change_cases")
def case_agreement_new(request, number):
    case = get_case(request, number)
    form = AgreementForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.record_agreement(case, request.membership, source=data["source"], counterpart=data["counterpart"],
                                     made_at=data["made_at"], promise=data["promise"],
                                     due_at=actions.end_of_day(data["due"], timezone.get_current_timezone())
                                     if data["due"] else None)
        except ActionError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            return _saved(request, case, _("Agreement recorded."))
    return _refused(request, case, form, agreements_panel, {"form": form})


def _agreement_action(request, number, pk, form_class, act, done: str):
    case = get_case(request, number)
    agreement = _agreement(case, pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            act(agreement, form.cleaned_data)
        except ActionError as exc:
            form.add_error(None, exc.message)
        else:
            return _saved(request, case, done)
    return _refused(request, case, form, agreements_panel, {"failed": {"pk": agreement.pk, "form": form}})


@require_POST
@workspace_view("change_cases")
def case_agreement_confirm_request(request, number, pk):
    return _agreement_action(
        request, number, pk, ConfirmRequestForm,
        lambda agreement, data: actions.request_confirmation(agreement, request.membership, text=data["text"]),
        _("The request for a written confirmation is in the history. SellerDesk reminds you if no answer comes."))


@require_POST
@workspace_view("change_cases")
def case_agreement_confirm(request, number, pk):
    return _agreement_action(
        request, number, pk, ConfirmForm,
        lambda agreement, data: actions.confirm(agreement, request.membership, text=data["text"],
                                                ticket_number=data["ticket_number"]),
        _("The agreement is confirmed in writing."))


@require_POST
@workspace_view("change_cases")
def case_agreement_close(request, number, pk):
    def close(agreement, data):
        mark = actions.mark_fulfilled if data["outcome"] == "fulfilled" else actions.mark_broken
        mark(agreement, request.membership, data["note"])

    return _agreement_action(request, number, pk, CloseForm, close, _("The agreement is closed."))
