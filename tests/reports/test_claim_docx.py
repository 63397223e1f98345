"""A claim made from a WB finance case opens in Word with its parties, amounts, law, deadline and attachments."""

import io

import docx
import pytest

from sellerdesk.cases.models import CaseEvent, Evidence
from tests.reports.claim_cases import DIALOG, claim_form_data, wb_finance_case

pytestmark = pytest.mark.django_db


def _docx_text(evidence: Evidence):
    with evidence.file.open("rb") as fh:
        document = docx.Document(io.BytesIO(fh.read()))
    body = "\n".join(p.text for p in document.paragraphs)
    return document, body


def test_the_claim_is_attached_as_docx_and_pdf_and_logged(world, make_case, client_for):
    world.workspace.legal_name = "ИП Соколова Анна Викторовна"
    world.workspace.ogrn = "304500116000157"
    world.workspace.signatory_name = "А. В. Соколова"
    world.workspace.signatory_title = "Индивидуальный предприниматель"
    world.workspace.answer_email = "claims@sokolova.ru"
    world.workspace.save()
    case = wb_finance_case(world, make_case)
    client = client_for(world.accountant)
    url = f"/w/sokolova/cases/{case.number}/documents/claim/"
    data = claim_form_data(client, url)
    data["date"] = "2026-12-01"
    data["offer_clauses"] = ("п. 4.5 оферты: удержания производятся только по акту приёмки\n"
                             "п. 9.2 оферты: порядок оспаривания")
    events_before = CaseEvent.objects.filter(case=case).count()

    response = client.post(url, data)

    assert response.status_code == 302 and response["Location"].endswith(f"/cases/{case.number}/")
    docs = Evidence.objects.filter(case=case).order_by("id")
    names = [e.original_name for e in docs]
    assert names[-2:] == [f"Претензия {case.number} 2026-12-01.docx", f"Претензия {case.number} 2026-12-01.pdf"]
    assert docs.last().content_type == "application/pdf"
    new_events = CaseEvent.objects.filter(case=case).order_by("id")[events_before:]
    assert [e.kind for e in new_events] == ["evidence_added", "evidence_added", "note"]
    note = new_events[2]
    assert note.actor == world.accountant and "31.12.2026" in note.text
    assert note.changes["document"]["type"] == "claim" and note.changes["document"]["answer_due"] == "2026-12-31"

    document, body = _docx_text(docs[len(docs) - 2])
    assert "ДОСУДЕБНАЯ ПРЕТЕНЗИЯ" in body
    assert "Общество с ограниченной ответственностью «РВБ»" in body and "ИНН: 9714053621" in body
    assert "ИП Соколова Анна Викторовна" in body and "ИНН: 7707083893" in body and "ОГРН: 304500116000157" in body
    assert f"№ {DIALOG}" in body  # the dialog number, from the timeline
    assert "Оферта о реализации товара на сайте WILDBERRIES" in body
    assert "п. 4.5 оферты" in body
    assert "ст. 1102 ГК РФ «Обязанность возвратить неосновательное обогащение»" in body
    assert "ст. 395 ГК РФ" in body
    assert "не позднее 31.12.2026" in body and "30 календарных дней" in body
    assert "акт приёмки 24815162.pdf" in body and "фото коробов.txt" in body
    assert "/А. В. Соколова/" in body and "Индивидуальный предприниматель" in body
    assert any(p.style.name.startswith("Heading") for p in document.paragraphs)

    table = document.tables[0]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["№", "Основание", "Сумма"]
    assert "15\u00a0400,00" in rows[1][1] and rows[1][2] == "15\u00a0400,00\u00a0₽"
    assert rows[-1][0] == "Итого" and rows[-1][-1] == "15\u00a0400,00\u00a0₽"


def test_a_second_claim_lists_the_case_files_but_not_the_first_claim(world, make_case, client_for):
    case = wb_finance_case(world, make_case)
    client = client_for(world.owner)
    url = f"/w/sokolova/cases/{case.number}/documents/claim/"
    data = claim_form_data(client, url)
    assert client.post(url, data).status_code == 302
    again = claim_form_data(client, url)
    assert again["attachments"].splitlines() == ["акт приёмки 24815162.pdf", "фото коробов.txt"]


def test_the_case_page_shows_the_claim_and_when_its_answer_is_due(world, make_case, client_for):
    case = wb_finance_case(world, make_case)
    client = client_for(world.owner)
    url = f"/w/sokolova/cases/{case.number}/documents/claim/"
    data = claim_form_data(client, url)
    data["date"] = "2026-11-30"
    assert client.post(url, data).status_code == 302
    page = client.get(f"/w/sokolova/cases/{case.number}/").text
    assert "<p>Claim of 30.11.2026 for 15,400.00 RUB: the answer is due by 30.12.2026.</p>" in page
    assert f"Претензия {case.number} 2026-11-30.docx" in page

    data["date"] = "2026-10-20"  # a claim sent earlier, whose answer period is over
    assert client.post(url, data).status_code == 302
    page = client.get(f"/w/sokolova/cases/{case.number}/").text
    assert '<p class="overdue">Claim of 20.10.2026 for 15,400.00 RUB: the answer is due by 19.11.2026.</p>' in page
