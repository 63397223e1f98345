"""Reminders about agreements: the promised date passing unfulfilled, and a confirmation that never came.

Each fires once, at its time, through the worker; none fires after the agreement is closed or confirmed.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from sellerdesk.cases.actions import change_status, merge_case
from sellerdesk.cases.choices import Status
from sellerdesk.followup import agreements
from sellerdesk.followup.models import Agreement
from sellerdesk.followup.worker import run_once
from sellerdesk.notifications.models import Notification

MSK = dt.timezone(dt.timedelta(hours=3))
CALL = dt.datetime(2026, 11, 30, 11, 15, tzinfo=MSK)
DUE = dt.datetime(2026, 12, 4, 23, 59, tzinfo=MSK)
WAIT = dt.timedelta(hours=24)  # for a confirmation asked on Monday: one working day, to Tuesday
SOURCE = "sellerdesk.followup.agreements.process_due"


@pytest.fixture
def agreement(world, make_case):
    with time_machine.travel(CALL + dt.timedelta(minutes=5), tick=False):
        case = make_case(responsible=world.logistician)
        return agreements.record_agreement(case, world.manager, source="phone", counterpart="оператор Мария",
                                           made_at=CALL, promise="вернуть 15 400 ₽ штрафа на баланс", due_at=DUE)


def _run(moment: dt.datetime) -> int:
    with time_machine.travel(moment, tick=False):
        return agreements.process_due(moment)


def _reminders(agreement) -> list:
    return list(agreement.case.events.filter(kind="reminder"))


def test_nothing_fires_before_the_promised_date(agreement):
    assert _run(DUE - dt.timedelta(minutes=1)) == 0
    assert not _reminders(agreement) and not Notification.objects.exists()


def test_the_passed_date_is_told_to_the_responsible_exactly_once(world, agreement):
    assert _run(DUE + dt.timedelta(minutes=1)) == 1
    reminders = _reminders(agreement)
    assert len(reminders) == 1
    assert "the promised date passed (04.12.2026 23:59)" in reminders[0].text
    assert reminders[0].changes["agreement"]["alert"] == "due"
    notification = Notification.objects.get()
    assert notification.member == world.logistician
    assert notification.case == agreement.case
    assert notification.body == "вернуть 15 400 ₽ штрафа на баланс"
    assert notification.url.endswith(f"/cases/{agreement.case.number}/#agreements")
    for later in (dt.timedelta(minutes=2), dt.timedelta(days=1), dt.timedelta(days=30)):
        assert _run(DUE + later) == 0
    assert len(_reminders(agreement)) == 1 and Notification.objects.count() == 1
    agreement.refresh_from_db()
    assert agreement.next_alert_at is None
    assert list(Agreement.objects.past_due(DUE + dt.timedelta(minutes=1))) == [agreement]


def test_the_worker_round_runs_this_source(agreement):
    with time_machine.travel(DUE + dt.timedelta(hours=1), tick=False):
        counts = run_once(DUE + dt.timedelta(hours=1))
    assert counts[SOURCE] == 1


def test_a_kept_promise_never_reminds(world, agreement):
    with time_machine.travel(DUE - dt.timedelta(days=1), tick=False):
        agreements.mark_fulfilled(agreement, world.manager, "деньги на балансе")
    assert _run(DUE + dt.timedelta(days=1)) == 0
    assert not _reminders(agreement)


def test_a_promise_closed_while_due_is_not_reminded_by_a_stale_alert(world, agreement):
    """The alert time was set when the agreement was made; closing it later clears it."""
    Agreement.objects.filter(pk=agreement.pk).update(next_alert_at=DUE)  # as it was
    with time_machine.travel(DUE + dt.timedelta(minutes=1), tick=False):
        agreements.mark_broken(agreement, world.manager)
    assert _run(DUE + dt.timedelta(minutes=2)) == 0
    # Even a row whose alert column is stale is looked at again before anything fires.
    Agreement.objects.filter(pk=agreement.pk).update(next_alert_at=DUE)
    assert _run(DUE + dt.timedelta(minutes=3)) == 1
    assert not _reminders(agreement)
    assert Agreement.objects.get(pk=agreement.pk).next_alert_at is None


def test_a_resolved_case_is_not_reminded_of_its_promises(world, agreement):
    case = agreement.case
    case = change_status(case, world.owner, Status.CLOSED, expected_version=case.version)
    assert _run(DUE + dt.timedelta(minutes=1)) == 1
    assert not _reminders(agreement)


def test_no_confirmation_within_the_wait_reminds_once(world, agreement):
    asked = CALL + dt.timedelta(hours=1)
    with time_machine.travel(asked, tick=False):
        agreements.request_confirmation(agreement, world.manager)
    assert _run(asked + WAIT - dt.timedelta(minutes=1)) == 0
    assert _run(asked + WAIT) == 1
    assert _run(asked + WAIT + dt.timedelta(hours=5)) == 0
    reminders = _reminders(agreement)
    assert len(reminders) == 1 and "no written confirmation" in reminders[0].text
    agreement.refresh_from_db()
    assert agreement.next_alert_at == DUE  # the promised date is still to be checked
    assert Notification.objects.get().kind == "agreement_confirmation"


def test_a_confirmation_asked_on_friday_is_awaited_until_monday(world, make_case):
    friday = dt.datetime(2026, 12, 4, 16, 0, tzinfo=MSK)
    with time_machine.travel(friday, tick=False):
        agreement = agreements.record_agreement(make_case(), world.manager, source="chat", promise="вернуть 15 400 ₽",
                                                made_at=friday - dt.timedelta(hours=1), due_at=None)
        agreements.request_confirmation(agreement, world.manager)
    agreement.refresh_from_db()
    assert agreement.next_alert_at == dt.datetime(2026, 12, 7, 16, 0, tzinfo=MSK)
    assert _run(dt.datetime(2026, 12, 6, 16, 0, tzinfo=MSK)) == 0
    assert _run(dt.datetime(2026, 12, 7, 16, 0, tzinfo=MSK)) == 1


def test_a_confirmation_that_came_stops_the_reminder(world, agreement):
    asked = CALL + dt.timedelta(hours=1)
    with time_machine.travel(asked, tick=False):
        agreements.request_confirmation(agreement, world.manager)
    with time_machine.travel(asked + dt.timedelta(hours=3), tick=False):
        agreements.confirm(agreement, world.manager, ticket_number="T-90017")
    assert _run(asked + WAIT + dt.timedelta(hours=1)) == 0
    assert not _reminders(agreement)


def test_nobody_responsible_tells_who_recorded_it(world, make_case):
    case = make_case()
    agreement = agreements.record_agreement(case, world.accountant, source="chat", made_at=CALL,
                                            promise="пересчитать логистику", due_at=DUE)
    _run(DUE + dt.timedelta(minutes=1))
    assert Notification.objects.get().member == world.accountant
    assert agreement.case.responsible is None


def test_a_merged_duplicates_promise_follows_it_into_the_original(world, agreement, make_case, client_for):
    original = make_case(subject="Штраф по поставке 24815162", responsible=world.owner)
    merge_case(agreement.case, original, world.manager, "та же поставка")
    page = client_for(world.manager).get(f"/w/{world.workspace.slug}/cases/{original.number}/").content.decode()
    assert "вернуть 15 400 ₽ штрафа на баланс" in page[page.index('id="agreements"'):]
    assert _run(DUE + dt.timedelta(minutes=1)) == 1
    assert original.events.filter(kind="reminder").count() == 1
    assert Notification.objects.get().member == world.owner
