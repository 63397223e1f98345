"""Support's replies: store one as an incoming message with its assessment, and move the case on.

A reply that asks us for something puts the case "on us" with the checklist of what they asked; any other
reply makes it "answered" (when its life allows that step). What the reply promises becomes an Agreement
with a date to check.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sellerdesk import playbook
from sellerdesk.analysis import reply as reply_analysis
from sellerdesk.cases import actions
from sellerdesk.cases.actions import ActionError, log_event
from sellerdesk.cases.choices import Channel, EventKind, Status
from sellerdesk.cases.models import Case, CaseEvent
from sellerdesk.followup import agreements
from sellerdesk.followup.facts import case_facts
from sellerdesk.followup.models import AgreementSource

SOURCES = ("paste", "eml", "txt")
REPLY_MAX = 50_000
# A promise without a date ("we will look into it") is checked after this many days.
PROMISE_HORIZON_DAYS = 3


def _today(moment: dt.datetime) -> dt.date:
    return moment.astimezone(ZoneInfo(settings.DISPLAY_TIME_ZONE)).date()


def checklist_note(asks: list[str]) -> str:
    return "\n".join([_("Support asks for:"), *(f"☐ {ask}" for ask in asks)])


def _move(case: Case, actor, assessment) -> None:
    """On us when they ask for something; otherwise answered, when the case's life allows it."""
    target, note = (Status.ON_US, checklist_note(assessment.asks)) if assessment.asks else (Status.ANSWERED, "")
    if case.status == target or not playbook.lifecycle().allowed(case.status, target):
        return
    actions.change_status(case, actor, target, expected_version=None, note=note)


def _promises(case: Case, actor, assessment, occurred_at: dt.datetime) -> None:
    for promise in assessment.promises:
        due = promise.due or _today(occurred_at) + dt.timedelta(days=PROMISE_HORIZON_DAYS)
        agreements.create(case, actor, source=AgreementSource.REPLY, counterpart=_("support"),
                          made_at=occurred_at, promise=promise.text[: agreements.PROMISE_MAX],
                          due_at=agreements.end_of_day(due))


@transaction.atomic
def record_reply(case: Case, actor, text: str, *, source: str = "paste", occurred_at: dt.datetime | None = None,
                 channel: str = "") -> CaseEvent:
    """Store support's reply as a MESSAGE_IN event with its assessment; move the case; record its promises."""
    if source not in SOURCES:
        raise ValueError(f"unknown reply source {source!r}")
    text = text.strip()
    if not text:
        raise ActionError(_("The reply is empty."), "text")
    if len(text) > REPLY_MAX:
        raise ActionError(_("The reply is too long: at most %(count)d characters.") % {"count": REPLY_MAX}, "text")
    now = timezone.now()
    occurred_at = occurred_at or now
    if occurred_at > now + agreements.FUTURE_SLACK:
        raise ActionError(_("A reply cannot be dated in the future."), "occurred_at")
    case = Case.objects.select_for_update(of=("self",)).select_related("shop", "responsible__user").get(pk=case.pk)
    if case.status == Status.MERGED:
        raise ActionError(_("This case was merged: add the reply to the case it was merged into."))
    if case.events.filter(kind=EventKind.MESSAGE_IN, text=text).exists():
        raise ActionError(_("This reply is already in the case's history."), "text")
    assessment = reply_analysis.assess_reply(text, case_facts(case), today=_today(occurred_at))
    event = log_event(case, EventKind.MESSAGE_IN, actor, text=text, occurred_at=occurred_at,
                      channel=channel or (Channel.EMAIL if source == "eml" else case.channel),
                      changes={"assessment": assessment.as_dict(), "source": source})
    Case.objects.filter(pk=case.pk).update(updated_at=now)
    _move(case, actor, assessment)
    _promises(case, actor, assessment, occurred_at)
    return event


def record_entry(case: Case, actor, kind: str, text: str, *, channel: str = "",
                 occurred_at: dt.datetime | None = None) -> CaseEvent:
    """A line added to a case's history by hand (the page's form, the API). A reply from support is assessed
    and moves the case, as when pasted into its panel; anything else is logged as it is."""
    if kind == EventKind.MESSAGE_IN:
        return record_reply(case, actor, text, occurred_at=occurred_at, channel=channel)
    return actions.add_event(case, actor, kind, text, channel=channel, occurred_at=occurred_at)


def last_reply(case: Case) -> CaseEvent | None:
    """The latest reply from support, not counting written confirmations of agreements."""
    return (case.events.filter(kind=EventKind.MESSAGE_IN).exclude(changes__has_key="agreement")
            .order_by("-occurred_at", "-id").first())


def assessment_of(event: CaseEvent) -> dict:
    """The stored assessment, or one made now for a reply typed into the history by hand."""
    stored = (event.changes or {}).get("assessment")
    if isinstance(stored, dict):
        return stored
    return reply_analysis.assess_reply(event.text, case_facts(event.case), today=_today(event.occurred_at)).as_dict()
