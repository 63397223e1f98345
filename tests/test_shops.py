from sellerdesk.shops.models import CustomPlatform, Shop


def _shop_form(**overrides):
    return {"platform": "ozon", "name": "Sokolova Ozon", "cabinet_id": "1254780", "inn": "7736207543",
            "legal_name": "ИП Соколова А. В.", "contact_email": "ozon@sokolova.ru", "contact_phone": "+7 916 555-12-34",
            "is_active": "on", **overrides}


def test_a_manager_registers_a_shop(world, client_for):
    response = client_for(world.manager).post(f"/w/{world.workspace.slug}/shops/new/", _shop_form())
    assert response.status_code == 302
    assert Shop.objects.get(workspace=world.workspace, name="Sokolova Ozon").inn == "7736207543"


def test_a_wrong_inn_is_explained(world, client_for):
    response = client_for(world.manager).post(f"/w/{world.workspace.slug}/shops/new/", _shop_form(inn="7736207544"))
    assert response.status_code == 200
    assert "7736207544 is not a valid INN" in response.text
    assert not Shop.objects.filter(name="Sokolova Ozon").exists()


def test_the_same_shop_twice_is_refused(world, client_for):
    client = client_for(world.manager)
    client.post(f"/w/{world.workspace.slug}/shops/new/", _shop_form())
    again = client.post(f"/w/{world.workspace.slug}/shops/new/", _shop_form())
    assert again.status_code == 200
    assert Shop.objects.filter(name="Sokolova Ozon").count() == 1


def test_a_workspace_adds_its_own_platform(world, client_for):
    client = client_for(world.owner)
    client.post(f"/w/{world.workspace.slug}/shops/", {"code": "lamoda", "name": "Lamoda", "language": "ru"})
    assert CustomPlatform.objects.filter(workspace=world.workspace, code="lamoda").exists()
    response = client.post(f"/w/{world.workspace.slug}/shops/new/", _shop_form(platform="lamoda", name="Sokolova LM"))
    assert response.status_code == 302
    refused = client.post(f"/w/{world.workspace.slug}/shops/new/", _shop_form(platform="kaspi", name="X"))
    assert refused.status_code == 200


def test_another_workspaces_platform_is_not_offered(world, client_for):
    CustomPlatform.objects.create(workspace=world.other_workspace, code="kaspi", name="Kaspi")
    response = client_for(world.owner).post(f"/w/{world.workspace.slug}/shops/new/", _shop_form(platform="kaspi"))
    assert response.status_code == 200
