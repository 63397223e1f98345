"""Telegram messages go to the Bot API (a local fake here): 429 waits as told, 5xx is retried with backoff
until it fails, 4xx fails at once, and the case page shows what failed."""

from __future__ import annotations

from datetime import timedelta

import time_machine

from sellerdesk.notifications import delivery
from sellerdesk.notifications.api import notify
from sellerdesk.notifications.models import Delivery
from tests.notifications.conftest import NOON, TOKEN, set_prefs

TITLE = "Ozon не ответил по заявке 2026-0314-77 за 48 часов"


def _remind(world, case):
    set_prefs(world.manager, email=False, telegram=True, telegram_chat_id="284705113")
    with time_machine.travel(NOON, tick=False):
        notify(world.manager, key=f"clock:{case.pk}", kind="reminder", title=TITLE, case=case,
               url=f"/w/sokolova/cases/{case.number}/")
    return Delivery.objects.get()


def test_it_posts_to_send_message(world, make_case, bot):
    case = make_case()
    _remind(world, case)
    assert delivery.process_due(NOON) == 1
    [(path, body)] = bot.requests
    assert path == f"/bot{TOKEN}/sendMessage" and body["chat_id"] == "284705113"
    assert TITLE in body["text"] and f"/w/sokolova/cases/{case.number}/" in body["text"]
    assert Delivery.objects.get().status == "sent"


def test_too_many_requests_waits_as_long_as_told(world, make_case, bot):
    _remind(world, make_case())
    bot.answers.append((429, {"ok": False, "error_code": 429, "description": "Too Many Requests: retry after 17",
                              "parameters": {"retry_after": 17}}))
    delivery.process_due(NOON)
    waiting = Delivery.objects.get()
    assert waiting.status == "pending" and waiting.next_attempt_at == NOON + timedelta(seconds=17)
    assert "Too Many Requests" in waiting.last_error
    assert delivery.process_due(NOON + timedelta(seconds=17)) == 1 and Delivery.objects.get().status == "sent"
    assert len(bot.requests) == 2


def test_server_errors_back_off_then_fail_and_the_case_shows_it(world, make_case, bot, client_for):
    case = make_case()
    _remind(world, case)
    now, waits = NOON, []
    for _attempt in range(6):
        bot.answers.append((500, {"ok": False, "error_code": 500, "description": "Internal Server Error"}))
        assert delivery.process_due(now) == 1
        row = Delivery.objects.get()
        if row.next_attempt_at:
            waits.append(row.next_attempt_at - now)
            now = row.next_attempt_at
    assert waits == [timedelta(minutes=m) for m in (1, 5, 30, 120, 360)]
    failed = Delivery.objects.get()
    assert (failed.status, failed.attempts, failed.next_attempt_at) == ("failed", 6, None)
    assert failed.last_error == "Telegram 500: Internal Server Error"
    assert delivery.process_due(now + timedelta(days=1)) == 0 and len(bot.requests) == 6
    page = client_for(world.owner).get(f"/w/sokolova/cases/{case.number}/").content.decode()
    assert "Reminders sent" in page and TITLE in page
    assert "Telegram 500: Internal Server Error" in page and "after 6 attempts" in page


def test_a_retry_is_shown_with_its_time(world, make_case, bot, client_for):
    case = make_case()
    _remind(world, case)
    bot.answers.append((502, {"ok": False, "description": "Bad Gateway"}))
    delivery.process_due(NOON)
    page = client_for(world.owner).get(f"/w/sokolova/cases/{case.number}/").content.decode()
    assert "retry at 16.03.2026 12:01" in page and "Telegram 502: Bad Gateway" in page  # Moscow time


def test_a_blocked_bot_fails_at_once(world, make_case, bot):
    _remind(world, make_case())
    bot.answers.append((403, {"ok": False, "error_code": 403, "description": "Forbidden: bot was blocked by the user"}))
    delivery.process_due(NOON)
    failed = Delivery.objects.get()
    assert (failed.status, failed.attempts) == ("failed", 1) and "bot was blocked" in failed.last_error


def test_an_unreachable_api_is_retried_without_showing_the_token(world, make_case, bot, settings):
    _remind(world, make_case())
    settings.TELEGRAM_API_URL = "http://127.0.0.1:9"
    delivery.process_due(NOON)
    waiting = Delivery.objects.get()
    assert waiting.status == "pending" and waiting.last_error.startswith("Telegram: ConnectError")
    assert TOKEN not in waiting.last_error


def test_no_send_is_queued_without_a_bot(world, make_case, settings):
    settings.TELEGRAM_BOT_TOKEN = ""
    set_prefs(world.manager, email=False, telegram=True, telegram_chat_id="284705113")
    notify(world.manager, key="k", kind="reminder", title=TITLE, case=make_case())
    assert not Delivery.objects.exists()
