"""The playbook's legal data: marketplaces' entities and what a claim cites, per problem kind."""

import datetime as dt

from sellerdesk import playbook
from sellerdesk.cases.choices import Kind
from sellerdesk.language.identifiers import is_valid_inn
from sellerdesk.playbook import legal


def test_every_marketplace_but_the_vendor_has_a_legal_entity_with_valid_numbers():
    entities = legal.counterparties()
    assert set(entities) == set(playbook.platforms()) - {"vendor"}
    for code, entity in entities.items():
        assert entity.name.startswith("Общество с ограниченной ответственностью"), code
        assert is_valid_inn(entity.inn), code
        assert not entity.ogrn or legal.is_valid_ogrn(entity.ogrn), code
        assert entity.address and entity.offer and entity.checked, code
    assert entities["wb"].short_name == "ООО «РВБ»" and entities["wb"].inn == "9714053621"
    assert entities["ozon"].short_name == "ООО «Интернет Решения»" and entities["ozon"].ogrn == "1027739244741"
    assert legal.counterparty("vendor") is None


def test_every_problem_kind_proposes_existing_articles_and_demands():
    for kind in Kind.values:
        grounds = legal.grounds(kind)
        assert grounds.articles and grounds.demands, kind
        assert all(a.title and a.text and a.zh for a in grounds.articles), kind
    finance = [a.code for a in legal.grounds("finance").articles]
    assert {"309", "310", "393", "395", "1102", "1107"} <= set(finance)
    storage = [a.code for a in legal.grounds("logistics").articles]
    assert {"886", "891", "901", "902"} <= set(storage)


def test_the_vendor_gets_service_articles_and_chinese_demands():
    grounds = legal.grounds("technical", "vendor", "zh")
    assert {"779", "781", "782"} <= {a.code for a in grounds.articles}
    assert all("{total}" in d or "{external_number}" in d for d in grounds.demands)
    assert any("退还" in d for d in grounds.demands)
    assert legal.texts("zh")["title"].startswith("正式索赔函")


def test_the_answer_period_is_thirty_calendar_days():
    assert legal.answer_days() == 30
    assert legal.answer_due(dt.date(2026, 12, 15)) == dt.date(2027, 1, 14)  # across New Year holidays too
    assert legal.answer_due(dt.date(2026, 12, 15), 10) == dt.date(2026, 12, 25)


def test_placeholders_are_filled_and_foreign_braces_survive():
    assert legal.fill("Вернуть {total} по {references} {x}", total="15 400,00 ₽", references="24815162") == \
        "Вернуть 15 400,00 ₽ по 24815162 {x}"


def test_ogrn_check_digits():
    assert legal.is_valid_ogrn("1247700471919") and legal.is_valid_ogrn("1027739244741")
    assert legal.is_valid_ogrn("304500116000157")  # an individual entrepreneur's OGRNIP
    for bad in ("1247700471918", "124770047191", "", "12477004719１9", "abcdefghijklm"):
        assert not legal.is_valid_ogrn(bad), bad
