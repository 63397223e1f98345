"""The escalation ladder on a case page: the panel (levels, their state, the drafted text of the step to take)
and the endpoint that takes a step."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sellerdesk.accounts.access import workspace_view
from sellerdesk.analysis.escalate import lint_public
from sellerdesk.cases.actions import ActionError
from sellerdesk.cases.choices import Channel, Status
from sellerdesk.cases.views import get_case
from sellerdesk.followup import ladder
from sellerdesk.playbook import ladder as ladder_data

NOT_YET_SENT = (Status.DRAFT, Status.READY, Status.MERGED)
DIALOG_CHANNELS = (Channel.TICKET, Channel.CHAT)


class StepForm(forms.Form):
    level = forms.IntegerField(min_value=1, max_value=ladder.TOP, widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(label=gettext_lazy("Text to send"), required=False, max_length=ladder.TEXT_LIMIT,
                           strip=True, widget=forms.Textarea(attrs={"rows": 12}))


def _url(name: str, case) -> str:
    try:
        return reverse(name, args=[case.workspace.slug, case.number])
    except NoReverseMatch:
        return ""


def _channel_label(code: str) -> str:
    return Channel(code).label if code in Channel.values else code


def escalation_panel(request, case):
    level = ladder.level_of(case)
    if case.status in NOT_YET_SENT and not level:
        return None
    now = timezone.now()
    steps = ladder.ladder_for(case, now)
    pending = [s for s in steps if not s.done and not s.skipped and s.due_at is not None]
    proposed = next((s for s in pending if s.is_due), pending[0] if pending else None)
    context = {
        "steps": [{"step": s, "channel_label": _channel_label(s.channel), "proposed": s is proposed} for s in steps],
        "level": level,
        "proposed": proposed,
        "draft": None,
        "problems": [],
        "step_form": None,
        "link_url": "",
    }
    if proposed is not None:
        draft = ladder.draft(case, proposed, now)
        context["draft"] = draft
        context["link_url"] = _url(proposed.link, case) if proposed.link else ""
        if proposed.code == "public":
            allowed = (case.shop.name, case.external_number, *case.entities.values_list("value", flat=True))
            context["problems"] = [p.render(_) for p in lint_public(draft.body, draft.language, allowed=allowed)]
        # A reply in the same dialog has no subject; an e-mail, a post or a claim's cover letter starts with one.
        in_dialog = proposed.channel in DIALOG_CHANNELS
        text = draft.body if in_dialog or not draft.subject else f"{draft.subject}\n\n{draft.body}"
        context["step_form"] = StepForm(initial={"level": proposed.level, "version": case.version, "text": text})
    return "followup/_escalation.html", context


@require_POST
@workspace_view("change_cases")
def case_escalate(request, number):
    case = get_case(request, number)
    form = StepForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields and form.fields[field].label else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
    else:
        data = form.cleaned_data
        try:
            ladder.take_step(case, request.membership, data["level"], data["text"],
                             expected_version=data["version"])
        except ActionError as exc:
            messages.error(request, exc.message)
        else:
            spec = ladder_data.level(case.platform, data["level"])
            messages.success(request, _("Step taken: %(step)s. The clock starts again.") % {
                "step": _(spec.label) if spec else data["level"]})
    return redirect(reverse("case_detail", args=[request.workspace.slug, case.number]) + "#escalation")
