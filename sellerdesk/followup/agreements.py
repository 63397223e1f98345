"""Agreements and promises: record them, ask for a written confirmation, close them, remind when they lapse.

An agreement reached by phone or chat has no weight until support confirms it in writing with a ticket
number, so SellerDesk drafts that request and reminds when nothing came back. Every promise has a date to
check: when it passes unfulfilled, the responsible person is told once.

Each action locks the agreement, changes it, recomputes `next_alert_at` (the worker's claim column) and
logs a CaseEvent, in one transaction. The worker (`process_due`) looks at the agreement's state again
when it fires, so a reminder that no longer applies is never sent.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sellerdesk import playbook
from sellerdesk.accounts.models import Membership
from sellerdesk.accounts.roles import Role
from sellerdesk.analysis.confirm import ConfirmationDraft, confirmation_request
from sellerdesk.cases.actions import ActionError, log_event
from sellerdesk.cases.choices import EventKind, Status
from sellerdesk.cases.models import Case
from sellerdesk.followup.claim import process_due_rows
from sellerdesk.followup.models import Agreement, AgreementSource
from sellerdesk.notifications.api import notify
from sellerdesk.playbook.calendar import add_business_hours

# How long support has to confirm an agreement in writing before the responsible person is reminded:
# a working day (Russian production calendar), so a request sent on Friday reminds on Monday.
CONFIRMATION_WAIT_HOURS = 24
PROMISE_MAX = 2000
FUTURE_SLACK = dt.timedelta(minutes=5)


def _shown(moment: dt.datetime | None) -> str:
    """A time for a text that stays in the history: in the reader's zone on a page, else the team's (Moscow)."""
    if moment is None:
        return "—"
    zone = timezone.get_current_timezone()
    if zone == timezone.get_default_timezone():  # nobody's zone is active: a command or the worker
        zone = ZoneInfo(settings.DISPLAY_TIME_ZONE)
    return date_format(timezone.localtime(moment, zone), "d.m.Y H:i")


def end_of_day(day: dt.date, zone: dt.tzinfo | None = None) -> dt.datetime:
    """A promise "by 5 December" holds until the end of that day: in `zone` (the zone of the person who typed
    the date), else Moscow time, the zone of the marketplaces' support."""
    return dt.datetime.combine(day, dt.time(23, 59), zone or ZoneInfo(settings.DISPLAY_TIME_ZONE))


def confirmation_due(agreement: Agreement) -> dt.datetime | None:
    """When the written confirmation should have come, if one was asked for."""
    if agreement.confirmation_requested_at is None:
        return None
    return add_business_hours(agreement.confirmation_requested_at, CONFIRMATION_WAIT_HOURS)


def schedule(agreement: Agreement) -> None:
    """Set `next_alert_at` to the earliest reminder still owed, or None. Called on every change."""
    owed = []
    if agreement.is_open:
        if agreement.due_at and agreement.due_alerted_at is None:
            owed.append(agreement.due_at)
        if (agreement.confirmation_requested_at and agreement.confirmed_at is None
                and agreement.confirmation_alerted_at is None):
            owed.append(confirmation_due(agreement))
    agreement.next_alert_at = min(owed, default=None)


def _locked(agreement: Agreement) -> Agreement:
    return Agreement.objects.select_for_update(of=("self",)).select_related("case").get(pk=agreement.pk)


def _touch(case: Case) -> None:
    Case.objects.filter(pk=case.pk).update(updated_at=timezone.now())


def _living_case(case_id: int) -> Case:
    """The case a promise now belongs to: a merged duplicate's promises follow it into its original."""
    cases = Case.objects.select_related("workspace", "responsible__user", "created_by__user")
    case = cases.get(pk=case_id)
    for _hop in range(5):
        if case.status != Status.MERGED or not case.merged_into_id:
            break
        case = cases.get(pk=case.merged_into_id)
    return case


def _event_data(agreement: Agreement, **extra) -> dict:
    # Not an [old, new] pair, so the timeline shows the text and keeps this for the record.
    return {"agreement": {"id": agreement.pk, "source": agreement.source, **extra}}


def _check_open(agreement: Agreement) -> None:
    if not agreement.is_open:
        raise ActionError(_("This agreement is already closed."))


def _clean_promise(promise: str) -> str:
    promise = promise.strip()
    if not promise:
        raise ActionError(_("Say what was promised."), "promise")
    if len(promise) > PROMISE_MAX:
        raise ActionError(_("Describe the promise in at most %(count)d characters.") % {"count": PROMISE_MAX},
                          "promise")
    return promise


def create(case: Case, actor: Membership | None, *, source: str, counterpart: str, made_at: dt.datetime,
           promise: str, due_at: dt.datetime | None) -> Agreement:
    """The row only, with its alert scheduled; callers log the event (record_reply logs the reply itself)."""
    agreement = Agreement(workspace_id=case.workspace_id, case=case, source=source,
                          counterpart=counterpart.strip()[:200], made_at=made_at, promise=_clean_promise(promise),
                          due_at=due_at, created_by=actor)
    schedule(agreement)
    agreement.save()
    return agreement


@transaction.atomic
def record_agreement(case: Case, actor: Membership | None, *, source: str, counterpart: str = "",
                     made_at: dt.datetime, promise: str, due_at: dt.datetime | None) -> Agreement:
    """An agreement reached by phone, chat or e-mail: who promised what, when, and by when."""
    if source not in AgreementSource.values:
        raise ActionError(_("Unknown source of the agreement."), "source")
    if case.status == Status.MERGED:
        raise ActionError(_("This case was merged: record the agreement on the case it was merged into."))
    now = timezone.now()
    if made_at > now + FUTURE_SLACK:
        raise ActionError(_("An agreement cannot be dated in the future."), "made_at")
    if due_at is not None and due_at < made_at:
        raise ActionError(_("The promised date is before the agreement was made."), "due_at")
    agreement = create(case, actor, source=source, counterpart=counterpart, made_at=made_at, promise=promise,
                       due_at=due_at)
    text = _("Agreement (%(source)s, %(who)s): %(promise)s — due %(due)s.") % {
        "source": agreement.get_source_display(), "who": agreement.counterpart or _("support"),
        "promise": agreement.promise, "due": _shown(due_at)}
    kind = EventKind.CALL if source == AgreementSource.PHONE else EventKind.NOTE
    channel = source if source in ("phone", "chat", "email") else ""
    log_event(case, kind, actor, text=text, channel=channel, occurred_at=made_at,
              changes=_event_data(agreement, due_at=due_at.isoformat() if due_at else None))
    _touch(case)
    return agreement


def draft_confirmation(agreement: Agreement, ticket: str = "") -> ConfirmationDraft:
    """The "please confirm in writing with the ticket number" message, in the language support reads
    (dates as the person who recorded the agreement reads them: the current time zone)."""
    case = agreement.case
    platform = playbook.platforms().get(case.platform)
    return confirmation_request(
        platform.language if platform else "ru", promise=agreement.promise, source=agreement.source,
        made_at=timezone.localtime(agreement.made_at).date(), counterpart=agreement.counterpart,
        due=timezone.localtime(agreement.due_at).date() if agreement.due_at else None,
        ticket=ticket or agreement.ticket_number or case.external_number)


@transaction.atomic
def request_confirmation(agreement: Agreement, actor: Membership | None, *, text: str = ""):
    """We asked support to confirm the agreement in writing: log the message sent and start waiting."""
    agreement = _locked(agreement)
    _check_open(agreement)
    if agreement.confirmed_at:
        raise ActionError(_("This agreement is already confirmed in writing."))
    text = text.strip() or draft_confirmation(agreement).text
    agreement.confirmation_requested_at = timezone.now()
    agreement.confirmation_alerted_at = None  # a new request: a new wait
    schedule(agreement)
    agreement.save()
    case = _living_case(agreement.case_id)
    event = log_event(case, EventKind.MESSAGE_OUT, actor, text=text, channel=case.channel,
                      changes=_event_data(agreement, confirmation_requested=True))
    _touch(case)
    return event


@transaction.atomic
def confirm(agreement: Agreement, actor: Membership | None, *, text: str = "", ticket_number: str = "",
            confirmed_at: dt.datetime | None = None) -> Agreement:
    """Support confirmed the agreement in writing: keep their words and the ticket number."""
    agreement = _locked(agreement)
    _check_open(agreement)
    text, ticket_number = text.strip(), ticket_number.strip()[:100]
    if not text and not ticket_number:
        raise ActionError(_("Paste the written confirmation or give its ticket number."), "text")
    now = timezone.now()
    confirmed_at = confirmed_at or now
    if confirmed_at > now + FUTURE_SLACK:
        raise ActionError(_("A confirmation cannot be dated in the future."), "confirmed_at")
    agreement.confirmed_at = confirmed_at
    agreement.confirmation_text = text
    agreement.ticket_number = ticket_number or agreement.ticket_number
    schedule(agreement)
    agreement.save()
    line = _("Agreement confirmed in writing: %(promise)s") % {"promise": agreement.promise}
    if agreement.ticket_number:
        line += " " + _("(ticket %(number)s)") % {"number": agreement.ticket_number}
    case = _living_case(agreement.case_id)
    log_event(case, EventKind.MESSAGE_IN if text else EventKind.NOTE, actor,
              text="\n\n".join(filter(None, [line, text])), occurred_at=confirmed_at,
              changes=_event_data(agreement, ticket_number=agreement.ticket_number, confirmation=True))
    _touch(case)
    return agreement


def _close(agreement: Agreement, actor: Membership | None, field: str, line: str, note: str) -> Agreement:
    agreement = _locked(agreement)
    _check_open(agreement)
    setattr(agreement, field, timezone.now())
    schedule(agreement)
    agreement.save()
    case = _living_case(agreement.case_id)
    log_event(case, EventKind.NOTE, actor,
              text="\n".join(filter(None, [line % {"promise": agreement.promise}, note.strip()])),
              changes=_event_data(agreement, closed=field.removesuffix("_at")))
    _touch(case)
    return agreement


@transaction.atomic
def mark_fulfilled(agreement: Agreement, actor: Membership | None, note: str = "") -> Agreement:
    return _close(agreement, actor, "fulfilled_at", _("Promise kept: %(promise)s"), note)


@transaction.atomic
def mark_broken(agreement: Agreement, actor: Membership | None, note: str = "") -> Agreement:
    return _close(agreement, actor, "broken_at", _("Promise broken: %(promise)s"), note)


# --- the worker's part ------------------------------------------------------------------------------

def recipients(case: Case, agreement: Agreement | None = None) -> list[Membership]:
    """Who hears about a lapsed promise: the responsible person, else who recorded it or filed the case,
    else the workspace's owners."""
    for member in (case.responsible, agreement.created_by if agreement else None, case.created_by):
        if member is not None and member.workspace_id == case.workspace_id:
            return [member]
    return list(Membership.objects.filter(workspace_id=case.workspace_id, role=Role.OWNER).select_related("user"))


def _case_url(case: Case) -> str:
    return reverse("case_detail", args=[case.workspace.slug, case.number]) + "#agreements"


def _alert(agreement: Agreement, case: Case, what: str, title: str, moment: dt.datetime) -> None:
    log_event(case, EventKind.REMINDER, None, text=f"{title}\n{agreement.promise}",
              changes=_event_data(agreement, alert=what))
    for member in recipients(case, agreement):
        notify(member, key=f"agreement:{agreement.pk}:{what}:{moment.isoformat()}", kind=f"agreement_{what}",
               title=title, body=agreement.promise, case=case, url=_case_url(case))


def _act(agreement: Agreement, now: dt.datetime) -> None:
    case = _living_case(agreement.case_id)
    if agreement.is_open and case.status not in playbook.lifecycle().finished:
        if agreement.due_at and agreement.due_alerted_at is None and agreement.due_at <= now:
            _alert(agreement, case, "due", _("%(number)s: the promised date passed (%(due)s)") % {
                "number": case.number, "due": _shown(agreement.due_at)}, agreement.due_at)
            agreement.due_alerted_at = now
        waited_until = confirmation_due(agreement)
        if (waited_until and waited_until <= now and agreement.confirmed_at is None
                and agreement.confirmation_alerted_at is None):
            _alert(agreement, case, "confirmation", _("%(number)s: no written confirmation of the agreement yet") % {
                "number": case.number}, agreement.confirmation_requested_at)
            agreement.confirmation_alerted_at = now
        schedule(agreement)
    else:
        agreement.next_alert_at = None  # closed, or the case is finished: nothing more to remind of
    agreement.save(update_fields=["due_alerted_at", "confirmation_alerted_at", "next_alert_at"])


def process_due(now, *, limit: int = 1000) -> int:
    """Promises whose date passed unfulfilled, and confirmations that did not come: tell the responsible once."""
    return process_due_rows(Agreement.objects.all(), "next_alert_at", now, _act, limit=limit)
