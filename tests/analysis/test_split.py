"""find_problems(): one case per problem in a mixed description, and a single problem left whole."""

from __future__ import annotations

import json

import pytest

from sellerdesk.analysis.data import dataset
from sellerdesk.analysis.split import find_problems

EXAMPLES = [json.loads(line) for line in dataset.MULTI.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["id"] for e in EXAMPLES])
def test_it_splits_the_labelled_examples_into_their_parts(example):
    problems = find_problems(example["text"], platform=example["platform"])
    assert [p.kind for p in problems] == example["parts"]


def test_parts_cover_their_sentences_in_order_and_carry_their_entities():
    text = ("Приёмка не принимает поставку 23456789 третий день, машина стоит у склада. "
            "Также с баланса списали 12 000 ₽ за хранение, хотя склад пустой.")
    logistics, finance = find_problems(text, platform="wb")
    assert (logistics.kind, finance.kind) == ("logistics", "finance")
    assert logistics.end <= finance.start
    assert "поставку 23456789" in text[logistics.start:logistics.end]
    assert ("supply", "23456789") in logistics.references
    assert any(e.kind == "money" for e in finance.entities)
    assert all(e.kind != "supply" for e in finance.entities)
    assert logistics.reason == finance.reason == "kind"
    assert logistics.topic is not None and logistics.topic.kind == "logistics"


def test_two_supplies_with_two_shortages_are_two_cases():
    text = ("По поставке 24681357 недостача: сдали 100 штук, в акте приёмки 86. "
            "По поставке 13572468 другая беда: три коробки не отсканировали, поставка принята с расхождением.")
    problems = find_problems(text, platform="ozon")
    assert [p.reason for p in problems] == ["entity", "entity"]
    assert [p.references for p in problems] == [[("supply", "24681357")], [("supply", "13572468")]]


def test_one_problem_about_several_orders_stays_whole():
    text = "Заказы 345678901234, 456789012345 и 567890123456 висят в статусе «на сборке» неделю. Покупатели пишут."
    assert len(find_problems(text, platform="wb")) == 1


def test_a_long_single_problem_description_is_not_split():
    text = ("Здравствуйте. 12.10 в отчёте появился штраф 25 000 ₽ с формулировкой «некорректные данные о товаре». "
            "Мы проверили карточку — все данные верные, габариты совпадают с фактическими. "
            "Фото замеров прикладываем, карточка не менялась с августа. "
            "Из-за этого штрафа выплата за неделю уменьшилась. "
            "Просим пояснить основание и отменить штраф.")
    problems = find_problems(text, platform="wb")
    assert len(problems) == 1
    assert problems[0].kind == "finance" and problems[0].reason == ""


def test_no_single_problem_description_of_the_held_out_set_is_split():
    wrongly = [e.id for e in dataset.load() if e.split == "test" and len(find_problems(e.text, e.platform)) > 1]
    assert wrongly == []


def test_a_one_sentence_text_is_one_problem_spanning_it():
    text = "отзыв с матом висит неделю"
    (problem,) = find_problems(text)
    assert problem.kind == "reviews"
    assert problem.spans == ((0, len(text)),)
    assert problem.text == text


def test_chinese_and_english_mixes_are_split():
    zh = find_problems("上周的结算款到现在还没到账。另外，仓库一直不收货，入库单已经过期了。", platform="wb")
    en = find_problems("I cannot log into Ozon Seller, the SMS code never arrives. "
                       "Another issue: the courier did not pick up our FBS shipment.", platform="ozon")
    assert [p.kind for p in zh] == ["finance", "logistics"]
    assert [p.kind for p in en] == ["access", "logistics"]
