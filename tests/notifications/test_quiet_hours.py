"""Nothing goes out during a member's quiet hours: it waits for their end, in the member's time zone."""

from __future__ import annotations

from datetime import UTC, datetime, time

import time_machine
from django.core import mail

from sellerdesk.accounts.models import Profile
from sellerdesk.notifications import delivery
from sellerdesk.notifications.api import notify
from sellerdesk.notifications.models import Delivery
from tests.notifications.conftest import set_prefs


def _utc(*args):
    return datetime(*args, tzinfo=UTC)


def test_an_overnight_quiet_period_holds_sends_until_the_morning(world, make_case):
    set_prefs(world.manager, quiet_from=time(22, 0), quiet_to=time(8, 0))
    case = make_case()
    with time_machine.travel(_utc(2026, 3, 16, 20, 30), tick=False):  # 23:30 in Moscow
        notify(world.manager, key="k1", kind="reminder", title="Ozon молчит третьи сутки", case=case)
    assert Delivery.objects.get().next_attempt_at == _utc(2026, 3, 17, 5, 0)  # 08:00 in Moscow
    assert delivery.process_due(_utc(2026, 3, 17, 4, 59)) == 0 and not mail.outbox
    assert delivery.process_due(_utc(2026, 3, 17, 5, 0)) == 1 and len(mail.outbox) == 1


def test_outside_quiet_hours_it_goes_at_once(world, make_case):
    set_prefs(world.manager, quiet_from=time(22, 0), quiet_to=time(8, 0))
    with time_machine.travel(_utc(2026, 3, 16, 9, 0), tick=False):
        notify(world.manager, key="k1", kind="reminder", title="Срок ответа", case=make_case())
    assert Delivery.objects.get().next_attempt_at == _utc(2026, 3, 16, 9, 0)


def test_quiet_hours_are_in_the_members_own_zone(world):
    Profile.objects.create(user=world.manager.user, time_zone="Asia/Shanghai")
    prefs = set_prefs(world.manager, quiet_from=time(12, 0), quiet_to=time(13, 30))  # lunch in Yiwu
    assert prefs.outside_quiet_hours(_utc(2026, 3, 16, 4, 15)) == _utc(2026, 3, 16, 5, 30)  # 12:15 Beijing
    assert prefs.outside_quiet_hours(_utc(2026, 3, 16, 5, 30)) == _utc(2026, 3, 16, 5, 30)  # the end is not quiet
    assert prefs.outside_quiet_hours(_utc(2026, 3, 16, 3, 59)) == _utc(2026, 3, 16, 3, 59)


def test_after_midnight_the_same_morning_is_the_end(world):
    prefs = set_prefs(world.manager, quiet_from=time(22, 0), quiet_to=time(8, 0))
    assert prefs.outside_quiet_hours(_utc(2026, 3, 16, 23, 0)) == _utc(2026, 3, 17, 5, 0)  # 02:00 Moscow
    assert prefs.outside_quiet_hours(_utc(2026, 3, 16, 19, 0)) == _utc(2026, 3, 17, 5, 0)  # 22:00 Moscow
    set_prefs(world.manager, quiet_from=None, quiet_to=None)
    prefs.refresh_from_db()
    assert prefs.outside_quiet_hours(_utc(2026, 3, 16, 23, 0)) == _utc(2026, 3, 16, 23, 0)
