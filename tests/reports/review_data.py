"""Builders of a realistic journal for the weekly review's tests: cases filed, answered and resolved over weeks,
through the case actions, with time-machine moving the clock."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from zoneinfo import ZoneInfo

import time_machine

from sellerdesk.cases.actions import change_status
from sellerdesk.cases.models import Case

MSK = ZoneInfo("Europe/Moscow")
# Wednesday of ISO week 2026-W48 (Monday 23.11 – Sunday 29.11.2026), midday in Moscow.
NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=MSK)
_TICKETS = itertools.count(1001)


def at(day: int, hour: int = 12, month: int = 11) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, 0, tzinfo=MSK)


def waiting_case(make_case, opened: dt.datetime, *, amount="0", currency="RUB", deadline=None, **fields) -> Case:
    """A case filed at `opened` and waiting for support; `deadline` pins its clock (as A's clocks would set it)."""
    fields.setdefault("external_number", f"261125{next(_TICKETS)}")
    with time_machine.travel(opened, tick=False):
        case = make_case(status="waiting", money_at_risk=Decimal(amount), currency=currency, created_at=opened,
                         **fields)
    if deadline is not None:
        Case.objects.filter(pk=case.pk).update(deadline=deadline)
        case.refresh_from_db()
    return case


def resolve(case: Case, actor, when: dt.datetime, recovered: str, outcome: str = "won") -> Case:
    with time_machine.travel(when, tick=False):
        return change_status(case, actor, "resolved", expected_version=None, outcome=outcome,
                             money_recovered=Decimal(recovered))
