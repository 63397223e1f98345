"""A templated reply is a brush-off; a reply that engages with the case is not, whatever its politeness."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sellerdesk.analysis.reply import CaseFacts, assess_reply

TODAY = dt.date(2026, 11, 16)
PENALTY = CaseFacts(platform="wb", identifiers=("88412051",), amounts=(Decimal("12450"),),
                    request="Просим вернуть удержание за логистику по поставке 88412051",
                    evidence=("акт_приемки_88412051.pdf",))


def msgids(messages):
    return [m.msgid for m in messages]


def test_passed_to_the_responsible_department_is_a_brush_off():
    result = assess_reply("Здравствуйте!\n\nВаше обращение передано ответственному отделу. Ожидайте, пожалуйста, "
                          "ответа.\n\nС уважением, команда поддержки продавцов", PENALTY, today=TODAY)
    assert result.brush_off and result.score >= 0.5
    phrases = [m.params["phrase"] for m in result.signs if m.msgid == "Set phrase: «%(phrase)s»."]
    assert "передано ответственному отделу" in phrases
    assert "Names none of the case's numbers (%(numbers)s)." in msgids(result.signs)


def test_a_link_to_the_help_centre_front_page_is_a_sign():
    result = assess_reply("Добрый день! Благодарим за обращение. Подробнее: https://seller.wildberries.ru/help-center",
                          PENALTY, today=TODAY)
    assert result.brush_off
    links = [m for m in result.signs if m.msgid.startswith("Links to the front page")]
    assert links and links[0].params["url"] == "https://seller.wildberries.ru/help-center"


def test_a_link_to_a_specific_article_is_not_the_front_page():
    result = assess_reply("Порядок расчёта описан здесь: https://seller.wildberries.ru/help-center/article/A-338",
                          CaseFacts(), today=TODAY)
    assert not any(m.msgid.startswith("Links to the front page") for m in result.signs)


def test_we_cannot_influence_without_a_word_of_the_case():
    result = assess_reply("Здравствуйте. К сожалению, мы не можем повлиять на решение по данному вопросу. Штрафы "
                          "начисляются в соответствии с офертой. Спасибо, что вы с нами!", PENALTY, today=TODAY)
    assert result.brush_off


def test_a_reply_that_names_the_supply_and_the_amount_is_not_a_brush_off():
    result = assess_reply(
        "Здравствуйте!\n\nПроверили поставку 88412051: при приёмке коробы пересчитали повторно, удержание "
        "12 450 ₽ за логистику начислено ошибочно. Сумма будет возвращена в течение 5 рабочих дней.\n\n"
        "Приносим извинения за неудобства.", PENALTY, today=TODAY)
    assert not result.brush_off and result.score < 0.5
    assert "Names the case's number %(value)s." in msgids(result.signs)
    assert "Names the amount %(amount)s." in msgids(result.signs)


def test_a_substantive_refusal_is_not_a_brush_off():
    facts = CaseFacts(identifiers=("88019234",), amounts=(Decimal("2100"),),
                      request="Просим отменить штраф за превышение габаритов по поставке 88019234")
    result = assess_reply(
        "Здравствуйте! Проверили штраф 2 100 ₽ по поставке 88019234. На фото замеров короб 60×40×40 см, но на складе "
        "зафиксирован короб 65×45×40 см. Штраф начислен корректно по пункту 3.4 правил приёмки.", facts, today=TODAY)
    assert not result.brush_off
    assert not result.resolved


def test_chinese_vendor_template_is_a_brush_off():
    facts = CaseFacts(platform="vendor", language="zh", identifiers=("58823311",),
                      request="请修复Ozon订单同步失败的问题，订单号58823311无法同步")
    result = assess_reply("您好！\n\n您的问题已转交相关部门处理，请耐心等待。感谢您对我们的支持！\n\n客服小美", facts,
                          today=TODAY)
    assert result.brush_off and result.language == "zh"
    phrases = " ".join(m.params.get("phrase", "") for m in result.signs)
    assert "转交相关部门" in phrases and "耐心等待" in phrases


def test_chinese_vendor_explaining_the_cause_is_not_a_brush_off():
    facts = CaseFacts(platform="vendor", language="zh", identifiers=("58823311",),
                      request="请修复Ozon订单同步失败的问题，订单号58823311无法同步")
    result = assess_reply("您好！我们查看了订单58823311的同步日志：11月10日Ozon接口返回了新的字段格式，"
                          "导致我们的解析失败。预计11月18日前发布修复版本。", facts, today=TODAY)
    assert not result.brush_off
    assert "Explains the cause." in msgids(result.signs)


def test_english_template_is_a_brush_off():
    result = assess_reply("Hi there,\n\nThank you for reaching out! Your request has been forwarded to the relevant "
                          "team and we will get back to you as soon as possible. We appreciate your patience.",
                          CaseFacts(amounts=(Decimal("49"),), request="Please refund the duplicate charge"),
                          today=TODAY)
    assert result.brush_off and result.language == "en"


def test_empty_reply_is_not_judged():
    result = assess_reply("", PENALTY, today=TODAY)
    assert not result.brush_off and 0 <= result.score <= 1
