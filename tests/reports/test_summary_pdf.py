"""A one-page summary of a case for a lawyer: its facts, amounts, history and evidence."""

import pytest

from sellerdesk.cases.models import CaseEvent, Evidence
from tests.reports.claim_cases import DIALOG, vendor_case, wb_finance_case
from tests.reports.pdf_reading import fonts, has_cjk_font, page_count, pdf_text

pytestmark = pytest.mark.django_db


def test_the_summary_is_one_page_with_the_case_story(world, make_case, client_for):
    case = wb_finance_case(world, make_case)
    response = client_for(world.viewer).get(f"/w/sokolova/cases/{case.number}/documents/summary.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    content = response.content
    assert page_count(content) == 1
    text = " ".join(pdf_text(content).split()).replace("\u00a0", " ")
    assert case.number in text and DIALOG in text and "Оспаривание штрафа по поставке №24815162" in text
    assert "ООО «РВБ»" in text and "9714053621" in text
    assert "15,400.00 RUB" in text or "15 400,00 RUB" in text  # amounts, in the reader's number format
    assert "Штраф начислен корректно" in text  # support's reply, from the history
    assert "акт приёмки 24815162.pdf" in text and "фото коробов.txt" in text
    used = fonts(content)
    assert used and all(used.values()), used


def test_the_summary_is_written_in_the_readers_language(world, make_case, client_for):
    case = wb_finance_case(world, make_case)
    client = client_for(world.owner)
    client.cookies["django_language"] = "ru"
    content = client.get(f"/w/sokolova/cases/{case.number}/documents/summary.pdf",
                         headers={"accept-language": "ru"}).content
    text = pdf_text(content)
    assert "Evidence" not in text and "History" not in text


@pytest.mark.skipif(not has_cjk_font(), reason="no CJK font installed (apt install fonts-noto-cjk)")
def test_a_chinese_case_keeps_its_chinese_text(world, make_case, client_for):
    case = vendor_case(world, make_case)
    content = client_for(world.owner).get(f"/w/sokolova/cases/{case.number}/documents/summary.pdf").content
    assert "订单同步失败" in "".join(pdf_text(content).split())
    assert any("Noto-Sans-CJK" in name for name in fonts(content))


def test_attaching_the_summary_stores_it_as_evidence_with_a_history_line(world, make_case, client_for):
    case = wb_finance_case(world, make_case)
    client = client_for(world.logistician)
    response = client.post(f"/w/sokolova/cases/{case.number}/documents/summary.pdf")
    assert response.status_code == 302
    stored = Evidence.objects.filter(case=case, content_type="application/pdf").last()
    assert stored.original_name.startswith(f"Case summary {case.number}") and stored.uploaded_by == world.logistician
    note = CaseEvent.objects.filter(case=case).last()
    assert note.kind == "note" and note.changes["document"] == {"type": "summary", "evidence": [stored.pk]}
    page = client.get(f"/w/sokolova/cases/{case.number}/").text
    assert 'id="documents"' in page and stored.original_name in page
    assert f"/w/sokolova/cases/{case.number}/documents/claim/" in page


def test_a_viewer_may_read_the_summary_but_not_attach_it(world, make_case, client_for):
    case = wb_finance_case(world, make_case)
    client = client_for(world.viewer)
    before = (Evidence.objects.filter(case=case).count(), CaseEvent.objects.filter(case=case).count())
    assert client.post(f"/w/sokolova/cases/{case.number}/documents/summary.pdf").status_code == 403
    assert before == (Evidence.objects.filter(case=case).count(), CaseEvent.objects.filter(case=case).count())
    page = client.get(f"/w/sokolova/cases/{case.number}/").text
    assert "summary.pdf" in page and "/documents/claim/" not in page


def test_another_workspace_gets_404(world, make_case, client_for):
    case = wb_finance_case(world, make_case)
    client = client_for(world.outsider)
    assert client.get(f"/w/sokolova/cases/{case.number}/documents/summary.pdf").status_code == 404
    assert client.post(f"/w/sokolova/cases/{case.number}/documents/summary.pdf").status_code == 404


def test_a_long_case_still_fits_one_page(world, make_case, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sellerdesk.cases.actions import add_event
    from sellerdesk.cases.evidence import add_evidence

    case = wb_finance_case(world, make_case)
    for n in range(60):
        add_event(case, world.owner, "message_out" if n % 2 else "message_in",
                  f"Напоминание №{n}: прошу сообщить статус проверки штрафа по поставке 24815162. " * 3)
    for n in range(20):
        add_evidence(case, world.owner, SimpleUploadedFile(f"скриншот {n:02d}.txt", f"Скриншот №{n}".encode()))
    content = client_for(world.owner).get(f"/w/sokolova/cases/{case.number}/documents/summary.pdf").content
    assert page_count(content) == 1
    text = " ".join(pdf_text(content).split())
    assert "entries left out" in text and "more files" in text
    assert "Напоминание №59" in text and "скриншот 19.txt" in text  # the latest are always there
