"""What falls due together for one member and channel goes out as one message."""

from __future__ import annotations

import time_machine
from django.core import mail

from sellerdesk.accounts.models import Profile
from sellerdesk.notifications import delivery
from sellerdesk.notifications.api import notify
from sellerdesk.notifications.models import Delivery
from tests.notifications.conftest import NOON, set_prefs

SUBJECTS = ["Штраф за маркировку: WB не ответил", "Ozon: срок обновления истёк", "供应商未回复退款请求"]


def test_three_due_reminders_make_one_email_and_one_telegram_message(world, make_case, bot):
    Profile.objects.create(user=world.manager.user, language="en")  # the words below are English
    set_prefs(world.manager, telegram=True, telegram_chat_id="284705113")
    with time_machine.travel(NOON, tick=False):
        for n, title in enumerate(SUBJECTS):
            case = make_case(subject=title)
            notify(world.manager, key=f"k{n}", kind="reminder", title=title, case=case,
                   url=f"/w/sokolova/cases/{case.number}/")
        notify(world.owner, key="k0", kind="reminder", title=SUBJECTS[0])
    assert delivery.process_due(NOON) == 7
    to_manager = [m for m in mail.outbox if m.to == [world.manager.user.email]]
    assert len(mail.outbox) == 2 and len(to_manager) == 1
    assert to_manager[0].subject == "SellerDesk: 3 notifications"
    assert all(title in to_manager[0].body for title in SUBJECTS)
    assert "http://127.0.0.1:8000/w/sokolova/cases/" in to_manager[0].body
    assert len(bot.requests) == 1 and all(title in bot.requests[0][1]["text"] for title in SUBJECTS)
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}
    assert delivery.process_due(NOON) == 0 and len(mail.outbox) == 2 and len(bot.requests) == 1  # never twice


def test_a_single_reminder_is_named_in_the_subject(world, make_case):
    with time_machine.travel(NOON, tick=False):
        notify(world.owner, key="k", kind="reminder", title=SUBJECTS[1], case=make_case())
    delivery.process_due(NOON)
    assert mail.outbox[0].subject == f"SellerDesk: {SUBJECTS[1]}"


def test_a_leased_delivery_is_not_taken_by_another_worker(world, make_case):
    with time_machine.travel(NOON, tick=False):
        notify(world.owner, key="k", kind="reminder", title=SUBJECTS[0], case=make_case())
    Delivery.objects.update(next_attempt_at=NOON + delivery.LEASE, attempts=1)  # a worker is sending it
    assert delivery.process_due(NOON + delivery.LEASE / 2) == 0 and not mail.outbox


def test_a_channel_turned_off_meanwhile_is_not_used(world, make_case):
    with time_machine.travel(NOON, tick=False):
        notify(world.owner, key="k", kind="reminder", title=SUBJECTS[0], case=make_case())
    set_prefs(world.owner, email=False)
    delivery.process_due(NOON)
    assert not mail.outbox
    assert Delivery.objects.get().status == "failed" and "turned this channel off" in Delivery.objects.get().last_error


def test_a_late_worker_does_not_overwrite_what_another_recorded(world, make_case, monkeypatch):
    with time_machine.travel(NOON, tick=False):
        notify(world.owner, key="k", kind="reminder", title=SUBJECTS[0], case=make_case())

    def slow_send(prefs, channel, notes):  # our lease ran out meanwhile and another worker took the row
        Delivery.objects.update(next_attempt_at=NOON + 2 * delivery.LEASE, attempts=2)

    monkeypatch.setattr(delivery, "send", slow_send)
    delivery.process_due(NOON)
    row = Delivery.objects.get()
    assert (row.status, row.attempts, row.next_attempt_at) == ("pending", 2, NOON + 2 * delivery.LEASE)


def test_a_long_round_hands_back_what_it_could_not_send(world, make_case, monkeypatch):
    with time_machine.travel(NOON, tick=False):
        for member in (world.owner, world.manager, world.accountant):
            notify(member, key="k", kind="reminder", title=SUBJECTS[0])
    clock = iter([0, 0, delivery.LEASE.total_seconds()])  # the third group starts too late
    monkeypatch.setattr(delivery, "monotonic", lambda: next(clock))
    assert delivery.process_due(NOON) == 3
    assert len(mail.outbox) == 1
    back = Delivery.objects.filter(status="pending").order_by("pk")
    assert [(d.attempts, d.next_attempt_at) for d in back] == [(0, NOON), (0, NOON)]


def test_a_broken_send_is_retried_and_does_not_stop_the_others(world, make_case, monkeypatch):
    with time_machine.travel(NOON, tick=False):
        notify(world.owner, key="k", kind="reminder", title="Первая строка\nвторая строка", case=make_case())
        notify(world.manager, key="k", kind="reminder", title=SUBJECTS[1])
    real_send = delivery.send

    def send(prefs, channel, notes):
        if prefs.member == world.manager:
            raise RuntimeError("template missing")
        real_send(prefs, channel, notes)

    monkeypatch.setattr(delivery, "send", send)
    delivery.process_due(NOON)
    assert [m.subject for m in mail.outbox] == ["SellerDesk: Первая строка вторая строка"]
    broken = Delivery.objects.get(member=world.manager)
    assert broken.status == "pending" and broken.last_error == "RuntimeError: template missing"
