"""The review, its PDF and the digest schedule render in every interface language."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client

from tests.reports.review_data import NOW, at, resolve, waiting_case

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["ru", "zh-hans", "en"])
def test_the_review_renders_in_each_language(language, world, make_case):
    waiting_case(make_case, at(2), amount="15400.50", deadline=NOW - dt.timedelta(days=3))
    done = waiting_case(make_case, at(9), amount="900", currency="CNY", subject="供应商退款 订单 LT-0098")
    resolve(done, world.owner, at(24), "900")
    client = Client(headers={"accept-language": language})
    client.force_login(world.owner.user)
    base = f"/w/{world.workspace.slug}/review/"
    with time_machine.travel(NOW, tick=False):
        page = client.get(base)
        schedule = client.get(base + "schedule/")
        xlsx = client.get(base + "review.xlsx")
    assert page.status_code == schedule.status_code == xlsx.status_code == 200
    assert "供应商退款" in page.content.decode()
    assert 'id="review-charts"' in page.content.decode()
