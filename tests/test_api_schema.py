"""The OpenAPI document is valid, public, and describes every endpoint the API serves."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import URLPattern, URLResolver
from openapi_spec_validator import validate

from sellerdesk.api.api import api

METHODS = {"get", "post", "patch", "put", "delete"}


def _served_paths() -> set[str]:
    """Every operation path the API's URL patterns route, in OpenAPI's `{param}` form."""
    def walk(patterns, prefix: str):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and pattern.name not in ("api-root", "openapi-json", "openapi-view"):
                yield "/api/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)

    patterns, _app, _namespace = api.urls
    return set(walk(patterns, ""))


def test_the_document_is_public_and_valid(db):
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    document = response.json()
    validate(document)
    assert document["info"]["title"] == "SellerDesk API"


def test_every_served_path_is_documented(db):
    documented = set(Client().get("/api/openapi.json").json()["paths"])
    served = _served_paths()
    assert {"/api/cases", "/api/cases/{number}", "/api/cases/{number}/status", "/api/cases/{number}/events",
            "/api/cases/{number}/evidence", "/api/cases/{number}/evidence/{evidence_id}", "/api/shops",
            "/api/shops/{shop_id}"} <= served
    assert served == documented


def test_every_operation_needs_a_token_and_says_what_it_does(db):
    document = Client().get("/api/openapi.json").json()
    assert document["components"]["securitySchemes"]["TokenAuth"] == {"type": "http", "scheme": "bearer"}
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if method in METHODS:
                assert operation.get("summary"), (method, path)
                assert operation.get("security") == [{"TokenAuth": []}], (method, path)


def test_money_is_documented_as_text(db):
    schemas = Client().get("/api/openapi.json").json()["components"]["schemas"]
    assert schemas["CaseOut"]["properties"]["money_at_risk"]["type"] == "string"


def test_the_docs_page_loads_nothing_from_outside(db):
    response = Client().get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert not re.search(r"""(src|href)=["']https?://""", html)
