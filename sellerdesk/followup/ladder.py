"""The escalation ladder of a case: which step is due and when, its drafted text, and taking it.

The levels come from `playbook/data/ladder.toml` (via `sellerdesk.playbook.ladder`): 1 reminder in the same
dialog → 2 senior / second line → 3 profile department → 4 formal claim → 5 public post → 6 outside.

When a step is due:
- level 1 when the reminder clock of the case's channel runs out (the workspace playbook's `reminder_after_hours`
  for its platform, channel and kind), counted from when the case last started waiting: submission, our last
  message, or the last step taken;
- a later level `after_hours` after the previous step (or our last message, whichever is later);
- a level marked `early_on_brush_off` at once when support's last reply was a templated brush-off.
Nothing is due while the case is not in a live dialog, while it is "on us" (we owe data), or while a real
answer waits for us to read it.

Taking a step (`take_step`) is one action: it logs an "escalated_step" event with the text sent and its
channel, sets `escalation_level`, moves the case to "escalated" from level 2 on (back to "waiting" for a
reminder), and restarts the clocks.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override

from sellerdesk import playbook
from sellerdesk.analysis import escalate
from sellerdesk.cases import actions
from sellerdesk.cases.actions import ActionError, log_event
from sellerdesk.cases.choices import EntityKind, EventKind, Status
from sellerdesk.cases.models import Case, CaseEvent
from sellerdesk.followup import clocks
from sellerdesk.followup.facts import case_facts
from sellerdesk.language.text import detect_language
from sellerdesk.playbook import calendar
from sellerdesk.playbook import ladder as ladder_data
from sellerdesk.workspace_playbook.actions import clock_for

TEXT_LIMIT = 20_000
TOP = len(ladder_data.CODES)
# Statuses in which no step is proposed although the dialog is alive.
WAITING_FOR_US = (Status.ON_US,)

# The English msgids of ladder.toml (labels, hints, where to send), for makemessages;
# tests/followup/test_ladder_msgids.py keeps this list in step with the data.
LADDER_MSGIDS = (
    gettext_noop("Reminder in the same dialog"),
    gettext_noop("A polite reminder citing the dialog number and how long it has waited."),
    gettext_noop("Reply in the same dialog; do not open a new one."),
    gettext_noop("Senior specialist / second line"),
    gettext_noop("Ask to escalate to a senior specialist: the request in one sentence and what the last reply did "
                 "not address."),
    gettext_noop("Profile department"),
    gettext_noop("Ask to pass the case to the profile department (finance, technical, legal)."),
    gettext_noop("Formal pre-trial claim"),
    gettext_noop("A formal claim citing the offer's clauses and the Civil Code, sent to the company's legal address; "
                 "30 calendar days to answer."),
    gettext_noop("Send the claim to the marketplace's legal address by registered letter or via EDO, and attach it "
                 "in the dialog."),
    gettext_noop("Public post"),
    gettext_noop("A factual post naming the ticket and how long it has waited, without emotion."),
    gettext_noop("vc.ru, seller forums, comments to the marketplace's official VK and Telegram accounts."),
    gettext_noop("Outside: payment dispute, complaint platform, court"),
    gettext_noop("The last resort: a court after the claim's 30 days, a payment dispute or a complaint platform."),
    gettext_noop("The arbitration court (commercial dispute), once the claim's 30 calendar days have passed."),
    gettext_noop("WB Partners → Support: reply in the same dialog with its number; do not open a new one."),
    gettext_noop("WB Partners → Support, the same dialog; if the cabinet is unreachable, e-mail seller@wildberries.ru "
                 "with the dialog number."),
    gettext_noop("Ozon Seller → Feedback → “Write to support”: answer in the same thread; the ticket form when the "
                 "chat is switched off."),
    gettext_noop("Ozon Seller → Feedback → “Write to support”: answer in the same thread and ask for the profile "
                 "specialist."),
    gettext_noop("Reply under the same ticket in the vendor's app or help centre."),
    gettext_noop("The vendor's support e-mail, with the ticket number in the subject."),
    gettext_noop("The vendor's official WeChat account (or Weibo), with the ticket number."),
    gettext_noop("Send the claim to the vendor's registered e-mail and address, and attach it to the ticket."),
    gettext_noop("Seller communities (知无不言, 雨果网), the vendor's Weibo and WeChat accounts."),
    gettext_noop("A payment dispute with the card issuer or PayPal, a complaint platform (黑猫投诉, 315消费保), "
                 "or a lawyer."),
)


@dataclass(frozen=True)
class Step:
    level: int
    code: str
    label: str                      # English msgid; the interface translates it
    due_at: dt.datetime | None      # when it becomes (or became) due; None: not scheduled now
    is_due: bool                    # due now: propose it
    done: bool                      # taken already
    done_at: dt.datetime | None = None
    channel: str = ""               # the channel it goes through
    hint: str = ""
    where: str = ""
    link: str = ""                  # URL name of the page that makes this step (the claim document)
    skipped: bool = False           # a later step was taken without this one


@dataclass(frozen=True)
class _History:
    steps: dict[int, dt.datetime]               # level -> when it was last taken
    last_step_at: dt.datetime | None
    last_out_at: dt.datetime | None             # our last message to support
    last_reply: CaseEvent | None                # support's last message


def _history(case: Case) -> _History:
    steps: dict[int, dt.datetime] = {}
    last_step_at = last_out_at = None
    last_reply = None
    events = case.events.filter(kind__in=(EventKind.ESCALATED_STEP, EventKind.MESSAGE_OUT, EventKind.MESSAGE_IN))
    for event in events.order_by("occurred_at", "id"):
        if event.kind == EventKind.ESCALATED_STEP:
            new = (event.changes or {}).get("level", [None, None])
            level = new[1] if isinstance(new, list) and len(new) == 2 else None
            if isinstance(level, int) and 1 <= level <= TOP:
                steps[level] = event.occurred_at
                last_step_at = event.occurred_at
        elif event.kind == EventKind.MESSAGE_OUT:
            last_out_at = event.occurred_at
        else:
            last_reply = event
    return _History(steps, last_step_at, last_out_at, last_reply)


def _assessment(event: CaseEvent | None) -> dict:
    found = (event.changes or {}).get("assessment") if event is not None else None
    return found if isinstance(found, dict) else {}


def _channel(case: Case, spec: ladder_data.LevelSpec) -> str:
    return case.channel if spec.channel == "same" else spec.channel


def _reminder_hours(case: Case, spec: ladder_data.LevelSpec) -> tuple[float, bool]:
    """Level 1 waits for the channel's reminder clock (the workspace's playbook), else the ladder's own hours."""
    clock = clock_for(case.workspace, case.platform, case.channel, case.kind)
    if clock.reminder_after_hours > 0:
        return clock.reminder_after_hours, clock.business_time
    return spec.after_hours, spec.business_time


def level_of(case: Case) -> int:
    """The level of the ladder the case has reached (0: no step taken)."""
    return case.escalation_level or 0


def ladder_for(case: Case, now: dt.datetime | None = None) -> list[Step]:
    """Every level of the case's ladder with its state: done, due now, due at a time, or not scheduled."""
    now = now or timezone.now()
    specs = ladder_data.ladder(case.platform)
    history = _history(case)
    level = level_of(case)
    lifecycle = playbook.lifecycle()
    alive = case.status in lifecycle.live_dialog and case.status not in WAITING_FOR_US
    waiting_since = max(filter(None, [case.submitted_at, history.last_out_at, history.last_step_at]),
                        default=case.submitted_at or case.created_at)
    reply = history.last_reply
    fresh_reply = reply is not None and reply.occurred_at >= waiting_since
    brush_off = fresh_reply and bool(_assessment(reply).get("brush_off"))
    if fresh_reply and not brush_off and case.status == Status.ANSWERED:
        alive = False  # a real answer waits for us to read it: no step is proposed
    # A brush-off makes the reminder pointless: the senior step is proposed at once instead.
    start = level + 1
    if brush_off and start == 1 and any(s.level == 2 and s.early_on_brush_off for s in specs):
        start = 2
    steps: list[Step] = []
    previous_due: dt.datetime | None = None
    for spec in specs:
        common = {"level": spec.level, "code": spec.code, "label": spec.label, "channel": _channel(case, spec),
                  "hint": spec.hint, "where": spec.where, "link": spec.link}
        if spec.level <= level:
            done_at = history.steps.get(spec.level)
            steps.append(Step(due_at=None, is_due=False, done=done_at is not None, done_at=done_at,
                              skipped=done_at is None, **common))
            continue
        due_at = None
        if alive and spec.level == start:
            if spec.after == "clock":
                hours, business = _reminder_hours(case, spec)
            else:
                hours, business = spec.after_hours, spec.business_time
            due_at = calendar.add_hours(waiting_since, hours, business=business)
            if brush_off and spec.early_on_brush_off:
                due_at = min(due_at, reply.occurred_at)
        elif alive and spec.level > start and previous_due is not None:
            # Projected: a step can only follow the one before it, which is taken now at the earliest.
            due_at = calendar.add_hours(max(previous_due, now), spec.after_hours, business=spec.business_time)
        is_due = spec.level == start and due_at is not None and due_at <= now
        steps.append(Step(due_at=due_at, is_due=is_due, done=False, **common))
        previous_due = due_at
    return steps


def next_step(case: Case, now: dt.datetime | None = None) -> Step | None:
    """The step to propose: the first one due now, else the next one scheduled; None when nothing is."""
    pending = [s for s in ladder_for(case, now) if not s.done and not s.skipped and s.due_at is not None]
    due = [s for s in pending if s.is_due]
    return (due or pending or [None])[0]


def _translator(language: str):
    def translate(msgid: str) -> str:
        with override(language):
            return _(msgid)

    return translate


# How a request opens in an appeal's text, when the wizard did not record it.
# The request, without a label before it ("请求：请开具…" gives "请开具…": the draft adds its own label).
_REQUEST = re.compile(r"(?:^|(?<=[.!?。！？\n]))\s*(?:(?:请求|诉求|Просьба|Request)\s*[:：]\s*)?"
                      r"((?:Просим|Прошу|Please|请)[^\n]{3,400})", re.IGNORECASE)


def request_in(body: str, language: str = "") -> str:
    """The first sentence of the appeal's text that asks for something ("Просим вернуть …"), else ''.
    With `language`, a sentence in another language is not taken (a draft never mixes languages)."""
    found = _REQUEST.search(body or "")
    sentence = escalate.first_sentence(found.group(1)) if found else ""
    if sentence and language and detect_language(sentence) not in (language, ""):
        return ""
    return sentence


def escalation_facts(case: Case, now: dt.datetime | None = None) -> escalate.EscalationFacts:
    """What a step's text is written from: the case's facts, its dialog, its age and the last reply's gaps."""
    now = now or timezone.now()
    facts = case_facts(case)
    history = _history(case)
    opened = case.submitted_at or case.created_at
    clock = clock_for(case.workspace, case.platform, case.channel, case.kind)
    business_days = None
    if clock.business_time and opened and opened < now:
        business_days = int(calendar.hours_between(opened, now, business=True) // 24)
    reply = history.last_reply
    platform = playbook.platforms().get(case.platform)
    if not facts.request:
        facts = replace(facts, request=request_in(case.body, facts.language))
    return escalate.EscalationFacts(
        case=facts,
        references=tuple(case.entities.exclude(kind=EntityKind.PERIOD).values_list("kind", "value")),
        shop=case.shop.name,
        platform_name=platform.name if platform else case.platform,
        case_number=case.number,
        opened_at=opened,
        waited_hours=max(0.0, (now - opened).total_seconds() / 3600) if opened else 0.0,
        waited_business_days=business_days,
        last_reply_at=reply.occurred_at if reply is not None else None,
        unaddressed=tuple(_assessment(reply).get("unaddressed") or ()),
        amount=case.money_at_risk if case.money_at_risk else None,
        currency=case.currency,
    )


def draft(case: Case, step: Step | int, now: dt.datetime | None = None) -> escalate.Draft:
    """The text of a step in the language the platform's support reads."""
    level = step if isinstance(step, int) else step.level
    facts = escalation_facts(case, now)
    return escalate.draft(level, facts, translate=_translator(facts.case.language))


def _target_status(case: Case, level: int) -> list[str]:
    """The statuses to pass through: "escalated" from level 2 on, "waiting" after a reminder."""
    target = Status.ESCALATED if level >= 2 else Status.WAITING
    if case.status == target:
        return []
    allowed = playbook.lifecycle().allowed
    if allowed(case.status, target):
        return [target]
    if allowed(case.status, Status.WAITING) and allowed(Status.WAITING, target):
        return [Status.WAITING, target]
    return []


def _check_calm(case: Case, text: str) -> None:
    """A public post states facts without emotion: refused with what reads as emotional."""
    platform = playbook.platforms().get(case.platform)
    allowed = (case.shop.name, case.external_number, platform.name if platform else "",
               *case.entities.values_list("value", flat=True))
    language = platform.language if platform else "ru"
    problems = escalate.lint_public(text, language, allowed=allowed)
    if problems:
        raise ActionError(_("A public post states facts without emotion. %(problems)s") % {
            "problems": " ".join(p.render(_) for p in problems)}, "text")


@transaction.atomic
def take_step(case: Case, actor, level: int, text: str, *, expected_version: int | None,
              now: dt.datetime | None = None) -> Case:
    """Record that a ladder step was taken: one event with the text sent, the new level and status, the clocks
    restarted. Refused for a case that is not in a live dialog, and for a step below the level reached."""
    case = actions._locked(case, expected_version)
    now = now or timezone.now()
    lifecycle = playbook.lifecycle()
    if case.status not in lifecycle.live_dialog:
        if case.status in lifecycle.finished:
            raise ActionError(_("The case is finished: reopen it before escalating."), "level")
        raise ActionError(_("Submit the appeal and record its number before escalating."), "level")
    if case.status == Status.ON_US:
        raise ActionError(_("Support waits for data from us: send it before escalating."), "level")
    spec = ladder_data.level(case.platform, level) if isinstance(level, int) else None
    if spec is None:
        raise ActionError(_("There is no such step of the ladder."), "level")
    old = level_of(case)
    if level < old or (level == old and level != 1):
        raise ActionError(_("This step was already taken."), "level")
    text = (text or "").strip()
    if not text and not spec.link:
        raise ActionError(_("The text of the step is empty."), "text")
    if len(text) > TEXT_LIMIT:
        raise ActionError(_("The text is too long: at most %(limit)s characters.") % {"limit": TEXT_LIMIT}, "text")
    if spec.code == "public":
        _check_calm(case, text)
    changes: dict[str, list] = {"level": [old, level]}
    path = _target_status(case, level)
    if path:
        changes["status"] = [case.status, path[-1]]
        case.status = path[-1]
    case.escalation_level = level
    clocks.recompute(case, now, restart=True)
    case.version += 1
    case.updated_at = now
    case.save()
    log_event(case, EventKind.ESCALATED_STEP, actor, changes=changes, text=text, channel=_channel(case, spec),
              occurred_at=now)
    return case
