"""What the reply did not mention: our numbers, amounts (in any formatting), request and attached files."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sellerdesk.analysis.reply import CaseFacts, assess_reply

TODAY = dt.date(2026, 11, 18)


def unaddressed(result, msgid_start):
    return [m for m in result.unaddressed if m.msgid.startswith(msgid_start)]


def test_amounts_match_whatever_the_formatting():
    facts = CaseFacts(amounts=(Decimal("12450"), Decimal("3490.50")))
    for text in ("Вернём 12 450,00 ₽ и 3 490,50 ₽.", "Вернём 12450 руб. и 3490.50 руб.", "退还12450卢布和3490.50卢布。",
                 "Вернём 12\u00a0450 ₽ и 3\u202f490,50 ₽"):
        assert not unaddressed(assess_reply(text, facts, today=TODAY), "The amount"), text


def test_an_amount_not_named_is_listed():
    facts = CaseFacts(amounts=(Decimal("41200"),))
    result = assess_reply("Подробную информацию об удержаниях можно посмотреть в отчёте.", facts, today=TODAY)
    [message] = unaddressed(result, "The amount")
    assert message.params["amount"] == "41\u00a0200"


def test_identifiers_match_without_punctuation_and_prefixes():
    facts = CaseFacts(identifiers=("WB-GI-91822417", "48572913-0017-1", "nm 190882345"))
    result = assess_reply("По поставке wb-gi-91822417, отправлению 48572913-0017-1 и карточке 190882345 всё проверили.",
                          facts, today=TODAY)
    assert not unaddressed(result, "Number")


def test_identifiers_not_named_are_listed_each():
    facts = CaseFacts(identifiers=("88412051", "3518820794"))
    result = assess_reply("Здравствуйте! По поставке 88412051 приёмка завершена 12 ноября.", facts, today=TODAY)
    assert [m.params["value"] for m in unaddressed(result, "Number")] == ["3518820794"]


def test_request_matched_by_lemmas():
    facts = CaseFacts(request="Просим восстановить карточку товара после блокировки")
    engaged = assess_reply("Карточку товара заблокировали из-за декларации; блокировку снимем после проверки.", facts,
                           today=TODAY)
    assert not unaddressed(engaged, "The request")
    ignored = assess_reply("Благодарим за обращение! Хорошего дня.", facts, today=TODAY)
    [message] = unaddressed(ignored, "The request")
    assert message.params["request"] == facts.request


def test_chinese_request_matched_by_words():
    facts = CaseFacts(language="zh", request="请退还重复扣除的广告费")
    result = assess_reply("您好！重复扣除的广告费已经退回到您的广告账户。", facts, today=TODAY)
    assert not unaddressed(result, "The request")


def test_evidence_mentioned_by_its_words_or_as_attachments():
    facts = CaseFacts(evidence=("акт_приемки.pdf", "фото_маркировки.jpg", "выписка_банка.pdf"))
    result = assess_reply("По акту приёмки расхождений нет, маркировка на фото верная.", facts, today=TODAY)
    assert [m.params["name"] for m in unaddressed(result, "The attached file")] == ["выписка_банка.pdf"]
    thanks = assess_reply("Спасибо за приложенные файлы, мы их изучили.", facts, today=TODAY)
    assert not unaddressed(thanks, "The attached file")
