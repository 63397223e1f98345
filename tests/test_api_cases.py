"""Cases through the API: the journal's filters and search, creation, edits, statuses, timeline."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from sellerdesk.cases.choices import EventKind, Status
from sellerdesk.cases.models import Case
from sellerdesk.shops.models import Shop
from tests.api_client import api_for
from tests.conftest import GOOD_APPEAL


def _numbers(response) -> list[str]:
    assert response.status_code == 200, response.content
    return sorted(c["number"] for c in response.json()["items"])


def test_it_filters_the_journal(world, make_case):
    ozon = Shop.objects.create(workspace=world.workspace, platform="ozon", name="Sokolova Ozon")
    fine = make_case(priority="high", responsible=world.manager)
    lost = make_case(shop=ozon, kind="logistics", subject="Потеря товара на складе Хоругвино",
                     entities=[("posting", "12345678-0001-1")])
    late = make_case(deadline=timezone.now() - dt.timedelta(days=1), subject="Нет ответа по выплате")
    api = api_for(world.manager)
    assert _numbers(api.get("/api/cases", {"shop": ozon.pk})) == [lost.number]
    assert _numbers(api.get("/api/cases", {"platform": "wb"})) == sorted([fine.number, late.number])
    assert _numbers(api.get("/api/cases", {"kind": "logistics"})) == [lost.number]
    assert _numbers(api.get("/api/cases", {"priority": "high"})) == [fine.number]
    assert _numbers(api.get("/api/cases", {"responsible": "me"})) == [fine.number]
    assert _numbers(api.get("/api/cases", {"responsible": "none"})) == sorted([lost.number, late.number])
    assert _numbers(api.get("/api/cases", {"overdue": "true"})) == [late.number]
    assert _numbers(api.get("/api/cases", {"status": "ready"})) == []
    assert _numbers(api.get("/api/cases", {"status": "open"})) == sorted([fine.number, lost.number, late.number])


def test_it_searches_words_and_references(world, make_case):
    fine = make_case(subject="Оспаривание штрафа за поставку")
    lost = make_case(subject="Потеря товара", entities=[("posting", "12345678-0001-1")])
    vendor = make_case(subject="工具退款 订单 88120045", entities=[])
    api = api_for(world.viewer)
    assert _numbers(api.get("/api/cases", {"q": "штраф"})) == [fine.number]
    assert _numbers(api.get("/api/cases", {"q": "12345678-0001-1"})) == [lost.number]
    assert _numbers(api.get("/api/cases", {"q": "退款"})) == [vendor.number]
    assert _numbers(api.get("/api/cases", {"q": "возврат"})) == []


def test_it_pages_with_a_total_count(world, make_case):
    for n in range(5):
        make_case(subject=f"Штраф по поставке 2481516{n}")
    api = api_for(world.owner)
    page = api.get("/api/cases", {"limit": 2, "offset": 4}).json()
    assert page["count"] == 5 and page["limit"] == 2 and page["offset"] == 4
    assert len(page["items"]) == 1
    assert page["items"][0]["number"].endswith("-00001")  # newest activity first


def test_it_refuses_a_filter_it_does_not_know(world):
    api = api_for(world.owner)
    assert api.get("/api/cases", {"status": "lost"}).status_code == 422
    assert api.get("/api/cases", {"responsible": "boris"}).status_code == 422
    response = api.get("/api/cases", {"shop": world.other_shop.pk})
    assert response.status_code == 400 and response.json()["field"] == "shop"


def test_it_creates_a_case_with_references(world):
    api = api_for(world.accountant)
    response = api.post("/api/cases", {
        "shop": world.shop.pk,
        "subject": "Не начислена компенсация за утерянный товар",
        "kind": "finance",
        "money_at_risk": "15400.50",
        "deadline": "2026-03-20T18:00:00+03:00",
        "responsible": world.manager.pk,
        "entities": [{"kind": "order", "value": " 4512-8890-13 "}, {"kind": "nmid", "value": "187654321"}],
    })
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["money_at_risk"] == "15400.50"
    assert data["deadline"] == "2026-03-20T15:00:00Z"
    assert data["responsible"] == {"id": world.manager.pk, "name": "Борис"}
    assert data["platform"] == "wb" and data["status"] == "draft" and data["version"] == 1
    case = Case.objects.get(workspace=world.workspace, number=data["number"])
    assert sorted(case.entities.values_list("kind", "value")) == [("nmid", "187654321"), ("order", "4512-8890-13")]
    assert case.money_at_risk == Decimal("15400.50")
    event = case.events.get()
    assert event.kind == EventKind.CREATED and event.actor == world.accountant


def test_it_refuses_a_case_for_another_workspaces_shop(world):
    response = api_for(world.owner).post("/api/cases", {"shop": world.other_shop.pk, "subject": "Штраф"})
    assert response.status_code == 400
    assert response.json()["field"] == "shop"
    assert not Case.objects.exists()


def test_it_explains_a_refused_case(world):
    api = api_for(world.owner)
    response = api.post("/api/cases", {"shop": world.shop.pk, "subject": "Срочно: блокировка кабинета",
                                       "priority": "critical"})
    assert response.status_code == 400
    assert response.json() == {"detail": "Say why the case is critical.", "field": "critical_reason"}
    assert api.post("/api/cases", {"shop": world.shop.pk, "subject": "Штраф",
                                   "money_at_risk": "100.555"}).status_code == 422
    assert not Case.objects.exists()


def test_it_saves_a_change_with_the_current_version(world, make_case):
    case = make_case()
    api = api_for(world.manager)
    response = api.patch(f"/api/cases/{case.number}", {
        "version": 1, "money_at_risk": "1200.10", "deadline": None,
        "entities": [{"kind": "supply", "value": "24815162"}, {"kind": "order", "value": "98765432"}],
    })
    assert response.status_code == 200, response.content
    assert response.json()["version"] == 2
    assert response.json()["money_at_risk"] == "1200.10"
    event = case.events.latest("id")
    assert event.kind == EventKind.CHANGED and event.actor == world.manager
    assert event.changes["money_at_risk"] == ["0.00", "1200.10"]
    assert "entities" in event.changes and "subject" not in event.changes


def test_it_refuses_a_stale_change_and_changes_nothing(world, make_case):
    case = make_case()
    api = api_for(world.manager)
    assert api.patch(f"/api/cases/{case.number}", {"version": 1, "subject": "Первая правка"}).status_code == 200
    response = api_for(world.accountant).patch(f"/api/cases/{case.number}", {
        "version": 1, "subject": "Вторая правка", "money_at_risk": "999",
    })
    assert response.status_code == 409
    assert "changed this case" in response.json()["detail"]
    case.refresh_from_db()
    assert case.subject == "Первая правка" and case.version == 2 and case.money_at_risk == 0
    assert case.events.count() == 2


def test_it_needs_a_version_to_change_a_case(world, make_case):
    case = make_case()
    response = api_for(world.owner).patch(f"/api/cases/{case.number}", {"subject": "Без версии"})
    assert response.status_code == 422


def test_it_refuses_to_empty_a_required_value(world, make_case):
    case = make_case()
    response = api_for(world.owner).patch(f"/api/cases/{case.number}", {"version": 1, "kind": None})
    assert response.status_code == 400 and response.json()["field"] == "kind"


def test_it_moves_a_case_along_its_life(world, make_case):
    case = make_case(body=GOOD_APPEAL)
    api = api_for(world.logistician)
    url = f"/api/cases/{case.number}/status"
    assert api.post(url, {"status": "ready", "version": 1}).json()["status"] == "ready"
    response = api.post(url, {"status": "submitted", "version": 2, "external_number": "WB-7781234",
                              "note": "Отправлено через «Новый диалог»"})
    assert response.status_code == 200, response.content
    assert response.json()["external_number"] == "WB-7781234"
    assert response.json()["submitted_at"].endswith("Z")
    event = case.events.latest("id")
    assert event.kind == EventKind.STATUS and event.text == "Отправлено через «Новый диалог»"
    assert event.changes["status"] == ["ready", "submitted"]


def test_it_refuses_a_move_the_lifecycle_does_not_allow(world, make_case):
    case = make_case()
    response = api_for(world.owner).post(f"/api/cases/{case.number}/status", {"status": "resolved", "version": 1})
    assert response.status_code == 400
    assert response.json() == {"detail": "A case cannot go from “Draft” to “Resolved”.", "field": "status"}
    case.refresh_from_db()
    assert case.status == Status.DRAFT and case.version == 1


def test_it_asks_for_what_a_status_requires(world, make_case):
    case = make_case(status=Status.WAITING, external_number="88123")
    api = api_for(world.owner)
    url = f"/api/cases/{case.number}/status"
    response = api.post(url, {"status": "resolved", "version": 1})
    assert response.status_code == 400 and response.json()["field"] == "outcome"
    response = api.post(url, {"status": "resolved", "version": 1, "outcome": "won", "money_recovered": "15400.50"})
    assert response.status_code == 200
    assert response.json()["money_recovered"] == "15400.50"
    assert api.post(url, {"status": "closed", "version": 1}).status_code == 409


def test_it_records_and_lists_timeline_entries(world, make_case):
    case = make_case()
    api = api_for(world.manager)
    url = f"/api/cases/{case.number}/events"
    response = api.post(url, {"kind": "call", "text": "Звонок на горячую линию, оператор обещал ответ в 72 ч",
                              "channel": "phone", "occurred_at": "2026-03-12T10:30:00+03:00"})
    assert response.status_code == 201, response.content
    assert response.json()["occurred_at"] == "2026-03-12T07:30:00Z"
    api.post(url, {"kind": "message_in", "text": "Ответ поддержки: штраф будет пересмотрен"})
    timeline = api.get(url).json()
    assert [e["kind"] for e in timeline] == ["call", "created", "message_in"]  # by when it happened
    assert timeline[0]["actor"] == world.manager.pk and timeline[0]["actor_name"] == "Борис"


def test_it_refuses_entries_that_are_not_by_hand(world, make_case):
    case = make_case()
    api = api_for(world.manager)
    url = f"/api/cases/{case.number}/events"
    assert api.post(url, {"kind": "status", "text": "Подделка"}).status_code == 422
    response = api.post(url, {"kind": "note", "text": "   "})
    assert response.status_code == 400 and response.json()["field"] == "text"
    assert case.events.count() == 1
