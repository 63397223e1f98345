"""The assessment is stored as JSON in the incoming message event and read back; its messages are English msgids."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path

from sellerdesk.analysis import reply
from sellerdesk.analysis.i18n import Message
from sellerdesk.analysis.reply import CaseFacts, ReplyAssessment, assess_reply

FACTS = CaseFacts(identifiers=("88412051", "3518820794"), amounts=(Decimal("12450"),),
                  request="Просим вернуть удержание по поставке 88412051", evidence=("акт.pdf",))
TEXT = ("Здравствуйте! Ваше обращение передано ответственному отделу. Ответ придёт в ближайшее время. "
        "Пришлите, пожалуйста, фото упаковки. https://seller.wildberries.ru/help-center")


def test_as_dict_is_json_and_reads_back():
    result = assess_reply(TEXT, FACTS, today=dt.date(2026, 11, 16))
    data = json.loads(json.dumps(result.as_dict(), ensure_ascii=False))
    assert data["brush_off"] is True and 0 <= data["score"] <= 1
    assert data["promises"][0]["due"] == "2026-11-19" and data["promises"][0]["horizon"] is True
    assert data["promise_due"] == "2026-11-19"
    again = ReplyAssessment.from_dict(data)
    assert again.brush_off == result.brush_off and again.asks == result.asks and again.promises == result.promises
    assert [m.msgid for m in again.signs] == [m.msgid for m in result.signs]
    assert [m.render() for m in again.unaddressed] == [m.render() for m in result.unaddressed]


def test_from_dict_tolerates_missing_and_old_keys():
    assert ReplyAssessment.from_dict({}).brush_off is False
    read = ReplyAssessment.from_dict({"score": 0.7, "signs": ["plain text"], "promises": [{"text": "x"}], "extra": 1})
    assert read.signs == [Message("plain text")] and read.promises[0].due is None


def test_every_message_is_a_marked_english_msgid():
    source = Path(reply.__file__).read_text(encoding="utf-8")
    marked = set(re.findall(r'gettext_noop\(\s*"((?:[^"\\]|\\.)*)"', source))
    result = assess_reply(TEXT, FACTS, today=dt.date(2026, 11, 16))
    good = assess_reply("Проверили поставку 88412051: удержание 12 450 ₽ отменено, потому что короба пересчитали. "
                        "Сумма будет возвращена до 20 ноября. Укажите номер ШК.", FACTS, today=dt.date(2026, 11, 16))
    messages = result.signs + result.unaddressed + good.signs + good.unaddressed
    assert messages
    for message in messages:
        assert message.msgid in marked, message.msgid
        assert message.msgid.isascii() or "«" in message.msgid
        message.render()
