"""notify() records one notification per (member, key) and queues one send per chosen channel."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet

from sellerdesk.notifications.api import notify
from sellerdesk.notifications.models import Delivery, Notification
from tests.notifications.conftest import TOKEN, set_prefs


def _remind(member, case, title="Истёк срок первого ответа по обращению"):
    return notify(member, key=f"clock:{case.pk}:first_answer:2026-03-16T09:00", kind="reminder", title=title,
                  body="Поддержка WB не ответила за 24 рабочих часа.", case=case,
                  url=f"/w/sokolova/cases/{case.number}/")


def test_the_same_key_twice_is_one_notification_and_one_send_per_channel(world, make_case, settings):
    settings.TELEGRAM_BOT_TOKEN = TOKEN
    set_prefs(world.manager, telegram=True, telegram_chat_id="284705113")
    case = make_case()
    with transaction.atomic():  # as inside the worker's transaction
        first = _remind(world.manager, case)
        second = _remind(world.manager, case, title="Другой заголовок")
    assert first is not None and second is None
    assert Notification.objects.get(member=world.manager).title == "Истёк срок первого ответа по обращению"
    assert sorted(Delivery.objects.values_list("channel", flat=True)) == ["email", "telegram"]


def test_a_concurrent_twin_is_caught_by_the_unique_constraint(world, make_case, monkeypatch):
    case = make_case()
    assert _remind(world.owner, case) is not None
    monkeypatch.setattr(QuerySet, "exists", lambda self: False)  # as if the twin was not visible yet
    with transaction.atomic():
        assert _remind(world.owner, case) is None
        assert Notification.objects.filter(member=world.owner).count() == 1  # the transaction goes on
    assert Delivery.objects.count() == 1


def test_each_member_gets_their_own(world, make_case):
    case = make_case()
    assert _remind(world.owner, case) and _remind(world.manager, case)
    assert Notification.objects.count() == 2 and Delivery.objects.count() == 2


def test_defaults_email_only_when_the_user_has_an_address(world, make_case):
    world.viewer.user.email = ""
    world.viewer.user.save()
    case = make_case()
    assert _remind(world.viewer, case) is not None
    assert not Delivery.objects.exists()  # in-app only
    assert Notification.objects.get().workspace == world.workspace
