"""E-mail goes through a real SMTP conversation (aiosmtpd on a local port), with retries and refusals."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.utils import translation

from sellerdesk.accounts.models import Profile
from sellerdesk.notifications import delivery
from sellerdesk.notifications.api import notify
from sellerdesk.notifications.models import Delivery
from tests.notifications.conftest import NOON

TITLE = "Истёк срок ответа: штраф 15 400 ₽ за маркировку"


def _remind(world, case, member=None):
    with time_machine.travel(NOON, tick=False):
        return notify(member or world.manager, key=f"clock:{case.pk}", kind="reminder", title=TITLE,
                      body="WB молчит 3 рабочих дня. Пора напомнить в том же диалоге.", case=case,
                      url=f"/w/sokolova/cases/{case.number}/")


def test_a_reminder_arrives_by_smtp(world, make_case, smtp, settings):
    settings.DEFAULT_FROM_EMAIL = "desk@sokolova-home.ru"
    case = make_case()
    _remind(world, case)
    assert delivery.process_due(NOON) == 1
    [message] = smtp.messages
    assert message["To"] == "boris@example.ru" and message["From"] == "desk@sokolova-home.ru"
    assert message["Subject"].strip() == f"SellerDesk: {TITLE}"
    text = message.get_content()
    assert "WB молчит 3 рабочих дня" in text and f"http://127.0.0.1:8000/w/sokolova/cases/{case.number}/" in text
    assert text.rstrip().endswith("http://127.0.0.1:8000/w/sokolova/notifications/settings/")
    sent = Delivery.objects.get()
    assert (sent.status, sent.attempts, sent.sent_at, sent.next_attempt_at) == ("sent", 1, NOON, None)


def test_it_is_written_in_the_members_language(world, make_case, smtp, monkeypatch):
    Profile.objects.create(user=world.manager.user, language="zh-hans")
    seen = []
    compose = delivery.compose
    monkeypatch.setattr(delivery, "compose", lambda notes: seen.append(translation.get_language()) or compose(notes))
    _remind(world, make_case())
    delivery.process_due(NOON)
    assert seen == ["zh-hans"] and len(smtp.messages) == 1


def test_a_busy_server_is_retried_with_backoff(world, make_case, smtp):
    smtp.refuse_data = "451 4.3.0 Mailbox busy, try again later"
    _remind(world, make_case())
    delivery.process_due(NOON)
    waiting = Delivery.objects.get()
    assert (waiting.status, waiting.attempts) == ("pending", 1)
    assert waiting.next_attempt_at == NOON + timedelta(minutes=1) and "451" in waiting.last_error
    smtp.refuse_data = None
    assert delivery.process_due(NOON + timedelta(seconds=59)) == 0
    assert delivery.process_due(NOON + timedelta(minutes=1)) == 1
    assert Delivery.objects.get().status == "sent" and len(smtp.messages) == 1


def test_a_refused_address_fails_at_once(world, make_case, smtp):
    smtp.refuse_rcpt = "550 5.1.1 No such user here"
    _remind(world, make_case())
    delivery.process_due(NOON)
    failed = Delivery.objects.get()
    assert (failed.status, failed.attempts, failed.next_attempt_at) == ("failed", 1, None)
    assert "No such user" in failed.last_error


def test_an_unreachable_server_is_retried(world, make_case, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens on discard
    _remind(world, make_case())
    delivery.process_due(NOON)
    waiting = Delivery.objects.get()
    assert waiting.status == "pending" and waiting.last_error.startswith("SMTP")
