"""The review's follow-through sections: what to escalate now, with the ladder's drafted step, and the
promises whose date passed (followup.Agreement)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from sellerdesk.followup import agreements
from sellerdesk.reports import review
from tests.reports.review_data import NOW, at, waiting_case

pytestmark = pytest.mark.django_db


def test_a_long_overdue_dialog_is_proposed_for_escalation_with_its_draft(world, make_case):
    stale = waiting_case(make_case, at(2), amount="15400", deadline=NOW - dt.timedelta(days=10),
                         external_number="DLG-4471203", subject="Штраф за маркировку коробов по поставке 24815162")
    fresh = waiting_case(make_case, at(25, 10), amount="500", deadline=NOW + dt.timedelta(days=2))
    waiting_case(make_case, at(2), amount="99", deadline=NOW - dt.timedelta(days=10),
                 workspace=world.other_workspace, actor=world.outsider)

    escalate = review.build(world.workspace, now=NOW)["escalate"]

    assert escalate["available"]
    numbers = [item["number"] for item in escalate["items"]]
    assert numbers == [stale.number] and fresh.number not in numbers
    item = escalate["items"][0]
    assert item["level"] >= 1 and item["step"]
    assert item["draft_body"].strip() and item["draft_language"] == "ru"
    assert "DLG-4471203" in item["draft_subject"] + item["draft_body"]


def test_promises_past_due_are_listed_and_kept_ones_are_not(world, make_case):
    case = waiting_case(make_case, at(2), amount="48250", subject="Компенсация за утерянный товар, заказ 71-2231")
    with time_machine.travel(at(16, 14), tick=False):
        late = agreements.record_agreement(case, world.manager, source="phone", counterpart="Оператор Ирина",
                                           made_at=at(16, 11), promise="Вернуть 48 250 ₽ на баланс до пятницы",
                                           due_at=at(20, 18))
        kept = agreements.record_agreement(case, world.manager, source="chat", counterpart="Поддержка WB",
                                           made_at=at(16, 12), promise="Пересчитать логистику", due_at=at(19, 18))
        agreements.record_agreement(case, world.manager, source="chat", counterpart="Поддержка WB",
                                    made_at=at(16, 13), promise="Ответить по акту", due_at=at(28, 18))
        agreements.mark_fulfilled(kept, world.manager)

    promises = review.build(world.workspace, now=NOW)["promises"]

    assert promises["available"] and promises["count"] == 1
    item = promises["items"][0]
    assert item["number"] == case.number and item["counterpart"] == "Оператор Ирина"
    assert item["promise"] == late.promise and item["late_days"] == 4


def test_a_case_the_ladder_cannot_read_does_not_take_the_review_down(world, make_case, monkeypatch, caplog):
    from sellerdesk.followup import ladder

    broken = waiting_case(make_case, at(2), amount="100", deadline=NOW - dt.timedelta(days=10))
    fine = waiting_case(make_case, at(3), amount="200", deadline=NOW - dt.timedelta(days=9))
    real = ladder.next_step

    def next_step(case, now=None):
        if case.pk == broken.pk:
            raise ValueError("unreadable history")
        return real(case, now)

    monkeypatch.setattr(ladder, "next_step", next_step)
    data = review.build(world.workspace, now=NOW)
    assert [i["number"] for i in data["escalate"]["items"]] == [fine.number]
    assert broken.number in caplog.text
