"""The owner keeps the workspace's legal details once; every claim form starts from them."""

import pytest

from sellerdesk.accounts.models import Workspace
from tests.reports.claim_cases import wb_finance_case

pytestmark = pytest.mark.django_db

DETAILS = {
    "legal_name": "ООО «Соколова Хоум»", "inn": "7736207543", "ogrn": "1027700229193",
    "legal_address": "119021, г. Москва, ул. Льва Толстого, д. 16", "signatory_name": "А. В. Соколова",
    "signatory_title": "Генеральный директор", "answer_email": "claims@sokolova.ru", "answer_phone": "+7 495 123-45-67",
}


def test_the_owner_saves_legal_details_and_claims_use_them(world, make_case, client_for):
    client = client_for(world.owner)
    assert 'href="/w/sokolova/team/legal/"' in client.get("/w/sokolova/team/").text
    response = client.post("/w/sokolova/team/legal/", DETAILS)
    assert response.status_code == 302
    workspace = Workspace.objects.get(pk=world.workspace.pk)
    assert (workspace.inn, workspace.ogrn, workspace.signatory_title) == ("7736207543", "1027700229193",
                                                                          "Генеральный директор")

    world.shop.legal_name, world.shop.inn = "", ""
    world.shop.save()
    case = wb_finance_case(world, make_case)
    form = client.get(f"/w/sokolova/cases/{case.number}/documents/claim/").context["form"]
    assert form.initial["our_name"] == "ООО «Соколова Хоум»" and form.initial["our_inn"] == "7736207543"
    assert form.initial["our_ogrn"] == "1027700229193" and form.initial["signatory_name"] == "А. В. Соколова"
    assert form.initial["our_contact"] == "claims@sokolova.ru, +7 495 123-45-67"


def test_the_shop_entity_comes_first_when_the_shop_has_one(world, make_case, client_for):
    world.workspace.legal_name, world.workspace.inn = "ООО «Соколова Хоум»", "7736207543"
    world.workspace.save()
    world.shop.legal_name = "ИП Соколова Анна Викторовна"
    world.shop.save()
    case = wb_finance_case(world, make_case)
    form = client_for(world.owner).get(f"/w/sokolova/cases/{case.number}/documents/claim/").context["form"]
    assert form.initial["our_name"] == "ИП Соколова Анна Викторовна" and form.initial["our_inn"] == "7707083893"


@pytest.mark.parametrize("field, value, error", [
    ("inn", "7736207542", "not a valid INN"),
    ("inn", "773620754", "not a valid INN"),
    ("ogrn", "1027700229194", "not a valid OGRN"),
    ("answer_email", "claims@", "valid email"),
])
def test_wrong_numbers_are_refused(field, value, error, world, client_for):
    response = client_for(world.owner).post("/w/sokolova/team/legal/", {**DETAILS, field: value})
    assert response.status_code == 200 and error in response.text
    assert Workspace.objects.get(pk=world.workspace.pk).inn == ""


@pytest.mark.parametrize("role", ["manager", "accountant", "logistician", "viewer"])
def test_only_the_owner_sees_and_changes_them(role, world, client_for):
    client = client_for(world.member(role))
    assert client.get("/w/sokolova/team/legal/").status_code == 403
    assert client.post("/w/sokolova/team/legal/", DETAILS).status_code == 403
    assert 'href="/w/sokolova/team/legal/"' not in client.get("/w/sokolova/team/").text
    assert Workspace.objects.get(pk=world.workspace.pk).inn == ""
    assert client_for(world.outsider).get("/w/sokolova/team/legal/").status_code == 404
