"""Two workers on PostgreSQL take the same due agreements at once: each promise is reminded of exactly once."""

from __future__ import annotations

import datetime as dt

import pytest

from sellerdesk.cases.models import CaseEvent
from sellerdesk.followup import agreements
from sellerdesk.followup.models import Agreement
from sellerdesk.notifications.models import Notification
from tests.conftest import at_once, requires_postgres

MSK = dt.timezone(dt.timedelta(hours=3))
CALL = dt.datetime(2026, 11, 30, 11, 15, tzinfo=MSK)
DUE = dt.datetime(2026, 12, 4, 23, 59, tzinfo=MSK)


@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_remind_of_each_lapsed_promise_once(world, make_case):
    cases = [make_case(responsible=world.manager) for _ in range(20)]
    for case in cases:
        for k in range(10):
            agreements.record_agreement(case, world.owner, source="phone", made_at=CALL, due_at=DUE,
                                        promise=f"вернуть штраф, часть {k + 1}")
    counts = at_once(lambda: agreements.process_due(DUE + dt.timedelta(minutes=1), limit=1000))
    assert sum(counts) == 200, counts
    assert CaseEvent.objects.filter(kind="reminder").count() == 200
    assert Notification.objects.filter(member=world.manager).count() == 200
    assert not Agreement.objects.filter(next_alert_at__isnull=False).exists()
