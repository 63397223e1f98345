"""The API answers only to a live member's token, and only about that member's workspace."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.test import Client

from sellerdesk.api.models import ApiToken
from tests.api_client import Api, api_for


def test_it_refuses_a_request_without_a_token(world, make_case):
    make_case()
    response = Client().get("/api/cases")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert "detail" in response.json()


def test_it_refuses_an_unknown_token(world):
    api_for(world.owner)
    for raw in ("sd_" + "x" * 43, "not-a-sellerdesk-token", ""):
        assert Api(raw).get("/api/cases").status_code == 401


def test_it_refuses_a_token_sent_as_basic_auth(world):
    api = api_for(world.owner)
    client = Client(headers={"authorization": f"Basic {api.token}"})
    assert client.get("/api/cases").status_code == 401


def test_it_refuses_a_revoked_token(world):
    api = api_for(world.manager)
    assert api.get("/api/cases").status_code == 200
    ApiToken.objects.filter(membership=world.manager).delete()
    assert api.get("/api/cases").status_code == 401


def test_it_refuses_the_token_of_a_member_who_left(world):
    api = api_for(world.accountant)
    world.accountant.delete()
    assert api.get("/api/cases").status_code == 401


def test_it_refuses_the_token_of_a_deactivated_person(world):
    api = api_for(world.logistician)
    world.logistician.user.is_active = False
    world.logistician.user.save()
    assert api.get("/api/cases").status_code == 401


def test_a_token_speaks_for_its_member(world):
    me = api_for(world.manager).get("/api/me").json()
    assert me["id"] == world.manager.pk
    assert me["name"] == "Борис"
    assert me["workspace"] == {"slug": "sokolova", "name": "ИП Соколова"}


def test_it_hides_another_workspaces_case(world, make_case):
    ours = make_case()
    theirs = make_case(workspace=world.other_workspace, actor=world.outsider,
                       subject="Ozon не принял поставку 2000001234567")
    outsider = api_for(world.outsider)
    assert theirs.number == ours.number  # both workspaces count from 1: the token decides which is meant
    response = outsider.get(f"/api/cases/{ours.number}")
    assert response.status_code == 200
    assert response.json()["subject"] == "Ozon не принял поставку 2000001234567"
    listed = outsider.get("/api/cases").json()
    assert [c["subject"] for c in listed["items"]] == ["Ozon не принял поставку 2000001234567"]


def test_it_answers_404_for_a_case_number_of_another_workspace(world, make_case):
    make_case()
    case = make_case()  # SD-…-00002 exists only in the first workspace
    outsider = api_for(world.outsider)
    assert outsider.get(f"/api/cases/{case.number}").status_code == 404
    assert outsider.get(f"/api/cases/{case.number}/events").status_code == 404
    assert outsider.patch(f"/api/cases/{case.number}", {"version": 1, "subject": "Взлом"}).status_code == 404
    assert outsider.post(f"/api/cases/{case.number}/events", {"kind": "note", "text": "Чужая заметка"}) \
        .status_code == 404
    case.refresh_from_db()
    assert case.version == 1 and case.events.count() == 1


def test_it_refuses_another_workspaces_shop(world):
    outsider = api_for(world.outsider)
    response = outsider.patch(f"/api/shops/{world.shop.pk}", {"name": "Чужой магазин"})
    assert response.status_code == 404
    world.shop.refresh_from_db()
    assert world.shop.name == "Sokolova Home"


def test_it_records_the_last_use_at_most_once_a_minute(world):
    api = api_for(world.owner)
    token = ApiToken.objects.get(membership=world.owner)
    start = dt.datetime(2026, 3, 12, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        api.get("/api/me")
    token.refresh_from_db()
    assert token.last_used_at == start
    with time_machine.travel(start + dt.timedelta(seconds=40), tick=False):
        api.get("/api/me")
    token.refresh_from_db()
    assert token.last_used_at == start
    with time_machine.travel(start + dt.timedelta(minutes=2), tick=False):
        api.get("/api/me")
    token.refresh_from_db()
    assert token.last_used_at == start + dt.timedelta(minutes=2)
