"""The worker's clock source: a clock that ran out gives one event and one notification, never a stale one."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from sellerdesk.accounts.models import Profile
from sellerdesk.cases.actions import change_status, create_case
from sellerdesk.cases.choices import EventKind, Status
from sellerdesk.cases.models import Case, CaseEvent
from sellerdesk.followup import clocks
from sellerdesk.playbook.calendar import MOSCOW
from tests.conftest import at_once, requires_postgres


def msk(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=MOSCOW)


@pytest.fixture
def sent(monkeypatch):
    calls = []

    def notify(member, *, key, kind, title, body="", case=None, url=""):
        calls.append({"member": member, "key": key, "kind": kind, "title": title, "body": body, "case": case,
                      "url": url})
        return None

    monkeypatch.setattr("sellerdesk.notifications.api.notify", notify)
    return calls


FRIDAY_NOON = msk(2026, 3, 13, 12, 0)


def _waiting(world, at=FRIDAY_NOON, **fields):
    """A WB logistics dialog submitted at `at`: support's first answer is due 24 business hours later."""
    fields.setdefault("responsible", world.logistician)
    with time_machine.travel(at, tick=False):
        case = create_case(world.workspace, world.manager, shop=world.shop, kind="logistics", status=Status.READY,
                           subject="Поставка 24815162 не принята на складе Коледино", **fields)
        case = change_status(case, world.manager, Status.SUBMITTED, expected_version=None,
                             external_number="WB-5512340")
        return change_status(case, world.manager, Status.WAITING, expected_version=None)


def _run(now):
    with time_machine.travel(now, tick=False):
        return clocks.process_due(now, limit=1000)


def _reminders(case):
    return list(CaseEvent.objects.filter(case=case, kind=EventKind.REMINDER))


def test_nothing_is_due_before_the_clock_runs_out(world, sent):
    case = _waiting(world)
    assert _run(msk(2026, 3, 16, 11, 59)) == 0
    assert _reminders(case) == [] and sent == []


def test_a_clock_that_ran_out_gives_one_event_and_one_notification(world, sent):
    case = _waiting(world)
    assert _run(msk(2026, 3, 16, 12, 1)) == 1
    [event] = _reminders(case)
    assert event.changes["clock"] == "first_answer"
    assert event.changes["due"] == "2026-03-16T09:00:00+00:00"
    assert "WB-5512340" in event.text and "16.03.2026 12:00" in event.text  # the dialog, the due in Moscow time
    [call] = sent
    assert call["member"] == world.logistician
    assert call["key"] == f"clock:{case.pk}:first_answer:2026-03-16T09:00:00+00:00"
    assert call["kind"] == "reminder" and call["case"] == case
    assert call["url"] == f"/w/{world.workspace.slug}/cases/{case.number}/"
    assert case.number in call["title"]
    # Moved on: the next reminder comes after the channel's reminder period (72 business hours).
    case.refresh_from_db()
    assert case.next_alert_at == msk(2026, 3, 19, 12, 0)
    # A second round at the same time, or a minute later, takes nothing.
    assert _run(msk(2026, 3, 16, 12, 1)) == 0
    assert _run(msk(2026, 3, 16, 12, 2)) == 0
    assert len(_reminders(case)) == 1 and len(sent) == 1


def test_a_late_worker_sends_one_reminder_per_clock_not_one_per_missed_period(world, sent):
    case = _waiting(world)
    assert _run(msk(2026, 4, 10, 12, 0)) == 1  # weeks later
    [event] = _reminders(case)
    assert event.changes["due"] == "2026-04-09T09:00:00+00:00"  # the latest 72-business-hour period that ended
    assert len(sent) == 1
    case.refresh_from_db()
    assert case.next_alert_at > msk(2026, 4, 10, 12, 0)


def test_the_reminder_repeats_while_support_stays_silent(world, sent):
    case = _waiting(world)
    _run(msk(2026, 3, 16, 12, 0))
    _run(msk(2026, 3, 19, 12, 0))
    assert [e.changes["due"] for e in _reminders(case)] == ["2026-03-16T09:00:00+00:00", "2026-03-19T09:00:00+00:00"]
    assert len({call["key"] for call in sent}) == 2


def test_a_status_change_makes_the_pending_reminder_impossible(world, sent):
    case = _waiting(world)
    with time_machine.travel(msk(2026, 3, 16, 11, 0), tick=False):
        case = change_status(case, world.logistician, Status.ANSWERED, expected_version=None)
    assert _run(msk(2026, 3, 16, 12, 5)) == 0  # the old due passed: nothing about support's answer
    assert _reminders(case) == [] and sent == []
    # Our own clock runs out a business day later.
    assert _run(msk(2026, 3, 17, 11, 1)) == 1
    [event] = _reminders(case)
    assert event.changes["clock"] == "follow_up"


def test_a_row_claimed_with_a_stale_alert_time_is_rechecked(world, sent):
    """A worker that read the old due before the change still finds nothing to say, and moves the row on."""
    case = _waiting(world)
    old_alert = case.next_alert_at
    with time_machine.travel(msk(2026, 3, 16, 11, 0), tick=False):
        case = change_status(case, world.logistician, Status.ON_US, expected_version=None)
    Case.objects.filter(pk=case.pk).update(next_alert_at=old_alert)  # as if the change raced the claim
    assert _run(msk(2026, 3, 16, 12, 5)) == 1
    assert _reminders(case) == [] and sent == []
    case.refresh_from_db()
    assert case.next_alert_at == case.follow_up_due == msk(2026, 3, 17, 11, 0)


@pytest.mark.parametrize("status", [Status.RESOLVED, Status.ON_US])
def test_no_reminder_after_resolution_or_while_paused(world, sent, status):
    case = _waiting(world)
    with time_machine.travel(msk(2026, 3, 16, 11, 0), tick=False):
        case = change_status(case, world.logistician, status, expected_version=None, outcome="won")
    _run(msk(2026, 3, 16, 13, 0))
    assert _reminders(case) == [] and sent == []


def test_without_a_responsible_the_creator_is_told_and_without_both_the_owners(world, sent):
    by_creator = _waiting(world, responsible=None)
    orphan = _waiting(world, responsible=None)
    Case.objects.filter(pk=orphan.pk).update(created_by=None)
    _run(msk(2026, 3, 16, 12, 0))
    told = {(call["case"].pk, call["member"].pk) for call in sent}
    assert told == {(by_creator.pk, world.manager.pk), (orphan.pk, world.owner.pk)}


def test_the_notification_speaks_the_members_language_and_time_zone(world, sent):
    Profile.objects.create(user=world.logistician.user, language="zh-hans", time_zone="Asia/Shanghai")
    _waiting(world)
    _run(msk(2026, 3, 16, 12, 0))
    [call] = sent
    assert "16.03.2026 17:00" in call["body"]  # 09:00 UTC in Shanghai


def test_many_due_cases_in_one_round(world, sent):
    cases = [_waiting(world) for _ in range(12)]
    assert _run(msk(2026, 3, 16, 12, 0)) == 12
    assert sorted(call["case"].pk for call in sent) == sorted(c.pk for c in cases)
    assert CaseEvent.objects.filter(kind=EventKind.REMINDER).count() == 12


def test_the_limit_is_respected(world, sent):
    for _ in range(5):
        _waiting(world)
    assert clocks.process_due(msk(2026, 3, 16, 12, 0), limit=3) == 3
    assert clocks.process_due(msk(2026, 3, 16, 12, 0), limit=3) == 2
    assert len(sent) == 5


@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_remind_once(world, sent):
    """Two workers (threads with their own connections) take disjoint rows: every case is reminded once."""
    cases = [_waiting(world) for _ in range(6)]
    now = msk(2026, 3, 16, 12, 0)
    counts = at_once(lambda: clocks.process_due(now, limit=1000))
    assert sum(counts) == 6
    assert CaseEvent.objects.filter(kind=EventKind.REMINDER).count() == 6
    assert sorted(call["case"].pk for call in sent) == sorted(c.pk for c in cases)


def test_through_the_worker_the_reminder_lands_in_the_bell_once(world):
    """With the real notifications: one bell entry for the responsible, however many rounds run."""
    from sellerdesk.followup.worker import run_once
    from sellerdesk.notifications.models import Notification

    case = _waiting(world)
    for minute in (1, 2, 3):
        with time_machine.travel(msk(2026, 3, 16, 12, minute), tick=False):
            run_once(msk(2026, 3, 16, 12, minute), paths=["sellerdesk.followup.clocks.process_due"])
    [note] = Notification.objects.filter(case=case)
    assert note.member == world.logistician and note.kind == "reminder"
    assert note.key == f"clock:{case.pk}:first_answer:2026-03-16T09:00:00+00:00"
    assert note.url.endswith(f"/cases/{case.number}/")
    assert len(_reminders(case)) == 1
