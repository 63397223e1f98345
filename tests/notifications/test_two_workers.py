"""Two workers sending at once on PostgreSQL: every delivery goes out exactly once."""

from __future__ import annotations

from collections import Counter

import pytest
import time_machine
from django.contrib.auth.models import User

from sellerdesk.accounts.models import Membership
from sellerdesk.notifications import delivery
from sellerdesk.notifications.api import notify
from sellerdesk.notifications.models import Delivery
from tests.conftest import at_once, requires_postgres
from tests.notifications.conftest import NOON, set_prefs


@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_send_each_delivery_once(world, bot):
    for i in range(40):
        member = Membership.objects.create(workspace=world.workspace, user=User.objects.create_user(f"seller{i}"))
        set_prefs(member, email=False, telegram=True, telegram_chat_id=str(1000 + i))
        with time_machine.travel(NOON, tick=False):
            for k in range(5):
                notify(member, key=f"k{k}", kind="reminder", title=f"#{i}-{k} Срок ответа истёк")

    at_once(lambda: delivery.process_due(NOON, limit=1000))
    titles = Counter(line[2:].split(" ")[0] for _path, body in bot.requests
                     for line in body["text"].splitlines() if line.startswith("• #"))
    assert len(titles) == 200 and set(titles.values()) == {1}
    assert Delivery.objects.filter(status="sent").count() == 200
