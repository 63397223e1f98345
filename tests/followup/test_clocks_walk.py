"""Random walks through a case's life with the worker running in between: a reminder only ever names a
clock that runs at that moment and has run out, and no due item is reminded twice."""

from __future__ import annotations

import datetime as dt

import time_machine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sellerdesk import playbook
from sellerdesk.cases.actions import change_status, create_case
from sellerdesk.cases.choices import EventKind, Status
from sellerdesk.cases.models import CaseEvent
from sellerdesk.followup import clocks
from sellerdesk.playbook.calendar import MOSCOW

START = dt.datetime(2026, 4, 27, 9, 0, tzinfo=MOSCOW)  # the week before the May holidays
steps = st.lists(st.tuples(st.integers(0, 9), st.integers(1, 60 * 80)), min_size=1, max_size=12)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(walk=steps, channel=st.sampled_from(["ticket", "chat", "email", "social"]))
def test_reminders_follow_the_state_of_the_case(world, monkeypatch, walk, channel):
    monkeypatch.setattr("sellerdesk.notifications.api.notify", lambda *a, **k: None)
    lifecycle = playbook.lifecycle()
    now = START
    with time_machine.travel(now, tick=False):
        case = create_case(world.workspace, world.owner, shop=world.shop, kind="logistics", status=Status.READY,
                           channel=channel, subject="Поставка 24815162 не принята на складе Коледино")
        case = change_status(case, world.owner, Status.SUBMITTED, expected_version=None, external_number="WB-1")
    seen = CaseEvent.objects.filter(case=case, kind=EventKind.REMINDER).count()
    for choice, minutes in walk:
        # The worker runs at the end of the pause: what it fires must match the state the case is in.
        now += dt.timedelta(minutes=minutes)
        state = (case.status, case.clock_paused_at, case.first_answer_due, case.update_due, case.follow_up_due)
        with time_machine.travel(now, tick=False):
            clocks.process_due(now)
        fired = list(CaseEvent.objects.filter(case=case, kind=EventKind.REMINDER).order_by("id")[seen:])
        seen += len(fired)
        status, paused, first_answer, update, follow_up = state
        for event in fired:
            due = dt.datetime.fromisoformat(event.changes["due"])
            assert due <= now
            name = event.changes["clock"]
            if name == clocks.FOLLOW_UP:
                assert status in clocks.WE_OWE and follow_up and follow_up <= due
            else:
                assert status in clocks.SUPPORT_OWES and not paused
                running = first_answer if name == clocks.FIRST_ANSWER else update
                assert running and running <= due
        nexts = [s for s in lifecycle.transitions.get(case.status, ()) if s not in (Status.READY, Status.DRAFT)]
        if not nexts:
            break
        new = nexts[choice % len(nexts)]
        with time_machine.travel(now, tick=False):
            case = change_status(case, world.owner, new, expected_version=None,
                                 outcome="won" if new == Status.RESOLVED else None)
        if case.status not in lifecycle.live_dialog:
            assert case.next_alert_at is None and case.deadline is None
        elif case.next_alert_at is not None:
            assert case.next_alert_at >= min(d for d in (case.first_answer_due, case.update_due, case.follow_up_due,
                                                         now) if d)
    keys = list(CaseEvent.objects.filter(case=case, kind=EventKind.REMINDER).values_list("changes__key", flat=True))
    assert len(keys) == len(set(keys))
