"""Shops through the API, checked like the shop page checks them."""

from __future__ import annotations

from sellerdesk.shops.models import CustomPlatform, Shop
from tests.api_client import api_for


def test_it_lists_only_the_workspaces_shops(world):
    shops = api_for(world.viewer).get("/api/shops").json()
    assert [(s["name"], s["platform"], s["platform_name"], s["inn"]) for s in shops] == [
        ("Sokolova Home", "wb", "Wildberries", "7707083893")]
    assert shops[0]["created_at"].endswith("Z")


def test_it_adds_a_shop(world):
    response = api_for(world.owner).post("/api/shops", {
        "platform": "ozon", "name": "Sokolova Ozon", "inn": "500100732259", "legal_name": "ИП Соколова А. В.",
        "contact_email": "ozon@sokolova.ru",
    })
    assert response.status_code == 201, response.content
    shop = Shop.objects.get(pk=response.json()["id"])
    assert shop.workspace == world.workspace and shop.inn == "500100732259" and shop.is_active


def test_it_refuses_a_bad_inn_with_the_reason(world):
    response = api_for(world.owner).post("/api/shops", {"platform": "ozon", "name": "Sokolova Ozon",
                                                        "inn": "7707083894"})
    assert response.status_code == 400
    assert response.json() == {
        "detail": "7707083894 is not a valid INN: it must have 10 or 12 digits with matching check digits.",
        "field": "inn",
    }
    assert not Shop.objects.filter(name="Sokolova Ozon").exists()


def test_it_refuses_a_platform_the_workspace_does_not_have(world):
    CustomPlatform.objects.create(workspace=world.other_workspace, code="kaspi", name="Kaspi.kz")
    api = api_for(world.owner)
    response = api.post("/api/shops", {"platform": "kaspi", "name": "Sokolova Kaspi"})
    assert response.status_code == 400 and response.json()["field"] == "platform"
    CustomPlatform.objects.create(workspace=world.workspace, code="kaspi", name="Kaspi.kz")
    assert api.post("/api/shops", {"platform": "kaspi", "name": "Sokolova Kaspi"}).status_code == 201


def test_it_refuses_a_second_shop_with_the_same_name(world):
    response = api_for(world.owner).post("/api/shops", {"platform": "wb", "name": "Sokolova Home"})
    assert response.status_code == 400 and response.json()["field"] == "name"
    assert Shop.objects.filter(workspace=world.workspace).count() == 1


def test_it_changes_only_what_is_sent(world):
    api = api_for(world.manager)
    response = api.patch(f"/api/shops/{world.shop.pk}", {"name": "Sokolova Home & Decor", "contact_phone": None})
    assert response.status_code == 200, response.content
    world.shop.refresh_from_db()
    assert world.shop.name == "Sokolova Home & Decor"
    assert world.shop.inn == "7707083893" and world.shop.platform == "wb" and world.shop.contact_phone == ""
    response = api.patch(f"/api/shops/{world.shop.pk}", {"inn": "123"})
    assert response.status_code == 400 and response.json()["field"] == "inn"


def test_it_moves_the_cases_with_the_platform(world, make_case):
    case = make_case()
    response = api_for(world.owner).patch(f"/api/shops/{world.shop.pk}", {"platform": "ozon"})
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.platform == "ozon"


def test_it_answers_404_for_an_unknown_shop(world):
    assert api_for(world.owner).patch("/api/shops/999999", {"name": "Нет такого"}).status_code == 404
