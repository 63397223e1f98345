"""POST /api/analysis/appeal: the same analysis as the wizard, for scripts."""

from __future__ import annotations

import pytest

from tests.api_client import api_for


@pytest.fixture
def api(world):
    return api_for(world.manager)


def test_it_returns_entities_kind_findings_and_score(api, world):
    response = api.post("/api/analysis/appeal", {
        "shop": world.shop.pk, "subject": "Проблема!!!",
        "body": "Штраф 15 400 руб. по поставке 24815162 от 12.03.2026 начислен неправильно, верните деньги!!!"})
    assert response.status_code == 200, response.content
    data = response.json()
    assert {"kind": "supply", "value": "24815162"}.items() <= next(
        e for e in data["entities"] if e["kind"] == "supply").items()
    assert data["kind"] == "finance"
    assert any(f["severity"] == "blocking" for f in data["findings"]) and not data["ready"]
    assert 0 <= data["score"] <= 100


def test_it_points_to_a_live_duplicate(api, world, make_case):
    original = make_case(entities=[("supply", "24815162")])
    data = api.post("/api/analysis/appeal", {"shop": world.shop.pk, "body": "Штраф по поставке 24815162"}).json()
    assert [d["number"] for d in data["duplicates"]] == [original.number]


def test_any_text_is_accepted(api):
    for body in ("", "\x00\x01" * 1000, "а" * 200_000, "🙂" * 5000):
        response = api.post("/api/analysis/appeal", {"platform": "ozon", "body": body})
        assert response.status_code == 200


def test_another_workspaces_shop_is_refused(api, world):
    response = api.post("/api/analysis/appeal", {"shop": world.other_shop.pk, "body": "текст"})
    assert response.status_code == 400


def test_given_the_fields_it_composes_and_checks_the_appeal(api, world):
    data = api.post("/api/analysis/appeal", {"shop": world.shop.pk, "kind": "finance", "topic_code": "finance.penalty",
                                             "evidence": ["акт приёмки.pdf"], "fields": {
        "essence": "Начислен штраф за неверную маркировку коробов, хотя коробы были промаркированы по правилам.",
        "when": "12.03.2026 10:40", "references": [["supply", "24815162"]], "request": "dispute_penalty",
        "money_at_risk": "15400.00", "steps": "Сверили акт приёмки и фото коробов"}}).json()
    composed = data["composed"]
    assert "24815162" in composed["subject"] and "12.03.2026" in composed["subject"]
    assert "15 400,00 ₽" in composed["body"]
    assert data["ready"], data["findings"]


def test_chinese_free_text_is_flagged_not_translated(api, world):
    data = api.post("/api/analysis/appeal", {"shop": world.shop.pk, "kind": "logistics", "fields": {
        "essence": "订单一直没有发货，买家在催", "references": [["order", "4412345678"]],
        "request": "correct_status"}}).json()
    assert "订单一直没有发货" in data["composed"]["body"]
    assert [f["field"] for f in data["composed"]["flags"]] == ["essence"]
