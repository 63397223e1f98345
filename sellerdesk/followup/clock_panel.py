"""The case page's clocks panel: who owes the next move and by when, in the reader's time zone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _

from sellerdesk import playbook
from sellerdesk.followup import clocks


@dataclass
class ClockLine:
    label: str
    due: dt.datetime
    overdue: bool
    paused: bool
    business: bool


def clock_lines(case, now: dt.datetime | None = None) -> list[ClockLine]:
    now = now or timezone.now()
    support = clocks.support_clock(case)
    own = clocks.own_clocks()
    paused = bool(case.clock_paused_at)
    rows = [
        (_("Support's first answer"), case.first_answer_due, paused, support.business_time),
        (_("Support's next update"), case.update_due, paused, support.business_time),
        (_("Our reaction"), case.follow_up_due, False, own.follow_up_business),
    ]
    return [ClockLine(str(label), due, overdue=not stopped and due < now, paused=stopped, business=business)
            for label, due, stopped, business in rows if due]


def clocks_panel(request, case):
    """None for a case outside a live dialog (draft, ready, finished): it has no clocks."""
    now = timezone.now()
    lines = clock_lines(case, now)
    if not lines and case.status not in playbook.lifecycle().live_dialog:
        return None
    return "followup/_clocks.html", {
        "clock_lines": lines,
        "clock_paused_at": case.clock_paused_at,
        "paused_for": timesince(now - dt.timedelta(seconds=case.paused_seconds), now) if case.paused_seconds else "",
        "next_alert_at": case.next_alert_at,
        "support_owes": case.status in clocks.SUPPORT_OWES,
        "now": now,
    }
