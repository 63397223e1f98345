"""Pasting support's reply: an incoming message with its assessment, and the case moves on."""

from __future__ import annotations

import datetime as dt

import pytest

from sellerdesk.cases.actions import ActionError, change_status
from sellerdesk.cases.choices import EventKind, Status
from sellerdesk.cases.models import CaseEvent
from sellerdesk.followup.models import Agreement
from sellerdesk.followup.replies import record_reply
from tests.conftest import GOOD_APPEAL
from tests.followup.test_replies_samples import WB_ASKS_PHOTOS, WB_BRUSH_OFF, WB_PROMISE


@pytest.fixture
def waiting_case(world, make_case):
    case = make_case(body=GOOD_APPEAL, money_at_risk="15400.00")
    case = change_status(case, world.owner, Status.READY, expected_version=case.version)
    case = change_status(case, world.owner, Status.SUBMITTED, expected_version=case.version,
                         external_number="48151623")
    return change_status(case, world.owner, Status.WAITING, expected_version=case.version)


def test_a_brush_off_is_stored_with_its_assessment_and_the_case_is_answered(world, waiting_case):
    event = record_reply(waiting_case, world.manager, WB_BRUSH_OFF)
    assert event.kind == EventKind.MESSAGE_IN
    assert event.text == WB_BRUSH_OFF.strip()
    assert event.changes["source"] == "paste"
    assessment = event.changes["assessment"]
    assert assessment["brush_off"] is True
    assert assessment["signs"] and assessment["unaddressed"]
    assert any("24815162" in item["text"] for item in assessment["unaddressed"])  # the supply it ignored
    waiting_case.refresh_from_db()
    assert waiting_case.status == Status.ANSWERED
    status_event = waiting_case.events.filter(kind=EventKind.STATUS).last()
    assert status_event.changes["status"] == [Status.WAITING, Status.ANSWERED]
    assert status_event.actor == world.manager


def test_a_reply_asking_for_photos_puts_the_case_on_us_with_a_checklist(world, waiting_case):
    event = record_reply(waiting_case, world.manager, WB_ASKS_PHOTOS)
    asks = event.changes["assessment"]["asks"]
    assert any("фотографии коробов" in ask for ask in asks) and any("ТОРГ-12" in ask for ask in asks)
    waiting_case.refresh_from_db()
    assert waiting_case.status == Status.ON_US
    note = waiting_case.events.filter(kind=EventKind.STATUS).last().text
    assert note.startswith("Support asks for:")
    assert all(f"☐ {ask}" in note for ask in asks)


def test_a_promise_within_three_working_days_becomes_an_agreement_with_its_date(world, waiting_case):
    received = dt.datetime(2026, 11, 27, 9, 30, tzinfo=dt.UTC)  # a Friday
    event = record_reply(waiting_case, world.manager, WB_PROMISE, occurred_at=received)
    promises = event.changes["assessment"]["promises"]
    assert len(promises) == 1
    agreement = Agreement.objects.get(case=waiting_case)
    assert agreement.source == "reply"
    assert agreement.workspace == world.workspace
    assert agreement.made_at == received
    assert "3 рабочих дней" in agreement.promise
    # Mon 30.11, Tue 1.12, Wed 2.12: the promise holds until the end of Wednesday, Moscow time.
    assert agreement.due_at == dt.datetime(2026, 12, 2, 20, 59, tzinfo=dt.UTC)
    assert agreement.next_alert_at == agreement.due_at
    assert promises[0]["due"] == "2026-12-02"


def test_an_answered_case_answered_again_stays_answered(world, waiting_case):
    record_reply(waiting_case, world.manager, WB_BRUSH_OFF)
    record_reply(waiting_case, world.manager, WB_PROMISE)
    waiting_case.refresh_from_db()
    assert waiting_case.status == Status.ANSWERED
    assert waiting_case.events.filter(kind=EventKind.STATUS).count() == 4  # ready, submitted, waiting, answered


def test_a_reply_to_a_case_not_yet_sent_keeps_its_status(world, make_case):
    case = make_case()
    record_reply(case, world.manager, WB_BRUSH_OFF)
    case.refresh_from_db()
    assert case.status == Status.DRAFT
    assert case.events.filter(kind=EventKind.MESSAGE_IN).count() == 1


def test_the_same_reply_twice_is_refused(world, waiting_case):
    record_reply(waiting_case, world.manager, WB_BRUSH_OFF)
    with pytest.raises(ActionError, match="already in the case's history"):
        record_reply(waiting_case, world.manager, "  " + WB_BRUSH_OFF + "\n")


@pytest.mark.parametrize("text", ["", "   \n  ", "ы" * 50_001])
def test_an_empty_or_huge_reply_is_refused_and_nothing_changes(world, waiting_case, text):
    before = CaseEvent.objects.count()
    with pytest.raises(ActionError):
        record_reply(waiting_case, world.manager, text)
    assert CaseEvent.objects.count() == before


def test_a_reply_dated_in_the_future_is_refused(world, waiting_case):
    with pytest.raises(ActionError, match="future"):
        record_reply(waiting_case, world.manager, WB_BRUSH_OFF,
                     occurred_at=dt.datetime.now(dt.UTC) + dt.timedelta(days=1))
