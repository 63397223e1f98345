"""A token can do what its member's role allows: a viewer's token reads and never writes."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sellerdesk.cases.evidence import add_evidence
from sellerdesk.cases.models import Case, CaseEvent, Evidence
from sellerdesk.shops.models import Shop
from tests.api_client import api_for

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def filed(world, make_case):
    case = make_case()
    evidence = add_evidence(case, world.owner, SimpleUploadedFile("akt-priemki.pdf", PDF))
    return case, evidence


def test_a_viewer_reads_everything(world, filed):
    case, evidence = filed
    api = api_for(world.viewer)
    for path in ("/api/cases", f"/api/cases/{case.number}", f"/api/cases/{case.number}/events",
                 f"/api/cases/{case.number}/evidence", f"/api/cases/{case.number}/evidence/{evidence.pk}",
                 "/api/shops", "/api/members", "/api/me"):
        response = api.get(path)
        assert response.status_code == 200, path
        if response.streaming:
            b"".join(response.streaming_content)  # read the download to the end, which closes its file


def test_a_viewer_writes_nothing(world, filed):
    case, evidence = filed
    api = api_for(world.viewer)
    url = f"/api/cases/{case.number}"
    attempts = [
        api.post("/api/cases", {"shop": world.shop.pk, "subject": "Штраф за опоздание поставки"}),
        api.patch(url, {"version": 1, "subject": "Правка зрителя"}),
        api.post(f"{url}/status", {"status": "ready", "version": 1}),
        api.post(f"{url}/events", {"kind": "note", "text": "Заметка зрителя"}),
        api.upload(f"{url}/evidence", SimpleUploadedFile("skrin.pdf", PDF + b"%viewer")),
        api.client.delete(f"{url}/evidence/{evidence.pk}"),
        api.post("/api/shops", {"platform": "ozon", "name": "Новый магазин"}),
        api.patch(f"/api/shops/{world.shop.pk}", {"name": "Переименован"}),
    ]
    assert [r.status_code for r in attempts] == [403] * len(attempts)
    assert all("detail" in r.json() for r in attempts)
    case.refresh_from_db()
    assert case.version == 1 and case.subject.startswith("Оспаривание")
    assert Case.objects.count() == 1 and CaseEvent.objects.count() == 2 and Evidence.objects.count() == 1
    assert list(Shop.objects.filter(workspace=world.workspace).values_list("name", flat=True)) == ["Sokolova Home"]


@pytest.mark.parametrize("role", ["accountant", "logistician"])
def test_case_editors_cannot_manage_shops(world, role):
    api = api_for(world.member(role))
    assert api.post("/api/cases", {"shop": world.shop.pk, "subject": "Недовложение в поставке"}).status_code == 201
    assert api.post("/api/shops", {"platform": "ozon", "name": "Sokolova Ozon"}).status_code == 403
    assert api.patch(f"/api/shops/{world.shop.pk}", {"inn": "500100732259"}).status_code == 403


def test_a_manager_manages_shops(world):
    api = api_for(world.manager)
    assert api.post("/api/shops", {"platform": "ozon", "name": "Sokolova Ozon"}).status_code == 201
