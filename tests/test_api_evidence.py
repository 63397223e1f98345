"""Evidence through the API: the same checks as the page, downloads as attachments."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from sellerdesk.cases.choices import EventKind
from sellerdesk.cases.models import Evidence
from tests.api_client import api_for

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
CSV = "Номер заказа;Сумма\n4512889013;1540,50\n".encode()


def test_it_attaches_lists_and_downloads_a_file(world, make_case):
    case = make_case()
    api = api_for(world.logistician)
    url = f"/api/cases/{case.number}/evidence"
    response = api.upload(url, SimpleUploadedFile("Акт приёмки №24815162.pdf", PDF, "application/pdf"))
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["original_name"] == "Акт приёмки №24815162.pdf"
    assert created["size"] == len(PDF) and created["content_type"] == "application/pdf"
    assert created["uploaded_by"] == world.logistician.pk
    assert [e["id"] for e in api.get(url).json()] == [created["id"]]
    download = api.get(f"{url}/{created['id']}")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''" in download["Content-Disposition"]
    assert case.events.latest("id").kind == EventKind.EVIDENCE_ADDED


def test_it_names_the_file_already_attached(world, make_case):
    case = make_case()
    api = api_for(world.owner)
    url = f"/api/cases/{case.number}/evidence"
    first = api.upload(url, SimpleUploadedFile("skrin-1.pdf", PDF)).json()
    response = api.upload(url, SimpleUploadedFile("skrin-kopiya.pdf", PDF))
    assert response.status_code == 409
    assert response.json()["existing"] == first["id"]
    assert "skrin-1.pdf" in response.json()["detail"]
    assert Evidence.objects.count() == 1


def test_it_refuses_a_file_whose_content_lies_about_its_type(world, make_case):
    case = make_case()
    response = api_for(world.owner).upload(f"/api/cases/{case.number}/evidence",
                                           SimpleUploadedFile("schet.pdf", b"MZ\x90\x00" + b"\x00" * 200))
    assert response.status_code == 400
    assert response.json()["field"] == "file"
    assert "schet.pdf" in response.json()["detail"]
    assert not Evidence.objects.exists()


def test_it_needs_a_file(world, make_case):
    case = make_case()
    assert api_for(world.owner).post(f"/api/cases/{case.number}/evidence").status_code == 422


def test_it_removes_a_file(world, make_case):
    case = make_case()
    api = api_for(world.owner)
    url = f"/api/cases/{case.number}/evidence"
    created = api.upload(url, SimpleUploadedFile("vygruzka.csv", CSV)).json()
    response = api.client.delete(f"{url}/{created['id']}")
    assert response.status_code == 204
    assert not Evidence.objects.exists()
    assert case.events.latest("id").kind == EventKind.EVIDENCE_REMOVED


def test_it_hides_another_workspaces_files(world, make_case):
    ours = make_case()
    make_case()
    theirs = make_case(workspace=world.other_workspace, actor=world.outsider)
    created = api_for(world.owner).upload(f"/api/cases/{ours.number}/evidence",
                                          SimpleUploadedFile("akt.pdf", PDF)).json()
    outsider = api_for(world.outsider)
    assert outsider.get(f"/api/cases/{theirs.number}/evidence/{created['id']}").status_code == 404
    assert outsider.client.delete(f"/api/cases/{theirs.number}/evidence/{created['id']}").status_code == 404
    # A number that exists only in the first workspace is unknown to the outsider.
    assert outsider.get(f"/api/cases/{make_case().number}/evidence").status_code == 404
    assert Evidence.objects.count() == 1
