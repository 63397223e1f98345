"""The first paragraph should carry the essence in a sentence or two, not the whole story."""

from __future__ import annotations

from tests.analysis.appeal_samples import PENALTY_BODY, codes, finding

STORY = ("Всё началось в понедельник, когда мы собрали поставку № 24815162 и повезли её на склад Коледино, "
         "там была большая очередь, водитель ждал несколько часов, потом коробы приняли, но не все сразу, "
         "а через день нам написали, что двух коробов нет, хотя мы их точно отправляли, у нас есть опись, "
         "и фото, и видео погрузки, и водитель тоже подтверждает, что сдал десять коробов, а не восемь, "
         "и теперь нам начислили штраф за несоответствие количества, а мы считаем это несправедливым. ")


def test_a_short_first_paragraph_after_the_greeting_is_quiet():
    assert "paragraph.first_long" not in codes()


def test_it_warns_about_a_long_first_paragraph():
    body = PENALTY_BODY.replace("Пишет ИП", STORY + "Пишет ИП")
    result = finding("paragraph.first_long", body=body)
    assert result.severity == "warning"
    assert body[result.start:result.end].startswith("Всё началось")
