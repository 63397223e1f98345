"""Which ladder step is due and when, as time passes (time-machine) and support answers or stays silent."""

from __future__ import annotations

import datetime as dt

import time_machine

from sellerdesk.cases import actions
from sellerdesk.followup.ladder import ladder_for, next_step, take_step
from tests.followup.ladder_cases import MONDAY, MSK, support_replied, waiting_case

# WB's cabinet dialog for finance: a reminder is due 72 business hours after submission.
THURSDAY_10 = dt.datetime(2026, 3, 19, 10, 0, tzinfo=MSK)


def test_the_reminder_becomes_due_when_the_regulation_passes(world, make_case):
    case = waiting_case(world, make_case)
    step = next_step(case, MONDAY + dt.timedelta(hours=1))
    assert step.level == 1 and step.code == "reminder" and not step.is_due
    assert step.due_at == THURSDAY_10
    with time_machine.travel(THURSDAY_10 - dt.timedelta(minutes=1), tick=False):
        assert not next_step(case).is_due
    with time_machine.travel(THURSDAY_10, tick=False):
        step = next_step(case)
        assert step.level == 1 and step.is_due
        assert step.channel == "ticket"


def test_weekends_and_holidays_do_not_count(world, make_case):
    # Filed Thursday 30 April 2026: 1–3 May and 9–11 May are days off.
    filed = dt.datetime(2026, 4, 30, 12, 0, tzinfo=MSK)
    case = waiting_case(world, make_case, at=filed)
    due = next_step(case, filed).due_at
    assert due.astimezone(MSK).date() > dt.date(2026, 5, 5)


def test_later_levels_are_projected_from_the_step_before(world, make_case):
    case = waiting_case(world, make_case)
    steps = ladder_for(case, MONDAY)
    assert [s.level for s in steps] == [1, 2, 3, 4, 5, 6]
    assert [s.code for s in steps] == ["reminder", "senior", "department", "claim", "public", "external"]
    dues = [s.due_at for s in steps]
    assert all(a < b for a, b in zip(dues, dues[1:], strict=False))
    assert steps[3].link == "case_claim" and steps[3].channel == "claim"
    assert not any(s.done or s.is_due for s in steps)


def test_after_a_reminder_the_senior_step_waits_48_business_hours(world, make_case):
    case = waiting_case(world, make_case)
    taken_at = dt.datetime(2026, 3, 19, 12, 0, tzinfo=MSK)
    with time_machine.travel(taken_at, tick=False):
        case = take_step(case, world.manager, 1, "Уточните, пожалуйста, есть ли новости", expected_version=case.version)
    steps = ladder_for(case, taken_at)
    assert steps[0].done and steps[0].done_at == taken_at
    senior = next_step(case, taken_at)
    assert senior.level == 2
    assert senior.due_at == dt.datetime(2026, 3, 23, 12, 0, tzinfo=MSK)  # Thursday noon + Friday + Monday morning
    assert next_step(case, dt.datetime(2026, 3, 23, 12, 0, tzinfo=MSK)).is_due


def test_a_brush_off_makes_the_senior_step_due_at_once(world, make_case):
    case = waiting_case(world, make_case)
    replied = dt.datetime(2026, 3, 17, 15, 0, tzinfo=MSK)
    case = support_replied(case, world, at=replied, brush_off=True)
    step = next_step(case, replied + dt.timedelta(minutes=5))
    assert step.level == 2 and step.is_due and step.due_at == replied
    reminder = ladder_for(case, replied)[0]
    assert not reminder.is_due and reminder.due_at is None


def test_a_real_answer_proposes_nothing(world, make_case):
    case = waiting_case(world, make_case)
    replied = dt.datetime(2026, 3, 17, 15, 0, tzinfo=MSK)
    case = support_replied(case, world, at=replied, brush_off=False)
    assert next_step(case, replied + dt.timedelta(days=30)) is None


def test_nothing_is_due_while_the_case_is_on_us_or_finished(world, make_case):
    case = waiting_case(world, make_case)
    with time_machine.travel(MONDAY + dt.timedelta(hours=2), tick=False):
        case = actions.change_status(case, world.owner, "on_us", expected_version=case.version)
    assert next_step(case, MONDAY + dt.timedelta(days=20)) is None
    with time_machine.travel(MONDAY + dt.timedelta(hours=3), tick=False):
        case = actions.change_status(case, world.owner, "resolved", expected_version=case.version, outcome="won")
    assert next_step(case, MONDAY + dt.timedelta(days=20)) is None


def test_a_draft_has_no_ladder_yet(world, make_case):
    case = make_case()
    assert next_step(case) is None
    assert all(s.due_at is None for s in ladder_for(case))


def test_vendor_reminders_come_after_24_to_48_hours(world, make_case):
    from sellerdesk.shops.models import Shop

    vendor = Shop.objects.create(workspace=world.workspace, platform="vendor", name="HelloWord ERP")
    case = waiting_case(world, make_case, shop=vendor, kind="finance", entities=[("order", "880031")])
    due = next_step(case, MONDAY).due_at
    assert dt.timedelta(hours=24) <= due - MONDAY <= dt.timedelta(hours=48)
    assert ladder_for(case, MONDAY)[1].channel == "email"


def test_only_the_next_step_is_due_later_ones_follow_it(world, make_case):
    case = waiting_case(world, make_case)
    much_later = MONDAY + dt.timedelta(days=40)
    steps = ladder_for(case, much_later)
    assert [s.is_due for s in steps] == [True, False, False, False, False, False]
    assert steps[1].due_at >= much_later + dt.timedelta(hours=48)


def test_a_second_brush_off_after_the_senior_step_sends_the_case_to_the_profile_department(world, make_case):
    case = waiting_case(world, make_case)
    asked = dt.datetime(2026, 3, 17, 12, 0, tzinfo=MSK)
    with time_machine.travel(asked, tick=False):
        case = take_step(case, world.manager, 2, "Прошу эскалировать.", expected_version=case.version)
    replied = asked + dt.timedelta(hours=5)
    case = support_replied(case, world, at=replied, brush_off=True)
    step = next_step(case, replied)
    assert step.code == "department" and step.is_due and step.due_at == replied


def test_the_demo_clock_brings_the_reminder_due(world, make_case):
    from django.core.management import call_command
    from django.utils import timezone

    case = waiting_case(world, make_case, at=timezone.now())
    assert not next_step(case).is_due
    call_command("clock", "--advance", "21d", "--workspace", world.workspace.slug, "--no-worker")
    case.refresh_from_db()
    step = next_step(case)
    assert step.code == "reminder" and step.is_due
