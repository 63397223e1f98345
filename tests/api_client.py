"""A test client that speaks to the REST API with a member's token (not a test module)."""

from __future__ import annotations

from django.test import Client

from sellerdesk.accounts.models import Membership
from sellerdesk.api.models import ApiToken


class Api:
    def __init__(self, raw_token: str):
        self.token = raw_token
        self.client = Client(headers={"authorization": f"Bearer {raw_token}", "accept-language": "en"})

    def get(self, path: str, params: dict | None = None):
        return self.client.get(path, params or {})

    def post(self, path: str, data: dict | None = None):
        return self.client.post(path, data or {}, content_type="application/json")

    def patch(self, path: str, data: dict):
        return self.client.patch(path, data, content_type="application/json")

    def upload(self, path: str, upload):
        return self.client.post(path, {"file": upload})


def api_for(member: Membership, label: str = "Скрипт выгрузки в 1С") -> Api:
    _token, raw = ApiToken.issue(member, label)
    return Api(raw)
