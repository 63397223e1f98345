"""Two workers taking digests at once on PostgreSQL: each workspace's digest goes out once per member."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User

from sellerdesk.accounts.models import Membership, Workspace
from sellerdesk.notifications.models import Notification
from sellerdesk.reports import digest
from sellerdesk.reports.models import DigestSchedule
from tests.conftest import at_once, requires_postgres
from tests.reports.review_data import MSK, NOW

FRIDAY_17 = dt.datetime(2026, 11, 27, 17, 0, tzinfo=MSK)


@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_send_each_digest_once():
    for i in range(30):
        workspace = Workspace.objects.create(name=f"ИП Продавец {i}", slug=f"seller-{i}")
        for role in ("owner", "manager"):
            user = User.objects.create_user(f"{role}{i}", f"{role}{i}@example.ru")
            Membership.objects.create(workspace=workspace, user=user, role=role)
        digest.save_schedule(DigestSchedule(workspace=workspace, weekday=4, time=dt.time(17, 0)), NOW)
    taken = at_once(lambda: digest.process_due(FRIDAY_17, limit=100))
    assert sum(taken) == 30
    assert Notification.objects.filter(kind="digest").count() == 60
    assert not DigestSchedule.objects.filter(next_run_at__lte=FRIDAY_17).exists()
