"""Shared pieces of the replies and agreements tests (no tests in this file).

`assessments` is a fixture: it leaves the real `analysis.reply.assess_reply` in place once it is
implemented, and until then stands in for it with a crude reader of the same three replies the tests use.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from sellerdesk.analysis import reply
from sellerdesk.analysis.i18n import Message

# A WB brush-off: generic phrases, the help center's front page, no supply number, no amount.
WB_BRUSH_OFF = """Здравствуйте!

Благодарим за обращение. Информацию по удержаниям и штрафам вы можете найти в разделе «Помощь»: \
https://seller.wildberries.ru/help-center

Штрафы начисляются в соответствии с офертой. Если у вас остались вопросы, пожалуйста, создайте новое обращение.

С уважением, служба поддержки Wildberries"""

# A reply that asks for photos and a document: the case goes to "on us".
WB_ASKS_PHOTOS = """Здравствуйте!

Для проверки информации по поставке № 24815162 просим вас предоставить фотографии коробов с этикетками \
и приложить акт приёмки-передачи товара (ТОРГ-12). После получения документов мы передадим обращение \
на проверку.

С уважением, служба поддержки Wildberries"""

# A reply that promises an answer in three working days.
WB_PROMISE = """Здравствуйте!

Мы проверили информацию по поставке № 24815162. Ваше обращение передано в профильный отдел, \
решение по штрафу 15 400 ₽ будет принято в течение 3 рабочих дней.

С уважением, служба поддержки Wildberries"""


def _real_is_there() -> bool:
    try:
        reply.assess_reply("Здравствуйте", reply.CaseFacts())
    except NotImplementedError:
        return False
    return True


def _working_days(start: dt.date, days: int) -> dt.date:
    day = start
    while days:
        day += dt.timedelta(days=1)
        days -= day.weekday() < 5
    return day


class _Stub:
    def __init__(self, **fields):
        self.__dict__.update(fields)

    def as_dict(self) -> dict:
        return {"brush_off": self.brush_off, "score": self.score,
                "signs": [{"msgid": m.msgid, "params": m.params} for m in self.signs],
                "unaddressed": [{"msgid": m.msgid, "params": m.params} for m in self.unaddressed],
                "asks": self.asks, "promises": [{"text": p.text, "due": p.due.isoformat() if p.due else None}
                                                for p in self.promises],
                "resolved": False, "language": "ru"}


def _stub(text: str, facts=None, *, today=None):
    today = today or dt.date.today()
    brush_off = "help-center" in text and "24815162" not in text
    asks = [phrase for phrase in ("фотографии коробов с этикетками", "акт приёмки-передачи товара (ТОРГ-12)")
            if phrase in text]
    promises = []
    if match := re.search(r"[^.]*в течение (\d+) рабочих дней", text):
        promises.append(reply.Promise(match.group(0).strip(), _working_days(today, int(match.group(1)))))
    return _Stub(brush_off=brush_off, score=0.9 if brush_off else 0.1,
                 signs=[Message("Links to the help center's front page")] if brush_off else [],
                 unaddressed=[Message("Does not mention %(what)s", {"what": "24815162"})] if brush_off else [],
                 asks=asks, promises=promises)


@pytest.fixture
def assessments(monkeypatch):
    if not _real_is_there():
        monkeypatch.setattr(reply, "assess_reply", _stub)
