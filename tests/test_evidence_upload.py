import hashlib
import zipfile

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile

from sellerdesk.cases.actions import ActionError, merge_case
from sellerdesk.cases.choices import EventKind
from sellerdesk.cases.evidence import DuplicateEvidence, add_evidence, add_evidence_files
from sellerdesk.cases.models import Evidence
from tests import evidence_samples as samples


def _url(case, slug="sokolova"):
    return f"/w/{slug}/cases/{case.number}/evidence/"


def test_it_stores_a_pdf_in_the_case_folder_with_its_facts(world, make_case, settings):
    case = make_case()
    content = samples.pdf()
    item = add_evidence(case, world.manager, samples.upload("Акт_расхождений_24815162.pdf", content))
    assert item.file.name == f"{case.number}/Акт_расхождений_24815162.pdf"
    assert (settings.MEDIA_ROOT / item.file.name).read_bytes() == content
    assert item.sha256 == hashlib.sha256(content).hexdigest()
    assert (item.size, item.content_type, item.uploaded_by) == (len(content), "application/pdf", world.manager)
    event = case.events.get(kind=EventKind.EVIDENCE_ADDED)
    assert event.actor == world.manager
    assert event.changes == {"name": "Акт_расхождений_24815162.pdf", "size": len(content),
                             "sha256": item.sha256, "content_type": "application/pdf"}


@pytest.mark.parametrize(("name", "make", "content_type"), [
    ("фото_коробки_12345678-0001-1.png", samples.png, "image/png"),
    ("Удержания_март_2026.xlsx", samples.xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("заказы_cp1251.csv", samples.csv_cp1251, "text/csv"),
    ("供应商回复.txt", samples.txt_utf8, "text/plain"),
    ("Претензия.docx", samples.docx_like,
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("отчёты.zip", lambda: samples.make_zip({"Удержания.xlsx": samples.xlsx(), "акт.pdf": samples.pdf()}),
     "application/zip"),
])
def test_it_accepts_what_sellers_attach(world, make_case, settings, name, make, content_type):
    case = make_case()
    item = add_evidence(case, world.owner, samples.upload(name, make()))
    assert item.content_type == content_type
    assert item.original_name == name
    assert (settings.MEDIA_ROOT / item.file.name).is_file()


def test_it_reports_a_duplicate_and_stores_it_once(world, make_case, settings):
    case = make_case()
    first = add_evidence(case, world.owner, samples.upload("скрин_ЛК.png", samples.png()))
    with pytest.raises(DuplicateEvidence) as refused:
        add_evidence(case, world.manager, samples.upload("скрин_ЛК (копия).png", samples.png()))
    assert refused.value.existing == first
    assert "скрин_ЛК.png" in refused.value.message and "скрин_ЛК (копия).png" in refused.value.message
    assert case.evidence.count() == 1
    assert samples.files_under(settings.MEDIA_ROOT) == [first.file.name]
    assert case.events.filter(kind=EventKind.EVIDENCE_ADDED).count() == 1


def test_the_same_file_may_go_to_two_cases(world, make_case):
    one, two = make_case(), make_case()
    add_evidence(one, world.owner, samples.upload("акт.pdf", samples.pdf()))
    add_evidence(two, world.owner, samples.upload("акт.pdf", samples.pdf()))
    assert Evidence.objects.filter(sha256=hashlib.sha256(samples.pdf()).hexdigest()).count() == 2


def test_it_adds_a_suffix_when_the_name_is_taken(world, make_case, settings):
    case = make_case()
    first = add_evidence(case, world.owner, samples.upload("акт.pdf", samples.pdf("первая версия")))
    second = add_evidence(case, world.owner, samples.upload("акт.pdf", samples.pdf("вторая версия")))
    assert first.file.name != second.file.name
    assert second.file.name.startswith(f"{case.number}/акт_") and second.file.name.endswith(".pdf")
    assert first.original_name == second.original_name == "акт.pdf"
    assert len(samples.files_under(settings.MEDIA_ROOT)) == 2


def test_it_keeps_the_name_for_display_and_stores_a_safe_one(world, make_case):
    case = make_case()
    item = add_evidence(case, world.owner, samples.upload("Претензия №24815162 (финал)\u202e.PDF", samples.pdf()))
    assert item.original_name == "Претензия №24815162 (финал).PDF"
    assert item.file.name == f"{case.number}/Претензия_24815162_финал.pdf"


def test_each_file_of_a_batch_is_its_own_decision(world, make_case):
    case = make_case()
    files = [samples.upload("акт.pdf", samples.pdf()), samples.upload("вирус.pdf", samples.exe()),
             samples.upload("фото.png", samples.png()), samples.upload("акт-2.pdf", samples.pdf())]
    added, problems = add_evidence_files(case, world.owner, files)
    assert [e.original_name for e in added] == ["акт.pdf", "фото.png"]
    assert ["вирус.pdf" in problems[0].message, isinstance(problems[1], DuplicateEvidence)] == [True, True]


def test_it_refuses_files_on_a_merged_case(world, make_case):
    duplicate, original = make_case(), make_case()
    merge_case(duplicate, original, world.owner, "Дубль обращения по поставке 24815162")
    duplicate.refresh_from_db()
    with pytest.raises(ActionError):
        add_evidence(duplicate, world.owner, samples.upload("акт.pdf", samples.pdf()))
    assert not Evidence.objects.exists()


def test_the_upload_page_adds_several_files_and_says_what_happened(world, make_case, client_for):
    case = make_case()
    add_evidence(case, world.owner, samples.upload("первый_акт.pdf", samples.pdf()))
    response = client_for(world.logistician).post(_url(case), {"files": [
        samples.upload("фото_паллеты.png", samples.png()),
        samples.upload("копия_акта.pdf", samples.pdf()),
        samples.upload("setup.pdf", samples.exe()),
    ]})
    assert response.status_code == 302
    assert response["Location"] == f"/w/sokolova/cases/{case.number}/"
    found = {m.level_tag: m.message for m in get_messages(response.wsgi_request)}
    assert sorted(found) == ["error", "success", "warning"]
    assert "фото_паллеты.png" in found["success"]
    assert "первый_акт.pdf" in found["warning"] and "копия_акта.pdf" in found["warning"]
    assert "setup.pdf" in found["error"]
    assert sorted(case.evidence.values_list("original_name", flat=True)) == ["первый_акт.pdf", "фото_паллеты.png"]


def test_htmx_gets_the_list_back_with_a_report(world, make_case, client_for):
    case = make_case()
    response = client_for(world.manager).post(
        _url(case), {"files": [samples.upload("发票_2026-03.pdf", samples.pdf()),
                               samples.upload("пустой.csv", b"")]}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="evidence-files"' in html and "发票_2026-03.pdf" in html
    assert "пустой.csv" in html and "flash-error" in html
    assert "<html" not in html


def test_the_case_page_lists_the_files(world, make_case, client_for):
    case = make_case()
    item = add_evidence(case, world.owner, samples.upload("Удержания.xlsx", samples.xlsx()))
    html = client_for(world.viewer).get(f"/w/sokolova/cases/{case.number}/").content.decode()
    assert "Удержания.xlsx" in html and "XLSX" in html and item.sha256[:12] in html
    assert f"/w/sokolova/cases/{case.number}/evidence/{item.pk}/" in html
    assert 'name="files"' not in html  # a viewer gets no upload form
    editor_html = client_for(world.manager).get(f"/w/sokolova/cases/{case.number}/").content.decode()
    assert 'name="files"' in editor_html and "data-dropzone" in editor_html


def test_it_asks_for_a_file_when_none_was_sent(world, make_case, client_for):
    case = make_case()
    response = client_for(world.manager).post(_url(case), {})
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["error"]


def test_a_viewer_cannot_upload(world, make_case, client_for):
    case = make_case()
    response = client_for(world.viewer).post(_url(case), {"files": [samples.upload("акт.pdf", samples.pdf())]})
    assert response.status_code == 403
    assert not Evidence.objects.exists()


def test_another_workspace_cannot_upload(world, make_case, client_for):
    case = make_case()
    theirs = make_case(workspace=world.other_workspace, actor=world.outsider)
    outsider = client_for(world.outsider)
    assert outsider.post(_url(case), {"files": [samples.upload("a.pdf", samples.pdf())]}).status_code == 404
    # Their own workspace has no case of that number to reach ours through.
    response = outsider.post(f"/w/romashka/cases/{case.number}X/evidence/",
                             {"files": [samples.upload("a.pdf", samples.pdf())]})
    assert response.status_code == 404
    assert not Evidence.objects.filter(case=case).exists() and theirs.evidence.count() == 0


def test_upload_needs_a_csrf_token(world, make_case):
    from django.test import Client

    case = make_case()
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.manager.user)
    response = client.post(_url(case), {"files": [samples.upload("акт.pdf", samples.pdf())]})
    assert response.status_code == 403
    assert not Evidence.objects.exists()


def test_a_zip_of_office_files_is_checked_inside(world, make_case):
    case = make_case()
    inner_bomb = samples.zeros_bomb(64, zipfile.ZIP_DEFLATED)
    macro_book = samples.make_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>",
                                   "xl/vbaProject.bin": b"\x00macro"})
    for inner in (inner_bomb, macro_book):
        with pytest.raises(ActionError):
            add_evidence(case, world.owner, SimpleUploadedFile("отчёты.zip", samples.make_zip({"отчёт.xlsx": inner})))
    assert not case.evidence.exists()
