"""The API tokens page: every member makes, sees and revokes their own tokens, and only theirs."""

from __future__ import annotations

import re

from django.test import Client

from sellerdesk.api.models import ApiToken, hash_token
from tests.api_client import Api

PAGE = "/w/sokolova/api-tokens/"


def _new_key(response) -> str:
    match = re.search(r'<code id="new-token"[^>]*>(sd_[\w-]+)</code>', response.content.decode())
    assert match, "the new key is not on the page"
    return match.group(1)


def test_it_shows_a_new_key_once(world, client_for):
    client = client_for(world.manager)
    response = client.post(PAGE, {"label": "Выгрузка в 1С по ночам"})
    assert response.status_code == 200
    key = _new_key(response)
    assert 'data-copy="#new-token"' in response.content.decode()
    assert "no-cache" in response["Cache-Control"]
    token = ApiToken.objects.get(membership=world.manager)
    assert token.label == "Выгрузка в 1С по ночам" and token.key_hash == hash_token(key)
    again = client.get(PAGE).content.decode()
    assert key not in again and "Выгрузка в 1С по ночам" in again and token.hint in again
    assert Api(key).get("/api/me").json()["id"] == world.manager.pk


def test_a_viewer_gets_a_read_only_token(world, client_for):
    response = client_for(world.viewer).post(PAGE, {"label": "Дашборд в Google Sheets"})
    assert "can only read" in response.content.decode()
    api = Api(_new_key(response))
    assert api.get("/api/cases").status_code == 200
    assert api.post("/api/cases", {"shop": world.shop.pk, "subject": "Штраф"}).status_code == 403


def test_it_needs_a_label(world, client_for):
    response = client_for(world.owner).post(PAGE, {"label": ""})
    assert response.status_code == 200
    assert 'id="new-token"' not in response.content.decode()
    assert not ApiToken.objects.exists()


def test_it_lists_only_the_members_own_tokens(world, client_for):
    ApiToken.issue(world.owner, "Скрипт Анны")
    ApiToken.issue(world.manager, "Скрипт Бориса")
    page = client_for(world.manager).get(PAGE).content.decode()
    assert "Скрипт Бориса" in page and "Скрипт Анны" not in page


def test_it_revokes_a_token(world, client_for):
    token, raw = ApiToken.issue(world.accountant, "Сверка выплат")
    response = client_for(world.accountant).post(f"{PAGE}{token.pk}/revoke/")
    assert response.status_code == 302 and response["Location"] == PAGE
    assert not ApiToken.objects.exists()
    assert Api(raw).get("/api/me").status_code == 401


def test_it_refuses_to_revoke_someone_elses_token(world, client_for):
    token, raw = ApiToken.issue(world.owner, "Скрипт Анны")
    assert client_for(world.manager).post(f"{PAGE}{token.pk}/revoke/").status_code == 404
    assert client_for(world.outsider).post(f"{PAGE}{token.pk}/revoke/").status_code == 404
    assert client_for(world.owner).get(f"{PAGE}{token.pk}/revoke/").status_code == 405
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_it_is_only_for_members(world, client_for):
    assert client_for(world.outsider).get(PAGE).status_code == 404
    assert client_for(world.outsider).post(PAGE, {"label": "Чужой"}).status_code == 404
    assert Client().get(PAGE).status_code == 302
    assert not ApiToken.objects.exists()
