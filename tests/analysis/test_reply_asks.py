"""What support asks us for becomes a checklist: one short item per thing."""

from __future__ import annotations

import datetime as dt

from sellerdesk.analysis.reply import assess_reply

TODAY = dt.date(2026, 11, 23)


def asks(text):
    return assess_reply(text, today=TODAY).asks


def test_russian_imperatives_one_item_each():
    items = asks("Для проверки утери укажите, пожалуйста, номер ШК короба и приложите фото товара с этикеткой до "
                 "отгрузки. После этого передадим запрос на склад.")
    assert items == ["укажите номер ШК короба", "приложите фото товара с этикеткой до отгрузки"]


def test_clause_after_the_ask_is_not_part_of_it():
    [item] = asks("Пришлите, пожалуйста, номер поставки — проверим приёмку.")
    assert item == "Пришлите номер поставки"


def test_please_provide_phrasing():
    [item] = asks("Просим предоставить УПД по поставке 88561273.")
    assert "УПД" in item


def test_a_list_after_a_colon():
    items = asks("Для рассмотрения пришлите:\n- фото упаковки\n- номер поставки\n- УПД")
    assert items[-3:] == ["фото упаковки", "номер поставки", "УПД"]


def test_chinese_asks_and_the_verb_after_a_comma():
    items = asks("您好！请您把出错的模板文件直接发给我们，并告知使用的浏览器版本，我们复现后给您答复。")
    assert any("模板文件" in i for i in items) and any("浏览器版本" in i for i in items)
    items = asks("麻烦再补充一下物流单号和外箱照片，我们需要拿这些去找快递公司理赔。")
    assert items == ["麻烦再补充一下物流单号和外箱照片"]


def test_english_asks():
    items = asks("Please send us your Ozon Client ID and one order number that did not import, and generate a new "
                 "API key in the Ozon seller cabinet.")
    assert items[0].startswith("Please send us your Ozon Client ID") and items[1].startswith("generate a new API key")


def test_advice_and_write_again_are_not_asks():
    assert asks("Рекомендуем ознакомиться с разделом «Помощь». Если остались вопросы — создайте новое обращение.") == []
    assert asks("感谢您的理解，请耐心等待，请参阅帮助中心。") == []
    assert asks("Please refer to our Help Center.") == []
