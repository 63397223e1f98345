"""Follow-through over HTTP: support's replies, the escalation ladder and the weekly review.

The same actions as the pages: sellerdesk.followup.replies records a reply, sellerdesk.followup.ladder
proposes and takes a step, sellerdesk.reports.review computes the review.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext
from ninja import Field, Query, Router, Schema, Status
from pydantic import AwareDatetime

from sellerdesk.analysis import reply as reply_analysis
from sellerdesk.analysis.reply import CaseFacts, ReplyAssessment
from sellerdesk.api import schemas
from sellerdesk.api.access import get_case, member
from sellerdesk.cases.choices import Status as CaseStatus
from sellerdesk.followup import ladder, replies
from sellerdesk.followup.facts import case_facts
from sellerdesk.reports import review as review_data

analysis_router = Router(tags=["analysis"])
cases_router = Router(tags=["follow-up"])
review_router = Router(tags=["review"])

ERRORS = {400: schemas.Error, 403: schemas.Error, 404: schemas.Error}
Money = dict[str, Decimal]
MONEY = ('Per currency, RUB first: {"RUB": "15400.00", "CNY": "4692.00"}; amounts of different currencies are '
         "never added.")


# --- replies --------------------------------------------------------------------------------------------

class PromiseOut(Schema):
    text: str = Field(description="The sentence that promises.")
    due: dt.date | None = Field(description="By when: the date the reply gave, else the default horizon.")
    horizon: bool = Field(description="True when `due` is the default horizon, not a date the reply gave.")


class AssessmentOut(Schema):
    brush_off: bool = Field(description="A templated reply that does not engage with the case («отписка», 模板回复).")
    score: float = Field(description="0..1, how templated the reply looks; 0.5 or more is a brush-off.")
    signs: list[str] = Field(description="Why it looks templated (or not), in the request's language.")
    unaddressed: list[str] = Field(description="The case's numbers, amounts, requests and files the reply never "
                                               "mentions, in the request's language.")
    asks: list[str] = Field(description="What support asks us for, one checklist item each, as written.")
    promises: list[PromiseOut]
    promise_due: dt.date | None = Field(description="The date to check the promises on.")
    resolved: bool = Field(description="The reply says the problem is solved.")
    language: str = Field(description="The language the reply is written in.")


class ReplyAnalysisIn(Schema):
    text: str = Field(max_length=replies.REPLY_MAX, description="Support's reply, as pasted.")
    case: str | None = Field(None, description="A case number of the workspace: the reply is judged against its "
                                               "numbers, amounts, request and files.", examples=["SD-2026-00042"])


class ReplyIn(Schema):
    text: str = Field(description=f"Support's reply, as pasted (at most {replies.REPLY_MAX} characters).")
    occurred_at: AwareDatetime | None = Field(None, description="When support sent it, if earlier than now.")


class ReplyOut(Schema):
    event_id: int = Field(description="The id of the incoming message on the case's timeline.")
    assessment: AssessmentOut
    status: CaseStatus = Field(description="The case's status after the reply: `on_us` when support asks for "
                                           "something, else `answered` when its lifecycle allows.")
    version: int


def _assessment(assessment: ReplyAssessment | dict) -> dict:
    """The assessment with its messages rendered in the request's language."""
    if isinstance(assessment, dict):
        assessment = ReplyAssessment.from_dict(assessment)
    data = assessment.as_dict()
    data["signs"] = [m.render(gettext) for m in assessment.signs]
    data["unaddressed"] = [m.render(gettext) for m in assessment.unaddressed]
    return data


def _today() -> dt.date:
    return timezone.now().astimezone(ZoneInfo(settings.DISPLAY_TIME_ZONE)).date()


@analysis_router.post("/reply", response={200: AssessmentOut, 403: schemas.Error, 404: schemas.Error},
                      summary="Assess a reply from support")
def analyse_reply(request, payload: ReplyAnalysisIn):
    """Whether a reply is a brush-off, what of the case it ignores, what it asks for and what it promises
    (with dates). The same assessment as pasting the reply on a case; nothing is saved."""
    membership = member(request)
    facts = case_facts(get_case(membership, payload.case)) if payload.case else CaseFacts()
    return _assessment(reply_analysis.assess_reply(payload.text, facts, today=_today()))


@cases_router.post("/{number}/replies", response={201: ReplyOut, **ERRORS}, summary="Record a reply from support")
def record_reply(request, number: str, payload: ReplyIn):
    """Stores the reply as an incoming message with its assessment, moves the case (`on_us` with a checklist
    when support asks for something, else `answered`) and turns its promises into agreements to check."""
    membership = member(request, "change_cases")
    case = get_case(membership, number)
    event = replies.record_reply(case, membership, payload.text, source="paste", occurred_at=payload.occurred_at)
    case = get_case(membership, number)
    return Status(201, {"event_id": event.pk, "assessment": _assessment(event.changes["assessment"]),
                        "status": case.status, "version": case.version})


# --- the ladder -----------------------------------------------------------------------------------------

class StepOut(Schema):
    level: int
    code: str = Field(examples=["reminder", "senior", "department", "claim", "public", "external"])
    label: str
    channel: str = Field(description="The channel the step goes through.")
    hint: str
    where: str = Field(description="Where to send it.")
    state: str = Field(description="`done`, `skipped` (a later step was taken without it), `due` (propose it now) "
                                   "or `later` (scheduled at `due_at`, or not scheduled when that is null).")
    due_at: schemas.UtcDateTime | None
    done_at: schemas.UtcDateTime | None


class DraftOut(Schema):
    subject: str
    body: str
    language: str = Field(description="The language the platform's support reads.")


class NextStepOut(StepOut):
    draft: DraftOut


class LadderOut(Schema):
    current: int = Field(description="The level the case has reached; 0 when no step was taken.")
    levels: list[StepOut]
    next: NextStepOut | None = Field(description="The step to propose (the first due, else the next scheduled) "
                                                 "with its text drafted; null when nothing is scheduled.")


class EscalateIn(Schema):
    level: int = Field(ge=1, description="The level of the step taken (see GET …/ladder).")
    text: str = Field("", max_length=ladder.TEXT_LIMIT, description="The text sent.")
    version: int = Field(description="The `version` the client last read; a newer one on the server → 409.")


def _state(step: ladder.Step) -> str:
    if step.done:
        return "done"
    if step.skipped:
        return "skipped"
    return "due" if step.is_due else "later"


def _step(step: ladder.Step) -> dict:
    return {"level": step.level, "code": step.code, "label": gettext(step.label), "channel": step.channel,
            "hint": gettext(step.hint) if step.hint else "", "where": gettext(step.where) if step.where else "",
            "state": _state(step), "due_at": step.due_at, "done_at": step.done_at}


@cases_router.get("/{number}/ladder", response={200: LadderOut, 404: schemas.Error},
                  summary="Escalation ladder of a case")
def read_ladder(request, number: str):
    """Every level with its state and dates, and the next step with its drafted text."""
    case = get_case(member(request), number)
    now = timezone.now()
    steps = ladder.ladder_for(case, now)
    upcoming = ladder.next_step(case, now)
    following = None
    if upcoming is not None:
        text = ladder.draft(case, upcoming, now)
        following = {**_step(upcoming), "draft": {"subject": text.subject, "body": text.body,
                                                  "language": text.language}}
    return {"current": ladder.level_of(case), "levels": [_step(s) for s in steps], "next": following}


@cases_router.post("/{number}/escalate", response={200: schemas.CaseOut, 409: schemas.Error, **ERRORS},
                   summary="Take a step of the escalation ladder")
def escalate(request, number: str, payload: EscalateIn):
    """Records the step with the text sent, raises the case's level, moves it to `escalated` from level 2
    (`waiting` after a reminder) and restarts its clocks. A stale `version` is a 409."""
    membership = member(request, "change_cases")
    case = get_case(membership, number)
    ladder.take_step(case, membership, payload.level, payload.text, expected_version=payload.version)
    return get_case(membership, number)


# --- the weekly review ----------------------------------------------------------------------------------

class ReviewFilter(Schema):
    week: str | None = Field(None, max_length=30, description="An ISO week, `2026-W47`; the current week when "
                                                             "left out, unreadable or still to come.")


class MoneyCount(Schema):
    count: int
    money: Money = Field(description=MONEY)


class GroupOut(MoneyCount):
    key: str = Field(description="A platform code, a kind, or a member id ('' for nobody).")
    label: str


class AtRiskOut(Schema):
    total: MoneyCount
    by_platform: list[GroupOut]
    by_kind: list[GroupOut]
    by_responsible: list[GroupOut]


class AgeOut(MoneyCount):
    label: str
    first: int = Field(description="Days open, from…")
    last: int | None = Field(description="…to (null: and more).")


class ReviewCaseOut(Schema):
    number: str
    subject: str
    status: str
    status_label: str
    platform: str
    platform_label: str
    kind: str
    kind_label: str
    external_number: str
    responsible: str
    deadline: schemas.UtcDateTime | None
    currency: str
    money_at_risk: Decimal
    money_recovered: Decimal
    outcome: str
    outcome_label: str
    created_at: schemas.UtcDateTime
    resolved_at: schemas.UtcDateTime | None
    age_days: int
    late_days: int | None = None


class OverdueOut(MoneyCount):
    cases: list[ReviewCaseOut]


class EscalationOut(ReviewCaseOut):
    level: int
    step_code: str
    step: str
    step_due_at: schemas.UtcDateTime | None
    draft_subject: str
    draft_body: str
    draft_language: str


class EscalateListOut(Schema):
    available: bool
    more: bool = Field(description="More cases wait than are listed.")
    items: list[EscalationOut]


class PromiseDueOut(Schema):
    number: str
    subject: str
    counterpart: str
    promise: str
    source: str
    made_at: schemas.UtcDateTime
    due_at: schemas.UtcDateTime
    late_days: int


class PromisesOut(Schema):
    available: bool
    count: int
    items: list[PromiseDueOut]


class OutcomeOut(Schema):
    code: str
    label: str
    count: int


class ClosedOut(Schema):
    count: int
    recovered: Money = Field(description=MONEY)
    claimed: Money = Field(description=MONEY)
    outcomes: list[OutcomeOut]
    cases: list[ReviewCaseOut]


class TrendOut(Schema):
    code: str = Field(examples=["2026-W47"])
    label: str
    opened: int
    closed: int
    recovered: Money = Field(description=MONEY)
    at_risk: Money = Field(description="At risk at the week's end. " + MONEY)


class ReviewOut(Schema):
    week: str = Field(examples=["2026-W47"])
    week_label: str = Field(examples=["16.11–22.11.2026"])
    is_current_week: bool
    previous_week: str
    next_week: str | None
    currencies: list[str]
    main_currency: str
    overdue: OverdueOut = Field(description="Open cases past their deadline, now.")
    escalate: EscalateListOut = Field(description="Overdue cases whose next ladder step is due, drafted.")
    promises: PromisesOut = Field(description="Promises whose date passed, neither kept nor broken.")
    closed: ClosedOut = Field(description="Cases resolved during the week.")
    at_risk: AtRiskOut = Field(description="Open cases and their money, now.")
    ageing: list[AgeOut]
    trend: list[TrendOut] = Field(description="The 12 weeks up to the chosen one.")


def _row(row: dict) -> dict:
    return {**row, "outcome": row.get("outcome") or "", "late_days": row.get("late_days")}


@review_router.get("", response={200: ReviewOut, 403: schemas.Error}, summary="Weekly review")
def read_review(request, filters: Query[ReviewFilter]):
    """The figures of the *Weekly review* page: what hangs, what to escalate, promises past due, what closed,
    money at risk and its ageing, the 12-week trend. Money per currency as decimal strings."""
    membership = member(request)
    data = review_data.build(membership.workspace, week=filters.week)
    week = data["week"]
    return {
        "week": week.code, "week_label": week.label, "is_current_week": data["is_current_week"],
        "previous_week": data["previous_week"].code,
        "next_week": data["next_week"].code if data["next_week"] else None,
        "currencies": data["currencies"], "main_currency": data["main_currency"],
        "overdue": {**data["overdue"], "cases": [_row(r) for r in data["overdue"]["cases"]]},
        "escalate": {**data["escalate"], "items": [_row(r) for r in data["escalate"]["items"]]},
        "promises": data["promises"],
        "closed": {**data["closed"], "cases": [_row(r) for r in data["closed"]["cases"]]},
        "at_risk": {**data["at_risk"], "by_responsible": [
            {**g, "key": str(g["key"])} for g in data["at_risk"]["by_responsible"]]},
        "ageing": data["ageing"],
        "trend": [{k: v for k, v in row.items() if k != "week"} for row in data["trend"]],
    }
