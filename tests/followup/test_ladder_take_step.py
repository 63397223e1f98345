"""Taking a ladder step: one action logs it with the text and channel, raises the level, moves the status through
the lifecycle and restarts the clock; it is refused when it makes no sense."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from sellerdesk.cases import actions
from sellerdesk.cases.actions import ActionError, StaleVersion
from sellerdesk.cases.models import CaseEvent
from sellerdesk.followup.ladder import ladder_for, next_step, take_step
from tests.followup.ladder_cases import MONDAY, MSK, waiting_case

THURSDAY = dt.datetime(2026, 3, 19, 11, 0, tzinfo=MSK)
REMINDER = "Здравствуйте! Уточните, пожалуйста, есть ли новости по обращению № 4417229883."


def test_a_reminder_is_logged_and_restarts_the_clock(world, make_case):
    case = waiting_case(world, make_case)
    first_due = case.first_answer_due
    version = case.version
    with time_machine.travel(THURSDAY, tick=False):
        case = take_step(case, world.manager, 1, REMINDER, expected_version=version)
    case.refresh_from_db()
    assert case.escalation_level == 1 and case.status == "waiting" and case.version == version + 1
    event = CaseEvent.objects.get(case=case, kind="escalated_step")
    assert event.changes == {"level": [0, 1]}
    assert event.text == REMINDER and event.channel == "ticket" and event.actor == world.manager
    assert event.occurred_at == THURSDAY
    assert case.first_answer_due is not None and case.first_answer_due > first_due
    assert case.first_answer_due > THURSDAY
    assert case.deadline is not None and case.deadline > THURSDAY


def test_level_two_moves_the_case_to_escalated(world, make_case):
    case = waiting_case(world, make_case)
    with time_machine.travel(THURSDAY, tick=False):
        case = take_step(case, world.manager, 1, REMINDER, expected_version=case.version)
    later = THURSDAY + dt.timedelta(days=5)
    with time_machine.travel(later, tick=False):
        case = take_step(case, world.manager, 2, "Прошу эскалировать обращение старшему специалисту.",
                         expected_version=case.version)
    case.refresh_from_db()
    assert case.status == "escalated" and case.escalation_level == 2
    event = CaseEvent.objects.filter(case=case, kind="escalated_step").last()
    assert event.changes == {"level": [1, 2], "status": ["waiting", "escalated"]}
    assert next_step(case, later).level == 3


def test_from_submitted_the_case_passes_through_waiting(world, make_case):
    with time_machine.travel(MONDAY, tick=False):
        case = make_case()
        case = actions.change_status(case, world.owner, "ready", expected_version=case.version,
                                     override_reason="Проверено")
        case = actions.change_status(case, world.owner, "submitted", expected_version=case.version,
                                     external_number="77-1")
    with time_machine.travel(THURSDAY, tick=False):
        case = take_step(case, world.manager, 2, "Прошу передать старшему специалисту.", expected_version=case.version)
    assert case.status == "escalated"


def test_the_claim_step_needs_no_text(world, make_case):
    case = waiting_case(world, make_case)
    with time_machine.travel(THURSDAY, tick=False):
        case = take_step(case, world.owner, 4, "", expected_version=case.version)
    event = CaseEvent.objects.get(case=case, kind="escalated_step")
    assert event.channel == "claim" and event.changes["level"] == [0, 4]
    steps = {s.level: s for s in ladder_for(case, THURSDAY)}
    assert steps[4].done and steps[1].skipped and not steps[1].done


def test_refused_for_a_finished_case(world, make_case):
    case = waiting_case(world, make_case)
    with time_machine.travel(THURSDAY, tick=False):
        case = actions.change_status(case, world.owner, "resolved", expected_version=case.version, outcome="won")
        with pytest.raises(ActionError) as refused:
            take_step(case, world.manager, 1, REMINDER, expected_version=case.version)
    assert "finished" in refused.value.message
    assert not CaseEvent.objects.filter(case=case, kind="escalated_step").exists()


def test_refused_for_a_draft(world, make_case):
    case = make_case()
    with pytest.raises(ActionError):
        take_step(case, world.manager, 1, REMINDER, expected_version=case.version)


def test_refused_while_support_waits_for_our_data(world, make_case):
    case = waiting_case(world, make_case)
    case = actions.change_status(case, world.owner, "on_us", expected_version=case.version)
    with pytest.raises(ActionError):
        take_step(case, world.manager, 2, "Прошу эскалировать.", expected_version=case.version)


def test_refused_for_a_step_already_taken_an_empty_text_or_no_such_level(world, make_case):
    case = waiting_case(world, make_case)
    case = take_step(case, world.manager, 2, "Прошу эскалировать.", expected_version=case.version)
    with pytest.raises(ActionError):
        take_step(case, world.manager, 1, REMINDER, expected_version=case.version)
    with pytest.raises(ActionError):
        take_step(case, world.manager, 2, "Ещё раз.", expected_version=case.version)
    with pytest.raises(ActionError):
        take_step(case, world.manager, 3, "   ", expected_version=case.version)
    with pytest.raises(ActionError):
        take_step(case, world.manager, 7, "Суд", expected_version=case.version)


def test_a_second_reminder_may_be_sent(world, make_case):
    case = waiting_case(world, make_case)
    case = take_step(case, world.manager, 1, REMINDER, expected_version=case.version)
    case = take_step(case, world.manager, 1, REMINDER, expected_version=case.version)
    assert CaseEvent.objects.filter(case=case, kind="escalated_step").count() == 2


def test_refused_on_a_stale_version(world, make_case):
    case = waiting_case(world, make_case)
    stale = case.version
    take_step(case, world.manager, 1, REMINDER, expected_version=stale)
    with pytest.raises(StaleVersion):
        take_step(case, world.manager, 2, "Прошу эскалировать.", expected_version=stale)


def test_an_emotional_public_post_is_refused(world, make_case):
    case = waiting_case(world, make_case)
    for level in (1, 2, 3, 4):
        case = take_step(case, world.owner, level, "Текст шага" if level != 4 else "", expected_version=case.version)
    with pytest.raises(ActionError) as refused:
        take_step(case, world.owner, 5, "Wildberries — МОШЕННИКИ!!! Обращение 4417229883 висит месяц",
                  expected_version=case.version)
    assert "without emotion" in refused.value.message and "мошенник" in refused.value.message
    calm = ("Магазин «Sokolova Home», продавец на Wildberries. Обращение № 4417229883 по поставке № 24815162 "
            "открыто 40 дней, решения нет.")
    case = take_step(case, world.owner, 5, calm, expected_version=case.version)
    assert case.escalation_level == 5
    assert CaseEvent.objects.filter(case=case, kind="escalated_step").last().channel == "public"
