"""A Chinese-speaking seller fills the form: numbers, dates and choices become Russian; free text is flagged."""

from __future__ import annotations

from sellerdesk.analysis.compose import AppealFields, compose
from sellerdesk.playbook import book


def _chinese_form(**extra) -> AppealFields:
    fields = dict(
        shop_name="丝路贸易", kind="logistics", work_model="FBS", when="2026年3月5日 14:30", count="3",
        essence="三箱货在仓库验收时丢失了。", request="compensate", urgency="sales_stopped",
        references=[("posting", "87654321-0012-1")], money_at_risk="6490", evidence=["验收单.pdf"],
        user_language="zh",
    )
    fields.update(extra)
    return AppealFields(**fields)


def test_it_turns_structured_fields_into_correct_russian():
    composed = compose(_chinese_form(), book("ozon"))
    assert composed.subject == "Компенсация по отправлению № 87654321-0012-1 от 05.03.2026"
    body = composed.body
    assert "Дата и время: 5 марта 2026 г., 14:30 МСК." in body
    assert "Модель работы: FBS (со своего склада)." in body
    assert "Затронуто позиций: 3." in body
    assert "- Отправление: № 87654321-0012-1" in body
    assert "Под риском сумма 6 490,00 ₽." in body
    assert "Просьба: Просим выплатить компенсацию" in body
    assert "Почему это срочно: Продажи по этим товарам остановлены." in body


def test_it_flags_chinese_free_text_and_keeps_it_marked():
    composed = compose(_chinese_form(), book("ozon"))
    assert [(f.field, f.language) for f in composed.flags] == [("essence", "zh")]
    message = composed.flags[0].message.render()
    assert "Chinese" in message and "Russian" in message and "Ozon" in message
    assert ("Суть: [исходный текст на языке: китайский; версия на русском будет добавлена] "
            "三箱货在仓库验收时丢失了。") in composed.body


def test_it_uses_the_sellers_own_russian_version_next_to_the_original():
    fields = _chinese_form(translations={"essence": "При приёмке на складе пропали три короба."})
    composed = compose(fields, book("ozon"))
    assert ("Суть: При приёмке на складе пропали три короба. "
            "(оригинал на языке «китайский»: 三箱货在仓库验收时丢失了。)") in composed.body
    assert composed.flags[0].field == "essence"
    assert "version is used" in composed.flags[0].message.render()


def test_it_never_translates_free_text_itself():
    composed = compose(_chinese_form(steps="我们按时发货了。", request_detail="请尽快处理。"), book("wb"))
    assert "我们按时发货了。" in composed.body and "请尽快处理。" in composed.body
    assert {f.field for f in composed.flags} == {"essence", "steps", "request_detail"}


def test_a_few_latin_words_in_russian_text_are_not_english():
    composed = compose(AppealFields(kind="technical", essence="Ошибка API при выгрузке FBS-заказов в 1С, код 500."),
                       book("wb"))
    assert composed.flags == []


def test_flag_messages_are_translatable_with_their_parameters():
    flag = compose(_chinese_form(), book("ozon")).flags[0]
    catalog = {"essence": "суть", "Chinese": "китайском", "Russian": "русском"}
    rendered = flag.message.render(lambda s: catalog.get(s, s))
    assert "суть" in rendered and "китайском" in rendered
