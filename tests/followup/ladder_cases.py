"""Cases in a live dialog with support, for the escalation ladder's tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import time_machine

from sellerdesk.cases import actions
from sellerdesk.cases.actions import log_event
from sellerdesk.cases.choices import EventKind
from tests.conftest import GOOD_APPEAL

MSK = ZoneInfo("Europe/Moscow")
# Monday 16 March 2026, 10:00 Moscow time: an ordinary working week follows.
MONDAY = dt.datetime(2026, 3, 16, 10, 0, tzinfo=MSK)
DIALOG = "4417229883"


def waiting_case(world, make_case, *, at=MONDAY, workspace=None, **fields):
    """A WB finance case filed, submitted with its dialog number and waiting for support since `at`."""
    fields.setdefault("money_at_risk", Decimal("15400"))
    fields.setdefault("body", GOOD_APPEAL)
    with time_machine.travel(at, tick=False):
        case = make_case(workspace=workspace, **fields)
        owner = world.owner if case.workspace_id == world.workspace.pk else world.outsider
        case = actions.change_status(case, owner, "ready", expected_version=case.version,
                                     override_reason="Проверено вручную")
        case = actions.change_status(case, owner, "submitted", expected_version=case.version,
                                     external_number=DIALOG)
        case = actions.change_status(case, owner, "waiting", expected_version=case.version)
    return case


def support_replied(case, world, *, at, brush_off: bool, unaddressed=()):
    """Support's reply as D records it: an incoming message with its assessment, and the case answered."""
    with time_machine.travel(at, tick=False):
        log_event(case, EventKind.MESSAGE_IN, None, occurred_at=at,
                  text="Здравствуйте! Ознакомьтесь с разделом помощи: https://seller.wildberries.ru/help-center",
                  changes={"assessment": {"brush_off": brush_off, "score": 0.9 if brush_off else 0.1,
                                          "unaddressed": list(unaddressed), "signs": [], "asks": [],
                                          "promises": [], "resolved": False}, "source": "paste"})
        case.refresh_from_db()
        return actions.change_status(case, world.owner, "answered", expected_version=case.version)
