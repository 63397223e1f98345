"""Escalation drafts in the language support reads: the dialog number, its age in correct Russian, the ask in
one sentence and what the last reply did not address; the vendor variants in Chinese."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from decimal import Decimal

import pytest

from sellerdesk.analysis.escalate import (
    EscalationFacts,
    age_text,
    ask_sentence,
    count_text,
    draft,
    first_sentence,
)
from sellerdesk.analysis.i18n import Message
from sellerdesk.analysis.reply import CaseFacts

MSK = dt.timezone(dt.timedelta(hours=3))

WB = EscalationFacts(
    case=CaseFacts(platform="wb", language="ru", external_number="4417-229-883", identifiers=("24815162",),
                   amounts=(Decimal("15400"),), kind="finance",
                   request="Просим отменить штраф и вернуть удержанную сумму. Короба были промаркированы по правилам.",
                   submitted_at=dt.datetime(2026, 3, 16, 10, 40, tzinfo=MSK)),
    references=(("supply", "24815162"),),
    shop="Sokolova Home", platform_name="Wildberries", case_number="SD-2026-00017",
    opened_at=dt.datetime(2026, 3, 16, 10, 40, tzinfo=MSK), waited_hours=7 * 24, waited_business_days=5,
    last_reply_at=dt.datetime(2026, 3, 18, 15, 5, tzinfo=MSK),
    unaddressed=(
        {"msgid": "The reply does not mention the number %(identifier)s.", "params": {"identifier": "24815162"}},
        {"msgid": "The attachment %(file)s was not considered.", "params": {"file": "акт_приёмки_24815162.pdf"}},
        Message("Our request was not answered: %(request)s", {"request": "Вернуть удержанные 15 400,00 ₽."}),
    ),
    amount=Decimal("15400"), currency="RUB",
)

def vendor_facts() -> EscalationFacts:
    return EscalationFacts(
        case=CaseFacts(platform="vendor", language="zh", external_number="HW-20260316-0042", kind="finance",
                       request="请退还3月份重复扣除的订阅费用。我们只订阅了一个套餐！"),
        references=(("order", "880031"),),
        shop="义乌小商品店", platform_name="HelloWord", case_number="SD-2026-00018",
        opened_at=dt.datetime(2026, 3, 16, 9, 0, tzinfo=MSK), waited_hours=75,
        last_reply_at=dt.datetime(2026, 3, 17, 9, 0, tzinfo=MSK),
        unaddressed=({"msgid": "The attachment %(file)s was not considered.", "params": {"file": "账单截图.png"}},),
        amount=Decimal("399"), currency="CNY",
    )


@pytest.mark.parametrize(("n", "unit", "expected"), [
    (1, "days", "1 день"), (2, "days", "2 дня"), (3, "days", "3 дня"), (5, "days", "5 дней"), (11, "days", "11 дней"),
    (12, "days", "12 дней"), (21, "days", "21 день"), (22, "days", "22 дня"), (25, "days", "25 дней"),
    (101, "days", "101 день"), (111, "days", "111 дней"), (114, "days", "114 дней"),
    (1, "business_days", "1 рабочий день"), (3, "business_days", "3 рабочих дня"),
    (5, "business_days", "5 рабочих дней"), (21, "business_days", "21 рабочий день"),
    (1, "hours", "1 час"), (4, "hours", "4 часа"), (18, "hours", "18 часов"), (23, "hours", "23 часа"),
])
def test_russian_numerals(n, unit, expected):
    assert count_text("ru", n, unit) == expected


def test_chinese_and_english_counts():
    assert count_text("zh", 3, "days") == "3天"
    assert count_text("zh", 5, "business_days") == "5个工作日"
    assert count_text("en", 1, "business_days") == "1 business day"
    assert count_text("en", 4, "days") == "4 days"


def test_age_in_business_days_when_the_clock_counts_them_else_calendar_days_else_hours():
    assert age_text(WB, "ru") == "5 рабочих дней"
    assert age_text(replace(WB, waited_business_days=None, waited_hours=75), "ru") == "3 дня"
    assert age_text(replace(WB, waited_business_days=0, waited_hours=19.5), "ru") == "19 часов"


def test_reminder_cites_the_dialog_its_date_and_age():
    text = draft(1, WB)
    assert text.language == "ru"
    assert "4417-229-883" in text.subject
    assert "по обращению № 4417-229-883 от 16 марта 2026 г. Обращение ждёт ответа 5 рабочих дней." in text.body
    assert text.body.startswith("Здравствуйте!")
    assert "г.." not in text.body


def test_reminder_counts_calendar_days_for_a_chat():
    text = draft(1, replace(WB, waited_business_days=None, waited_hours=3 * 24 + 2))
    assert "ждёт ответа 3 дня." in text.body


def _ask_line(body: str, prefix: str) -> str:
    return next(line for line in body.splitlines() if line.startswith(prefix))[len(prefix):].strip()


def test_escalation_restates_the_ask_in_one_sentence_and_lists_what_was_missed():
    text = draft(2, WB)
    ask = _ask_line(text.body, "Наша просьба:")
    assert ask.startswith("просим отменить штраф")
    assert len(re.findall(r"[.!?](?:\s|$)", ask)) == 1 and ask.endswith(".")
    assert "24815162" in ask and "15 400,00 ₽" in ask
    assert "Короба были" not in text.body   # the second sentence of the request is not repeated
    assert "В ответе от 18 марта 2026 г. не учтено:" in text.body
    assert "- не рассмотрен номер 24815162" in text.body
    assert "- не рассмотрено вложение «акт_приёмки_24815162.pdf»" in text.body
    assert "- нет ответа на просьбу «Вернуть удержанные 15 400,00 ₽»" in text.body
    assert "4417-229-883" in text.body and "5 рабочих дней" in text.body


def test_escalation_after_silence_has_no_list_of_misses():
    text = draft(2, replace(WB, last_reply_at=None, unaddressed=()))
    assert "не учтено" not in text.body
    assert "Наша просьба:" in text.body


def test_a_reply_without_listed_misses_still_says_it_did_not_decide():
    text = draft(2, replace(WB, unaddressed=()))
    assert "- ответ не содержит решения по нашей просьбе" in text.body


def test_profile_department_by_kind():
    assert "финансовый отдел" in draft(3, WB).subject
    tech = replace(WB, case=replace(WB.case, kind="technical"))
    assert "технический отдел" in draft(3, tech).body
    legal = replace(WB, case=replace(WB.case, kind="documents"))
    assert "юридический отдел" in draft(3, legal).body


def test_no_dialog_number_still_gives_a_whole_text():
    facts = replace(WB, case=replace(WB.case, external_number=""), references=(), unaddressed=())
    for level in range(1, 7):
        text = draft(level, facts)
        assert text.subject and text.body
        assert "№ ," not in text.body and "{" not in text.body and "№ ." not in text.body


def test_an_empty_request_falls_back_to_a_plain_ask():
    facts = replace(WB, case=replace(WB.case, request="", requests=()), references=(), amount=None)
    assert ask_sentence(facts, "ru") == "Просим рассмотреть обращение по существу и сообщить решение (№ 24815162)."
    facts = replace(facts, case=replace(facts.case, identifiers=()))
    assert ask_sentence(facts, "ru") == "Просим рассмотреть обращение по существу и сообщить решение."


def test_first_sentence_keeps_dates_and_numbers():
    sentence = first_sentence("Просим вернуть 1 500,50 ₽ за 12.03.2026. Спасибо!")
    assert sentence == "Просим вернуть 1 500,50 ₽ за 12.03.2026"
    assert first_sentence("请退款。谢谢") == "请退款"


def test_vendor_variants_are_in_chinese():
    facts = vendor_facts()
    reminder = draft(1, facts)
    assert reminder.language == "zh"
    assert "HW-20260316-0042" in reminder.subject
    assert "该工单已等待回复3天。" in reminder.body
    assert "2026年3月16日提交" in reminder.body
    senior = draft(2, facts)
    ask = _ask_line(senior.body, "我们的诉求：")
    assert ask.count("。") == 1 and ask.endswith("。") and "！" not in ask
    assert "订单 880031" in ask and "399.00" in ask
    assert "- 未查看附件「账单截图.png」" in senior.body
    assert "2026年3月17日的回复未涉及" in senior.body
    assert "转交财务部门" in draft(3, facts).body


def test_english_text_for_an_english_platform():
    facts = replace(WB, case=replace(WB.case, language="en"))
    text = draft(1, facts)
    assert "ticket 4417-229-883" in text.body and "for 5 business days." in text.body


def test_unknown_level_is_refused():
    with pytest.raises(ValueError):
        draft(7, WB)



def test_the_reply_assessments_stored_items_are_written_in_russian():
    # As ReplyAssessment.as_dict() stores them: msgid, params as text, the English rendering.
    stored = (
        {"msgid": "Number %(value)s is not mentioned.", "params": {"value": "24815162"}, "text": "…"},
        {"msgid": "The amount %(amount)s is not mentioned.", "params": {"amount": "15\u00a0400"}, "text": "…"},
        {"msgid": "The attached file %(name)s is not mentioned.", "params": {"name": "акт_приёмки.pdf"}, "text": "…"},
        {"msgid": "The request is not answered: «%(request)s».",
         "params": {"request": "Просим отменить штраф и вернуть удержанную сумму. Короба промаркированы."},
         "text": "…"},
    )
    text = draft(2, replace(WB, unaddressed=stored))
    assert "- не рассмотрен номер 24815162" in text.body
    assert "- не рассмотрена сумма 15 400,00 ₽" in text.body
    assert "- не рассмотрено вложение «акт_приёмки.pdf»" in text.body
    assert "- нет ответа на просьбу «Просим отменить штраф и вернуть удержанную сумму»\n" in text.body
