"""A case's clocks: who owes the next move, by when, and when somebody must be reminded.

Three clocks, set by `recompute` from the case's status, its channel and the workspace's playbook:

- support's first answer (`first_answer_due`) runs from submission while support has never answered;
- support's next update (`update_due`) runs when we wait again after an answer, and restarts on escalation;
- our own reaction (`follow_up_due`) runs once support answered (or asked us for something): the
  default is one business day, `playbook/data/clocks.toml`.

"On us" pauses support's clock: `clock_paused_at` is recorded, and on resuming the paused time is added
to support's due (in business time for business clocks), and counted in `paused_seconds`. Our own clock
keeps running while we owe data. A finished case has no clocks. `deadline` is the earliest running due.

Reminders: `next_alert_at` is the next moment the worker must tell somebody about the case. A clock
that runs out alerts at its due, then again every `reminder_after_hours` of the channel (support) or
`repeat_hours` (ours) while it stays overdue. `process_due` re-reads the locked row and alerts only for
clocks that still run, so a reminder never fires for a state the case has left.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import tomllib
from dataclasses import dataclass
from functools import cache, partial
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from sellerdesk import playbook
from sellerdesk.accounts.models import Membership
from sellerdesk.accounts.roles import Role
from sellerdesk.cases.choices import EventKind, Status
from sellerdesk.cases.models import Case
from sellerdesk.followup.claim import process_due_rows
from sellerdesk.playbook import DATA_DIR
from sellerdesk.playbook import calendar as cal
from sellerdesk.workspace_playbook.actions import clock_for

log = logging.getLogger(__name__)

SUPPORT_OWES = frozenset({Status.SUBMITTED, Status.WAITING, Status.ESCALATED})
WE_OWE = frozenset({Status.ANSWERED, Status.ON_US})
CLOCK_FIELDS = ("first_answer_due", "update_due", "follow_up_due", "deadline", "clock_paused_at", "paused_seconds",
                "next_alert_at")

FIRST_ANSWER, UPDATE, FOLLOW_UP = "first_answer", "update", "follow_up"


@dataclass(frozen=True)
class OwnClocks:
    follow_up_hours: float
    follow_up_business: bool
    follow_up_repeat_hours: float
    support_repeat: bool


@cache
def own_clocks() -> OwnClocks:
    with open(DATA_DIR / "clocks.toml", "rb") as fh:
        raw = tomllib.load(fh)
    follow, support = raw.get("follow_up", {}), raw.get("support", {})
    return OwnClocks(
        follow_up_hours=float(follow.get("hours", 24)),
        follow_up_business=bool(follow.get("business_time", True)),
        follow_up_repeat_hours=float(follow.get("repeat_hours", 0)),
        support_repeat=bool(support.get("repeat", True)),
    )


def support_clock(case: Case) -> playbook.ChannelClock:
    return clock_for(case.workspace, case.platform, case.channel, case.kind)


# --- arithmetic -------------------------------------------------------------------------------------

def _add(start: dt.datetime, hours: float, business: bool) -> dt.datetime | None:
    if hours <= 0:
        return None
    # Whole seconds: dues are shown, exported and compared, never finer than that.
    return cal.add_hours(start, hours, business=business).astimezone(dt.UTC).replace(microsecond=0)


def _next_point(due: dt.datetime, every_hours: float, business: bool, after: dt.datetime) -> dt.datetime | None:
    """The first alert at or after `after` of a clock that runs out at `due` and repeats every `every_hours`."""
    if due >= after:
        return due
    if every_hours <= 0:
        return None
    every = dt.timedelta(hours=every_hours)
    elapsed = cal.time_between(due, after, business=business)
    steps = max(0, math.floor(elapsed / every))
    point = cal.add_time(due, every * steps, business=business)
    while point < after:
        point = cal.add_time(point, every, business=business)
    return point.astimezone(dt.UTC)


def _support_due(case: Case) -> tuple[str, dt.datetime] | None:
    if case.first_answer_due:
        return FIRST_ANSWER, case.first_answer_due
    if case.update_due:
        return UPDATE, case.update_due
    return None


def _alert_points(case: Case, clock: playbook.ChannelClock, after: dt.datetime) -> list[tuple[str, dt.datetime]]:
    """Each running clock's first alert at or after `after`."""
    points = []
    support = _support_due(case)
    if support and case.status in SUPPORT_OWES and not case.clock_paused_at:
        every = clock.reminder_after_hours if own_clocks().support_repeat else 0
        point = _next_point(support[1], every, clock.business_time, after)
        if point:
            points.append((support[0], point))
    if case.follow_up_due and case.status in WE_OWE:
        own = own_clocks()
        point = _next_point(case.follow_up_due, own.follow_up_repeat_hours, own.follow_up_business, after)
        if point:
            points.append((FOLLOW_UP, point))
    return points


def _latest_points(case: Case, clock: playbook.ChannelClock, since: dt.datetime,
                   now: dt.datetime) -> list[tuple[str, dt.datetime]]:
    """Per running clock, its latest alert in [since, now]: what a worker round owes (one alert per clock,
    however long the worker was away)."""
    due = []
    for name, point in _alert_points(case, clock, since):
        if point > now:
            continue
        while True:
            later = _alert_points_of(case, clock, name, point + dt.timedelta(microseconds=1))
            if later is None or later > now:
                break
            point = later
        due.append((name, point))
    return due


def _alert_points_of(case, clock, name, after):
    return next((point for n, point in _alert_points(case, clock, after) if n == name), None)


def _next_alert(case: Case, clock: playbook.ChannelClock, after: dt.datetime) -> dt.datetime | None:
    points = [point for _name, point in _alert_points(case, clock, after)]
    return min(points, default=None)


# --- recompute ----------------------------------------------------------------------------------------

def _stored(case: Case) -> dict | None:
    if case.pk is None:
        return None
    return Case.objects.filter(pk=case.pk).values("status", "channel", "kind", "platform").first()


def _had_answer(case: Case) -> bool:
    """Support answered this case at some time: a message from support, or the case was "answered"."""
    if case.pk is None:
        return False
    events = case.events.all()
    return (events.filter(kind=EventKind.MESSAGE_IN).exists()
            or events.filter(kind=EventKind.STATUS, changes__status__1=Status.ANSWERED).exists())


def _shift(due: dt.datetime | None, paused_at: dt.datetime, now: dt.datetime, business: bool) -> dt.datetime | None:
    """A due moved on by the time the clock stood still (paused_at → now)."""
    if due is None:
        return None
    if business and due > paused_at:
        remaining = cal.business_time_between(paused_at, due)
        return cal.add_business_time(now, remaining).astimezone(dt.UTC)
    return due + (now - paused_at)


def _resume(case: Case, now: dt.datetime, clock: playbook.ChannelClock) -> None:
    paused_at = case.clock_paused_at
    if paused_at is None:
        return
    if now > paused_at:
        case.paused_seconds = (case.paused_seconds or 0) + int((now - paused_at).total_seconds())
        case.first_answer_due = _shift(case.first_answer_due, paused_at, now, clock.business_time)
        case.update_due = _shift(case.update_due, paused_at, now, clock.business_time)
    case.clock_paused_at = None


def _clear(case: Case) -> None:
    case.first_answer_due = case.update_due = case.follow_up_due = None
    case.clock_paused_at = None
    case.next_alert_at = None


def recompute(case: Case, now: dt.datetime | None = None, *, restart: bool = False,
              keep_deadline: bool = False) -> None:
    """Set the clock fields of `case` (not saved) from its status, channel, kind and pause state.

    Call it right before `case.save()` after changing the status or the channel/kind/shop: it compares
    with the stored row to tell a status change from an edit. `restart=True` restarts support's wait from
    `now` (an escalation step taken without a status change). `keep_deadline` leaves `deadline` as set by
    the caller (an import that brings its own). Draft and ready cases have no clocks and keep the deadline
    a person gave them; finished ones have neither.
    """
    now = now or timezone.now()
    stored = _stored(case)
    old_status = stored["status"] if stored else None
    lifecycle = playbook.lifecycle()
    status = case.status
    if status not in lifecycle.live_dialog:
        _clear(case)
        if status in lifecycle.finished and not keep_deadline:
            case.deadline = None
        return
    pending = case.next_alert_at if case.next_alert_at and case.next_alert_at <= now else None
    clock = support_clock(case)
    clock_changed = stored is not None and (stored["channel"], stored["kind"], stored["platform"]) != (
        case.channel, case.kind, case.platform)
    if old_status not in lifecycle.live_dialog:
        _clear(case)  # a new dialog (submitted, imported, or reopened): nothing carries over
    if case.clock_paused_at and status != Status.ON_US:
        _resume(case, now, clock)

    if status in SUPPORT_OWES:
        case.follow_up_due = None
        escalated_now = status == Status.ESCALATED and old_status != Status.ESCALATED
        if restart or escalated_now or clock_changed or _support_due(case) is None:
            if _had_answer(case):
                case.first_answer_due, case.update_due = None, _add(now, clock.first_reaction_hours,
                                                                   clock.business_time)
            else:
                fresh = restart or escalated_now or old_status in lifecycle.finished
                start = now if fresh or not case.submitted_at else case.submitted_at
                case.first_answer_due = _add(start, clock.first_reaction_hours, clock.business_time)
                case.update_due = None
    else:  # we owe: answered, or on us
        if status == Status.ANSWERED:
            case.first_answer_due = case.update_due = None
        elif case.clock_paused_at is None:
            case.clock_paused_at = now
        own = own_clocks()
        if case.follow_up_due is None or restart or old_status in SUPPORT_OWES:
            case.follow_up_due = _add(now, own.follow_up_hours, own.follow_up_business)

    if not keep_deadline:
        running = [case.follow_up_due]
        if not case.clock_paused_at:
            running += [case.first_answer_due, case.update_due]
        case.deadline = min((d for d in running if d), default=None)
    case.next_alert_at = _next_alert(case, clock, pending or now)


# --- the worker's source -------------------------------------------------------------------------------

# English msgids (gettext_noop marks them), rendered with gettext in the recipient's language.
TITLES = {
    FIRST_ANSWER: gettext_noop("Case %(number)s: support has not answered in time"),
    UPDATE: gettext_noop("Case %(number)s: support owes an update"),
    FOLLOW_UP: gettext_noop("Case %(number)s: support's answer is waiting for our reaction"),
}
BODIES = {
    FIRST_ANSWER: gettext_noop(
        "Support's first answer was due %(due)s (%(hours)s h of %(time)s). The dialog %(dialog)s started %(age)s "
        "ago. Time to send a polite reminder or take the next escalation step."),
    UPDATE: gettext_noop(
        "Support's next update was due %(due)s (%(hours)s h of %(time)s). The dialog %(dialog)s started %(age)s ago."),
    FOLLOW_UP: gettext_noop(
        "Our reaction to support's answer was due %(due)s (%(hours)s h of %(time)s). The dialog %(dialog)s started "
        "%(age)s ago."),
}


@dataclass
class _Round:
    """What one `process_due` call looks up once and reuses for every row."""

    clocks: dict
    owners: dict

    def clock(self, case: Case) -> playbook.ChannelClock:
        key = (case.workspace_id, case.platform, case.channel, case.kind)
        if key not in self.clocks:
            self.clocks[key] = support_clock(case)
        return self.clocks[key]

    def recipients(self, case: Case) -> list[Membership]:
        if case.responsible_id:
            return [case.responsible]
        if case.created_by_id:
            return [case.created_by]
        if case.workspace_id not in self.owners:
            self.owners[case.workspace_id] = list(
                Membership.objects.filter(workspace_id=case.workspace_id, role=Role.OWNER)
                .select_related("user__profile").order_by("pk"))
        return self.owners[case.workspace_id]


def _language(member: Membership | None) -> str:
    profile = getattr(member.user, "profile", None) if member else None
    return (profile.language if profile else "") or settings.LANGUAGE_CODE


def _zone(member: Membership | None) -> ZoneInfo:
    profile = getattr(member.user, "profile", None) if member else None
    return ZoneInfo((profile.time_zone if profile else "") or settings.DISPLAY_TIME_ZONE)


def _hours(hours: float) -> str:
    return str(int(hours)) if float(hours).is_integer() else f"{hours:g}"


def _message(case: Case, name: str, due: dt.datetime, now: dt.datetime, clock: playbook.ChannelClock,
             member: Membership | None) -> tuple[str, str]:
    """The title and body in `member`'s language and time zone (the workspace's default for the event)."""
    own = own_clocks()
    hours, business = ((own.follow_up_hours, own.follow_up_business) if name == FOLLOW_UP
                       else (clock.first_reaction_hours, clock.business_time))
    started = case.submitted_at or case.created_at
    with translation.override(_language(member)):
        params = {
            "number": case.number,
            "due": date_format(due.astimezone(_zone(member)), "d.m.Y H:i"),
            "hours": _hours(hours),
            "time": _("business time") if business else _("calendar time"),
            "dialog": f"№ {case.external_number}" if case.external_number else case.number,
            "age": timesince(started, now) if started else "—",
        }
        return _(TITLES[name]) % params, _(BODIES[name]) % params


def _act(case: Case, now: dt.datetime, *, memo: _Round) -> None:
    from sellerdesk.cases.actions import log_event
    from sellerdesk.notifications.api import notify

    since = case.next_alert_at or now
    clock = memo.clock(case)
    if case.status in playbook.lifecycle().live_dialog:
        url = reverse("case_detail", args=[case.workspace.slug, case.number])
        for name, due in _latest_points(case, clock, since, now):
            key = f"clock:{case.pk}:{name}:{due.astimezone(dt.UTC).isoformat()}"
            _title, text = _message(case, name, due, now, clock, None)
            log_event(case, EventKind.REMINDER, None, text=text, occurred_at=min(due, now),
                      changes={"clock": name, "due": due.astimezone(dt.UTC).isoformat(), "key": key})
            for member in memo.recipients(case):
                title, body = _message(case, name, due, now, clock, member)
                notify(member, key=key, kind="reminder", title=title, body=body, case=case, url=url)
    case.next_alert_at = _next_alert(case, clock, now + dt.timedelta(microseconds=1))
    Case.objects.filter(pk=case.pk).update(next_alert_at=case.next_alert_at)


def process_due(now, *, limit: int = 1000) -> int:
    """Remind whoever must act on the cases whose `next_alert_at` has come; return how many rows were taken.

    Each row is re-read under its lock: a clock the case no longer runs (status changed, paused) gives no
    reminder. The event, the notifications and the move of `next_alert_at` commit together.
    """
    rows = Case.objects.select_related("workspace", "responsible__user__profile", "created_by__user__profile")
    return process_due_rows(rows, "next_alert_at", now, partial(_act, memo=_Round({}, {})), limit=limit)


def backfill(now: dt.datetime | None = None, *, workspace=None) -> int:
    """Give clocks to live cases that have none (cases filed before clocks existed); return how many.

    A waiting case's first-answer clock runs from its submission, so an old one is overdue at once and
    the next worker round reminds about it (once). Clock fields are derived data: no history line.
    """
    from django.db import transaction

    now = now or timezone.now()
    rows = Case.objects.filter(status__in=playbook.lifecycle().live_dialog, first_answer_due__isnull=True,
                               update_due__isnull=True, follow_up_due__isnull=True)
    if workspace is not None:
        rows = rows.filter(workspace=workspace)
    done = 0
    for pk in rows.values_list("pk", flat=True).iterator():
        with transaction.atomic():
            case = Case.objects.select_for_update(of=("self",)).select_related("workspace").get(pk=pk)
            recompute(case, now)
            if case.deadline and case.deadline < now:  # overdue already: the next round says so
                case.next_alert_at = _next_alert(case, support_clock(case), case.deadline)
            case.save(update_fields=[*CLOCK_FIELDS])
        done += 1
    return done
