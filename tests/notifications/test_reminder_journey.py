"""From a clock that runs out to the reminder in the responsible member's mailbox and Telegram, once."""

from __future__ import annotations

import datetime as dt

import time_machine

from sellerdesk.cases.actions import change_status, create_case
from sellerdesk.cases.choices import Status
from sellerdesk.followup.worker import run_once
from sellerdesk.notifications.models import Delivery, Notification
from tests.notifications.conftest import set_prefs

MSK = dt.timezone(dt.timedelta(hours=3))
FRIDAY_NOON = dt.datetime(2026, 3, 13, 12, 0, tzinfo=MSK)
MONDAY_AFTER_NOON = dt.datetime(2026, 3, 16, 12, 5, tzinfo=MSK)  # 24 business hours later, and 5 minutes


def test_an_overdue_case_reminds_its_responsible_by_email_and_telegram(world, smtp, bot, client_for):
    set_prefs(world.logistician, telegram=True, telegram_chat_id="284705113")
    with time_machine.travel(FRIDAY_NOON, tick=False):
        case = create_case(world.workspace, world.manager, shop=world.shop, kind="logistics", status=Status.READY,
                           subject="Поставка 24815162 не принята на складе Коледино", responsible=world.logistician)
        case = change_status(case, world.manager, Status.SUBMITTED, expected_version=None,
                             external_number="WB-5512340")
        change_status(case, world.manager, Status.WAITING, expected_version=None)
    for _round in range(2):  # a second round finds nothing new to send
        with time_machine.travel(MONDAY_AFTER_NOON, tick=False):
            run_once(MONDAY_AFTER_NOON)
    [note] = Notification.objects.filter(member=world.logistician)
    assert note.case == case and case.number in note.title
    [message] = smtp.messages
    assert message["To"] == "gleb@example.ru" and case.number in message.get_content()
    [(_path, body)] = bot.requests
    assert case.number in body["text"] and f"/w/sokolova/cases/{case.number}/" in body["text"]
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}
    page = client_for(world.logistician).get(f"/w/sokolova/cases/{case.number}/").content.decode()
    assert '<span class="bell-count">1</span>' in page and "Reminders sent" in page
