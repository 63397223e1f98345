"""The ladder on the case page: the levels with their state, the drafted text of the due step, one click to take
it; only members who may change cases may, and another workspace's case is a 404."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.urls import reverse

from sellerdesk.cases.models import CaseEvent
from sellerdesk.followup.ladder import draft, next_step, take_step
from tests.followup.ladder_cases import DIALOG, MSK, support_replied, waiting_case

THURSDAY = dt.datetime(2026, 3, 19, 11, 0, tzinfo=MSK)


def _url(case, name="case_escalate"):
    return reverse(name, args=[case.workspace.slug, case.number])


def test_the_case_page_shows_the_ladder_and_the_drafted_reminder(world, make_case, client_for):
    case = waiting_case(world, make_case)
    with time_machine.travel(THURSDAY, tick=False):
        page = client_for(world.manager).get(_url(case, "case_detail")).content.decode()
    assert "Escalation ladder" in page and "due now" in page
    assert "Reminder in the same dialog" in page and "Formal pre-trial claim" in page
    assert f"по обращению № {DIALOG}" in page and "3 рабочих дня" in page
    assert "Take this step" in page and 'data-copy="#id_escalation_text"' in page


def test_a_draft_case_shows_no_ladder(world, make_case, client_for):
    case = make_case()
    page = client_for(world.manager).get(_url(case, "case_detail")).content.decode()
    assert "Escalation ladder" not in page


def test_the_draft_lists_what_the_brush_off_missed(world, make_case):
    case = waiting_case(world, make_case)
    replied = dt.datetime(2026, 3, 17, 15, 0, tzinfo=MSK)
    case = support_replied(case, world, at=replied, brush_off=True, unaddressed=[
        {"msgid": "The reply does not mention %(identifier)s.", "params": {"identifier": "24815162"}},
        {"msgid": "The attachment %(file)s was not considered.", "params": {"file": "фото коробов.zip"}},
    ])
    step = next_step(case, replied)
    text = draft(case, step, replied + dt.timedelta(hours=1))
    assert text.language == "ru"
    assert DIALOG in text.subject + text.body
    assert "- не рассмотрен номер 24815162" in text.body
    assert "- не рассмотрено вложение «фото коробов.zip»" in text.body
    assert "поставке № 24815162" in text.body and "15 400,00 ₽" in text.body
    assert "1 рабочий день" in text.body


def test_one_click_takes_the_step_with_the_edited_text(world, make_case, client_for):
    case = waiting_case(world, make_case)
    edited = f"Добрый день. Есть ли новости по обращению № {DIALOG}? Спасибо."
    with time_machine.travel(THURSDAY, tick=False):
        response = client_for(world.manager).post(_url(case), {"level": 1, "version": case.version, "text": edited})
    assert response.status_code == 302 and response["Location"].endswith("#escalation")
    event = CaseEvent.objects.get(case=case, kind="escalated_step")
    assert event.text == edited and event.changes == {"level": [0, 1]}
    case.refresh_from_db()
    assert case.escalation_level == 1


def test_a_refused_step_says_why(world, make_case, client_for):
    case = waiting_case(world, make_case)
    client = client_for(world.manager)
    response = client.post(_url(case), {"level": 2, "version": case.version, "text": ""}, follow=True)
    assert "The text of the step is empty." in response.content.decode()
    response = client.post(_url(case), {"level": 1, "version": case.version - 1, "text": "Напоминание"}, follow=True)
    assert "Someone else changed this case" in response.content.decode()
    assert not CaseEvent.objects.filter(case=case, kind="escalated_step").exists()


def test_a_viewer_may_see_but_not_take_a_step(world, make_case, client_for):
    case = waiting_case(world, make_case)
    client = client_for(world.viewer)
    with time_machine.travel(THURSDAY, tick=False):
        page = client.get(_url(case, "case_detail")).content.decode()
        assert "Escalation ladder" in page and "Take this step" not in page
        assert client.post(_url(case), {"level": 1, "version": case.version, "text": "x"}).status_code == 403
    assert client_for(world.manager).get(_url(case)).status_code == 405


def test_another_workspace_gets_404(world, make_case, client_for):
    case = waiting_case(world, make_case)
    response = client_for(world.outsider).post(_url(case), {"level": 1, "version": case.version, "text": "x"})
    assert response.status_code == 404
    assert not CaseEvent.objects.filter(case=case, kind="escalated_step").exists()


def test_the_public_post_step_is_checked_for_emotion(world, make_case, client_for):
    case = waiting_case(world, make_case)
    for level in (1, 2, 3, 4):
        case = take_step(case, world.owner, level, "Текст шага" if level != 4 else "", expected_version=case.version)
    later = dt.datetime(2026, 5, 20, 12, 0, tzinfo=MSK)
    with time_machine.travel(later, tick=False):
        assert next_step(case).code == "public"
        page = client_for(world.owner).get(_url(case, "case_detail")).content.decode()
    assert "Public post" in page and "vc.ru" in page
    assert "Магазин «Sokolova Home», продавец на Wildberries." in page.replace("&laquo;", "«").replace("&raquo;", "»")
    assert "read as shouting" not in page


def test_the_claim_step_links_to_the_claim_document(world, make_case, client_for):
    case = waiting_case(world, make_case)
    for level in (1, 2, 3):
        case = take_step(case, world.owner, level, "Текст шага", expected_version=case.version)
    with time_machine.travel(dt.datetime(2026, 5, 1, 12, 0, tzinfo=MSK), tick=False):
        page = client_for(world.owner).get(_url(case, "case_detail")).content.decode()
    assert "Prepare the claim document" in page
    assert _url(case, "case_claim") in page


def test_without_the_wizards_fields_the_ask_comes_from_the_appeal_text(world, make_case):
    case = waiting_case(world, make_case)
    text = draft(case, 2, THURSDAY)
    assert "Наша просьба: просим отменить штраф 15 400,00 ₽ за неверную маркировку коробов по поставке № 24815162." \
        in text.body


def test_the_ask_from_the_text_keeps_to_the_platforms_language():
    from sellerdesk.followup.ladder import request_in
    from tests.conftest import GOOD_APPEAL

    assert request_in(GOOD_APPEAL, "ru").startswith("Просим отменить штраф 15 400,00 ₽")
    assert request_in(GOOD_APPEAL, "zh") == ""
    assert request_in("您好。请退还重复扣除的费用。谢谢", "zh") == "请退还重复扣除的费用"
    # a label before the request is left out: the draft says "我们的诉求：" itself
    assert request_in("您好！\n\n请求：请开具增值税专用发票。\n联系人：张敏", "zh") == "请开具增值税专用发票"
    assert request_in("Добрый день, проблема с поставкой.", "ru") == ""
