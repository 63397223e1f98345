"""The claim form refuses what would make a wrong document, and only the right people reach it."""

import pytest

from sellerdesk.cases.actions import merge_case
from sellerdesk.cases.models import Case, CaseEvent, Evidence
from tests.reports.claim_cases import claim_form_data, wb_finance_case

pytestmark = pytest.mark.django_db


def _snapshot(case):
    fresh = Case.objects.get(pk=case.pk)
    return (fresh.version, fresh.updated_at, CaseEvent.objects.filter(case=case).count(),
            Evidence.objects.filter(case=case).count())


def test_the_form_proposes_the_marketplace_and_the_case_story(world, make_case, client_for):
    case = wb_finance_case(world, make_case)
    response = client_for(world.owner).get(f"/w/sokolova/cases/{case.number}/documents/claim/")
    assert response.status_code == 200
    page = response.text
    assert "Общество с ограниченной ответственностью «РВБ»" in page and "9714053621" in page
    assert "02.11.2026 — подано обращение в службу поддержки, номер обращения № WB-77310455." in page
    assert "04.11.2026 — получен ответ поддержки" in page
    assert "Вернуть необоснованно удержанные денежные средства в размере 15\u00a0400,00\u00a0₽" in page
    assert "портал продавца" in page  # WB's note on where claims go


@pytest.mark.parametrize("field, value, error", [
    ("our_inn", "7707083894", "not a valid INN"),
    ("their_ogrn", "1247700471918", "not a valid OGRN"),
    ("amounts", "Штраф за маркировку | пятнадцать тысяч", "Line 1 is not a row"),
    ("amounts", "Штраф | 100\nВозврат | -5", "Line 2 is not a row"),
    ("their_name", "", "This field is required"),
    ("demands", "  ", "This field is required"),
    ("answer_days", "0", "greater than or equal to 1"),
    ("date", "31.02.2026", "Enter a valid date"),
])
def test_an_invalid_form_changes_nothing_and_says_why(field, value, error, world, make_case, client_for):
    case = wb_finance_case(world, make_case)
    client = client_for(world.owner)
    url = f"/w/sokolova/cases/{case.number}/documents/claim/"
    data = claim_form_data(client, url)
    data[field] = value
    before = _snapshot(case)
    response = client.post(url, data)
    assert response.status_code == 200 and error in response.text
    assert _snapshot(case) == before


def test_a_foreign_registration_number_is_accepted_as_it_is(world, make_case, client_for):
    case = wb_finance_case(world, make_case)
    client = client_for(world.owner)
    url = f"/w/sokolova/cases/{case.number}/documents/claim/"
    data = claim_form_data(client, url)
    data["our_inn"] = "91310000MA1FL4XQ3K"  # a Chinese unified social credit code
    data["amounts"] = "Штраф за маркировку коробов | 15 400,00 ₽\nПроценты по ст. 395 ГК РФ | 312,45"
    assert client.post(url, data).status_code == 302
    note = CaseEvent.objects.filter(case=case, kind="note").last()
    assert note.changes["document"]["total"] == "15712.45"


def test_a_merged_case_gets_no_claim(world, make_case, client_for):
    case = wb_finance_case(world, make_case)
    original = make_case(subject="Штраф по поставке 24815162 — основное дело")
    client = client_for(world.owner)
    url = f"/w/sokolova/cases/{case.number}/documents/claim/"
    data = claim_form_data(client, url)
    merge_case(case, original, world.owner, "Дубликат")
    before = _snapshot(case)
    response = client.post(url, data)
    assert response.status_code == 200 and "merged into another" in response.text
    assert _snapshot(case) == before


def test_another_workspace_gets_404(world, make_case, client_for):
    case = wb_finance_case(world, make_case)
    client = client_for(world.outsider)
    url = f"/w/sokolova/cases/{case.number}/documents/claim/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"our_name": "Чужой"}).status_code == 404
    # and the outsider's own workspace does not reach this case by its number
    assert client.get(f"/w/romashka/cases/{case.number}/documents/claim/").status_code == 404


@pytest.mark.parametrize("role, allowed", [("viewer", False), ("logistician", True), ("accountant", True),
                                           ("manager", True)])
def test_only_members_who_change_cases_may_make_a_claim(role, allowed, world, make_case, client_for):
    case = wb_finance_case(world, make_case)
    url = f"/w/sokolova/cases/{case.number}/documents/claim/"
    owner_data = claim_form_data(client_for(world.owner), url)
    client = client_for(world.member(role))
    before = _snapshot(case)
    response = client.post(url, owner_data)
    assert response.status_code == (302 if allowed else 403)
    assert client.get(url).status_code == (200 if allowed else 403)
    if not allowed:
        assert _snapshot(case) == before


def test_a_merged_duplicate_does_not_tell_the_story_twice(world, make_case, client_for):
    case = wb_finance_case(world, make_case)
    duplicate = make_case(subject="Повторное обращение о штрафе по поставке 24815162")
    merge_case(duplicate, case, world.owner, "Дубликат: тот же штраф")
    form = client_for(world.owner).get(f"/w/sokolova/cases/{case.number}/documents/claim/").context["form"]
    facts = form.initial["facts"]
    assert facts.count("выявлена проблема") == 1 and "Повторное обращение" not in facts


def test_a_case_without_money_demands_no_amount(world, make_case, client_for):
    case = make_case(kind="content", subject="Карточка 407473890 скрыта без объяснения причин", money_at_risk=0,
                     entities=[("nmid", "407473890")])
    form = client_for(world.owner).get(f"/w/sokolova/cases/{case.number}/documents/claim/").context["form"]
    assert form.initial["amounts"] == ""
    assert form.initial["demands"].startswith("Восстановить карточки товара")
    assert "0,00" not in form.initial["demands"]


def test_the_texts_can_be_proposed_in_the_other_language(world, make_case, client_for):
    case = wb_finance_case(world, make_case)
    client = client_for(world.owner)
    url = f"/w/sokolova/cases/{case.number}/documents/claim/"
    assert "?language=zh" in client.get(url).text
    response = client.get(url + "?language=zh")
    form = response.context["form"]
    assert form.initial["language"] == "zh" and "已向客服提交工单，编号 WB-77310455" in form.initial["facts"]
    assert "?language=ru" in response.text
    assert client.get(url + "?language=xx").context["form"].initial["language"] == "ru"


def test_a_claim_without_money_has_no_amounts_table(world, make_case, client_for):
    import io

    import docx

    from tests.reports.pdf_reading import pdf_text

    case = make_case(kind="content", subject="Карточка 407473890 скрыта без объяснения причин", money_at_risk=0,
                     entities=[("nmid", "407473890")])
    client = client_for(world.owner)
    url = f"/w/sokolova/cases/{case.number}/documents/claim/"
    assert client.post(url, claim_form_data(client, url)).status_code == 302
    stored = {e.original_name.rsplit(".", 1)[1]: e for e in Evidence.objects.filter(case=case)}
    with stored["docx"].file.open("rb") as fh:
        document = docx.Document(io.BytesIO(fh.read()))
    assert not document.tables
    assert "Денежные требования в настоящей претензии не заявляются." in [p.text for p in document.paragraphs]
    with stored["pdf"].file.open("rb") as fh:
        assert "не заявляются" in pdf_text(fh.read())
