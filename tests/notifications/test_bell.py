"""The bell counts a member's unread notifications; opening one marks it read and leads to its case."""

from __future__ import annotations

import re

from sellerdesk.notifications.api import notify
from sellerdesk.notifications.models import Notification


def _count(page: str) -> str | None:
    found = re.search(r'<span class="bell-count">(\d+)</span>', page)
    return found and found.group(1)


def _two(world, make_case):
    case = make_case()
    url = f"/w/sokolova/cases/{case.number}/"
    first = notify(world.manager, key="a", kind="reminder", title="WB: срок первого ответа истёк", case=case, url=url)
    notify(world.manager, key="b", kind="reminder", title="供应商答应3月20日前退款", case=case, url=url)
    notify(world.owner, key="a", kind="reminder", title="Для Анны", case=case, url=url)
    return case, first


def test_the_bell_shows_the_unread_count(world, make_case, client_for):
    _two(world, make_case)
    client = client_for(world.manager)
    assert _count(client.get("/w/sokolova/").content.decode()) == "2"
    assert _count(client_for(world.viewer).get("/w/sokolova/").content.decode()) is None


def test_opening_marks_read_and_leads_to_the_case(world, make_case, client_for):
    case, first = _two(world, make_case)
    client = client_for(world.manager)
    response = client.get(f"/w/sokolova/notifications/{first.pk}/")
    assert response.status_code == 302 and response["Location"] == f"/w/sokolova/cases/{case.number}/"
    assert Notification.objects.get(pk=first.pk).read_at is not None
    assert _count(client.get("/w/sokolova/").content.decode()) == "1"


def test_the_list_puts_unread_first_and_reads_all(world, make_case, client_for):
    _, first = _two(world, make_case)
    client = client_for(world.manager)
    client.get(f"/w/sokolova/notifications/{first.pk}/")
    page = client.get("/w/sokolova/notifications/").content.decode()
    assert page.index("供应商答应3月20日前退款") < page.index("WB: срок первого ответа истёк")
    assert "Для Анны" not in page
    assert client.post("/w/sokolova/notifications/read/").status_code == 302
    assert not Notification.objects.filter(member=world.manager, read_at=None).exists()
    assert Notification.objects.filter(member=world.owner, read_at=None).count() == 1


def test_someone_elses_notification_is_404(world, make_case, client_for):
    _two(world, make_case)
    anna = Notification.objects.get(member=world.owner)
    theirs = notify(world.outsider, key="a", kind="reminder", title="Ромашка", url="/w/romashka/")
    assert client_for(world.manager).get(f"/w/sokolova/notifications/{anna.pk}/").status_code == 404
    assert client_for(world.manager).get(f"/w/sokolova/notifications/{theirs.pk}/").status_code == 404
    assert client_for(world.outsider).get(f"/w/sokolova/notifications/{anna.pk}/").status_code == 404
    assert client_for(world.outsider).get(f"/w/romashka/notifications/{anna.pk}/").status_code == 404
    assert Notification.objects.filter(read_at__isnull=False).count() == 0


def test_an_outside_link_is_not_followed(world, client_for):
    odd = notify(world.manager, key="x", kind="reminder", title="Ссылка", url="https://evil.example/")
    response = client_for(world.manager).get(f"/w/sokolova/notifications/{odd.pk}/")
    assert response["Location"] == "/w/sokolova/notifications/"
